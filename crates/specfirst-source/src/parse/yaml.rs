//! YAML 1.2 (core schema) to `serde_json::Value`, from saphyr-parser's event
//! stream, with spans for every node and key.
//!
//! Building from events (rather than from saphyr's own tree) lets us bound
//! nesting depth and alias expansion while the document is read, keep the
//! first of two duplicate keys and say where both are, and turn keys such as
//! `200` into the strings OpenAPI expects.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, Tag};
use serde_json::{Map, Value};
use specfirst_diagnostics::Span;

use super::{
    ErrorKind, KeySpans, Limits, NodeSpans, ParseError, ParseWarning, Parsed, WarningKind,
};

pub(super) fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut b = Builder {
        offsets: Offsets::new(text),
        limits,
        stack: Vec::new(),
        spans: Vec::with_capacity(text.len() / 16),
        warnings: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        documents: 0,
        pending_key: None,
    };
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(e)) => e,
            Some(Err(e)) => {
                let at = b.offsets.byte(e.marker().index());
                let (kind, message) = if e.info() == "recursion limit exceeded" {
                    (
                        ErrorKind::Limit,
                        "flow collections are nested too deeply; specfirst stops here".to_owned(),
                    )
                } else {
                    (ErrorKind::Syntax, e.info().to_owned())
                };
                return Err(ParseError {
                    kind,
                    span: Span::new(at, at + char_len(text, at)),
                    message,
                });
            }
        };
        if b.event(event, span)? {
            break;
        }
    }
    let value = b.root.take().unwrap_or(Value::Null);
    if b.spans.is_empty() {
        b.spans.push(NodeSpans {
            value: Span::empty(0),
            key: None,
        });
    }
    Ok(Parsed {
        value,
        spans: b.spans,
        warnings: b.warnings,
    })
}

fn char_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(0, char::len_utf8)
}

/// Character index (what saphyr reports) to byte offset.
struct Offsets {
    /// Byte offset of every character, or `None` when the text is ASCII.
    table: Option<Vec<u32>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect()
        });
        Offsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map_or(self.len, |b| *b as usize),
        }
    }

    fn span(&self, s: &YamlSpan) -> Span {
        Span::new(self.byte(s.start.index()), self.byte(s.end.index()))
    }
}

enum Frame {
    Seq {
        items: Vec<Value>,
        slot: usize,
        start: usize,
        anchor: usize,
        key: Option<(String, Span)>,
    },
    Map {
        map: Map<String, Value>,
        key_spans: KeySpans,
        slot: usize,
        start: usize,
        anchor: usize,
        /// The key of the member being read, once its scalar has been seen.
        current: Option<(String, Span)>,
        /// Spans length before the current member's value started.
        mark: usize,
        /// The key this mapping itself sits under in its parent.
        key: Option<(String, Span)>,
    },
}

struct Anchored {
    value: Value,
    spans: Vec<NodeSpans>,
}

struct Builder<'a> {
    offsets: Offsets,
    limits: &'a Limits,
    stack: Vec<Frame>,
    spans: Vec<NodeSpans>,
    warnings: Vec<ParseWarning>,
    anchors: HashMap<usize, Anchored>,
    alias_nodes: usize,
    root: Option<Value>,
    documents: usize,
    /// A key scalar that was complex (not a plain scalar) and is being skipped.
    pending_key: Option<()>,
}

