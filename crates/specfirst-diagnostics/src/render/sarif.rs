//! SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! Each result carries a stable `ruleId`, a `ruleIndex` into
//! `tool.driver.rules`, a region with 1-based lines and columns counted in
//! Unicode code points (`columnKind`), the JSON pointer as a logical
//! location, and a `partialFingerprints` entry that does not change when the
//! finding only moves to another line.

use serde::Serialize;

use super::RuleInfo;
use crate::{Diagnostic, Severity, SourceMap};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const FINGERPRINT_KEY: &str = "specfirstFindingHash/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    original_uri_base_ids: serde_json::Value,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    help: Help<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: OwnedText,
    locations: Vec<ResultLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<ResultLocation>,
    partial_fingerprints: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<OwnedText>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `rules` describes every rule that may appear in `diagnostics` (others are
/// emitted without a `ruleIndex`). `version` is the tool's version.
#[must_use]
pub fn render(
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    rules: &[RuleInfo],
    version: &str,
) -> String {
    let descriptors = rules
        .iter()
        .map(|r| ReportingDescriptor {
            id: r.code,
            name: r.name,
            short_description: Text { text: &r.summary },
            help: Help {
                text: &r.summary,
                markdown: &r.help_markdown,
            },
            default_configuration: r
                .default_severity
                .map(|s| Configuration { level: level(s) }),
        })
        .collect();
    let results = diagnostics
        .iter()
        .map(|d| {
            let location = |loc: &crate::Location, message: Option<String>, id: Option<usize>| {
                let (start, end) = super::positions(map, loc);
                ResultLocation {
                    id,
                    physical_location: PhysicalLocation {
                        artifact_location: artifact_location(map.get(loc.file).name()),
                        region: Region {
                            start_line: start.line,
                            start_column: start.col,
                            end_line: end.line,
                            end_column: end.col,
                            byte_offset: loc.span.start,
                            byte_length: loc.span.end - loc.span.start,
                        },
                    },
                    logical_locations: if loc.pointer.is_empty() {
                        Vec::new()
                    } else {
                        vec![LogicalLocation {
                            fully_qualified_name: loc.pointer.clone(),
                            kind: "object",
                        }]
                    },
                    message: message.map(|text| OwnedText { text }),
                }
            };
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut fingerprints = serde_json::Map::new();
            let file = map.get(d.location.file);
            fingerprints.insert(
                FINGERPRINT_KEY.to_owned(),
                serde_json::Value::String(fingerprint(&[
                    d.code,
                    file.name(),
                    &d.location.pointer,
                    &d.message,
                ])),
            );
            SarifResult {
                rule_id: d.code.to_owned(),
                rule_index: rules.iter().position(|r| r.code == d.code),
                level: level(d.severity),
                message: OwnedText { text },
                locations: vec![location(&d.location, None, None)],
                related_locations: d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| location(&r.location, Some(r.label.clone()), Some(i)))
                    .collect(),
                partial_fingerprints: fingerprints,
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "specfirst",
                    version,
                    semantic_version: version,
                    information_uri: "https://github.com/specfirst/specfirst",
                    rules: descriptors,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: serde_json::json!({
                "%SRCROOT%": { "description": { "text": "the directory specfirst was run in" } }
            }),
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A path as printed: relative to `%SRCROOT%` (the directory specfirst ran
/// in), or a `file:` URI for an absolute path (a file outside that directory),
/// since a URI under a `uriBaseId` must be relative.
fn artifact_location(name: &str) -> ArtifactLocation {
    let path = name.replace('\\', "/");
    let drive = path
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b[0].is_ascii_alphabetic() && &b[1..] == b":/");
    let absolute = if path.starts_with("//") {
        // A Windows UNC path: `\\host\share\x` is `file://host/share/x`.
        Some(format!("file:{}", uri_of(&path)))
    } else if path.starts_with('/') {
        Some(format!("file://{}", uri_of(&path)))
    } else if drive {
        Some(format!("file:///{}", uri_of(&path)))
    } else {
        None
    };
    match absolute {
        Some(uri) => ArtifactLocation {
            uri,
            uri_base_id: None,
        },
        None => {
            let mut uri = uri_of(&path);
            // `a:b.yaml` would read as a URI with the scheme `a`.
            if uri.split('/').next().is_some_and(|s| s.contains(':')) {
                uri.insert_str(0, "./");
            }
            ArtifactLocation {
                uri,
                uri_base_id: Some("%SRCROOT%"),
            }
        }
    }
}

/// A relative URI reference for a path as printed (forward slashes, reserved
/// characters percent-encoded).
fn uri_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a, 64 bits: stable across platforms and compiler versions.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_spaces_and_percent() {
        assert_eq!(uri_of("specs/my api%.yaml"), "specs/my%20api%25.yaml");
        assert_eq!(uri_of("a\\b.yaml"), "a/b.yaml");
    }

    #[test]
    fn absolute_paths_are_file_uris() {
        let abs = artifact_location("/tmp/my api.yaml");
        assert_eq!(
            (abs.uri.as_str(), abs.uri_base_id),
            ("file:///tmp/my%20api.yaml", None)
        );
        let win = artifact_location("C:\\specs\\api.yaml");
        assert_eq!(
            (win.uri.as_str(), win.uri_base_id),
            ("file:///C:/specs/api.yaml", None)
        );
        let unc = artifact_location("\\\\host\\share\\api.yaml");
        assert_eq!(unc.uri, "file://host/share/api.yaml");
        assert_eq!(artifact_location("a:b.yaml").uri, "./a:b.yaml");
        let rel = artifact_location("specs/api.yaml");
        assert_eq!(
            (rel.uri.as_str(), rel.uri_base_id),
            ("specs/api.yaml", Some("%SRCROOT%"))
        );
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
    }
}
