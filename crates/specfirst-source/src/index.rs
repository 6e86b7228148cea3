//! Maps every node of a document (by address) to its spans and its parent.
//!
//! A document never changes after it is loaded, so the address of each
//! `Value` inside it is stable. Rules work on plain `&Value`s and ask the
//! index where one came from only when they report a finding.

use rustc_hash::FxHashMap;
use serde_json::Value;
use specfirst_diagnostics::Span;

use crate::parse::NodeSpans;

#[derive(Debug, Clone, Copy)]
struct Entry {
    parent: usize,
    value: Span,
    key: Span,
    has_key: bool,
}

/// Objects with more members than this remember the key of each member, so
/// that [`SpanIndex::pointer`] finds a member without scanning its siblings.
const WIDE_OBJECT: usize = 16;

/// Spans of every node of one document, keyed by the node's address.
#[derive(Debug, Default)]
pub struct SpanIndex {
    entries: FxHashMap<usize, Entry>,
    /// The key of every member of a wide object, by the member's address.
    /// (`components/schemas` of a large document has tens of thousands of
    /// members: scanning them for each pointer made rules quadratic.)
    wide_keys: FxHashMap<usize, Box<str>>,
}

fn addr(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

impl SpanIndex {
    /// Pairs `root` (at its final address) with `spans` in pre-order.
    #[must_use]
    pub fn build(root: &Value, spans: &[NodeSpans]) -> Self {
        let mut entries = FxHashMap::default();
        entries.reserve(spans.len());
        let mut wide_keys = FxHashMap::default();
        let mut spans = spans.iter();
        // (node, parent address)
        let mut stack: Vec<(&Value, usize)> = vec![(root, 0)];
        while let Some((node, parent)) = stack.pop() {
            let Some(s) = spans.next() else { break };
            entries.insert(
                addr(node),
                Entry {
                    parent,
                    value: s.value,
                    key: s.key.unwrap_or_default(),
                    has_key: s.key.is_some(),
                },
            );
            let me = addr(node);
            match node {
                Value::Array(items) => stack.extend(items.iter().rev().map(|c| (c, me))),
                Value::Object(map) => {
                    if map.len() > WIDE_OBJECT {
                        wide_keys.extend(map.iter().map(|(k, c)| (addr(c), k.as_str().into())));
                    }
                    stack.extend(map.values().rev().map(|c| (c, me)));
                }
                _ => {}
            }
        }
        SpanIndex { entries, wide_keys }
    }

    #[must_use]
    pub fn contains(&self, v: &Value) -> bool {
        self.entries.contains_key(&addr(v))
    }

    /// The span of the node's value.
    #[must_use]
    pub fn span(&self, v: &Value) -> Option<Span> {
        self.entries.get(&addr(v)).map(|e| e.value)
    }

    /// The span of the key the node sits under, if it is an object member.
    #[must_use]
    pub fn key_span(&self, v: &Value) -> Option<Span> {
        self.entries
            .get(&addr(v))
            .and_then(|e| e.has_key.then_some(e.key))
    }

    /// The node that contains `v`.
    #[must_use]
    pub fn parent_addr(&self, v: &Value) -> Option<usize> {
        self.parent_addr_of(addr(v))
    }

    /// The address of the node that contains the node at address `node`.
    #[must_use]
    pub fn parent_addr_of(&self, node: usize) -> Option<usize> {
        self.entries
            .get(&node)
            .and_then(|e| (e.parent != 0).then_some(e.parent))
    }

    /// The JSON pointer of `v` inside `root`, climbing parents.
    #[must_use]
    pub fn pointer(&self, root: &Value, v: &Value) -> Option<String> {
        let mut chain = vec![addr(v)];
        let mut cur = addr(v);
        while let Some(e) = self.entries.get(&cur) {
            if e.parent == 0 {
                break;
            }
            chain.push(e.parent);
            cur = e.parent;
        }
        if cur != addr(root) {
            return None;
        }
        let mut out = String::new();
        let mut node = root;
        for &child in chain.iter().rev().skip(1) {
            match node {
                Value::Object(map) => {
                    let (k, c) = match self.wide_keys.get(&child) {
                        Some(k) => map.get_key_value(k.as_ref())?,
                        None => map.iter().find(|(_, c)| addr(c) == child)?,
                    };
                    if addr(c) != child {
                        return None;
                    }
                    out.push('/');
                    out.push_str(&crate::pointer::escape(k));
                    node = c;
                }
                Value::Array(items) => {
                    // Elements are contiguous: the index follows from the address.
                    let offset = child.wrapping_sub(items.as_ptr() as usize);
                    let i = offset / size_of::<Value>();
                    let c = items.get(i).filter(|c| addr(c) == child)?;
                    out.push('/');
                    out.push_str(&i.to_string());
                    node = c;
                }
                _ => return None,
            }
        }
        Some(out)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Format, Limits, parse};

    fn index(text: &str) -> (Box<Value>, SpanIndex) {
        let parsed =
            parse(text, Format::Json, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let value = Box::new(parsed.value);
        let index = SpanIndex::build(&value, &parsed.spans);
        (value, index)
    }

    #[test]
    fn pointers_of_members_of_wide_and_narrow_containers() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let items: Vec<String> = (0..100).map(|i| format!("[{i}]")).collect();
        let text = format!(
            r#"{{"wide": {{{}, "a/b~c": {{"x": [1, 2]}}}}, "narrow": {{"a/b~c": [1, {{"y": 0}}]}}, "list": [{}]}}"#,
            members.join(", "),
            items.join(", ")
        );
        let (root, index) = index(&text);
        let at = |p: &str| {
            let v = root.pointer(p).unwrap_or_else(|| panic!("{p}"));
            index.pointer(&root, v)
        };
        for p in [
            "",
            "/wide/k0",
            "/wide/k99",
            "/wide/a~1b~0c",
            "/wide/a~1b~0c/x/1",
            "/narrow/a~1b~0c/1/y",
            "/list/0/0",
            "/list/99",
            "/list/99/0",
        ] {
            assert_eq!(at(p).as_deref(), Some(p));
        }
        // A value that is not in the document has no pointer.
        assert_eq!(index.pointer(&root, &Value::Null), None);
    }
}
