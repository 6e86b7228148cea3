use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` in one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    #[must_use]
    pub fn empty(at: usize) -> Self {
        Span::new(at, at)
    }

    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The text of one file and the table of its line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    name: String,
    text: String,
    line_starts: Vec<u32>,
    /// Columns are byte offsets when the text is ASCII (most documents):
    /// no counting of characters along a long line for every finding.
    ascii: bool,
    /// Otherwise: (byte offset, characters before it) every
    /// [`CHECKPOINT_BYTES`], built on first use, so a column costs a short
    /// count even on a megabyte-long line of minified JSON.
    checkpoints: std::sync::OnceLock<Vec<(u32, u32)>>,
}

const CHECKPOINT_BYTES: usize = 4096;

impl SourceFile {
    /// `name` is what diagnostics print (usually the path as the user typed it).
    #[must_use]
    pub fn new(path: PathBuf, name: String, text: String) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        SourceFile {
            path,
            name,
            ascii: text.is_ascii(),
            checkpoints: std::sync::OnceLock::new(),
            text,
            line_starts,
        }
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 0-based line that contains `byte`.
    #[must_use]
    pub fn line_index(&self, byte: u32) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of 0-based line `line`, without its line terminator.
    #[must_use]
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |s| *s as usize);
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |s| *s as usize);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// Line and column of a byte offset (clamped to the text and to a char boundary).
    #[must_use]
    pub fn line_col(&self, byte: u32) -> LineCol {
        let mut byte = (byte as usize).min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_index(u32::try_from(byte).unwrap_or(u32::MAX));
        let mut start = self.line_starts.get(line).map_or(0, |s| *s as usize);
        // Editors do not show a byte order mark: it is not a column.
        if start == 0 && self.text.starts_with('\u{feff}') {
            start = 3.min(byte);
        }
        let col = if self.ascii {
            byte - start
        } else {
            self.chars_before(byte) - self.chars_before(start)
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }

    /// The number of characters before byte `byte` (a char boundary).
    fn chars_before(&self, byte: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut out = vec![(0u32, 0u32)];
            let (mut at, mut chars) = (0usize, 0usize);
            while at + CHECKPOINT_BYTES < self.text.len() {
                let mut next = at + CHECKPOINT_BYTES;
                while !self.text.is_char_boundary(next) {
                    next += 1;
                }
                chars += self.text.get(at..next).map_or(0, |s| s.chars().count());
                at = next;
                out.push((
                    u32::try_from(at).unwrap_or(u32::MAX),
                    u32::try_from(chars).unwrap_or(u32::MAX),
                ));
            }
            out
        });
        let i = checkpoints.partition_point(|(b, _)| (*b as usize) <= byte);
        let (b, c) = checkpoints
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0));
        c as usize
            + self
                .text
                .get(b as usize..byte)
                .map_or(0, |s| s.chars().count())
    }

    /// Byte offset of a 0-based line and a 0-based column in characters
    /// (clamped to the end of that line).
    #[must_use]
    pub fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let range = self.line_range(line);
        let line_text = self.text.get(range.clone()).unwrap_or("");
        line_text
            .char_indices()
            .nth(col_chars)
            .map_or(range.end, |(i, _)| range.start + i)
    }
}

/// Every file read during a run. Append-only and shareable across threads.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: RwLock<Vec<Arc<SourceFile>>>,
}

impl SourceMap {
    #[must_use]
    pub fn new() -> Self {
        SourceMap::default()
    }

    pub fn add(&self, file: SourceFile) -> FileId {
        let mut files = self
            .files
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.push(Arc::new(file));
        FileId(u32::try_from(files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file behind `id`.
    ///
    /// # Panics
    /// When `id` was not returned by [`SourceMap::add`] on this map.
    #[must_use]
    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        let files = self
            .files
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(&files[id.0 as usize])
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.files
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a".into(), "a".into(), "ab\nçd: x\n\nz".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        // `d` follows a two-byte character
        assert_eq!(f.line_col(5), LineCol { line: 2, col: 2 });
        assert_eq!(f.line_col(10), LineCol { line: 3, col: 1 });
        assert_eq!(f.line_col(11), LineCol { line: 4, col: 1 });
        assert_eq!(f.line_col(12), LineCol { line: 4, col: 2 });
        assert_eq!(f.line_col(999), LineCol { line: 4, col: 2 });
    }

    #[test]
    fn columns_on_a_long_non_ascii_line() {
        let line = "é".repeat(10_000) + "x" + &"ü".repeat(10_000);
        let f = SourceFile::new("a".into(), "a".into(), format!("a\n{line}\nz"));
        let x = 2 + 20_000;
        assert_eq!(&f.text()[x..=x], "x");
        assert_eq!(
            f.line_col(u32::try_from(x).unwrap_or_default()),
            LineCol {
                line: 2,
                col: 10_001
            }
        );
        let end = f.text().len() - 2;
        assert_eq!(
            f.line_col(u32::try_from(end).unwrap_or_default()),
            LineCol {
                line: 2,
                col: 20_002
            }
        );
        assert_eq!(
            f.line_col(u32::try_from(end + 1).unwrap_or_default()),
            LineCol { line: 3, col: 1 }
        );
    }

    #[test]
    fn bom_is_not_a_column() {
        let f = SourceFile::new("a".into(), "a".into(), "\u{feff}ab: 1\nc".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(4), LineCol { line: 1, col: 2 });
        assert_eq!(f.line_col(9), LineCol { line: 2, col: 1 });
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let f = SourceFile::new("a".into(), "a".into(), "ab\nçd: x\r\nz".into());
        assert_eq!(f.offset_of(1, 1), 5);
        assert_eq!(f.offset_of(1, 0), 3);
        assert_eq!(f.line_range(1), 3..9);
        assert_eq!(f.offset_of(2, 0), 11);
    }
}
