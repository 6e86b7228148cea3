//! rustc-style text: a title, `--> file:line:col`, a code frame, help and notes.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::{Diagnostic, Location, Severity, SourceFile, SourceMap, Summary};

/// Lines of context shown at most for one annotation.
const MAX_FRAME_LINES: usize = 4;

/// A frame on a line longer than this (minified JSON, a long description)
/// shows only the part around the span, so that many findings on one long
/// line do not each lay out the whole line.
const LONG_LINE: usize = 400;

/// Bytes of context kept on each side of the span of a cut line, and the
/// most of the span itself that is shown.
const CUT_CONTEXT: usize = 60;
const CUT_SPAN: usize = 160;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Emit ANSI colours.
    pub color: bool,
    /// End with the one-line summary.
    pub summary: bool,
}

/// Renders every diagnostic followed by the one-line summary.
#[must_use]
pub fn render(
    diagnostics: &[Diagnostic],
    map: &SourceMap,
    summary: &Summary,
    options: TextOptions,
) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(&renderer, d, map));
        out.push_str("\n\n");
    }
    if options.summary {
        out.push_str(&summary.line());
        out.push('\n');
    }
    out
}

/// One diagnostic without the trailing blank line.
#[must_use]
pub fn render_one(renderer: &Renderer, d: &Diagnostic, map: &SourceMap) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let primary_file = map.get(d.location.file);
    let frames: Vec<(std::sync::Arc<SourceFile>, &Location, Option<&str>)> =
        std::iter::once((primary_file, &d.location, None))
            .chain(d.related.iter().map(|r| {
                (
                    map.get(r.location.file),
                    &r.location,
                    Some(r.label.as_str()),
                )
            }))
            .collect();
    let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.code));
    let mut cut = false;
    for (file, loc, label) in &frames {
        group = match frame(file, loc, *label) {
            Frame::Whole(snippet) => group.element(snippet),
            Frame::Cut(origin, snippet) => {
                cut = true;
                group.element(origin).element(snippet)
            }
        };
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    let out = renderer.render(&report);
    if cut { drop_empty_origins(&out) } else { out }
}

/// A cut frame is an `Origin` (which prints `--> file:line:col`) followed by
/// a snippet without a path, which prints an empty `:::` line: drop it.
fn drop_empty_origins(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        if strip_ansi(line).trim() != ":::" {
            out.push_str(line);
        }
    }
    out
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

