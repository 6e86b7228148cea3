//! One loaded file: its value, where it came from, and the span of every node.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use serde_json::Value;
use specfirst_diagnostics::{FileId, Location, Span};
use url::Url;

use crate::SpanIndex;
use crate::parse::{NodeSpans, Parsed};

/// A parsed file. Immutable once built, so node addresses are stable.
#[derive(Debug)]
pub struct Document {
    file: FileId,
    path: PathBuf,
    url: Url,
    value: Box<Value>,
    /// The parser's spans in pre-order, until the index is built from them.
    spans: Mutex<Option<Vec<NodeSpans>>>,
    /// Built on first use (or ahead of it by [`Document::prepare_index`]):
    /// a document without findings never needs it.
    index: OnceLock<SpanIndex>,
}

impl Document {
    #[must_use]
    pub fn new(file: FileId, path: PathBuf, url: Url, parsed: Parsed) -> Self {
        Document {
            file,
            path,
            url,
            value: Box::new(parsed.value),
            spans: Mutex::new(Some(parsed.spans)),
            index: OnceLock::new(),
        }
    }

    #[must_use]
    pub fn file(&self) -> FileId {
        self.file
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    #[must_use]
    pub fn url(&self) -> &Url {
        &self.url
    }

    #[must_use]
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Whether `v` is a node of this document.
    #[must_use]
    pub fn contains(&self, v: &Value) -> bool {
        self.index().contains(v)
    }

    #[must_use]
    pub fn index(&self) -> &SpanIndex {
        self.index.get_or_init(|| {
            let spans = self
                .spans
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .unwrap_or_default();
            SpanIndex::build(&self.value, &spans)
        })
    }

    /// Builds the span index now (a no-op when it exists): the loader calls
    /// this on another thread while it goes on resolving references.
    pub fn prepare_index(&self) {
        let _ = self.index();
    }

    /// The JSON pointer of a node of this document.
    #[must_use]
    pub fn pointer_of(&self, v: &Value) -> Option<String> {
        self.index().pointer(&self.value, v)
    }

    /// The location of a node's value.
    #[must_use]
    pub fn locate(&self, v: &Value) -> Location {
        let span = self.index().span(v).unwrap_or_default();
        Location::new(self.file, span, self.pointer_of(v).unwrap_or_default())
    }

    /// The location of the key a node sits under (its value when it has no key).
    #[must_use]
    pub fn locate_key(&self, v: &Value) -> Location {
        let span = self
            .index()
            .key_span(v)
            .or_else(|| self.index().span(v))
            .unwrap_or_default();
        Location::new(self.file, span, self.pointer_of(v).unwrap_or_default())
    }

    /// The location of member `key` of object `v`: its key when present,
    /// else the key of `v` itself.
    #[must_use]
    pub fn locate_member(&self, v: &Value, key: &str) -> Location {
        match v.get(key) {
            Some(member) => self.locate_key(member),
            None => self.locate_key(v),
        }
    }

    /// A location with an explicit span in this file.
    #[must_use]
    pub fn location(&self, span: Span, pointer: impl Into<String>) -> Location {
        Location::new(self.file, span, pointer)
    }
}
