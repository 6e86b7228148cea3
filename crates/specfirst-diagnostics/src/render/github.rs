//! GitHub Actions workflow commands (`::error file=…,line=…::message`).

use std::fmt::Write as _;

use crate::{Diagnostic, Severity, SourceMap, Summary};

#[must_use]
pub fn render(diagnostics: &[Diagnostic], map: &SourceMap, summary: &Summary) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (start, end) = super::positions(map, &d.location);
        let file = map.get(d.location.file);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(file.name()),
            start.line,
            start.col,
            end.line,
            end.col,
            escape_property(&format!("{} ({})", d.code, d.name)),
            escape_data(&message),
        );
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x:y,z"), "x%3Ay%2Cz");
    }
}