impl Builder<'_> {
    /// Handles one event; returns `true` to stop reading.
    fn event(&mut self, event: Event<'_>, yspan: YamlSpan) -> Result<bool, ParseError> {
        let span = self.offsets.span(&yspan);
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(true),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.warnings.push(ParseWarning {
                        kind: WarningKind::Ignored,
                        span,
                        message: "only the first YAML document of the stream is read".to_owned(),
                        first: None,
                    });
                    return Ok(true);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                if self.expecting_key() {
                    let key = text.into_owned();
                    self.set_key(key, span);
                    return Ok(false);
                }
                let value = resolve_scalar(&text, style, tag.as_deref());
                let slot = self.open_node(span.start as usize)?;
                self.spans[slot].value = span;
                self.finish(value, slot, anchor, span.end as usize);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.expecting_key() {
                    return Err(ParseError {
                        kind: ErrorKind::Syntax,
                        span,
                        message:
                            "mapping keys must be scalars; OpenAPI documents have no complex keys"
                                .to_owned(),
                    });
                }
                let _ = self.pending_key;
                if self.stack.len() >= self.limits.max_depth {
                    return Err(ParseError {
                        kind: ErrorKind::Limit,
                        span: Span::new(span.start as usize, span.start as usize + 1),
                        message: format!(
                            "nesting is deeper than {} levels; specfirst stops here",
                            self.limits.max_depth
                        ),
                    });
                }
                let key = self.take_parent_key();
                let start = span.start as usize;
                let slot = self.spans.len();
                self.spans.push(NodeSpans {
                    value: Span::empty(start),
                    key: key.as_ref().map(|k| k.1),
                });
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        slot,
                        start,
                        anchor,
                        key,
                    }
                } else {
                    Frame::Map {
                        map: Map::new(),
                        key_spans: KeySpans::default(),
                        slot,
                        start,
                        anchor,
                        current: None,
                        mark: 0,
                        key,
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(false);
                };
                let (value, slot, start, anchor, key, last_end) = match frame {
                    Frame::Seq {
                        items,
                        slot,
                        start,
                        anchor,
                        key,
                    } => {
                        let last = self.last_child_end(slot);
                        (Value::Array(items), slot, start, anchor, key, last)
                    }
                    Frame::Map {
                        map,
                        slot,
                        start,
                        anchor,
                        key,
                        ..
                    } => {
                        let last = self.last_child_end(slot);
                        (Value::Object(map), slot, start, anchor, key, last)
                    }
                };
                // Flow collections end at their closing bracket; block ones at their last child.
                let end = if span.end > span.start {
                    (span.end as usize).max(last_end)
                } else {
                    last_end.max(start)
                };
                self.spans[slot].value = Span::new(start, end);
                // Put the key back for `finish` to attach the value to the parent.
                if let Some(k) = key {
                    self.restore_parent_key(k);
                }
                self.finish(value, slot, anchor, end);
            }
            Event::Alias(id) => {
                if self.expecting_key() {
                    return Err(ParseError {
                        kind: ErrorKind::Syntax,
                        span,
                        message: "aliases as mapping keys are not supported".to_owned(),
                    });
                }
                let Some(anchored) = self.anchors.get(&id) else {
                    return Err(ParseError {
                        kind: ErrorKind::Syntax,
                        span,
                        message: "alias to an unknown anchor".to_owned(),
                    });
                };
                self.alias_nodes += anchored.spans.len();
                if self.alias_nodes > self.limits.max_alias_nodes {
                    return Err(ParseError {
                        kind: ErrorKind::Limit,
                        span,
                        message: format!(
                            "aliases expand to more than {} nodes (an alias bomb?); specfirst stops here",
                            self.limits.max_alias_nodes
                        ),
                    });
                }
                let value = anchored.value.clone();
                let mut copied = anchored.spans.clone();
                let key = self.take_parent_key();
                if let Some(first) = copied.first_mut() {
                    first.key = key.as_ref().map(|k| k.1);
                    first.value = span;
                }
                let slot = self.spans.len();
                self.spans.extend(copied);
                if let Some(k) = key {
                    self.restore_parent_key(k);
                }
                self.finish(value, slot, 0, span.end as usize);
            }
        }
        Ok(false)
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { current: None, .. }))
    }

    fn set_key(&mut self, key: String, span: Span) {
        let len = self.spans.len();
        if let Some(Frame::Map { current, mark, .. }) = self.stack.last_mut() {
            *current = Some((key, span));
            *mark = len;
        }
    }

    /// The key under which the next node sits, taken from the parent mapping.
    fn take_parent_key(&mut self) -> Option<(String, Span)> {
        match self.stack.last_mut() {
            Some(Frame::Map { current, .. }) => current.take(),
            _ => None,
        }
    }

    fn restore_parent_key(&mut self, key: (String, Span)) {
        if let Some(Frame::Map { current, .. }) = self.stack.last_mut() {
            *current = Some(key);
        }
    }

    /// Reserves the span slot of a scalar node; returns its index.
    fn open_node(&mut self, start: usize) -> Result<usize, ParseError> {
        let key = match self.stack.last() {
            Some(Frame::Map {
                current: Some((_, s)),
                ..
            }) => Some(*s),
            _ => None,
        };
        self.spans.push(NodeSpans {
            value: Span::empty(start),
            key,
        });
        Ok(self.spans.len() - 1)
    }

    fn last_child_end(&self, slot: usize) -> usize {
        self.spans
            .get(slot + 1..)
            .and_then(|rest| rest.iter().map(|s| s.value.end).max())
            .map_or(self.spans[slot].value.start as usize, |e| e as usize)
    }

    /// Attaches a completed node to its parent (or makes it the root).
    fn finish(&mut self, value: Value, slot: usize, anchor: usize, _end: usize) {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    value: value.clone(),
                    spans: self.spans[slot..].to_vec(),
                },
            );
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map {
                map,
                key_spans,
                current,
                mark,
                ..
            }) => {
                let Some((key, key_span)) = current.take() else {
                    return;
                };
                if map.contains_key(&key) {
                    let first = key_spans.first(map, &key);
                    self.warnings.push(ParseWarning {
                        kind: WarningKind::DuplicateKey,
                        span: key_span,
                        message: format!("duplicate key `{key}`; the first one is used"),
                        first,
                    });
                    let mark = *mark;
                    self.spans.truncate(mark);
                } else {
                    key_spans.push(&key, key_span);
                    map.insert(key, value);
                }
            }
        }
    }
}

