//! The filters templates use to put strings from the spec into Rust source,
//! all registered by [`register`]. Templates never interpolate a spec string
//! without one of them: each output can only be a literal or comment, whatever
//! the input.
//!
//! | filter | output |
//! |---|---|
//! | `rust_string` | a complete Rust string literal, quotes included: `{{ name \| rust_string }}` |
//! | `toml_string` | a complete TOML basic string, quotes included: `name = {{ name \| toml_string }}` |
//! | `doc` | `///` lines (or `//!` with `doc(inner=true)`): `{{ description \| doc }}` at the start of a line |

use std::fmt::Write as _;

use tera::{Kwargs, State, Tera};

/// Registers every filter of this module on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("rust_string", |value: &str, _: Kwargs, _: &State| {
        rust_string(value)
    });
    tera.register_filter("toml_string", |value: &str, _: Kwargs, _: &State| {
        toml_string(value)
    });
    tera.register_filter("doc", |value: &str, kwargs: Kwargs, _: &State| {
        let inner = kwargs.get::<bool>("inner")?.unwrap_or(false);
        Ok::<_, tera::Error>(doc(value, if inner { "//!" } else { "///" }))
    });
}

/// `value` as a Rust string literal, quotes included. Quotes, backslashes and
/// the usual whitespace escapes are escaped; every other control character and
/// every Unicode format character (bidirectional overrides, zero-width
/// characters, which rustc rejects in literals) becomes `\u{..}`.
pub fn rust_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_unicode_escape(c) => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` as a TOML basic string, quotes included: quotes, backslashes and
/// every control character escaped (`\n`, `\uXXXX`…), so the value stays on
/// its line and inside its quotes.
pub fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_unicode_escape(c) || matches!(c, '\u{2028}' | '\u{2029}') => {
                let code = u32::from(c);
                // Writing into a String cannot fail.
                let _ = if code > 0xffff {
                    write!(out, "\\U{code:08X}")
                } else {
                    write!(out, "\\u{code:04X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as doc comment lines, each starting with `prefix` (`///` or `//!`),
/// joined by `\n`, without a trailing newline. Every line break of the input
/// (`\n`, `\r\n`, `\r`, U+2028, U+2029) starts a new comment line, so no input
/// line can end the comment and start code. Control and format characters are
/// written as `\u{..}` text. Markdown that rustdoc would run as a doctest is
/// neutralised: code fences become ```` ```text ```` and indentation outside
/// fences is capped at three spaces (no indented code blocks). A line
/// starting with `/` or `!` gets a space first, so it cannot turn the comment
/// into a plain or inner one.
pub fn doc(text: &str, prefix: &str) -> String {
    let normalized = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let lines: Vec<&str> = normalized.trim_end().split('\n').collect();
    let mut out = String::with_capacity(normalized.len() + lines.len() * (prefix.len() + 1));
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(prefix);
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        let trimmed = line.trim_start();
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        let body = if fence {
            in_fence = !in_fence;
            if in_fence {
                // Opening fence: whatever the info string said, not a doctest.
                let marker = &trimmed[..3];
                format!("{marker}text")
            } else {
                trimmed[..3].to_owned()
            }
        } else if in_fence {
            line.to_owned()
        } else {
            let indent = line.len() - trimmed.len();
            format!("{}{trimmed}", " ".repeat(indent.min(3)))
        };
        out.push(' ');
        for c in body.chars() {
            match c {
                // Clippy's `tabs_in_doc_comments`: four spaces per tab.
                '\t' => out.push_str("    "),
                c if needs_unicode_escape(c) => push_unicode_escape(&mut out, c),
                c => out.push(c),
            }
        }
    }
    out
}

/// `text` with every control and format character written as `\u{..}`, for
/// one-line comments such as the `@generated` header.
pub(crate) fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_unicode_escape(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            push_unicode_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters, and format characters rustc lints against or that
/// hide text (bidirectional controls, zero-width characters, BOM).
fn needs_unicode_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{00ad}'
                | '\u{061c}'
        )
}

