use std::collections::HashSet;

use specfirst_config::Jsonp;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, is_path_op, label, name_node, responses};

declare_rule! {
    /// ## What it does
    /// With option `jsonp: off` (the default), reports JSONP: a query
    /// parameter named `callback` or `jsonp` (any case), or a response media
    /// type `application/javascript` or `text/javascript`.
    ///
    /// With `jsonp: callback` or `jsonp: jsonp`, JSONP is allowed on `GET`
    /// only, through the configured parameter: the rule then reports that
    /// parameter, and JavaScript responses, on other methods.
    ///
    /// A shared parameter or response is reported once, with the first
    /// operation that uses it.
    ///
    /// ## Why is this bad?
    /// JSONP runs the response as a script in the caller's page, works only
    /// for GET, cannot send headers, and lets any site read the data with
    /// the user's cookies. CORS does the same job safely.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: callback, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub JsonpEndpoint {
        code: "SEC-008",
        name: "jsonp-endpoint",
        category: "sec",
        severity: Warning,
        summary: "JSONP is offered (a `callback` parameter or a JavaScript response).",
    }
}

impl Rule for JsonpEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            Self::check(cx, op, &mut seen);
        }
    }
}

impl JsonpEndpoint {
    /// Checks one operation; a shared parameter or response is reported once.
    fn check(cx: &mut Context<'_>, op: &Operation<'_>, seen: &mut HashSet<usize>) {
        let mode = cx.options.jsonp;
        if mode != Jsonp::Off && op.method == "get" {
            return;
        }
        let names: &[&str] = match mode {
            Jsonp::Off => &["callback", "jsonp"],
            Jsonp::Callback => &["callback"],
            Jsonp::Jsonp => &["jsonp"],
        };
        let why = if mode == Jsonp::Off {
            "JSONP is off (`jsonp: off`)".to_owned()
        } else {
            format!("JSONP is GET-only, not for {}", op.method.to_uppercase())
        };
        for p in &op.parameters {
            if p.location == "query"
                && names.iter().any(|n| n.eq_ignore_ascii_case(p.name))
                && seen.insert(addr(p.value))
            {
                cx.report_at(
                    name_node(p),
                    format!("{} takes JSONP parameter `{}`; {why}", label(op), p.name),
                )
                .set_help("remove it and allow cross-origin reads with CORS");
            }
        }
        for r in responses(cx.bundle, op) {
            if !seen.insert(addr(r.value)) {
                continue;
            }
            let Some(content) = r
                .value
                .get("content")
                .and_then(serde_json::Value::as_object)
            else {
                continue;
            };
            for (key, mt) in content {
                let Some(m) = MediaType::parse(key) else {
                    continue;
                };
                if matches!(
                    m.essence().as_str(),
                    "application/javascript" | "text/javascript"
                ) {
                    cx.report_at_key(
                        mt,
                        format!(
                            "`{}` response of {} is JavaScript (`{key}`); {why}",
                            r.status,
                            label(op)
                        ),
                    )
                    .set_help("serve JSON and allow cross-origin reads with CORS");
                }
            }
        }
    }
}
