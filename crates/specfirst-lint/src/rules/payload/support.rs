//! Helpers shared by the PAYLOAD, ERROR, PAGE and QUERY rules: the JSON
//! bodies of responses, the API's error schema (D5), collection item
//! schemas, parameter schemas, name patterns and the pagination styles.

use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::{NameCase, Options, Pagination};
use specfirst_diagnostics::{Diagnostic, Severity};
use specfirst_source::{Bundle, ref_of};

use crate::defs::schema_walk::{properties, responses, type_of};
use crate::defs::{media, status};
pub(crate) use crate::model::addr;
pub(crate) use crate::model::label;
use crate::model::{Model, Operation, Parameter};

/// Lowers a finding to `to`, for rules whose checks have two severities
/// (it never raises a level the configuration lowered).
pub(crate) fn lower(d: &mut Diagnostic, to: Severity) {
    d.severity = d.severity.min(to);
}

/// The node to report a parameter at: its `name` value.
pub(crate) fn name_node<'a>(p: &Parameter<'a>) -> &'a Value {
    p.value.get("name").unwrap_or(p.value)
}

/// A body (one content entry) of a response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Body<'a> {
    /// The response key (`200`, `4XX`, `default`).
    pub status: &'a str,
    /// The content key.
    pub media: &'a str,
    /// The schema as written (possibly a `$ref`).
    pub written: &'a Value,
    /// The schema, resolved, and the document it is in.
    pub schema: &'a Value,
    pub doc: usize,
}

/// The JSON bodies (D8) of the operation's responses whose key `keep` accepts.
pub(crate) fn json_bodies<'a>(
    bundle: &'a Bundle,
    op: &Operation<'a>,
    keep: impl Fn(&str) -> bool,
) -> Vec<Body<'a>> {
    let mut out = Vec::new();
    for (key, rdoc, response) in responses(bundle, op) {
        if !keep(key) {
            continue;
        }
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            continue;
        };
        for (media_key, mt) in content {
            if !media::is_json(media_key) {
                continue;
            }
            let Some((mdoc, mt)) = bundle.resolve(rdoc, mt).ok() else {
                continue;
            };
            let Some(written) = mt.get("schema") else {
                continue;
            };
            let Some((doc, schema)) = bundle.resolve(mdoc, written).ok() else {
                continue;
            };
            out.push(Body {
                status: key,
                media: media_key,
                written,
                schema,
                doc,
            });
        }
    }
    out
}

/// The name of a schema for messages: its component name, or `(inline)`.
pub(crate) fn schema_name(bundle: &Bundle, written: &Value, resolved: &Value) -> String {
    if let Some(r) = ref_of(written)
        && let Some(last) = r.rsplit('/').next()
        && !last.is_empty()
    {
        return format!("`{last}`");
    }
    if let Some(d) = bundle.document_of(resolved)
        && let Some(ptr) = bundle.document(d).pointer_of(resolved)
        && let Some(name) = ptr
            .strip_prefix("/components/schemas/")
            .or_else(|| ptr.strip_prefix("/definitions/"))
        && !name.contains('/')
    {
        return format!("`{name}`");
    }
    "(inline)".to_owned()
}

/// One distinct schema of the API's error responses (D5).
#[derive(Debug, Clone)]
pub(crate) struct ErrorSchema<'a> {
    pub schema: &'a Value,
    pub doc: usize,
    /// How messages name it (`` `Error` `` or `(inline)`).
    pub name: String,
    /// Every use: (operation label, response key, schema as written).
    pub uses: Vec<(String, &'a str, &'a Value)>,
    /// Its [`structure`], to compare formats.
    pub shape: Value,
    /// Written inline (not a `$ref`).
    pub inline: bool,
}

/// A schema without its annotations and value lists (`description`,
/// `title`, `example(s)`, `enum`, `const`, `default`, `x-*`): inline error
/// schemas that differ only in the codes or texts they list have one
/// structure.
pub(crate) fn structure(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !k.starts_with("x-")
                        && !matches!(
                            k.as_str(),
                            "description"
                                | "title"
                                | "example"
                                | "examples"
                                | "enum"
                                | "const"
                                | "default"
                                | "externalDocs"
                        )
                })
                .map(|(k, v)| (k.clone(), structure(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(structure).collect()),
        other => other.clone(),
    }
}

/// Whether a 406 body is the media-type list of VERSION-004 (an array), which
/// D5 leaves out of the error schema.
fn is_media_type_list(status: &str, schema: &Value) -> bool {
    status == "406" && type_of(schema) == Some("array")
}