fn push_unicode_escape(out: &mut String, c: char) {
    // Writing into a String cannot fail.
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The literal parses as exactly one string literal whose value is the input.
    fn assert_round_trips(input: &str) {
        let literal = rust_string(input);
        let parsed: syn::LitStr =
            syn::parse_str(&literal).unwrap_or_else(|e| panic!("{literal}: {e}"));
        assert_eq!(parsed.value(), input, "{literal}");
    }

    #[test]
    fn rust_string_escapes() {
        assert_eq!(rust_string("plain"), r#""plain""#);
        assert_eq!(rust_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(rust_string("l1\nl2\r\t\0"), r#""l1\nl2\r\t\0""#);
        assert_eq!(rust_string("\u{1b}[31m\u{7f}"), r#""\u{1b}[31m\u{7f}""#);
        assert_eq!(rust_string("a\u{202e}b"), r#""a\u{202e}b""#);
        assert_eq!(rust_string("é ✓ 🚀"), "\"é ✓ 🚀\"");
    }

    #[test]
    fn rust_string_round_trips_hostile_input() {
        for input in [
            "",
            r#""); std::process::exit(1); (""#,
            "\\\"",
            "\"#; fn evil() {} r#\"",
            "*/ fn evil() {} /*",
            "line\nbreak\r\n{}\u{0}\u{1f}\u{85}\u{2028}",
            "\\u{41}",
            "{{ not tera }}",
        ] {
            assert_round_trips(input);
        }
    }

    #[test]
    fn toml_string_escapes() {
        assert_eq!(toml_string("demo"), r#""demo""#);
        assert_eq!(
            toml_string("a\"b\\c\nd\u{1}\u{202e}"),
            r#""a\"b\\c\nd\u0001\u202E""#
        );
    }

    #[test]
    fn doc_prefixes_every_line() {
        assert_eq!(
            doc("one\ntwo\r\nthree\rfour", "///"),
            "/// one\n/// two\n/// three\n/// four"
        );
        assert_eq!(doc("a\n\nb\n\n", "///"), "/// a\n///\n/// b");
        assert_eq!(doc("inner", "//!"), "//! inner");
        assert_eq!(doc("a\u{2028}b\u{2029}c", "///"), "/// a\n/// b\n/// c");
    }

    #[test]
    fn doc_tabs_become_spaces() {
        assert_eq!(doc("a\tb", "///"), "/// a    b");
    }

    #[test]
    fn doc_neutralises_comment_tricks() {
        assert_eq!(doc("*/ fn evil() {} /*", "///"), "/// */ fn evil() {} /*");
        assert_eq!(
            doc("/ not a plain comment", "///"),
            "/// / not a plain comment"
        );
        assert_eq!(doc("! not inner", "///"), "/// ! not inner");
        assert_eq!(doc("x\nfn evil() {}", "///"), "/// x\n/// fn evil() {}");
        assert_eq!(
            doc("bell\u{7}\u{202e}rtl", "///"),
            "/// bell\\u{7}\\u{202e}rtl"
        );
    }

    #[test]
    fn doc_neutralises_doctests() {
        assert_eq!(
            doc(
                "```rust\nfn main() {}\n    keep\n```\n        indented code",
                "///"
            ),
            "/// ```text\n/// fn main() {}\n///     keep\n/// ```\n///    indented code"
        );
        assert_eq!(doc("~~~\nx\n~~~", "///"), "/// ~~~text\n/// x\n/// ~~~");
    }

    #[test]
    fn doc_output_is_only_doc_attributes() {
        let hostile = "*/ fn evil() {} /*\n\"); std::process::exit(1); (\"\n/ x\n!y\r\u{1}";
        let source = format!("{}\nstruct S;", doc(hostile, "///"));
        let file = syn::parse_file(&source).unwrap();
        assert_eq!(file.items.len(), 1);
        let syn::Item::Struct(item) = &file.items[0] else {
            panic!("expected the struct")
        };
        assert!(item.attrs.iter().all(|a| a.path().is_ident("doc")));
        assert_eq!(item.attrs.len(), 5);
    }
}
