//! Finding where rendered Rust stops being valid.
//!
//! syn reports a parse error's message but, without proc-macro2's
//! `span-locations` feature, not its position. The position is recovered
//! here: a small lexical scan finds unbalanced delimiters and unterminated
//! literals or comments directly, and otherwise the places where an item,
//! statement or member ends (`;` or `}` with only braces open). The longest
//! prefix ending at such a place that still parses (closing the open braces)
//! has no error, so the error is in the code that follows it: the position
//! reported is the start of that item, statement or member.

/// A place where a prefix of the text can end: the byte offset just after a
/// `;` or `}`, and how many braces are open there.
#[derive(Debug, Clone, Copy)]
struct Boundary {
    offset: usize,
    depth: usize,
}

/// Byte offset in `text` of (the start of the construct containing) the first
/// syntax error. `text` is assumed not to parse.
pub(crate) fn error_offset(text: &str) -> usize {
    let boundaries = match scan(text) {
        Ok(boundaries) => boundaries,
        Err(offset) => return offset,
    };
    let parses = |s: &str| syn::parse_file(s).is_ok();

    // The longest run of whole top-level items that parses.
    let top: Vec<usize> = boundaries
        .iter()
        .filter(|b| b.depth == 0)
        .map(|b| b.offset)
        .collect();
    let i = last_ok(top.len(), |i| parses(&text[..top[i]]));
    let start = i.map_or(0, |i| top[i]);
    let end = i
        .map_or(top.first().copied(), |i| top.get(i + 1).copied())
        .unwrap_or(text.len());

    // Inside the failing item, the longest prefix that parses once its open
    // braces are closed.
    let inner: Vec<Boundary> = boundaries
        .into_iter()
        .filter(|b| b.depth > 0 && b.offset > start && b.offset < end)
        .collect();
    let j = last_ok(inner.len(), |j| {
        let b = inner[j];
        parses(&format!(
            "{}{}",
            &text[start..b.offset],
            "}".repeat(b.depth)
        ))
    });
    let refined = j.map_or(start, |j| inner[j].offset);
    skip_trivia(text, refined)
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Numbered lines `line - radius ..= line + radius` of `text`, the error line
/// marked with `>`.
pub(crate) fn excerpt(text: &str, line: usize, radius: usize) -> String {
    let first = line.saturating_sub(radius).max(1);
    let last = line + radius;
    let width = last.to_string().len();
    let mut out = String::new();
    for (n, content) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if n < first || n > last {
            continue;
        }
        let mark = if n == line { '>' } else { ' ' };
        let line = format!("{mark} {n:>width$} | {content}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The index of the last element for which `ok` holds, by binary search
/// (assuming `ok` holds up to some index and not after).
fn last_ok(len: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
    // Invariant: everything < lo is ok (or lo == 0), everything >= hi is not.
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) { lo = mid + 1 } else { hi = mid }
    }
    lo.checked_sub(1)
}

/// The first offset at or after `offset` that is not whitespace or a plain
/// (non-doc) comment.
fn skip_trivia(text: &str, mut offset: usize) -> usize {
    loop {
        let rest = &text[offset..];
        offset += rest.len() - rest.trim_start().len();
        let rest = &text[offset..];
        let is_doc = rest.starts_with("///") && !rest.starts_with("////")
            || rest.starts_with("//!")
            || rest.starts_with("/**") && !rest.starts_with("/**/")
            || rest.starts_with("/*!");
        if is_doc {
            return offset;
        }
        if rest.starts_with("//") {
            offset += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            match block_comment_end(text.as_bytes(), offset) {
                Some(end) => offset = end,
                None => return offset,
            }
        } else {
            return offset;
        }
    }
}

/// Lexical scan: the boundaries, or the offset of the first unbalanced
/// delimiter or unterminated literal/comment.
fn scan(text: &str) -> Result<Vec<Boundary>, usize> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut braces_only = true;
    let mut boundaries = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(bytes, i).ok_or(i)?;
                continue;
            }
            b'"' => {
                i = string_end(bytes, i).ok_or(i)?;
                continue;
            }
            b'\'' => {
                i = quote_end(text, i);
                continue;
            }
            b'{' | b'(' | b'[' => {
                stack.push((c, i));
                braces_only &= c == b'{';
                if braces_only {
                    // The body's first statement or member starts here.
                    boundaries.push(Boundary {
                        offset: i + 1,
                        depth: stack.len(),
                    });
                }
            }
            b'}' | b')' | b']' => {
                let open = match c {
                    b'}' => b'{',
                    b')' => b'(',
                    _ => b'[',
                };
                match stack.pop() {
                    Some((o, _)) if o == open => {}
                    _ => return Err(i),
                }
                braces_only = stack.iter().all(|&(o, _)| o == b'{');
                if c == b'}' && braces_only {
                    boundaries.push(Boundary {
                        offset: i + 1,
                        depth: stack.len(),
                    });
                }
            }
            b';' if braces_only => boundaries.push(Boundary {
                offset: i + 1,
                depth: stack.len(),
            }),
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                if matches!(&text[start..i], "r" | "br" | "cr")
                    && let Some(end) = raw_string_end(bytes, i)
                {
                    i = end.ok_or(start)?;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    match stack.first() {
        Some(&(_, open)) => Err(open),
        None => Ok(boundaries),
    }
}

