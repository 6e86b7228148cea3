//! `specfirst rules` and `specfirst rule CODE`.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::json;
use specfirst_diagnostics::Severity;
use specfirst_lint::rulebook::{Enforcement, RULEBOOK, RulebookEntry};
use specfirst_lint::{ALL_RULES, find_rule};
use specfirst_source::checks;

use crate::Status;
use crate::args::{ListFormat, RuleArgs, RulesArgs};

pub fn run_list(args: &RulesArgs) -> std::io::Result<Status> {
    let mut out = String::new();
    match args.format {
        ListFormat::Json => {
            let mut items: Vec<serde_json::Value> = ALL_RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    json!({"code": m.code, "name": m.name, "category": m.category,
                           "severity": m.default_severity, "summary": m.summary, "kind": "rule"})
                })
                .collect();
            items.extend(checks::ALL.iter().map(|c| {
                json!({"code": c.code, "name": c.name, "category": "load",
                       "severity": c.severity, "summary": c.summary, "kind": "loader"})
            }));
            items.extend(not_linted().map(|(e, kind)| {
                json!({"code": e.id, "title": e.title, "severity": e.severity,
                       "kind": kind, "codegen": e.codegen})
            }));
            out = serde_json::to_string_pretty(&items).unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Text => {
            let _ = writeln!(
                out,
                "{:<12} {:<26} {:<8} SUMMARY",
                "CODE", "NAME", "SEVERITY"
            );
            for r in ALL_RULES.iter() {
                let m = r.meta();
                table_row(&mut out, m.code, m.name, m.default_severity, m.summary);
            }
            let _ = writeln!(out, "\nChecks made while loading files:");
            for c in checks::ALL {
                table_row(&mut out, c.code, c.name, c.severity, c.summary);
            }
            let sections = [
                (
                    "runtime",
                    "Rulebook rules enforced by generated code (`specfirst generate`), not by lint:",
                ),
                (
                    "diff",
                    "Rulebook rules that compare two versions of a document (not checked yet):",
                ),
                ("unimplemented", "Rulebook lint rules not implemented yet:"),
            ];
            for (kind, heading) in sections {
                let entries: Vec<&RulebookEntry> = not_linted()
                    .filter(|(_, k)| *k == kind)
                    .map(|(e, _)| e)
                    .collect();
                if entries.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "\n{heading}");
                for e in entries {
                    let codegen = if kind == "runtime" && e.codegen.starts_with('§') {
                        format!(" ({})", e.codegen)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(out, "{:<12} {}{codegen}", e.id, e.title);
                }
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(Status::Clean)
}

/// Rulebook rules that are not lint rules here: (entry, `runtime` | `diff` |
/// `unimplemented`).
fn not_linted() -> impl Iterator<Item = (&'static RulebookEntry, &'static str)> {
    RULEBOOK.iter().filter_map(|e| {
        let kind = match e.enforcement {
            Enforcement::Runtime => "runtime",
            Enforcement::Diff => "diff",
            Enforcement::Static | Enforcement::Partial => {
                if find_rule(e.id).is_some() {
                    return None;
                }
                "unimplemented"
            }
        };
        Some((e, kind))
    })
}

/// One line of the `specfirst rules` table.
fn table_row(out: &mut String, code: &str, name: &str, severity: Severity, summary: &str) {
    let _ = writeln!(
        out,
        "{code:<12} {name:<26} {:<8} {summary}",
        severity.as_str()
    );
}

pub fn run_explain(args: &RuleArgs) -> std::io::Result<Status> {
    let mut out = String::new();
    if let Some(m) = find_rule(&args.rule) {
        match args.format {
            ListFormat::Json => {
                let v = json!({"code": m.code, "name": m.name, "category": m.category,
                    "severity": m.default_severity, "summary": m.summary,
                    "explanation": m.explanation(), "source": format!("{}:{}", m.file, m.line)});
                out = serde_json::to_string_pretty(&v).unwrap_or_default();
                out.push('\n');
            }
            ListFormat::Text => {
                let _ = writeln!(out, "# {} ({})\n", m.name, m.code);
                let _ = writeln!(
                    out,
                    "Category: {}. Default severity: {}.\n",
                    m.category, m.default_severity
                );
                out.push_str(&m.explanation());
            }
        }
    } else if let Some(c) = checks::ALL
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(&args.rule) || c.name == args.rule)
    {
        let _ = writeln!(out, "# {} ({})\n", c.name, c.code);
        let _ = writeln!(
            out,
            "Checked while loading files. Default severity: {}.\n\n{}",
            c.severity, c.summary
        );
    } else {
        let names = ALL_RULES
            .iter()
            .flat_map(|r| [r.meta().code, r.meta().name])
            .chain(checks::ALL.iter().flat_map(|c| [c.code, c.name]));
        let mut msg = format!("error: no rule `{}`", args.rule);
        if let Some(best) = specfirst_config::closest(&args.rule, names) {
            let _ = write!(msg, "; did you mean `{best}`?");
        } else {
            msg.push_str("; `specfirst rules` lists every rule");
        }
        writeln!(std::io::stderr(), "{msg}")?;
        return Ok(Status::Error);
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(Status::Clean)
}
