//! JUnit XML: one test case per linted file, and one per other file (a
//! `$ref`d document, a configuration file) that has a failing finding. A test
//! case with findings at or above the failing severity has one `<failure>`
//! (JUnit allows no more) whose text lists them all.

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
    let failing: Vec<(String, &Diagnostic)> = diagnostics
        .iter()
        .filter(|d| d.severity >= fail_on)
        .map(|d| (map.get(d.location.file).name().to_owned(), d))
        .collect();
    let mut cases: Vec<&str> = files.iter().map(String::as_str).collect();
    for (name, _) in &failing {
        if !cases.contains(&name.as_str()) {
            cases.push(name);
        }
    }
    let failed = cases
        .iter()
        .filter(|c| failing.iter().any(|(n, _)| n == *c))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"specfirst\" tests=\"{}\" failures=\"{failed}\">",
        cases.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"specfirst lint\" tests=\"{}\" failures=\"{failed}\" errors=\"0\">",
        cases.len()
    );
    for name in cases {
        let _ = write!(
            out,
            "    <testcase classname=\"specfirst.lint\" name=\"{}\"",
            escape_attr(name)
        );
        let mine: Vec<&Diagnostic> = failing
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, d)| *d)
            .collect();
        let Some(first) = mine.first() else {
            out.push_str("/>\n");
            continue;
        };
        let mut codes: Vec<&str> = mine.iter().map(|d| d.code).collect();
        codes.sort_unstable();
        codes.dedup();
        let message = match mine.len() {
            1 => format!("{}: {}", first.code, first.message),
            n => format!("{n} findings, the first {}: {}", first.code, first.message),
        };
        let _ = write!(
            out,
            ">\n      <failure type=\"{}\" message=\"{}\">",
            escape_attr(&codes.join(" ")),
            escape_attr(&message)
        );
        for (i, d) in mine.iter().enumerate() {
            let (start, _) = super::positions(map, &d.location);
            let _ = write!(
                out,
                "{}{}:{}:{}: {} [{}] {}",
                if i == 0 { "" } else { "\n" },
                escape(name),
                start.line,
                start.col,
                d.severity,
                escape(d.code),
                escape(&d.message),
            );
        }
        out.push_str("</failure>\n    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes an attribute value: XML parsers turn a literal newline, tab or
/// carriage return in an attribute into a space, so these are written as
/// character references to survive.
fn escape_attr(s: &str) -> String {
    escape(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_keep_newlines_and_tabs() {
        assert_eq!(escape_attr("a\n\tb \"c\""), "a&#10;&#9;b &quot;c&quot;");
        assert_eq!(escape("a\nb<"), "a\nb&lt;");
    }
}
