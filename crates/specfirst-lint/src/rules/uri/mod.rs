//! `URI` (RULEBOOK §1.1): resource identifiers and paths: case, separators, verbs, plurals, identity in the path.

pub mod bad_path_variable;
pub mod controller_misuse;
pub mod crud_verb_in_path;
pub mod file_extension_in_path;
pub mod identifier_in_query;
pub mod missing_parent_path;
pub mod rpc_style_dispatch;
pub mod singleton_misuse;
pub mod singular_collection_name;
pub mod trailing_slash;
pub mod underscore_in_path;
pub mod unpaired_collection_path;
pub mod uppercase_path_segment;

use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::defs::segments::server_path;
use crate::model::{PathItem, PathItemKind};
use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &uppercase_path_segment::UppercasePathSegment,
    &underscore_in_path::UnderscoreInPath,
    &trailing_slash::TrailingSlash,
    &file_extension_in_path::FileExtensionInPath,
    &crud_verb_in_path::CrudVerbInPath,
    &rpc_style_dispatch::RpcStyleDispatch,
    &identifier_in_query::IdentifierInQuery,
    &singular_collection_name::SingularCollectionName,
    &singleton_misuse::SingletonMisuse,
    &controller_misuse::ControllerMisuse,
    &bad_path_variable::BadPathVariable,
    &missing_parent_path::MissingParentPath,
    &unpaired_collection_path::UnpairedCollectionPath,
];

/// The severity of a finding of the lower of a rule's two severities
/// (`warning (POST), info (plural name)`): `lower` while the rule runs at
/// its default severity, the configured severity once it is overridden.
pub(crate) fn split_severity(cx: &Context<'_>, lower: Severity) -> Severity {
    match cx.current {
        Some((meta, running)) if running != meta.default_severity => running,
        _ => lower,
    }
}

/// The Path Items under `paths` (not webhooks or callbacks), in document order.
pub(crate) fn paths<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a PathItem<'a>> + use<'a> {
    let model = cx.model;
    model
        .path_items
        .iter()
        .filter(|p| p.kind == PathItemKind::Path)
}

/// Runs `check(cx, path, node, is_key)` on every path under `paths` (read
/// by [`path_of`], reported at its key) and on the path of every root
/// `servers[*].url` (D1, reported at the URL).
pub(crate) fn check_paths_and_servers(
    cx: &mut Context<'_>,
    check: fn(&mut Context<'_>, &str, &Value, bool),
) {
    for p in paths(cx) {
        check(cx, path_of(p.key), p.written, true);
    }
    let root = cx.bundle.root().value();
    if let Some(servers) = root.get("servers").and_then(Value::as_array) {
        for server in servers {
            if let (Some(path), Some(url)) = (server_path(server), server.get("url")) {
                check(cx, &path, url, false);
            }
        }
    }
}

/// A path with every template replaced by `{}`, so that `/a/{id}` and
/// `/a/{aId}` compare equal.
pub(crate) fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// The path of a `paths` key as the URI rules read it: without a `?query`
/// or `#fragment` some documents write into keys (`/#X-Amz-Target=…`,
/// `/tags/{arn}#tagKeys`), and without trailing slashes (URI-003 reports
/// those); `/` stays `/`.
pub(crate) fn path_of(key: &str) -> &str {
    let path = key.split(['?', '#']).next().unwrap_or(key);
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() { "/" } else { trimmed }
}

/// The path (as [`path_of`] reads it) up to and including segment `end`
/// (0-based, D1 segments): `prefix("/a/{b}/c", 1)` is `/a/{b}`.
pub(crate) fn prefix(path: &str, end: usize) -> &str {
    let path = path_of(path);
    let mut count = 0;
    for (i, c) in path.char_indices().skip(1) {
        if c == '/' {
            if count == end {
                return &path[..i];
            }
            count += 1;
        }
    }
    path
}

/// The last word (D10) of a literal segment, without a file extension
/// (`posts.json` → `posts`), and `None` when the segment cannot be judged
/// as a noun: an acronym in capitals (`HGNC`), an abbreviation of one or
/// two letters (`/t/{id}`), a word with digits (`v1`), or a participle
/// (`played`).
pub(crate) fn noun_word(text: &str) -> Option<String> {
    let stem = match file_extension_in_path::extension(text) {
        Some(ext) => &text[..text.len() - ext.len() - 1],
        None => text,
    };
    if stem.chars().any(|c| c.is_ascii_alphabetic())
        && !stem.chars().any(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    let word = crate::defs::words::tokenize(stem).pop()?;
    let participle = word.ends_with("ed") && !word.ends_with("eed");
    let judged =
        word.chars().count() > 2 && !word.chars().any(|c| c.is_ascii_digit()) && !participle;
    judged.then_some(word)
}

/// The literal text of a segment: `{…}` expressions replaced by a space
/// (which [`crate::defs::words::tokenize`] splits on).
pub(crate) fn literal_text(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut depth = 0usize;
    for c in segment.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push(' ');
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_literal_text() {
        assert_eq!(shape("/a/{aId}/b/{x}.json"), "/a/{}/b/{}.json");
        assert_eq!(literal_text("{id}.json"), " .json");
        assert_eq!(literal_text("v-{n}"), "v- ");
        assert_eq!(prefix("/a/{b}/c", 0), "/a");
        assert_eq!(prefix("/a/{b}/c", 1), "/a/{b}");
        assert_eq!(prefix("/a/{b}/c", 2), "/a/{b}/c");
        assert_eq!(prefix("/a/{b}#c", 1), "/a/{b}");
        assert_eq!(path_of("/#X-Amz-Target=A.B"), "/");
        assert_eq!(path_of("/a/b/"), "/a/b");
        assert_eq!(path_of("/a?x=1"), "/a");
        assert_eq!(noun_word("posts.json").as_deref(), Some("posts"));
        assert_eq!(noun_word("line-item").as_deref(), Some("item"));
        assert_eq!(noun_word("HGNC"), None);
        assert_eq!(noun_word("t"), None);
        assert_eq!(noun_word("v1"), None);
        assert_eq!(noun_word("played"), None);
        assert_eq!(noun_word("feed").as_deref(), Some("feed"));
    }
}
