//! `.specfirst.yaml`: rule severities, rulebook options (RULEBOOK §2.2) and
//! ignore globs.
//!
//! The file is read with the same span-keeping loader as specs, so every
//! unknown key or bad value is reported at its own `file:line:col`, and one
//! bad key never hides the others.

mod options;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use specfirst_diagnostics::{Diagnostic, Location, Severity, Span};
use specfirst_source::{Document, Loader};

pub use options::*;

/// File names searched for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &[".specfirst.yaml", ".specfirst.yml"];

/// Code and name of the diagnostics about the configuration itself.
pub const INVALID_CONFIG: (&str, &str) = ("CONFIG-001", "invalid-config");

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    #[must_use]
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            other => Severity::parse(other).map(Level::On),
        }
    }
}

/// A rule setting as written, with where it was written (the code is checked
/// against the rule registry by the linter, which knows the codes).
#[derive(Debug, Clone)]
pub struct RuleSetting {
    pub level: Level,
    pub location: Location,
}

/// A parsed configuration file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    pub options: Options,
    /// `rules:` entries, keyed by rule code or name as written.
    pub rules: BTreeMap<String, RuleSetting>,
    /// `extends:` profiles, as written.
    pub extends: Vec<(String, Location)>,
    /// `ignore:` globs, relative to the directory of the config file.
    pub ignore: Vec<String>,
    ignore_set: Option<globset::GlobSet>,
}

/// What `specfirst init` writes: every option with its default and the values
/// it takes, the profile, and empty `rules:` and `ignore:` sections.
pub const INIT_TEMPLATE: &str = include_str!("../resources/init.yaml");

const TOP_LEVEL_KEYS: &[&str] = &["rules", "ignore", "extends"];

impl Config {
    /// The configuration that applies to `file`: the nearest `.specfirst.yaml`
    /// in its directory or above, else the defaults.
    #[must_use]
    pub fn discover(file: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let mut dir = abs.parent();
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let candidate = d.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            dir = d.parent();
        }
        None
    }

    /// Reads and validates a configuration file. Diagnostics describe every
    /// problem; the returned config keeps every valid setting.
    pub fn load(loader: &Loader, path: &Path) -> (Config, Vec<Diagnostic>) {
        let entry = loader.load_file(path);
        let mut diagnostics = entry.diagnostics.clone();
        let Some(doc) = entry.document.clone() else {
            return (
                Config {
                    path: Some(path.to_path_buf()),
                    ..Config::default()
                },
                diagnostics,
            );
        };
        let (config, mut found) = Config::parse(&doc);
        diagnostics.append(&mut found);
        (config, diagnostics)
    }

    /// Validates a parsed configuration document.
    #[must_use]
    pub fn parse(doc: &Arc<Document>) -> (Config, Vec<Diagnostic>) {
        let mut config = Config {
            path: Some(doc.path().to_path_buf()),
            ..Config::default()
        };
        let mut diags = Vec::new();
        let error = |loc: Location, message: String| {
            Diagnostic::new(
                INVALID_CONFIG.0,
                INVALID_CONFIG.1,
                Severity::Error,
                message,
                loc,
            )
        };
        let root = doc.value();
        let map = match root {
            Value::Null => return (config, diags),
            Value::Object(map) => map,
            _ => {
                diags.push(error(
                    doc.locate(root),
                    "configuration must be a mapping of options".to_owned(),
                ));
                return (config, diags);
            }
        };
        let option_keys = option_keys();
        let mut valid = serde_json::Map::new();
        for (key, value) in map {
            match key.as_str() {
                "rules" => config.rules = parse_rules(doc, value, &mut diags),
                "ignore" => match string_list(value) {
                    Some(list) => config.ignore = list,
                    None => diags.push(error(
                        doc.locate(value),
                        "`ignore` must be a list of glob patterns".to_owned(),
                    )),
                },
                "extends" => match value {
                    Value::String(s) => config.extends = vec![(s.clone(), doc.locate(value))],
                    Value::Array(items) if items.iter().all(Value::is_string) => {
                        config.extends = items
                            .iter()
                            .filter_map(|i| i.as_str().map(|s| (s.to_owned(), doc.locate(i))))
                            .collect();
                    }
                    _ => diags.push(error(
                        doc.locate(value),
                        "`extends` must be a profile name or a list of them".to_owned(),
                    )),
                },
                k if option_keys.iter().any(|o| o == k) => {
                    let parses = |v: &Value| {
                        let mut one = serde_json::Map::new();
                        one.insert(key.clone(), v.clone());
                        serde_json::from_value::<Options>(Value::Object(one))
                    };
                    // Status-code choices are written as numbers (`staleEtagStatus: 412`).
                    let as_text = match value {
                        Value::Number(n) => Some(Value::String(n.to_string())),
                        _ => None,
                    };
                    let first = parses(value);
                    let parsed = match (&first, &as_text) {
                        (Err(_), Some(text)) if parses(text).is_ok() => Ok(text.clone()),
                        _ => first.map(|_| value.clone()),
                    };
                    match parsed {
                        Ok(v) => {
                            valid.insert(key.clone(), v);
                        }
                        Err(e) => {
                            let mut d = error(
                                doc.locate(value),
                                format!("invalid value for `{key}`: {}", clean_serde_error(&e)),
                            );
                            if let Some(values) = allowed_values(key) {
                                d = d.with_help(format!("expected one of: {}", values.join(", ")));
                            }
                            diags.push(d);
                        }
                    }
                }
                k => {
                    let mut d = error(doc.locate_key(value), format!("unknown option `{k}`"));
                    let candidates = option_keys
                        .iter()
                        .map(String::as_str)
                        .chain(TOP_LEVEL_KEYS.iter().copied());
                    if let Some(best) = closest(k, candidates) {
                        d = d.with_help(format!("did you mean `{best}`?"));
                    }
                    diags.push(d);
                }
            }
        }
        config.options = serde_json::from_value(Value::Object(valid)).unwrap_or_default();
        if !config.ignore.is_empty() {
            let mut builder = globset::GlobSetBuilder::new();
            for pattern in &config.ignore {
                match globset::Glob::new(pattern) {
                    Ok(g) => {
                        builder.add(g);
                    }
                    Err(e) => diags.push(error(
                        doc.location(Span::default(), "/ignore"),
                        format!("invalid glob `{pattern}`: {e}"),
                    )),
                }
            }
            config.ignore_set = builder.build().ok();
        }
        (config, diags)
    }

    /// Whether `file` matches one of the `ignore` globs (relative to the config's directory).
    #[must_use]
    pub fn ignores(&self, file: &Path) -> bool {
        let (Some(set), Some(config_path)) = (&self.ignore_set, &self.path) else {
            return false;
        };
        let base = config_path.parent().unwrap_or(Path::new(""));
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = abs.strip_prefix(base).unwrap_or(&abs);
        set.is_match(rel)
    }
}

