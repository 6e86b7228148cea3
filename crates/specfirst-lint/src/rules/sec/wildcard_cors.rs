use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::security;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, examples_of, header, is_path_op, label, responses};

declare_rule! {
    /// ## What it does
    /// Checks the CORS headers documented on responses (error):
    /// - `Access-Control-Allow-Origin` with an example, `enum` or `default`
    ///   of `*` on an operation whose effective security (D4) requires
    ///   authentication;
    /// - `Access-Control-Allow-Credentials` declared on a response whose
    ///   `Access-Control-Allow-Origin` can be `*` (any operation).
    ///
    /// A shared header is reported once, with the first operation that uses
    /// it this way.
    /// Options `corsMode` and `cors` configure the generated CORS layer; the
    /// linter checks the document only.
    ///
    /// ## Why is this bad?
    /// `Access-Control-Allow-Origin: *` lets every web page read the
    /// response; that is only right for public data. Browsers refuse
    /// credentials with `*`, so declaring both is a contradiction that
    /// usually ends with the server echoing any `Origin` — which exposes
    /// authenticated data to every site.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       security: [{bearer: []}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {Access-Control-Allow-Origin: {schema: {type: string}, example: '*'}}
    /// components:
    ///   securitySchemes: {bearer: {type: http, scheme: bearer}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       security: [{bearer: []}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {Access-Control-Allow-Origin: {schema: {type: string}, example: 'https://app.example.com'}}
    /// components:
    ///   securitySchemes: {bearer: {type: http, scheme: bearer}}
    /// ```
    pub WildcardCors {
        code: "SEC-007",
        name: "wildcard-cors",
        category: "sec",
        severity: Error,
        summary: "`Access-Control-Allow-Origin: *` on an authenticated operation, or with credentials.",
    }
}

impl Rule for WildcardCors {
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

impl WildcardCors {
    /// Checks one operation; a shared header is reported once.
    fn check(cx: &mut Context<'_>, op: &Operation<'_>, seen: &mut HashSet<usize>) {
        let authenticated = !security::allows_anonymous(cx.bundle.root().value(), op.op);
        for r in responses(cx.bundle, op) {
            let Some((_, _, hdoc, origin)) = header(cx.bundle, &r, "Access-Control-Allow-Origin")
            else {
                continue;
            };
            let stars: Vec<&Value> = examples_of(cx.bundle, hdoc, origin, true)
                .into_iter()
                .filter(|v| v.as_str().is_some_and(|s| s.trim() == "*"))
                .collect();
            let Some(first) = stars.first().copied() else {
                continue;
            };
            if authenticated {
                for v in stars.iter().filter(|v| seen.insert(addr(v))) {
                    cx.report_at(
                        v,
                        format!(
                            "`Access-Control-Allow-Origin: *` on authenticated {}",
                            label(op)
                        ),
                    )
                    .set_help("list the trusted origins instead; `*` is for public data only");
                }
            }
            if let Some((name, written, ..)) =
                header(cx.bundle, &r, "Access-Control-Allow-Credentials")
            {
                let related = cx.locate(first);
                let d = cx.report_at_key(
                    written,
                    format!(
                        "`{name}` is declared with `Access-Control-Allow-Origin: *` on the `{}` response of {}",
                        r.status,
                        label(op)
                    ),
                );
                d.set_help("browsers refuse credentials with `*`: echo one trusted origin instead");
                if let Some(loc) = related {
                    d.add_related(loc, "the wildcard origin");
                }
            }
        }
    }
}
