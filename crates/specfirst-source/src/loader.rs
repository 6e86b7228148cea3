//! Reads files (once per run), follows `$ref`s across files, and answers
//! "what does this `$ref` point at?".

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use serde_json::Value;
use specfirst_diagnostics::{Diagnostic, FileId, Location, SourceFile, SourceMap, Span};
use url::Url;

use crate::Document;
use crate::checks;
use crate::parse::{self, ErrorKind, Format, Limits, WarningKind};
use crate::pointer;
use crate::version::SpecVersion;

/// How files are loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub limits: Limits,
    /// Follow file `$ref`s that leave the entry document's directory.
    pub allow_outside_root: bool,
}

/// A file as loaded: its document if it parsed, and what went wrong.
#[derive(Debug)]
pub struct FileEntry {
    pub file: Option<FileId>,
    pub document: Option<Arc<Document>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why `document` is `None`, in a few words.
    pub failure: Option<String>,
}

/// Loads files and bundles; shared by all threads of a run, so a file
/// referenced from several entry documents is read and parsed once.
#[derive(Debug)]
pub struct Loader {
    sources: Arc<SourceMap>,
    options: LoadOptions,
    cwd: PathBuf,
    /// Documents still in use, by canonical path. Weak, so a directory of
    /// thousands of documents is not all kept in memory at once.
    cache: Mutex<HashMap<PathBuf, Weak<Document>>>,
}

/// Why a `$ref` does not lead anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// `http(s)://…`: specfirst does not fetch over the network.
    Remote(String),
    /// A file outside the entry document's directory.
    OutsideRoot { path: PathBuf, root: PathBuf },
    /// The file cannot be read or parsed.
    File { path: PathBuf, reason: String },
    /// Not a URI reference we can follow.
    BadUri { reference: String, reason: String },
    /// The fragment is not a JSON pointer (`#Pet`).
    NotAPointer(String),
    /// The pointer names nothing in the target document.
    Missing {
        pointer: String,
        file: Option<PathBuf>,
    },
    /// The `$ref` chain comes back to itself without reaching a value.
    Cycle,
    /// The `$ref` chain goes on for more than [`MAX_REF_HOPS`] references.
    TooLong,
}

/// The longest `$ref` chain followed (real documents use a handful).
pub const MAX_REF_HOPS: usize = 64;

/// A path as messages show it: relative to the working directory when it is
/// below it (as file names in the output are), else as it is.
fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// An I/O error in words, without the OS error number.
fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the file does not exist".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_owned(),
                None => text,
            }
        }
    }
}

impl std::fmt::Display for RefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefError::Remote(url) => write!(f, "remote reference `{url}` is not fetched"),
            RefError::OutsideRoot { path, .. } => write!(
                f,
                "`{}` is outside the directory of the entry document",
                shown(path)
            ),
            RefError::File { path, reason } => {
                write!(f, "`{}` cannot be loaded: {reason}", shown(path))
            }
            RefError::BadUri { reference, reason } => {
                write!(f, "`{reference}` is not a valid reference: {reason}")
            }
            RefError::NotAPointer(fragment) => write!(
                f,
                "fragment `#{fragment}` is not a JSON pointer (it must start with `/`)"
            ),
            RefError::Missing { pointer, file } => match file {
                Some(p) => write!(f, "`{}` has nothing at `{pointer}`", shown(p)),
                None => write!(f, "nothing at `{pointer}` in this document"),
            },
            RefError::Cycle => write!(f, "the `$ref` chain loops back to itself"),
            RefError::TooLong => write!(
                f,
                "the `$ref` chain is longer than {MAX_REF_HOPS} references"
            ),
        }
    }
}

/// One `$ref` found in a document.
#[derive(Debug, Clone)]
pub struct RefSite {
    /// Index into [`Bundle::documents`].
    pub doc: usize,
    /// Location of the `$ref` string value.
    pub location: Location,
    pub reference: String,
}

