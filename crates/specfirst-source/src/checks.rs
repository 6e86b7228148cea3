//! The checks the loader itself makes, with their stable codes.
//!
//! They are reported like lint rules (and can be re-levelled in
//! `.specfirst.yaml` like them), but they run before any rule: a file that
//! cannot be read or parsed is never linted.

use specfirst_diagnostics::Severity;

/// A loader check: code, kebab-case name, default severity and one line of docs.
#[derive(Debug, Clone, Copy)]
pub struct LoaderCheck {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

pub const UNREADABLE_FILE: LoaderCheck = LoaderCheck {
    code: "LOAD-001",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "A file cannot be read (missing, a directory, no permission, not UTF-8).",
};
pub const SYNTAX_ERROR: LoaderCheck = LoaderCheck {
    code: "LOAD-002",
    name: "syntax-error",
    severity: Severity::Error,
    summary: "A file is not well-formed YAML or JSON.",
};
pub const DUPLICATE_KEY: LoaderCheck = LoaderCheck {
    code: "LOAD-003",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "A mapping has the same key twice; only the first is read.",
};
pub const RESOURCE_LIMIT: LoaderCheck = LoaderCheck {
    code: "LOAD-004",
    name: "resource-limit",
    severity: Severity::Error,
    summary: "A file is too large, nested too deeply, or expands YAML aliases too far.",
};
pub const NOT_OPENAPI: LoaderCheck = LoaderCheck {
    code: "LOAD-005",
    name: "not-openapi",
    severity: Severity::Error,
    summary: "A linted file is not an OpenAPI 3.x description (empty, a scalar, no `openapi` field).",
};
pub const SWAGGER_2: LoaderCheck = LoaderCheck {
    code: "LOAD-006",
    name: "swagger-2",
    severity: Severity::Error,
    summary: "Swagger 2.0 documents are not supported; convert them to OpenAPI 3 first.",
};
pub const UNSUPPORTED_VERSION: LoaderCheck = LoaderCheck {
    code: "LOAD-007",
    name: "unsupported-version",
    severity: Severity::Error,
    summary: "The `openapi` field names a version specfirst does not read.",
};
pub const READ_AS_3_1: LoaderCheck = LoaderCheck {
    code: "LOAD-008",
    name: "read-as-3-1",
    severity: Severity::Info,
    summary: "An OpenAPI 3.2 document is read and checked as 3.1.",
};
pub const IGNORED_CONTENT: LoaderCheck = LoaderCheck {
    code: "LOAD-009",
    name: "ignored-content",
    severity: Severity::Warning,
    summary: "Part of a file is not read (a second YAML document in the stream).",
};

/// Every loader check, by code.
pub const ALL: &[LoaderCheck] = &[
    UNREADABLE_FILE,
    SYNTAX_ERROR,
    DUPLICATE_KEY,
    RESOURCE_LIMIT,
    NOT_OPENAPI,
    SWAGGER_2,
    UNSUPPORTED_VERSION,
    READ_AS_3_1,
    IGNORED_CONTENT,
];

impl LoaderCheck {
    #[must_use]
    pub fn diagnostic(
        &self,
        message: impl Into<String>,
        location: specfirst_diagnostics::Location,
    ) -> specfirst_diagnostics::Diagnostic {
        specfirst_diagnostics::Diagnostic::new(
            self.code,
            self.name,
            self.severity,
            message,
            location,
        )
    }
}
