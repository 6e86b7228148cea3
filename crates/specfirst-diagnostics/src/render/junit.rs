//! JUnit XML: one test case per linted file; each finding at or above the
//! failing severity is a `<failure>` of its file's test case.

use std::fmt::Write as _;

use crate::{Diagnostic, Severity, SourceMap};

/// `files` are the display names of every linted file, in output order.
#[must_use]
pub fn render(
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    files: &[String],
    fail_on: Severity,
) -> String {
    let failures = diagnostics.iter().filter(|d| d.severity >= fail_on).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"specfirst\" tests=\"{}\" failures=\"{failures}\">",
        files.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"specfirst lint\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        files.len()
    );
    for name in files {
        let mine: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| map.get(d.location.file).name() == name.as_str())
            .collect();
        let _ = write!(
            out,
            "    <testcase classname=\"specfirst.lint\" name=\"{}\"",
            escape(name)
        );
        let failing: Vec<&&Diagnostic> = mine.iter().filter(|d| d.severity >= fail_on).collect();
        if failing.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for d in failing {
            let (start, _) = super::positions(map, &d.location);
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} [{}] {}</failure>",
                escape(d.code),
                escape(&d.message),
                escape(name),
                start.line,
                start.col,
                d.severity,
                escape(d.code),
                escape(&d.message),
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {
                let _ = write!(out, "&#xFFFD;");
            }
            c => out.push(c),
        }
    }
    out
}