/// An entry document and every file it reaches through `$ref`.
#[derive(Debug)]
pub struct Bundle {
    documents: Vec<Arc<Document>>,
    by_path: HashMap<PathBuf, usize>,
    /// (document, reference without fragment) → target document.
    external: HashMap<(usize, String), Result<usize, RefError>>,
    refs: Vec<RefSite>,
    root_dir: PathBuf,
    version: SpecVersion,
}

/// The result of loading an entry document.
#[derive(Debug)]
pub struct Loaded {
    /// `None` when the entry document cannot be read, parsed, or is not OpenAPI 3.
    pub bundle: Option<Bundle>,
    /// What the loader found in every file it read (sorted by the caller).
    pub diagnostics: Vec<Diagnostic>,
}

impl Loader {
    #[must_use]
    pub fn new(sources: Arc<SourceMap>, options: LoadOptions) -> Self {
        Loader {
            sources,
            options,
            cwd: std::env::current_dir().unwrap_or_default(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    #[must_use]
    pub fn sources(&self) -> &Arc<SourceMap> {
        &self.sources
    }

    /// The name diagnostics use for a path: relative to the working directory when inside it.
    #[must_use]
    pub fn display_name(&self, path: &Path) -> String {
        let abs = absolute(&self.cwd, path);
        let shown = abs.strip_prefix(&self.cwd).map_or(abs.as_path(), |p| p);
        shown.to_string_lossy().into_owned()
    }

    /// Reads and parses one file. A file whose document is still in use
    /// elsewhere (referenced from another entry document being linted) is not
    /// read again; its loader diagnostics were reported by the first load.
    pub fn load_file(&self, path: &Path) -> Arc<FileEntry> {
        let key = canonical(&self.cwd, path);
        let lock = || {
            self.cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(doc) = lock().get(&key).and_then(Weak::upgrade) {
            return Arc::new(FileEntry {
                file: Some(doc.file()),
                document: Some(doc),
                diagnostics: Vec::new(),
                failure: None,
            });
        }
        let entry = self.read_and_parse(path, &key);
        if let Some(doc) = &entry.document {
            let mut cache = lock();
            cache.retain(|_, weak| weak.strong_count() > 0);
            cache.insert(key, Arc::downgrade(doc));
        }
        Arc::new(entry)
    }

    fn read_and_parse(&self, path: &Path, canonical: &Path) -> FileEntry {
        let name = self.display_name(path);
        let fail = |file: FileId, d: Diagnostic, failure: String| FileEntry {
            file: Some(file),
            document: None,
            diagnostics: vec![d],
            failure: Some(failure),
        };
        let empty_file = |sources: &SourceMap| {
            sources.add(SourceFile::new(
                canonical.to_path_buf(),
                name.clone(),
                String::new(),
            ))
        };
        let limit = self.options.limits.max_file_bytes;
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let file = empty_file(&self.sources);
                return fail(
                    file,
                    checks::UNREADABLE_FILE.diagnostic(
                        "this is a directory, not a file",
                        Location::new(file, Span::default(), ""),
                    ),
                    "it is a directory".to_owned(),
                );
            }
            Ok(m) if m.len() > limit => {
                let file = empty_file(&self.sources);
                return fail(
                    file,
                    checks::RESOURCE_LIMIT
                        .diagnostic(
                            format!("file is {} bytes, over the limit of {limit} bytes", m.len()),
                            Location::new(file, Span::default(), ""),
                        )
                        .with_help(
                            "raise the limit with `--max-file-size` if this file is expected",
                        ),
                    "it is over the size limit".to_owned(),
                );
            }
            _ => {}
        }
        let bytes = match read_bounded(path, limit) {
            Ok(b) => b,
            Err(e) => {
                let file = empty_file(&self.sources);
                return fail(
                    file,
                    checks::UNREADABLE_FILE.diagnostic(
                        format!("cannot read file: {}", describe_io(&e)),
                        Location::new(file, Span::default(), ""),
                    ),
                    describe_io(&e),
                );
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = self
                    .sources
                    .add(SourceFile::new(canonical.to_path_buf(), name, lossy));
                return fail(
                    file,
                    checks::UNREADABLE_FILE
                        .diagnostic(
                            format!("file is not valid UTF-8 (invalid byte at offset {at})"),
                            Location::new(file, Span::new(at, at + 1), ""),
                        )
                        .with_help("OpenAPI documents must be UTF-8; re-encode the file"),
                    "it is not UTF-8".to_owned(),
                );
            }
        };
        let format = Format::detect(path, &text);
        let file = self
            .sources
            .add(SourceFile::new(canonical.to_path_buf(), name, text));
        let source = self.sources.get(file);
        match parse::parse(source.text(), format, &self.options.limits) {
            Err(e) => {
                let check = match e.kind {
                    ErrorKind::Syntax => checks::SYNTAX_ERROR,
                    ErrorKind::Limit => checks::RESOURCE_LIMIT,
                };
                let what = match format {
                    Format::Json => "JSON",
                    Format::Yaml => "YAML",
                };
                let message = match e.kind {
                    ErrorKind::Syntax => format!("invalid {what}: {}", e.message),
                    ErrorKind::Limit => e.message.clone(),
                };
                fail(
                    file,
                    check.diagnostic(message, Location::new(file, e.span, "")),
                    format!("it is not valid {what}"),
                )
            }
            Ok(parsed) => {
                let mut diagnostics = Vec::new();
                for w in &parsed.warnings {
                    let check = match w.kind {
                        WarningKind::DuplicateKey => checks::DUPLICATE_KEY,
                        WarningKind::Ignored => checks::IGNORED_CONTENT,
                    };
                    let mut d =
                        check.diagnostic(w.message.clone(), Location::new(file, w.span, ""));
                    if let Some(first) = w.first {
                        d = d.with_related(Location::new(file, first, ""), "first defined here");
                    }
                    diagnostics.push(d);
                }
                let Ok(url) = Url::from_file_path(canonical) else {
                    return fail(
                        file,
                        checks::UNREADABLE_FILE.diagnostic(
                            "the path of this file cannot be written as a file URL",
                            Location::new(file, Span::default(), ""),
                        ),
                        "its path is not a file URL".to_owned(),
                    );
                };
                let document = Arc::new(Document::new(file, canonical.to_path_buf(), url, parsed));
                // Index the spans on another core while references are resolved.
                let ahead = Arc::clone(&document);
                rayon::spawn(move || ahead.prepare_index());
                FileEntry {
                    file: Some(file),
                    document: Some(document),
                    diagnostics,
                    failure: None,
                }
            }
        }
    }

    /// Loads an entry document and everything it references.
    pub fn load(&self, entry: &Path) -> Loaded {
        let root_entry = self.load_file(entry);
        let mut diagnostics = root_entry.diagnostics.clone();
        let Some(root) = root_entry.document.clone() else {
            return Loaded {
                bundle: None,
                diagnostics,
            };
        };
        let version = match SpecVersion::detect(&root) {
            Ok((v, note)) => {
                diagnostics.extend(note);
                v
            }
            Err(d) => {
                diagnostics.push(*d);
                return Loaded {
                    bundle: None,
                    diagnostics,
                };
            }
        };
        let root_dir = root
            .path()
            .parent()
            .map_or_else(|| self.cwd.clone(), Path::to_path_buf);
        let mut bundle = Bundle {
            by_path: HashMap::from([(root.path().to_path_buf(), 0)]),
            documents: vec![root],
            external: HashMap::new(),
            refs: Vec::new(),
            root_dir,
            version,
        };
        let mut reported_files: HashSet<FileId> = HashSet::new();
        // Documents are appended as they are found, so this is a breadth-first walk.
        let mut doc_index = 0;
        while doc_index < bundle.documents.len() {
            let doc = Arc::clone(&bundle.documents[doc_index]);
            let mut seen_bases: HashSet<&str> = HashSet::new();
            for (reference, ptr) in collect_refs(doc.value()) {
                let Some(text) = reference.as_str() else {
                    continue;
                };
                let span = doc.index().span(reference).unwrap_or_default();
                bundle.refs.push(RefSite {
                    doc: doc_index,
                    location: doc.location(span, ptr),
                    reference: text.to_owned(),
                });
                let base = text.split_once('#').map_or(text, |(b, _)| b);
                if base.is_empty() || !seen_bases.insert(base) {
                    continue;
                }
                let target = self.open_reference(
                    &doc,
                    base,
                    &mut bundle,
                    &mut diagnostics,
                    &mut reported_files,
                );
                bundle.external.insert((doc_index, base.to_owned()), target);
            }
            doc_index += 1;
        }
        Loaded {
            bundle: Some(bundle),
            diagnostics,
        }
    }

    /// Finds or loads the document a reference's URI part names.
    fn open_reference(
        &self,
        from: &Document,
        base: &str,
        bundle: &mut Bundle,
        diagnostics: &mut Vec<Diagnostic>,
        reported_files: &mut HashSet<FileId>,
    ) -> Result<usize, RefError> {
        let url = from.url().join(base).map_err(|e| RefError::BadUri {
            reference: base.to_owned(),
            reason: e.to_string(),
        })?;
        match url.scheme() {
            "http" | "https" => return Err(RefError::Remote(url.to_string())),
            "file" => {}
            other => {
                return Err(RefError::BadUri {
                    reference: base.to_owned(),
                    reason: format!("the `{other}:` scheme is not supported"),
                });
            }
        }
        let path = url.to_file_path().map_err(|()| RefError::BadUri {
            reference: base.to_owned(),
            reason: "not a local file path".to_owned(),
        })?;
        let path = canonical(&self.cwd, &path);
        if !self.options.allow_outside_root && !path.starts_with(&bundle.root_dir) {
            return Err(RefError::OutsideRoot {
                path,
                root: bundle.root_dir.clone(),
            });
        }
        if let Some(&i) = bundle.by_path.get(&path) {
            return Ok(i);
        }
        let entry = self.load_file(&path);
        if let Some(file) = entry.file
            && reported_files.insert(file)
        {
            // A referenced file that cannot be opened is reported at the
            // `$ref` (unresolved-ref), not again at line 1 of a file that
            // may not exist; problems inside a file (a bad byte) stay.
            diagnostics.extend(
                entry
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.code != checks::UNREADABLE_FILE.code || d.location.span != Span::default()
                    })
                    .cloned(),
            );
        }
        let Some(doc) = entry.document.clone() else {
            return Err(RefError::File {
                path,
                reason: entry.failure.clone().unwrap_or_default(),
            });
        };
        bundle.documents.push(doc);
        let index = bundle.documents.len() - 1;
        bundle.by_path.insert(path, index);
        Ok(index)
    }
}

