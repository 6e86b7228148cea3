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

use serde_json::{Value, json};

use crate::{Diagnostic, SourceMap, Summary};

#[must_use]
pub fn render(diagnostics: &[Diagnostic], map: &SourceMap, summary: &Summary) -> String {
    let items: Vec<Value> = diagnostics.iter().map(|d| to_value(d, map)).collect();
    let doc = json!({
        "version": 1,
        "diagnostics": items,
        "summary": summary,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn to_value(d: &Diagnostic, map: &SourceMap) -> Value {
    let (start, end) = super::positions(map, &d.location);
    let file = map.get(d.location.file);
    json!({
        "rule": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "help": d.help,
        "file": file.name(),
        "line": start.line,
        "col": start.col,
        "end": { "line": end.line, "col": end.col },
        "range": { "start": d.location.span.start, "end": d.location.span.end },
        "pointer": d.location.pointer,
    })
}