/// End (exclusive) of the nested block comment starting at `i`.
fn block_comment_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// End (exclusive) of the string literal whose opening quote is at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// `None` when no raw string starts at `i` (after its `r`/`br`/`cr`
/// prefix); otherwise its end, `Some(None)` when unterminated.
fn raw_string_end(bytes: &[u8], i: usize) -> Option<Option<usize>> {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    if bytes.get(i + hashes) != Some(&b'"') {
        return None; // `r#ident` or a plain identifier
    }
    let mut closing = vec![b'"'];
    closing.extend(std::iter::repeat_n(b'#', hashes));
    let body = i + hashes + 1;
    Some(
        bytes[body..]
            .windows(closing.len())
            .position(|w| w == closing.as_slice())
            .map(|p| body + p + closing.len()),
    )
}

/// End (exclusive) of a character literal starting at `i`, or just past the
/// quote of a lifetime or label.
fn quote_end(text: &str, i: usize) -> usize {
    let rest = &text[i + 1..];
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '\\')) => {
            // Escaped character (`'\''`, `'\u{..}'`): skip the escaped
            // character, then up to the closing quote on this line.
            let from = chars.next().map_or(rest.len(), |(p, c)| p + c.len_utf8());
            let line_end = rest[from..].find('\n').map_or(rest.len(), |n| from + n);
            rest[from..line_end]
                .find('\'')
                .map_or(i + 1, |p| i + 1 + from + p + 1)
        }
        Some((_, _)) => match chars.next() {
            Some((p, '\'')) => i + 1 + p + 1,
            _ => i + 1,
        },
        None => i + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &str) -> (usize, usize) {
        assert!(
            syn::parse_file(text).is_err(),
            "expected an error in {text}"
        );
        line_column(text, error_offset(text))
    }

    #[test]
    fn finds_the_failing_item() {
        let text = "struct A;\n\nfn ok() {}\n\nstruct B { x: }\n\nfn later() {}\n";
        assert_eq!(locate(text), (5, 12));
        assert_eq!(locate("struct A;\nstruct B { x: u8 } }\n"), (2, 20));
    }

    #[test]
    fn finds_the_failing_statement_inside_an_item() {
        let text = "impl A {\n    fn a(&self) {\n        let x = 1;\n        let y = ;\n        let z = 3;\n    }\n}\n";
        assert_eq!(locate(text), (4, 9));
    }

    #[test]
    fn finds_the_first_statement() {
        assert_eq!(locate("struct A;\nfn f() {\n    let = 1;\n}\n"), (3, 5));
    }

    #[test]
    fn finds_the_failing_member_of_an_impl() {
        let text = "impl A {\n    fn a() {}\n    fn b() -> { }\n    fn c() {}\n}\n";
        assert_eq!(locate(text), (3, 5));
    }

    #[test]
    fn unbalanced_and_unterminated() {
        assert_eq!(locate("fn a() {}\nfn b() {\n    x(]\n}\n"), (3, 7));
        assert_eq!(locate("fn a() {}\nfn b() {\n"), (2, 8));
        assert_eq!(locate("const A: &str = \"never closed;\n"), (1, 17));
        assert_eq!(locate("fn a() {}\n/* open /* nested */\n"), (2, 1));
    }

    #[test]
    fn literals_and_comments_do_not_confuse_the_scan() {
        let text = concat!(
            "const A: &str = \"}{;\";\n",
            "const B: &str = r#\"}\"{\"#;\n",
            "const C: char = '}';\n",
            "const D: u8 = b'{';\n",
            "const E: char = '\\'';\n",
            "fn f<'a>(x: &'a str) -> &'a str { /* } */ x } // }\n",
            "struct S { a: u8 } trait\n",
        );
        assert_eq!(locate(text), (7, 20));
    }

    #[test]
    fn excerpt_marks_the_line() {
        let text = "a\nb\nc\nd\ne\n";
        assert_eq!(excerpt(text, 3, 1), "  2 | b\n> 3 | c\n  4 | d\n");
    }
}