/// The API's error schema (D5): the distinct JSON schemas of error
/// responses, in order of first use. Distinct means a different `$ref`
/// target, or a different structure for inline schemas.
pub(crate) fn error_schemas<'a>(bundle: &'a Bundle, model: &Model<'a>) -> Vec<ErrorSchema<'a>> {
    let mut out: Vec<ErrorSchema<'a>> = Vec::new();
    for op in &model.operations {
        for body in json_bodies(bundle, op, status::is_error) {
            if is_media_type_list(body.status, body.schema) {
                continue;
            }
            let inline = ref_of(body.written).is_none();
            let shape = structure(body.schema);
            let found = out.iter_mut().find(|e| {
                std::ptr::eq(e.schema, body.schema) || (inline && e.inline && e.shape == shape)
            });
            let use_ = (label(op), body.status, body.written);
            if let Some(e) = found {
                e.uses.push(use_);
            } else {
                out.push(ErrorSchema {
                    schema: body.schema,
                    doc: body.doc,
                    name: schema_name(bundle, body.written, body.schema),
                    uses: vec![use_],
                    shape,
                    inline,
                });
            }
        }
    }
    out
}

/// The schema of a parameter (`schema`, or the first `content` schema), resolved.
pub(crate) fn param_schema<'a>(
    bundle: &'a Bundle,
    p: &Parameter<'a>,
) -> Option<(usize, &'a Value)> {
    let written = p.value.get("schema").or_else(|| {
        p.value
            .get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.values().next())
            .and_then(|mt| mt.get("schema"))
    })?;
    bundle.resolve(p.doc, written).ok()
}

/// Whether a property name follows the configured case (`any`: always).
pub(crate) fn matches_case(name: &str, case: NameCase) -> bool {
    let mut chars = name.chars();
    let first_lower = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    match case {
        NameCase::Any => true,
        NameCase::CamelCase => first_lower && name.chars().all(|c| c.is_ascii_alphanumeric()),
        NameCase::SnakeCase => {
            first_lower
                && name.split('_').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        }
    }
}

/// How many names must share one other style before a document counts as
/// following it on purpose (see [`deliberate_style`]).
pub(crate) const DELIBERATE_STYLE_MIN: usize = 10;

/// The spelling style of a name that breaks the configured case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameStyle {
    /// `user_id`
    SnakeCase,
    /// `userId`
    CamelCase,
    /// `UserId`
    PascalCase,
    /// `USER_ID`
    ScreamingSnakeCase,
    /// lower case with runs of `_` (`name__ic`, Django-style lookups)
    LooseSnakeCase,
    /// anything else
    Other,
}

impl NameStyle {
    pub(crate) fn of(name: &str) -> Self {
        let bytes = name.as_bytes();
        let Some(&first) = bytes.first() else {
            return Self::Other;
        };
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if !bytes.iter().all(|&b| word(b)) {
            return Self::Other;
        }
        let has_lower = bytes.iter().any(u8::is_ascii_lowercase);
        let has_upper = bytes.iter().any(u8::is_ascii_uppercase);
        let has_underscore = bytes.contains(&b'_');
        if first.is_ascii_lowercase() && !has_upper {
            if matches_case(name, NameCase::SnakeCase) {
                Self::SnakeCase
            } else {
                Self::LooseSnakeCase
            }
        } else if first.is_ascii_lowercase() && !has_underscore {
            Self::CamelCase
        } else if first.is_ascii_uppercase() && has_lower && !has_underscore {
            Self::PascalCase
        } else if first.is_ascii_uppercase() && !has_lower {
            Self::ScreamingSnakeCase
        } else {
            Self::Other
        }
    }

    /// Styles counted as one convention: snake_case and its `__` lookups
    /// (`created`, `created__gte`) come from the same naming scheme.
    pub(crate) fn family(self) -> Self {
        match self {
            Self::LooseSnakeCase => Self::SnakeCase,
            other => other,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::SnakeCase => "snake_case",
            Self::CamelCase => "lowerCamelCase",
            Self::PascalCase => "PascalCase",
            Self::ScreamingSnakeCase => "SCREAMING_SNAKE_CASE",
            Self::LooseSnakeCase => "lower case with `__` separators",
            Self::Other => "mixed",
        }
    }

    /// The option value that accepts this style.
    pub(crate) fn option_value(self) -> &'static str {
        match self {
            Self::SnakeCase => "snake_case",
            Self::CamelCase => "camelCase",
            _ => "any",
        }
    }
}

