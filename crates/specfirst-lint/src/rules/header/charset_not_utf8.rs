use std::collections::HashSet;

use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::model::addr;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a content key (request body, response, parameter or header
    /// `content`) whose `charset` parameter is not `utf-8` (any case). A
    /// content map shared through `$ref` is reported once. UTF-8 under an
    /// unregistered spelling (`utf8`, `UTF_8`) is reported at warning: the
    /// encoding is right, the name is not one every parser knows.
    ///
    /// ## Why is this bad?
    /// Text in the API is UTF-8: JSON requires it, and any other charset
    /// (`gbk`, `iso-8859-1`) garbles non-ASCII text, Chinese included,
    /// between clients that assume otherwise. Generated servers answer a
    /// declared charset other than UTF-8 with 415.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody:
    ///         content: {'application/json; charset=gbk': {}}
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody:
    ///         content: {application/json: {}}
    ///       responses: {'201': {description: Created}}
    /// ```
    pub CharsetNotUtf8 {
        code: "HEADER-009",
        name: "charset-not-utf8",
        category: "header",
        severity: Error,
        summary: "A media type declares a charset other than UTF-8.",
    }
}

impl Rule for CharsetNotUtf8 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // Every content map, resolved, once.
        let mut maps: Vec<&Value> = Vec::new();
        let mut seen = HashSet::new();
        for op in &model.operations {
            let mut holders: Vec<(usize, &Value)> = Vec::new();
            if let Some(b) = op.op.get("requestBody") {
                holders.push((op.doc, b));
            }
            for p in &op.parameters {
                holders.push((p.doc, p.value));
            }
            if let Some(rs) = op.op.get("responses").and_then(Value::as_object) {
                for r in rs.values() {
                    let Ok((rd, r)) = cx.bundle.resolve(op.doc, r) else {
                        continue;
                    };
                    holders.push((rd, r));
                    if let Some(hs) = r.get("headers").and_then(Value::as_object) {
                        holders.extend(hs.values().map(|h| (rd, h)));
                    }
                }
            }
            for (d, h) in holders {
                let Ok((_, h)) = cx.bundle.resolve(d, h) else {
                    continue;
                };
                if let Some(c) = h.get("content")
                    && c.is_object()
                    && seen.insert(addr(c))
                {
                    maps.push(c);
                }
            }
        }
        for c in maps {
            let Some(map) = c.as_object() else { continue };
            for (key, mt) in map {
                let Some(m) = MediaType::parse(key) else {
                    continue;
                };
                let Some(charset) = m.param("charset") else {
                    continue;
                };
                if charset.eq_ignore_ascii_case("utf-8") {
                    continue;
                }
                if charset.replace(['-', '_'], "").eq_ignore_ascii_case("utf8") {
                    // UTF-8 under an unregistered spelling.
                    cx.report_at_key(
                        mt,
                        format!("`{key}` spells the charset `{charset}` instead of `utf-8`"),
                    )
                    .set_help(
                        "write `charset=utf-8`, the registered name (or drop it: JSON is UTF-8)",
                    )
                    .severity = Severity::Warning;
                    continue;
                }
                cx.report_at_key(
                    mt,
                    format!("`{key}` declares charset `{charset}`, not UTF-8"),
                )
                .set_help("drop the charset (JSON is UTF-8) or declare `charset=utf-8`");
            }
        }
    }
}