fn parse_rules(
    doc: &Document,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, RuleSetting> {
    let mut out = BTreeMap::new();
    let Some(map) = value.as_object() else {
        diags.push(Diagnostic::new(
            INVALID_CONFIG.0,
            INVALID_CONFIG.1,
            Severity::Error,
            "`rules` must map rule codes to `off`, `info`, `warning` or `error`",
            doc.locate(value),
        ));
        return out;
    };
    for (code, level) in map {
        match level.as_str().and_then(Level::parse) {
            Some(l) => {
                out.insert(
                    code.clone(),
                    RuleSetting {
                        level: l,
                        location: doc.locate_key(level),
                    },
                );
            }
            None => diags.push(
                Diagnostic::new(
                    INVALID_CONFIG.0,
                    INVALID_CONFIG.1,
                    Severity::Error,
                    format!("invalid level `{}` for rule `{code}`", scalar_text(level)),
                    doc.locate(level),
                )
                .with_help("use one of: off, info, warning, error"),
            ),
        }
    }
    out
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn string_list(v: &Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|i| i.as_str().map(str::to_owned))
        .collect()
}

/// The spellings an enum option accepts.
fn allowed_values(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "propertyNameCase" | "queryParamNameCase" => NameCase::VALUES,
        "pathSegmentCase" => SegmentCase::VALUES,
        "envelope" => Envelope::VALUES,
        "envelopeErrorData" => EnvelopeErrorData::VALUES,
        "errorShape" => ErrorShape::VALUES,
        "collectionShape" => CollectionShape::VALUES,
        "nullFields" => NullFields::VALUES,
        "createdBody" => CreatedBody::VALUES,
        "updateSuccess" => UpdateSuccess::VALUES,
        "deleteSuccessStatus" => DeleteSuccessStatus::VALUES,
        "fileExtensions" => FileExtensions::VALUES,
        "pagination" => Pagination::VALUES,
        "paginationMetadata" => PaginationMetadata::VALUES,
        "previousRel" => PreviousRel::VALUES,
        "filterStyle" => FilterStyle::VALUES,
        "filterOperators" => FilterOperators::VALUES,
        "sortParam" => SortParam::VALUES,
        "unknownQueryParams" => UnknownQueryParams::VALUES,
        "versioning" => Versioning::VALUES,
        "unsupportedRequestVersionStatus" => UnsupportedRequestVersionStatus::VALUES,
        "notAcceptableBody" => NotAcceptableBody::VALUES,
        "undefinedMethodStatus" => UndefinedMethodStatus::VALUES,
        "deletedResourceStatus" => DeletedResourceStatus::VALUES,
        "validationErrorStatus" => ValidationErrorStatus::VALUES,
        "duplicateCreateStatus" => DuplicateCreateStatus::VALUES,
        "trailingSlashRedirect" => TrailingSlashRedirect::VALUES,
        "missingPreconditionStatus" => MissingPreconditionStatus::VALUES,
        "staleEtagStatus" => StaleEtagStatus::VALUES,
        "authHeader" => AuthHeader::VALUES,
        "jsonp" => Jsonp::VALUES,
        "methodOverride" => MethodOverride::VALUES,
        "corsMode" => CorsMode::VALUES,
        "linkStyle" => LinkStyle::VALUES,
        "linkMethodAttribute" => LinkMethodAttribute::VALUES,
        "languageHeader" => LanguageHeader::VALUES,
        "validationDiff" => ValidationDiff::VALUES,
        _ => return None,
    })
}

