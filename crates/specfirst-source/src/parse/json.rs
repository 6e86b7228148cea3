//! A strict RFC 8259 JSON parser that records the span of every node.
//!
//! Written by hand rather than taken from a crate because it has to give
//! byte spans for keys and values, keep duplicate keys visible, bound the
//! nesting depth, and build `serde_json::Value` directly without a second
//! AST (the GitHub description has over a million nodes).

use serde_json::{Map, Number, Value};
use specfirst_diagnostics::Span;

use super::{
    ErrorKind, KeySpans, Limits, NodeSpans, ParseError, ParseWarning, Parsed, WarningKind,
    describe_char,
};

pub(super) fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        limits,
        spans: Vec::with_capacity(text.len() / 16),
        warnings: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.skip_ws();
    let value = p.value(0, None)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error(format!(
            "unexpected {} after the end of the JSON value",
            describe_char(p.peek_char())
        )));
    }
    Ok(Parsed {
        value,
        spans: p.spans,
        warnings: p.warnings,
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: &'a Limits,
    spans: Vec<NodeSpans>,
    warnings: Vec<ParseWarning>,
}

impl Parser<'_> {
    fn peek_char(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn error(&self, message: String) -> ParseError {
        let len = self.peek_char().map_or(0, char::len_utf8);
        ParseError {
            kind: ErrorKind::Syntax,
            span: Span::new(self.pos, self.pos + len),
            message,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect_found(&self, what: &str) -> ParseError {
        self.error(format!(
            "expected {what}, found {}",
            describe_char(self.peek_char())
        ))
    }

    /// Parses one value at `self.pos` (whitespace already skipped) and records its spans.
    fn value(&mut self, depth: usize, key: Option<Span>) -> Result<Value, ParseError> {
        let start = self.pos;
        let slot = self.spans.len();
        self.spans.push(NodeSpans {
            value: Span::empty(start),
            key,
        });
        let value = match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth + 1)?,
            Some(b'[') => self.array(depth + 1)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.expect_found("a JSON value")),
        };
        self.spans[slot].value = Span::new(start, self.pos);
        Ok(value)
    }

    fn check_depth(&self, depth: usize) -> Result<(), ParseError> {
        if depth > self.limits.max_depth {
            return Err(ParseError {
                kind: ErrorKind::Limit,
                span: Span::new(self.pos, self.pos + 1),
                message: format!(
                    "nesting is deeper than {} levels; specfirst stops here",
                    self.limits.max_depth
                ),
            });
        }
        Ok(())
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.expect_found("a JSON value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.check_depth(depth)?;
        self.pos += 1;
        let mut map = Map::new();
        let mut key_spans = KeySpans::default();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(map));
        }
        loop {
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.expect_found("a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.expect_found("`:` after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let mark = self.spans.len();
            let value = self.value(depth, Some(key_span))?;
            let duplicate = match map.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    key_spans.push(slot.key(), key_span);
                    slot.insert(value);
                    None
                }
                serde_json::map::Entry::Occupied(existing) => Some(existing.key().clone()),
            };
            if let Some(key) = duplicate {
                let first = key_spans.first(&map, &key);
                self.warnings.push(ParseWarning {
                    kind: WarningKind::DuplicateKey,
                    span: key_span,
                    message: format!("duplicate key `{key}`; the first one is used"),
                    first,
                });
                self.spans.truncate(mark);
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.expect_found("`,` or `}` after an object member")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.check_depth(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth, None)?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.expect_found("`,` or `]` after an array element")),
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(ParseError {
                    kind: ErrorKind::Syntax,
                    span: Span::new(open, open + 1),
                    message: "string is not closed before the end of the file".to_owned(),
                });
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[run_start..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run_start..self.pos]);
                    self.escape(&mut out)?;
                    run_start = self.pos;
                }
                0..=0x1f => {
                    return Err(self.error(
                        "control character in a string; write it as an escape such as `\\n`"
                            .to_owned(),
                    ));
                }
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.bytes.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4(at)?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                        self.pos += 2;
                        let second = self.hex4(at)?;
                        if !(0xDC00..0xE000).contains(&second) {
                            return Err(self.bad_escape(
                                at,
                                "a high surrogate is not followed by a low surrogate",
                            ));
                        }
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    } else {
                        None
                    }
                } else {
                    char::from_u32(first)
                };
                let Some(c) = c else {
                    return Err(self.bad_escape(at, "unpaired surrogate in a `\\u` escape"));
                };
                out.push(c);
                return Ok(());
            }
            _ => return Err(self.bad_escape(at, "unknown escape sequence")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn bad_escape(&self, at: usize, message: &str) -> ParseError {
        ParseError {
            kind: ErrorKind::Syntax,
            span: Span::new(at, (self.pos + 1).min(self.bytes.len())),
            message: message.to_owned(),
        }
    }

    fn hex4(&mut self, at: usize) -> Result<u32, ParseError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else {
            return Err(self.bad_escape(at, "`\\u` must be followed by four hex digits"));
        };
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.bad_escape(at, "invalid hex digits"))
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if digits(self) == 0 {
            return Err(self.expect_found("a digit"));
        }
        if self.bytes[int_start] == b'0' && self.pos - int_start > 1 {
            return Err(ParseError {
                kind: ErrorKind::Syntax,
                span: Span::new(start, self.pos),
                message: "numbers must not have leading zeros".to_owned(),
            });
        }
        let mut integer = true;
        if self.bytes.get(self.pos) == Some(&b'.') {
            integer = false;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.expect_found("a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.expect_found("a digit in the exponent"));
            }
        }
        let literal = &self.text[start..self.pos];
        number_value(literal, integer).ok_or_else(|| ParseError {
            kind: ErrorKind::Syntax,
            span: Span::new(start, self.pos),
            message: format!("number `{literal}` is out of range"),
        })
    }
}

