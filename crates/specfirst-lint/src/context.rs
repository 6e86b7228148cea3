//! What a rule sees while it runs, and how it reports.

use serde_json::Value;
use specfirst_config::Options;
use specfirst_diagnostics::{Diagnostic, Location, Severity};
use specfirst_source::{Bundle, Document, SpecVersion};

use crate::model::Model;
use crate::rule::RuleMeta;

/// The document being linted, the options, and the findings so far.
pub struct Context<'a> {
    pub bundle: &'a Bundle,
    pub model: &'a Model<'a>,
    pub options: &'a Options,
    pub(crate) current: Option<(&'static RuleMeta, Severity)>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    #[must_use]
    pub fn version(&self) -> SpecVersion {
        self.bundle.version()
    }

    #[must_use]
    pub fn document(&self, index: usize) -> &'a Document {
        self.bundle.document(index)
    }

    /// Where a node is written (its value).
    #[must_use]
    pub fn locate(&self, v: &Value) -> Option<Location> {
        self.bundle
            .document_of(v)
            .map(|d| self.bundle.document(d).locate(v))
    }

    /// Where a node's key is written (its value when it has no key).
    #[must_use]
    pub fn locate_key(&self, v: &Value) -> Option<Location> {
        self.bundle
            .document_of(v)
            .map(|d| self.bundle.document(d).locate_key(v))
    }

    /// Reports a finding of the running rule at `location`.
    pub fn report(&mut self, location: Location, message: impl Into<String>) -> &mut Diagnostic {
        let (meta, severity) = self.current.unwrap_or((&UNKNOWN, Severity::Error));
        self.diagnostics.push(Diagnostic::new(
            meta.code, meta.name, severity, message, location,
        ));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Reports a finding at the value of node `v` (at the document root when
    /// `v` is not a node of this bundle).
    pub fn report_at(&mut self, v: &Value, message: impl Into<String>) -> &mut Diagnostic {
        let location = self
            .locate(v)
            .unwrap_or_else(|| self.bundle.root().locate(self.bundle.root().value()));
        self.report(location, message)
    }

    /// Reports a finding at the key of node `v`.
    pub fn report_at_key(&mut self, v: &Value, message: impl Into<String>) -> &mut Diagnostic {
        let location = self
            .locate_key(v)
            .unwrap_or_else(|| self.bundle.root().locate(self.bundle.root().value()));
        self.report(location, message)
    }
}

static UNKNOWN: RuleMeta = RuleMeta {
    code: "UNKNOWN",
    name: "unknown",
    category: "",
    default_severity: Severity::Error,
    summary: "",
    docs: "",
    file: "",
    line: 0,
};