/// Whether a name has a word boundary that only `case` spells this way
/// (`userId` for camelCase, `user_id` for snake_case); one-word lower-case
/// names follow both cases and say nothing about which one a document uses.
fn shows_case(name: &str, case: NameCase) -> bool {
    match case {
        NameCase::CamelCase => name.bytes().any(|b| b.is_ascii_uppercase()),
        NameCase::SnakeCase => name.contains('_'),
        NameCase::Any => false,
    }
}

/// The style a document follows instead of the configured case, when it
/// follows it on purpose: at least [`DELIBERATE_STYLE_MIN`] names breaking
/// the case share one style (snake_case, PascalCase, ...), and they
/// outnumber the multi-word names spelled in the configured case (styles
/// are compared by [`NameStyle::family`]). Rules
/// then report one finding for the document instead of one per name (an
/// API written in snake_case throughout would otherwise get tens of
/// thousands of identical findings), and still report each name in any
/// other style.
pub(crate) fn deliberate_style<'n>(
    names: impl IntoIterator<Item = &'n str>,
    case: NameCase,
) -> Option<NameStyle> {
    if case == NameCase::Any {
        return None;
    }
    let mut configured = 0usize;
    let mut styles: Vec<(NameStyle, usize)> = Vec::new();
    for name in names {
        if matches_case(name, case) {
            configured += usize::from(shows_case(name, case));
            continue;
        }
        let style = NameStyle::of(name).family();
        if style == NameStyle::Other {
            continue;
        }
        match styles.iter_mut().find(|(s, _)| *s == style) {
            Some((_, n)) => *n += 1,
            None => styles.push((style, 1)),
        }
    }
    let (style, count) = styles.into_iter().max_by_key(|&(_, n)| n)?;
    (count >= DELIBERATE_STYLE_MIN && count > configured).then_some(style)
}

/// The names of a document that break the configured case, split by
/// [`deliberate_style`]: those reported one by one, and those summed up in
/// one finding.
pub(crate) struct CaseBreaks<'n, T> {
    pub individual: Vec<&'n T>,
    pub deliberate: Option<DeliberateStyle<'n, T>>,
}

/// The names written in a document's deliberate style.
pub(crate) struct DeliberateStyle<'n, T> {
    pub style: NameStyle,
    /// The first of them, where the one finding is reported.
    pub first: &'n T,
    pub count: usize,
}

/// Splits `items` (named by `name`) that break `case`.
pub(crate) fn case_breaks<'n, T>(
    items: &'n [T],
    name: impl Fn(&T) -> &str,
    case: NameCase,
) -> CaseBreaks<'n, T> {
    let style = deliberate_style(items.iter().map(&name), case);
    let mut breaks = CaseBreaks {
        individual: Vec::new(),
        deliberate: None,
    };
    for item in items {
        let n = name(item);
        if matches_case(n, case) {
            continue;
        }
        match style.filter(|&s| NameStyle::of(n).family() == s) {
            Some(style) => {
                breaks
                    .deliberate
                    .get_or_insert(DeliberateStyle {
                        style,
                        first: item,
                        count: 0,
                    })
                    .count += 1;
            }
            None => breaks.individual.push(item),
        }
    }
    breaks
}

impl<T> DeliberateStyle<'_, T> {
    /// The finding's message and help: `what` names the names ("property
    /// names"), `unit` counts them ("names"), `option` is the option to set.
    pub(crate) fn message_and_help(
        &self,
        what: &str,
        unit: &str,
        option: &str,
        first: &str,
        case: NameCase,
    ) -> (String, String) {
        let style = self.style.label();
        let message = format!(
            "{what} are {style}, not {}: {} {unit} in this document, starting with `{first}`",
            case_label(case),
            self.count,
        );
        let help = format!(
            "if {style} is this API's convention, set `{option}: {}`; otherwise rename them \
             (`{first}` → `{}`). Names in other styles are reported one by one",
            self.style.option_value(),
            suggest(first, case)
        );
        (message, help)
    }
}

/// The name of a case, for messages.
pub(crate) fn case_label(case: NameCase) -> &'static str {
    match case {
        NameCase::CamelCase => "lowerCamelCase",
        NameCase::SnakeCase => "snake_case",
        NameCase::Any => "any case",
    }
}

/// The pattern of a case, for messages.
pub(crate) fn case_pattern(case: NameCase) -> &'static str {
    match case {
        NameCase::CamelCase => "^[a-z][a-zA-Z0-9]*$",
        NameCase::SnakeCase => "^[a-z][a-z0-9]*(_[a-z0-9]+)*$",
        NameCase::Any => ".*",
    }
}

