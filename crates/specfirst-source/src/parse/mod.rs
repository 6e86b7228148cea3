//! YAML and JSON parsers that keep the byte span of every node and key.
//!
//! Both produce a [`Parsed`]: the document as a `serde_json::Value` plus the
//! spans of its nodes in pre-order (a node, then its children in order). The
//! [`crate::SpanIndex`] pairs the two once the value has its final address.

mod json;
mod yaml;

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};
use specfirst_diagnostics::Span;

/// Limits that keep hostile input from exhausting time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused.
    pub max_file_bytes: u64,
    /// Containers nested deeper than this are refused.
    pub max_depth: usize,
    /// Total nodes that YAML aliases may copy into one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_depth: 256,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// Spans of one node: the value, and the key when the node is an object member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeSpans {
    pub value: Span,
    pub key: Option<Span>,
}

/// The spans of the keys of one mapping being built, in insertion order, and
/// where the first of two duplicate keys is.
#[derive(Debug, Default)]
pub(crate) struct KeySpans {
    spans: Vec<Span>,
    /// Key → index into `spans`, built at the first duplicate only: finding
    /// it by scanning the keys made a mapping with many duplicates quadratic.
    by_key: Option<FxHashMap<String, usize>>,
}

impl KeySpans {
    /// Records the span of a key just inserted into the mapping.
    pub(crate) fn push(&mut self, key: &str, span: Span) {
        if let Some(by_key) = &mut self.by_key {
            by_key.insert(key.to_owned(), self.spans.len());
        }
        self.spans.push(span);
    }

    /// The span of `key`, already in `map` (whose keys were all [`push`](Self::push)ed).
    pub(crate) fn first(&mut self, map: &Map<String, Value>, key: &str) -> Option<Span> {
        let by_key = self.by_key.get_or_insert_with(|| {
            map.keys()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect()
        });
        by_key.get(key).and_then(|&i| self.spans.get(i).copied())
    }
}

/// A problem found while parsing that did not stop the parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    pub kind: WarningKind,
    pub span: Span,
    pub message: String,
    /// Where the thing this warning is about was first seen (the first key of a duplicate).
    pub first: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// The same key twice in one mapping; the first one is kept.
    DuplicateKey,
    /// Something the parser skipped (a second YAML document, a complex key).
    Ignored,
}

/// Why a document could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ErrorKind,
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    /// Nesting depth or alias expansion over the [`Limits`].
    Limit,
}

/// A parsed document.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    /// Spans of every node of `value`, in pre-order.
    pub spans: Vec<NodeSpans>,
    pub warnings: Vec<ParseWarning>,
}

/// Which syntax to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// `.json` is JSON, `.yaml`/`.yml` YAML; otherwise a document whose first
    /// non-blank character is `{` or `[` is JSON.
    #[must_use]
    pub fn detect(path: &std::path::Path, text: &str) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            _ => {
                let first = text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .chars()
                    .next();
                if matches!(first, Some('{' | '[')) {
                    Format::Json
                } else {
                    Format::Yaml
                }
            }
        }
    }
}

/// Parses `text` as `format`.
///
/// # Errors
/// A syntax error, or input over the [`Limits`].
pub fn parse(text: &str, format: Format, limits: &Limits) -> Result<Parsed, ParseError> {
    match format {
        Format::Json => json::parse(text, limits),
        Format::Yaml => yaml::parse(text, limits),
    }
}

/// A short, printable rendering of a source excerpt for messages.
pub(crate) fn describe_char(c: Option<char>) -> String {
    match c {
        None => "end of file".to_owned(),
        Some(c) if c.is_control() || c.is_whitespace() => format!("{:?}", c),
        Some(c) => format!("`{c}`"),
    }
}
