use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FileId, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding is: a byte span in a file, plus the JSON pointer of the
/// node inside that file's document (empty for the document root or when the
/// finding is not about a node, such as a syntax error).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
    pub pointer: String,
}

impl Location {
    #[must_use]
    pub fn new(file: FileId, span: Span, pointer: impl Into<String>) -> Self {
        Location {
            file,
            span,
            pointer: pointer.into(),
        }
    }
}

/// A secondary location with a label ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    pub label: String,
}

/// One finding: a rule (or loader) code, a severity, a message and a location.
///
/// Messages start in lower case and have no trailing period; advice on how to
/// fix the problem goes into `help`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `OAS-003` or `LOAD-001`.
    pub code: &'static str,
    /// Kebab-case name of the rule, e.g. `duplicate-operation-id`.
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub help: Option<String>,
    pub notes: Vec<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    #[must_use]
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            location,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    #[must_use]
    pub fn with_related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            label: label.into(),
        });
        self
    }

    /// Sets the help line (for diagnostics being built in place).
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note (for diagnostics being built in place).
    pub fn add_note(&mut self, note: impl Into<String>) -> &mut Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a secondary location (for diagnostics being built in place).
    pub fn add_related(&mut self, location: Location, label: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            location,
            label: label.into(),
        });
        self
    }

    /// Sort key that gives a deterministic output order: file, position, code, message.
    #[must_use]
    pub fn sort_key(&self) -> (FileId, u32, u32, &'static str, &str) {
        (
            self.location.file,
            self.location.span.start,
            self.location.span.end,
            self.code,
            self.message.as_str(),
        )
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    #[must_use]
    pub fn count(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// The one-line summary printed after the findings.
    #[must_use]
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let files = plural(self.files, "file", "files");
        if self.errors + self.warnings + self.infos == 0 {
            return format!("no problems found in {files}");
        }
        format!(
            "{}, {}, {} in {files}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.infos, "info", "infos"),
        )
    }
}