/// serde's message without the " at line 1 column 1" tail.
fn clean_serde_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// The candidate nearest to `word` by edit distance, if it is close.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use specfirst_diagnostics::SourceMap;
    use specfirst_source::LoadOptions;

    fn load(text: &str) -> (Config, Vec<Diagnostic>, Arc<SourceMap>) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(".specfirst.yaml");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let sources = Arc::new(SourceMap::new());
        let loader = Loader::new(Arc::clone(&sources), LoadOptions::default());
        let (c, d) = Config::load(&loader, &path);
        (c, d, sources)
    }

    #[test]
    fn init_template_is_valid_and_changes_nothing() {
        let (c, d, _) = load(INIT_TEMPLATE);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.options, Options::default());
        assert!(c.rules.is_empty() && c.ignore.is_empty());
        assert_eq!(
            c.extends
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>(),
            ["recommended"]
        );
        // Every option is written out, uncommented, at the start of a line.
        for key in option_keys() {
            assert!(
                INIT_TEMPLATE
                    .lines()
                    .any(|l| l.starts_with(&format!("{key}:"))),
                "`{key}` is missing from resources/init.yaml"
            );
        }
    }

    #[test]
    fn defaults_match_the_rulebook() {
        let o = Options::default();
        assert_eq!(o.pagination, Pagination::OffsetLimit);
        assert_eq!(o.max_limit, 200);
        assert_eq!(o.error_shape, ErrorShape::Odata);
        assert_eq!(o.cors.max_age_seconds, 600);
        assert_eq!(option_keys().len(), 60);
    }

    #[test]
    fn every_key_is_checked_on_its_own() {
        let (c, d, sources) = load(
            "propertyNameCase: snake_case\npagination: pages\nmaxLimit: -1\nenvelop: always\nrules:\n  URI-002: off\n  URI-003: loud\n",
        );
        assert_eq!(c.options.property_name_case, NameCase::SnakeCase);
        assert_eq!(c.options.pagination, Pagination::OffsetLimit);
        assert_eq!(c.rules.get("URI-002").map(|r| r.level), Some(Level::Off));
        let messages: Vec<(String, u32)> = d
            .iter()
            .map(|d| {
                let f = sources.get(d.location.file);
                (d.message.clone(), f.line_col(d.location.span.start).line)
            })
            .collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(
            messages[0]
                .0
                .starts_with("invalid value for `pagination`: unknown variant `pages`"),
            "{messages:?}"
        );
        assert_eq!(messages[0].1, 2);
        assert_eq!(messages[1].1, 3);
        assert_eq!(messages[2].0, "unknown option `envelop`");
        assert_eq!(d[2].help.as_deref(), Some("did you mean `envelope`?"));
        assert_eq!(messages[3].0, "invalid level `loud` for rule `URI-003`");
        assert_eq!(messages[3].1, 7);
    }

    #[test]
    fn nested_options_reject_unknown_fields() {
        let (_, d, _) = load("cors: {paths: [], allowedOrigin: []}\n");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("unknown field `allowedOrigin`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn ignore_globs_are_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(".specfirst.yaml");
        std::fs::write(&path, "ignore: ['vendor/**']\n").unwrap_or_else(|e| panic!("{e}"));
        let loader = Loader::new(Arc::new(SourceMap::new()), LoadOptions::default());
        let (c, d) = Config::load(&loader, &path);
        assert!(d.is_empty());
        assert!(c.ignores(&dir.path().join("vendor/x/api.yaml")));
        assert!(!c.ignores(&dir.path().join("api.yaml")));
        assert_eq!(Config::discover(&dir.path().join("a/b.yaml")), Some(path));
    }
}