/// Resolves a scalar by the YAML 1.2 core schema (and explicit core tags).
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag.filter(|t| t.is_yaml_core_schema()) {
        return match tag.suffix.as_str() {
            "str" => Value::String(text.to_string()),
            "null" => Value::Null,
            "bool" => resolve_plain(text)
                .filter(Value::is_boolean)
                .unwrap_or_else(|| Value::String(text.to_string())),
            "int" | "float" => resolve_plain(text)
                .filter(Value::is_number)
                .unwrap_or_else(|| Value::String(text.to_string())),
            _ => resolve_plain(text).unwrap_or_else(|| Value::String(text.to_string())),
        };
    }
    if style != ScalarStyle::Plain || tag.is_some_and(|t| t.handle == "!" && t.suffix.is_empty()) {
        return Value::String(text.to_string());
    }
    resolve_plain(text).unwrap_or_else(|| Value::String(text.to_string()))
}

/// A plain scalar's non-string value, if it has one.
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16)
            .ok()
            .map(|n| Value::Number(n.into()));
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8)
            .ok()
            .map(|n| Value::Number(n.into()));
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        // Not representable in JSON: keep the text.
        return None;
    }
    let is_int = !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit());
    if is_int {
        let literal = text.strip_prefix('+').unwrap_or(text);
        return super::json::number_value(literal, true);
    }
    if is_float(unsigned) {
        return super::json::number_value(text.strip_prefix('+').unwrap_or(text), false);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> Parsed {
        parse(text, &Limits::default()).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    fn err(text: &str) -> ParseError {
        match parse(text, &Limits::default()) {
            Ok(p) => panic!("{text} parsed as {:?}", p.value),
            Err(e) => e,
        }
    }

    #[test]
    fn core_schema_scalars() {
        let p = ok(
            "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: yes\ng: 0x1F\nh: -.5\ni: 1e3\nj: .inf\nk: 1.0.0\n200: x\n",
        );
        assert_eq!(
            p.value,
            json!({"a": 1, "b": 1.5, "c": true, "d": null, "e": "1", "f": "yes", "g": 31,
                   "h": -0.5, "i": 1000.0, "j": ".inf", "k": "1.0.0", "200": "x"})
        );
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\nlist: [a, {b: c}]\n";
        let p = ok(text);
        let at = |s: Span| &text[s.range()];
        assert_eq!(p.spans.len(), 9);
        assert_eq!(at(p.spans[1].value), "3.1.0");
        assert_eq!(at(p.spans[1].key.unwrap_or_default()), "openapi");
        assert_eq!(at(p.spans[2].key.unwrap_or_default()), "info");
        assert_eq!(at(p.spans[2].value), "title: T\n  version: '1'");
        assert_eq!(at(p.spans[4].value), "'1'");
        assert_eq!(at(p.spans[5].value), "[a, {b: c}]");
        assert_eq!(at(p.spans[7].value), "{b: c}");
        assert_eq!(at(p.spans[8].value), "c");
    }

    #[test]
    fn non_ascii_positions_are_bytes() {
        let text = "é: ü\nb: x\n";
        let p = ok(text);
        assert_eq!(&text[p.spans[2].value.range()], "x");
        assert_eq!(&text[p.spans[1].value.range()], "ü");
    }

    #[test]
    fn duplicate_keys_warn_and_keep_first() {
        let p = ok("a: {x: 1}\nb: 2\na: [1, 2]\n");
        assert_eq!(p.value, json!({"a": {"x": 1}, "b": 2}));
        assert_eq!(p.spans.len(), 4);
        assert_eq!(p.warnings[0].span, Span::new(15, 16));
        assert_eq!(p.warnings[0].first, Some(Span::new(0, 1)));
    }

    #[test]
    fn many_duplicates_each_point_at_their_first_key() {
        let text = "a: 1\nb: 2\na: 3\nc: 4\nc: 5\nb: 6\n";
        let p = ok(text);
        assert_eq!(p.value, json!({"a": 1, "b": 2, "c": 4}));
        let firsts: Vec<Option<Span>> = p.warnings.iter().map(|w| w.first).collect();
        let spans = [Span::new(0, 1), Span::new(15, 16), Span::new(5, 6)];
        assert_eq!(firsts, spans.map(Some));
        let keys: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        let text = format!("{keys}{keys}");
        let p = ok(&text);
        assert_eq!(p.warnings.len(), 50_000);
        let first_last = text.find("k49999").unwrap_or_default();
        assert_eq!(
            p.warnings[49_999].first,
            Some(Span::new(first_last, first_last + "k49999".len()))
        );
    }

    #[test]
    fn aliases_copy_and_bombs_stop() {
        let p = ok("a: &x {k: v}\nb: *x\n");
        assert_eq!(p.value, json!({"a": {"k": "v"}, "b": {"k": "v"}}));
        assert_eq!(p.spans.len(), 5);
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
        {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert_eq!(err(&bomb).kind, ErrorKind::Limit);
    }

    #[test]
    fn deep_nesting_stops() {
        let e = err(&"[".repeat(10_000));
        assert_eq!(e.kind, ErrorKind::Limit, "{e:?}");
        let mut block = String::new();
        for i in 0..10_000 {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        let e = err(&block);
        assert_eq!(e.kind, ErrorKind::Limit, "{e:?}");
    }

    #[test]
    fn syntax_error_position() {
        let text = "a: b\n  c: d\n";
        let e = err(text);
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(e.span.start >= 5, "{e:?}");
    }

    #[test]
    fn empty_and_scalar_documents() {
        assert_eq!(ok("").value, Value::Null);
        assert_eq!(ok("just text").value, json!("just text"));
        assert_eq!(ok("# only a comment\n").value, Value::Null);
    }

    #[test]
    fn second_document_is_ignored_with_a_warning() {
        let p = ok("a: 1\n---\nb: 2\n");
        assert_eq!(p.value, json!({"a": 1}));
        assert_eq!(p.warnings[0].kind, WarningKind::Ignored);
    }
}