/// A name spelled in camelCase, for help texts (`user_id` → `userId`).
pub(crate) fn suggest(name: &str, case: NameCase) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let words = crate::defs::words::tokenize(&cleaned);
    match case {
        NameCase::SnakeCase => words.join("_"),
        _ => {
            let mut out = String::new();
            for (i, w) in words.iter().enumerate() {
                if i == 0 {
                    out.push_str(w);
                } else {
                    let mut c = w.chars();
                    if let Some(f) = c.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(c.as_str());
                    }
                }
            }
            out
        }
    }
}

/// The two query parameters of a pagination style: (position, page size).
pub(crate) fn style_params(p: Pagination) -> [&'static str; 2] {
    match p {
        Pagination::OffsetLimit => ["offset", "limit"],
        Pagination::PageSize => ["page", "size"],
        Pagination::StartIndex => ["pageStartIndex", "pageSize"],
    }
}

/// The style a pagination parameter name belongs to.
pub(crate) fn style_of(name: &str) -> Option<Pagination> {
    [
        Pagination::OffsetLimit,
        Pagination::PageSize,
        Pagination::StartIndex,
    ]
    .into_iter()
    .find(|s| style_params(*s).contains(&name))
}

/// Whether a parameter's schema is an integer (or declares no type).
pub(crate) fn integer_or_untyped(bundle: &Bundle, p: &Parameter<'_>) -> bool {
    param_schema(bundle, p)
        .is_none_or(|(_, s)| matches!(type_of(s), None | Some("integer" | "number")))
}

/// Query parameters that page a list, whatever their style: the three
/// rulebook styles, and cursors and page sizes under other common names.
pub(crate) fn is_any_pagination_param(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        n.as_str(),
        "offset"
            | "limit"
            | "page"
            | "size"
            | "pagesize"
            | "pagestartindex"
            | "perpage"
            | "pagenumber"
            | "pagetoken"
            | "nextpagetoken"
            | "pagecursor"
            | "cursor"
            | "after"
            | "before"
            | "startingafter"
            | "endingbefore"
            | "skip"
            | "top"
            | "first"
            | "last"
            | "marker"
            | "continuation"
            | "continuationtoken"
            | "nexttoken"
            | "maxresults"
            | "maxitems"
            | "count"
            | "start"
            | "startindex"
            | "since"
    )
}

/// Whether the operation declares query parameters of one of the rulebook's
/// three pagination styles (integers): it is *paginated* for PAGE-005..007.
pub(crate) fn is_paginated(bundle: &Bundle, op: &Operation<'_>) -> bool {
    op.parameters.iter().any(|p| {
        p.location == "query" && style_of(p.name).is_some() && integer_or_untyped(bundle, p)
    })
}

/// Whether a `GET` is a paginated list: it has pagination parameters
/// ([`is_paginated`]) and is on a collection or store path (D2) or returns a
/// list (a top-level array or a `data` array). A `limit` on a generator or
/// a search that returns one object is not pagination.
pub(crate) fn is_paginated_list(bundle: &Bundle, model: &Model<'_>, op: &Operation<'_>) -> bool {
    op.method == "get"
        && is_paginated(bundle, op)
        && (model.kind(op.path.key).is_some_and(|k| k.is_collection())
            || json_bodies(bundle, op, |s| s == "200")
                .iter()
                .any(|b| is_list(bundle, b)))
}

/// Whether a body is a list: a top-level array, or an object with a `data` array.
pub(crate) fn is_list(bundle: &Bundle, b: &Body<'_>) -> bool {
    type_of(b.schema) == Some("array")
        || properties(bundle, b.doc, b.schema)
            .iter()
            .any(|(n, _, v, _)| *n == "data" && type_of(v) == Some("array"))
}

/// The list a collection body holds: the items schema of a top-level array
/// or of the `data` array. Returns (document, item schema resolved).
pub(crate) fn item_schema<'a>(
    bundle: &'a Bundle,
    doc: usize,
    schema: &'a Value,
) -> Option<(usize, &'a Value)> {
    let array = if type_of(schema) == Some("array") {
        (doc, schema)
    } else {
        let (_, d, data, _) = properties(bundle, doc, schema)
            .into_iter()
            .find(|(n, ..)| *n == "data")?;
        if type_of(data) != Some("array") {
            return None;
        }
        (d, data)
    };
    let items = array.1.get("items")?;
    bundle.resolve(array.0, items).ok()
}

/// The JSON `200` bodies of `GET` on the path `key`.
pub(crate) fn get_200_bodies<'a>(
    bundle: &'a Bundle,
    model: &Model<'a>,
    key: &str,
) -> Vec<Body<'a>> {
    model
        .operations
        .iter()
        .filter(|o| o.method == "get" && o.path.key == key)
        .flat_map(|o| json_bodies(bundle, o, |s| s == "200"))
        .collect()
}

