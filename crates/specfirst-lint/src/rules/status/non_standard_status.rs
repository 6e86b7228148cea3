use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::status;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks every response key of every operation:
    ///
    /// - a key that is not a status (`^[1-5]\d\d$`), an upper-case range
    ///   (`^[1-5]XX$`) or `default` is invalid OpenAPI: error;
    /// - a code outside the seeds' set {200, 201, 202, 204, 301, 302, 303,
    ///   304, 307, 400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415,
    ///   422, 428, 500, 501, 502, 503}: info. Option `extraStatusCodes` adds
    ///   codes the API documents on purpose (e.g. `[429]`).
    ///
    /// ## Why is this bad?
    /// A key that is not a status is ignored or rejected by tools. Codes
    /// outside the common set are often misread by clients and proxies; most
    /// services need only a core of 200, 201, 204, 304, 400, 401, 403, 404,
    /// 409 and 500.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /jobs:
    ///     post:
    ///       responses: {'299': {description: Partly done}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /jobs:
    ///     post:
    ///       responses: {'202': {description: Accepted}}
    /// ```
    pub NonStandardStatus {
        code: "STATUS-020",
        name: "non-standard-status",
        category: "status",
        severity: Info,
        summary: "A response key is not a valid status, or a code outside the standard set.",
    }
}

const SEED_CODES: &[u16] = &[
    200, 201, 202, 204, 301, 302, 303, 304, 307, 400, 401, 403, 404, 405, 406, 409, 410, 412, 413,
    415, 422, 428, 500, 501, 502, 503,
];

static KEY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?:[1-5]\d\d|[1-5]XX|default)$").ok());

impl Rule for NonStandardStatus {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut seen = HashSet::new();
        for op in &model.operations {
            let Some(map) = op.op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            if !seen.insert(std::ptr::from_ref(map) as usize) {
                continue;
            }
            for (key, written) in map {
                if key.starts_with("x-") {
                    continue;
                }
                let valid = KEY.as_ref().is_some_and(|re| re.is_match(key));
                if !valid {
                    cx.report_at_key(written, format!("`{key}` is not a valid response key"))
                        .set_help(
                            "use a status code (`404`), an upper-case range (`4XX`) or `default`",
                        )
                        .severity = Severity::Error;
                    continue;
                }
                let Some(code) = status::code(key) else {
                    continue;
                };
                if SEED_CODES.contains(&code) || cx.options.extra_status_codes.contains(&code) {
                    continue;
                }
                cx.report_at_key(
                    written,
                    format!("`{key}` is not one of the standard status codes"),
                )
                .set_help(
                    "use a standard code, or list it in `extraStatusCodes` and explain it in the \
                         response description",
                );
            }
        }
    }
}
