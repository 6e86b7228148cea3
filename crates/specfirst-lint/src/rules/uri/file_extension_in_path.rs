use specfirst_config::FileExtensions;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `paths` key whose last segment (literal, or mixed such as
    /// `{id}.json`) ends with a file or script extension: a `.` followed by
    /// one to five letters and digits, at least one of them a letter (so
    /// `/v1.0` is not an extension).
    ///
    /// With `fileExtensions: allow` the paths keys are still reported: the
    /// generator adds and strips `.json`, `.xml`, `.wjson` and `.wxml`
    /// routes itself, so they must not be written into the keys; the help
    /// says so for those four.
    ///
    /// ## Why is this bad?
    /// An extension ties the URI to one representation and to the technology
    /// behind it (`.php`). The format is negotiated with `Accept` and
    /// `Content-Type`, so one resource keeps one URI.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}.json:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {}}}
    /// ```
    pub FileExtensionInPath {
        code: "URI-004",
        name: "file-extension-in-path",
        category: "uri",
        severity: Error,
        summary: "A path ends with a file or script extension such as `.json` or `.php`.",
    }
}

/// The extension (without the dot) a segment's text ends with.
pub(crate) fn extension(text: &str) -> Option<&str> {
    let (_, ext) = text.rsplit_once('.')?;
    ((1..=5).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_alphanumeric())
        && ext.chars().any(|c| c.is_ascii_alphabetic()))
    .then_some(ext)
}

/// The extensions the generator handles with `fileExtensions: allow`.
const RECOGNISED: &[&str] = &["json", "xml", "wjson", "wxml"];

impl Rule for FileExtensionInPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let allow = cx.options.file_extensions == FileExtensions::Allow;
        for p in super::paths(cx) {
            let Some(last) = segments(super::path_of(p.key)).last().copied() else {
                continue;
            };
            let (Segment::Literal(text) | Segment::Mixed(text)) = last else {
                continue;
            };
            let Some(ext) = extension(text) else {
                continue;
            };
            let path = super::path_of(p.key);
            let bare = &path[..path.len() - ext.len() - 1];
            let recognised = RECOGNISED.contains(&ext.to_ascii_lowercase().as_str());
            let help = if allow && recognised {
                format!(
                    "write the key as `{bare}`: with fileExtensions: allow the generator serves `{}` itself",
                    p.key
                )
            } else if allow {
                format!(
                    "write the key as `{bare}`: only `.json`, `.xml`, `.wjson` and `.wxml` are served, by the generator, and `.{ext}` is not one of them"
                )
            } else {
                format!(
                    "write the key as `{bare}` and choose the format with `Accept` and `Content-Type`"
                )
            };
            cx.report_at_key(
                p.written,
                format!("path `{}` ends with the file extension `.{ext}`", p.key),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::extension;

    #[test]
    fn extensions() {
        assert_eq!(extension("report.json"), Some("json"));
        assert_eq!(extension("{id}.xml"), Some("xml"));
        assert_eq!(extension("index.php"), Some("php"));
        assert_eq!(extension("v1.0"), None);
        assert_eq!(extension("{name}.{ext}"), None);
        assert_eq!(extension("customers"), None);
        assert_eq!(extension("a.toolongext"), None);
    }
}