enum Frame<'a> {
    /// The lines of the span, with the file name and position.
    Whole(Snippet<'a, annotate_snippets::Annotation<'a>>),
    /// The position, and the part of one long line around the span.
    Cut(Origin<'a>, Snippet<'a, annotate_snippets::Annotation<'a>>),
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn frame<'a>(file: &'a SourceFile, loc: &Location, label: Option<&'a str>) -> Frame<'a> {
    let text = file.text();
    let first = file.line_index(loc.span.start);
    let mut last = file.line_index(loc.span.end.max(loc.span.start));
    // An annotation that ends at the first column of a line ends on the line before.
    if last > first && file.line_range(last).start == loc.span.end as usize {
        last -= 1;
    }
    // A span that cuts a character (an invalid byte shown as U+FFFD) is
    // widened to whole characters.
    let mut span = floor_boundary(text, loc.span.start as usize)
        ..ceil_boundary(text, (loc.span.end as usize).max(loc.span.start as usize));
    if last >= first + MAX_FRAME_LINES {
        last = first;
        span.end = file.line_range(first).end.max(span.start);
    }
    let kind = if label.is_some() {
        AnnotationKind::Context
    } else {
        AnnotationKind::Primary
    };
    let annotate = |rel: std::ops::Range<usize>| match label {
        Some(l) => kind.span(rel).label(l),
        None => kind.span(rel),
    };
    let line = file.line_range(first);
    if last == first && line.len() > LONG_LINE {
        // Cut the line: `…` + context + span (at most CUT_SPAN) + context + `…`.
        let start = floor_boundary(text, span.start.clamp(line.start, line.end));
        let end = ceil_boundary(text, span.end.clamp(start, line.end).min(start + CUT_SPAN));
        let from = floor_boundary(text, start.saturating_sub(CUT_CONTEXT).max(line.start));
        let to = ceil_boundary(text, (end + CUT_CONTEXT).min(line.end));
        let lead = if from > line.start { "…" } else { "" };
        let tail = if to < line.end { "…" } else { "" };
        let cut = format!("{lead}{}{tail}", text.get(from..to).unwrap_or(""));
        let rel = (start - from + lead.len())..(end - from + lead.len());
        let at = file.line_col(u32::try_from(start).unwrap_or(u32::MAX));
        let origin = Origin::path(file.name())
            .line(at.line as usize)
            .char_column(at.col as usize);
        let snippet = Snippet::source(cut)
            .line_start(first + 1)
            .annotation(annotate(rel));
        return Frame::Cut(origin, snippet);
    }
    let window = line.start..file.line_range(last).end;
    let window_text = text.get(window.clone()).unwrap_or("");
    let rel = (span.start.saturating_sub(window.start)).min(window_text.len())
        ..(span.end.saturating_sub(window.start)).min(window_text.len());
    Frame::Whole(
        Snippet::source(window_text)
            .line_start(first + 1)
            .path(file.name())
            .annotation(annotate(rel)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, Span};

    fn render_at(text: &str, span: Span) -> String {
        let map = SourceMap::new();
        let id = map.add(SourceFile::new(
            "a.json".into(),
            "a.json".into(),
            text.into(),
        ));
        let d = Diagnostic::new(
            "X-001",
            "x",
            Severity::Error,
            "bad",
            Location::new(id, span, ""),
        );
        render_one(&Renderer::plain(), &d, &map)
    }

    #[test]
    fn long_lines_are_cut_around_the_span_with_the_right_column() {
        let text = format!("{}\"bad\"{}", "a".repeat(5000), "b".repeat(5000));
        let out = render_at(&text, Span::new(5000, 5005));
        assert!(out.contains("--> a.json:1:5001"), "{out}");
        assert!(out.contains("…aaaa"), "{out}");
        assert!(out.contains("\"bad\"bbbb"), "{out}");
        assert!(out.len() < 600, "{out}");
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap_or_default();
        let code_line = out
            .lines()
            .find(|l| l.contains("\"bad\""))
            .unwrap_or_default();
        let caret = caret_line
            .chars()
            .position(|c| c == '^')
            .unwrap_or_default();
        let under: String = code_line.chars().skip(caret).take(5).collect();
        assert_eq!(under, "\"bad\"", "{out}");
        assert!(!out.contains(":::"), "{out}");
    }

    #[test]
    fn cut_frames_in_colour_and_as_related_frames() {
        let text = format!(
            "{}\"bad\"{}\n{}",
            "a".repeat(5000),
            "b".repeat(5000),
            "c".repeat(900)
        );
        let map = SourceMap::new();
        let id = map.add(SourceFile::new("a.json".into(), "a.json".into(), text));
        let mut d = Diagnostic::new(
            "X-001",
            "x",
            Severity::Error,
            "bad",
            Location::new(id, Span::new(5000, 5005), ""),
        );
        d.add_related(
            Location::new(id, Span::new(10_500, 10_510), ""),
            "first here",
        );
        let plain = render_one(&Renderer::plain(), &d, &map);
        assert!(plain.contains("--> a.json:1:5001"), "{plain}");
        assert!(plain.contains("::: a.json:2:495"), "{plain}");
        assert_eq!(plain.matches(":::").count(), 1, "{plain}");
        let styled = strip_ansi(&render_one(&Renderer::styled(), &d, &map));
        assert_eq!(styled, plain);
    }

    #[test]
    fn spans_inside_a_character_are_widened() {
        // `é` is two bytes; a span on its second byte must not split it.
        let out = render_at("a: caf\u{e9}\n", Span::new(7, 8));
        assert!(out.contains("--> a.json:1:7"), "{out}");
        let out = render_at(
            &format!("{}\u{fffd}{}", "x".repeat(500), "y".repeat(500)),
            Span::new(501, 502),
        );
        assert!(out.contains("--> a.json:1:501"), "{out}");
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let out = render_at("{\"a\": 1}", Span::new(6, 7));
        assert!(out.contains("--> a.json:1:7"), "{out}");
        assert!(out.contains("{\"a\": 1}"), "{out}");
    }
}
