//! rustc-style text: a title, `--> file:line:col`, a code frame, help and notes.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::{Diagnostic, Location, Severity, SourceFile, SourceMap, Summary};

/// Lines of context shown at most for one annotation.
const MAX_FRAME_LINES: usize = 4;

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
    for (file, loc, label) in &frames {
        group = group.element(frame(file, loc, *label));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

fn frame<'a>(
    file: &'a SourceFile,
    loc: &Location,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let text = file.text();
    let first = file.line_index(loc.span.start);
    let mut last = file.line_index(loc.span.end.max(loc.span.start));
    // An annotation that ends at the first column of a line ends on the line before.
    if last > first && file.line_range(last).start == loc.span.end as usize {
        last -= 1;
    }
    let mut span = loc.span.range();
    if last >= first + MAX_FRAME_LINES {
        last = first;
        span.end = file.line_range(first).end.max(span.start);
    }
    let window = file.line_range(first).start..file.line_range(last).end;
    let window_text = text.get(window.clone()).unwrap_or("");
    let rel = (span.start.saturating_sub(window.start)).min(window_text.len())
        ..(span.end.saturating_sub(window.start)).min(window_text.len());
    let kind = if label.is_some() {
        AnnotationKind::Context
    } else {
        AnnotationKind::Primary
    };
    let annotation = match label {
        Some(l) => kind.span(rel).label(l),
        None => kind.span(rel),
    };
    Snippet::source(window_text)
        .line_start(first + 1)
        .path(file.name())
        .annotation(annotation)
}