impl Bundle {
    /// The entry document.
    #[must_use]
    pub fn root(&self) -> &Document {
        &self.documents[0]
    }

    /// All documents: the entry first, then referenced files in discovery order.
    #[must_use]
    pub fn documents(&self) -> &[Arc<Document>] {
        &self.documents
    }

    #[must_use]
    pub fn document(&self, index: usize) -> &Document {
        &self.documents[index]
    }

    #[must_use]
    pub fn version(&self) -> SpecVersion {
        self.version
    }

    /// Every `$ref` of every document, in document order.
    #[must_use]
    pub fn refs(&self) -> &[RefSite] {
        &self.refs
    }

    /// The directory file references must stay in.
    #[must_use]
    pub fn root_dir(&self) -> &Path {
        &self.root_dir
    }

    /// Which document a node belongs to.
    #[must_use]
    pub fn document_of(&self, v: &Value) -> Option<usize> {
        self.documents.iter().position(|d| d.contains(v))
    }

    /// The node a reference string points at, seen from document `doc`
    /// (one hop: the target may itself be a `$ref`).
    ///
    /// # Errors
    /// When the reference cannot be followed.
    pub fn target(&self, doc: usize, reference: &str) -> Result<(usize, &Value), RefError> {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let target_doc = if base.is_empty() {
            doc
        } else {
            match self.external.get(&(doc, base.to_owned())) {
                Some(Ok(i)) => *i,
                Some(Err(e)) => return Err(e.clone()),
                None => {
                    return Err(RefError::BadUri {
                        reference: reference.to_owned(),
                        reason: "it was not seen while loading".to_owned(),
                    });
                }
            }
        };
        let ptr = pointer::from_fragment(fragment).map_err(|reason| RefError::BadUri {
            reference: reference.to_owned(),
            reason,
        })?;
        if !ptr.is_empty() && !ptr.starts_with('/') {
            return Err(RefError::NotAPointer(ptr));
        }
        let document = &self.documents[target_doc];
        pointer::lookup(document.value(), &ptr)
            .map(|v| (target_doc, v))
            .ok_or_else(|| RefError::Missing {
                pointer: ptr,
                file: (target_doc != doc).then(|| document.path().to_path_buf()),
            })
    }