/// The item path of a collection (`/pets` → `/pets/{petId}`), if declared.
pub(crate) fn item_path<'a>(model: &Model<'a>, collection: &str) -> Option<&'a str> {
    model.path_items.iter().map(|p| p.key).find(|k| {
        k.strip_prefix(collection)
            .and_then(|r| r.strip_prefix('/'))
            .is_some_and(|r| !r.contains('/') && r.starts_with('{') && r.ends_with('}'))
    })
}

/// Whether two resolved schemas are the same: one node, or equal structures.
pub(crate) fn same_schema(a: &Value, b: &Value) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// When body `b` has none of the schemas in `expected` (those of its own
/// media type, or all when none shares it): the names of `b`'s schema and of
/// the first expected one, for the message.
pub(crate) fn schema_mismatch(
    bundle: &Bundle,
    expected: &[Body<'_>],
    b: &Body<'_>,
) -> Option<(String, String)> {
    let same_media: Vec<&Body<'_>> = expected.iter().filter(|e| e.media == b.media).collect();
    let candidates: Vec<&Body<'_>> = if same_media.is_empty() {
        expected.iter().collect()
    } else {
        same_media
    };
    if candidates.iter().any(|e| same_schema(e.schema, b.schema)) {
        return None;
    }
    let got = schema_name(bundle, b.written, b.schema);
    let want = candidates
        .first()
        .map(|e| schema_name(bundle, e.written, e.schema))
        .unwrap_or_default();
    Some((got, want))
}

/// Shared state of one rule run: nodes already reported.
#[derive(Debug, Default)]
pub(crate) struct Seen(HashSet<usize>);

impl Seen {
    /// Whether `v` is seen for the first time.
    pub(crate) fn first(&mut self, v: &Value) -> bool {
        self.0.insert(addr(v))
    }
}

/// The options, for helpers that need several of them.
pub(crate) fn paging_metadata_headers(o: &Options) -> bool {
    use specfirst_config::PaginationMetadata as M;
    matches!(o.pagination_metadata, M::HeadersAndLinks | M::Both)
}

/// The schemas of third-party payloads: every schema marked
/// `x-external: true` and everything below it (D7), by address.
pub(crate) fn external_schemas(bundle: &Bundle, model: &Model<'_>) -> HashSet<usize> {
    let mut out = HashSet::new();
    for s in &model.schemas {
        if s.value.get("x-external").and_then(Value::as_bool) == Some(true) {
            crate::defs::schema_walk::walk(bundle, s.doc, s.value, &mut out, &mut |_| true);
        }
    }
    out
}

#[cfg(test)]
mod name_style_tests {
    use super::{NameStyle, deliberate_style};
    use specfirst_config::NameCase;

    #[test]
    fn styles_are_told_apart() {
        assert_eq!(NameStyle::of("user_id"), NameStyle::SnakeCase);
        assert_eq!(NameStyle::of("userId"), NameStyle::CamelCase);
        assert_eq!(NameStyle::of("UserId"), NameStyle::PascalCase);
        assert_eq!(NameStyle::of("USER_ID"), NameStyle::ScreamingSnakeCase);
        assert_eq!(NameStyle::of("name__ic"), NameStyle::LooseSnakeCase);
        assert_eq!(NameStyle::of("User_id"), NameStyle::Other);
        assert_eq!(NameStyle::of("filter[name]"), NameStyle::Other);
    }

    #[test]
    fn a_style_is_deliberate_when_it_outnumbers_the_configured_case() {
        let pascal: Vec<String> = (0..10).map(|i| format!("Field{i}")).collect();
        let camel: Vec<String> = (0..9).map(|i| format!("field{i}Name")).collect();
        let names = || pascal.iter().chain(&camel).map(String::as_str);
        assert_eq!(
            deliberate_style(names(), NameCase::CamelCase),
            Some(NameStyle::PascalCase)
        );
        let more_camel: Vec<String> = (0..10).map(|i| format!("other{i}Name")).collect();
        let all = pascal.iter().chain(&more_camel).map(String::as_str);
        assert_eq!(deliberate_style(all, NameCase::CamelCase), None);
        // Nine are too few to call a convention.
        assert_eq!(
            deliberate_style(pascal[..9].iter().map(String::as_str), NameCase::CamelCase),
            None
        );
        assert_eq!(deliberate_style(names(), NameCase::Any), None);
    }
}