/// The `Value` of a number literal: an integer where it fits, else a float.
pub(crate) fn number_value(literal: &str, integer: bool) -> Option<Value> {
    if integer {
        if let Ok(n) = literal.parse::<u64>() {
            return Some(Value::Number(n.into()));
        }
        if let Ok(n) = literal.parse::<i64>() {
            return Some(Value::Number(n.into()));
        }
    }
    let f = literal.parse::<f64>().ok()?;
    Number::from_f64(f).map(Value::Number)
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
    fn values_and_spans_in_preorder() {
        let p = ok(r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00"], "b": null}"#);
        assert_eq!(p.value, json!({"a": [1, -2500.0, "xé😀"], "b": null}));
        let spans: Vec<(u32, u32)> = p
            .spans
            .iter()
            .map(|s| (s.value.start, s.value.end))
            .collect();
        assert_eq!(
            spans,
            vec![(0, 52), (6, 40), (7, 8), (10, 16), (18, 39), (47, 51)]
        );
        assert_eq!(p.spans[1].key, Some(Span::new(1, 4)));
        assert_eq!(p.spans[5].key, Some(Span::new(42, 45)));
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_warn() {
        let p = ok(r#"{"a": {"x": 1}, "a": [2, 3], "b": 4}"#);
        assert_eq!(p.value, json!({"a": {"x": 1}, "b": 4}));
        assert_eq!(p.spans.len(), 4);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].span, Span::new(16, 19));
        assert_eq!(p.warnings[0].first, Some(Span::new(1, 4)));
    }

    #[test]
    fn many_duplicates_each_point_at_their_first_key() {
        // New keys after the first duplicate, then each key again.
        let text = r#"{"a": 1, "b": 2, "a": 3, "c": 4, "c": 5, "b": 6}"#;
        let p = ok(text);
        assert_eq!(p.value, json!({"a": 1, "b": 2, "c": 4}));
        let firsts: Vec<Option<Span>> = p.warnings.iter().map(|w| w.first).collect();
        let spans = [Span::new(1, 4), Span::new(25, 28), Span::new(9, 12)];
        assert_eq!(firsts, spans.map(Some));
        // Tens of thousands of duplicates in one object (this took seconds
        // when each one scanned the keys for its first occurrence).
        let keys: Vec<String> = (0..50_000).map(|i| format!(r#""k{i}": {i}"#)).collect();
        let keys = keys.join(", ");
        let text = format!("{{{keys}, {keys}}}");
        let p = ok(&text);
        assert_eq!(p.warnings.len(), 50_000);
        let last = r#""k49999""#;
        let first_last = text.find(last).unwrap_or_default();
        assert_eq!(
            p.warnings[49_999].first,
            Some(Span::new(first_last, first_last + last.len()))
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        assert_eq!(err(r#"{"a": 1,}"#).span, Span::new(8, 9));
        assert_eq!(
            err(r#"{"a" 1}"#).message,
            "expected `:` after the key, found `1`"
        );
        assert_eq!(
            err("[1, 2").message,
            "expected `,` or `]` after an array element, found end of file"
        );
        assert_eq!(err("01").message, "numbers must not have leading zeros");
        assert_eq!(
            err(r#""\ud800""#).message,
            "unpaired surrogate in a `\\u` escape"
        );
        assert_eq!(err("\"a\nb\"").span, Span::new(2, 3));
        assert_eq!(
            err("{} x").message,
            "unexpected `x` after the end of the JSON value"
        );
        assert_eq!(err("").message, "expected a JSON value, found end of file");
        assert_eq!(err("1e999").message, "number `1e999` is out of range");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(10_000);
        let e = err(&deep);
        assert_eq!(e.kind, ErrorKind::Limit);
        let fine = format!("{}{}", "[".repeat(200), "]".repeat(200));
        ok(&fine);
    }

    #[test]
    fn bom_is_skipped() {
        let p = ok("\u{feff}{\"a\": 1}");
        assert_eq!(p.spans[0].value, Span::new(3, 11));
    }
}