    /// Follows `v`'s `$ref` chain (if it is a Reference Object) to the node it
    /// stands for. Non-references resolve to themselves.
    ///
    /// # Errors
    /// When a reference in the chain cannot be followed, or the chain loops.
    pub fn resolve<'a>(&'a self, doc: usize, v: &'a Value) -> Result<(usize, &'a Value), RefError> {
        let mut current = (doc, v);
        let mut seen: Vec<*const Value> = Vec::new();
        while let Some(reference) = ref_of(current.1) {
            let here = std::ptr::from_ref(current.1);
            if seen.contains(&here) {
                return Err(RefError::Cycle);
            }
            if seen.len() >= MAX_REF_HOPS {
                return Err(RefError::TooLong);
            }
            seen.push(here);
            current = self.target(current.0, reference)?;
        }
        Ok(current)
    }
}

/// The `$ref` string of a Reference Object.
#[must_use]
pub fn ref_of(v: &Value) -> Option<&str> {
    v.as_object()?.get("$ref")?.as_str()
}

/// Every `$ref` string value in a document with the pointer of its Reference
/// Object, in pre-order, skipping literal data (`example`,
/// `examples/*/value`, `enum`, `const`, schema `default`s).
fn collect_refs(root: &Value) -> Vec<(&Value, String)> {
    let mut out = Vec::new();
    // (node, its pointer, key it sits under, key of its parent)
    let mut stack: Vec<(&Value, String, &str, &str)> = vec![(root, String::new(), "", "")];
    while let Some((node, ptr, key, parent_key)) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref")
                    && r.is_string()
                {
                    out.push((r, pointer::push(&ptr, "$ref")));
                }
                let start = stack.len();
                for (k, child) in map {
                    let literal = match k.as_str() {
                        "example" | "enum" | "const" => true,
                        "default" => key != "responses" && key != "examples",
                        "value" => parent_key == "examples",
                        _ => false,
                    };
                    if !literal && (child.is_object() || child.is_array()) {
                        stack.push((child, pointer::push(&ptr, k), k.as_str(), key));
                    }
                }
                stack[start..].reverse();
            }
            Value::Array(items) => {
                let start = stack.len();
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        stack.push((child, format!("{ptr}/{i}"), key, parent_key));
                    }
                }
                stack[start..].reverse();
            }
            _ => {}
        }
    }
    out
}

/// Reads at most `limit` bytes (the size check before may race a growing file).
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // Sized from the metadata so a large file is read without regrowing
    // (and copying) the buffer; the limit still bounds what is read.
    let expected = file.metadata().map_or(0, |m| m.len().min(limit));
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "file is over the limit of {limit} bytes"
        )));
    }
    Ok(bytes)
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    normalize(&joined)
}

/// The canonical path when the file exists, else the lexically normalised one.
fn canonical(cwd: &Path, path: &Path) -> PathBuf {
    let abs = absolute(cwd, path);
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}
