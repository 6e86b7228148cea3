//! Machine-readable JSON with a stable schema (`version: 1`).
//!
//! ```json
//! { "version": 1,
//!   "diagnostics": [ { "rule": "OAS-003", "name": "duplicate-operation-id",
//!       "severity": "error", "message": "…", "help": "…" | null,
//!       "file": "api.yaml", "line": 3, "col": 7,
//!       "end": { "line": 3, "col": 18 }, "range": { "start": 41, "end": 52 },
//!       "pointer": "/paths/~1pets/get/operationId" } ],
//!   "summary": { "files": 1, "errors": 1, "warnings": 0, "infos": 0 } }
//! ```

use serde::Serialize;

use std::collections::HashMap;
use std::sync::Arc;

use crate::{Diagnostic, FileId, Severity, SourceFile, SourceMap, Summary};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct LineCol {
    line: u32,
    col: u32,
}

#[derive(Serialize)]
struct Range {
    start: u32,
    end: u32,
}

/// One finding. Serialised straight from borrowed fields: tens of thousands
/// of findings are written without building a JSON tree for each.
#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: u32,
    col: u32,
    end: LineCol,
    range: Range,
    pointer: &'a str,
}

#[must_use]
pub fn render(diagnostics: &[Diagnostic], map: &SourceMap, summary: &Summary) -> String {
    let files: HashMap<FileId, Arc<SourceFile>> = diagnostics
        .iter()
        .map(|d| (d.location.file, map.get(d.location.file)))
        .collect();
    let items: Vec<Item<'_>> = diagnostics
        .iter()
        .map(|d| item(d, map, files.get(&d.location.file).map_or("", |f| f.name())))
        .collect();
    let doc = Document {
        version: 1,
        diagnostics: items,
        summary,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn item<'a>(d: &'a Diagnostic, map: &SourceMap, file: &'a str) -> Item<'a> {
    let (start, end) = super::positions(map, &d.location);
    Item {
        rule: d.code,
        name: d.name,
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        file,
        line: start.line,
        col: start.col,
        end: LineCol {
            line: end.line,
            col: end.col,
        },
        range: Range {
            start: d.location.span.start,
            end: d.location.span.end,
        },
        pointer: &d.location.pointer,
    }
}
