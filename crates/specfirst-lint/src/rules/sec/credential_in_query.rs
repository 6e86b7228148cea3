use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, name_node};

declare_rule! {
    /// ## What it does
    /// Reports credentials sent in the query string:
    /// - a security scheme `type: apiKey` with `in: query`;
    /// - a query parameter named `token`, `access_token`, `api_key`,
    ///   `apikey` or `auth` (any case; `apiKey`, `API_KEY` too).
    ///
    /// With option `allowQueryToken: true` (which follows 003's seed) the
    /// rule does nothing.
    ///
    /// ## Why is this bad?
    /// URLs are logged by servers, proxies and browsers, kept in history and
    /// sent in `Referer` headers. A token in the query string leaks through
    /// all of them. Tokens and API keys travel in a header.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes: {key: {type: apiKey, in: query, name: api_key}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes: {key: {type: apiKey, in: header, name: X-Auth-Token}}
    /// ```
    pub CredentialInQuery {
        code: "SEC-004",
        name: "credential-in-query",
        category: "sec",
        severity: Warning,
        summary: "A token or API key is sent in the query string.",
    }
}

const TOKEN_PARAMS: &[&str] = &["token", "access_token", "api_key", "apikey", "auth"];

impl Rule for CredentialInQuery {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.allow_query_token {
            return;
        }
        let root = cx.bundle.root().value();
        let schemes = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object);
        for (name, written) in schemes.into_iter().flatten() {
            let Ok((_, scheme)) = cx.bundle.resolve(0, written) else {
                continue;
            };
            if scheme.get("type").and_then(Value::as_str) == Some("apiKey")
                && let Some(at) = scheme.get("in").filter(|i| i.as_str() == Some("query"))
            {
                let param = scheme
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                cx.report_at(at, format!("API key scheme `{name}` sends `{param}` in the query string"))
                    .set_help("send the key in a header (`in: header`), e.g. `Authorization` or `X-Auth-Token`");
            }
        }
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "query"
                    && TOKEN_PARAMS.iter().any(|t| t.eq_ignore_ascii_case(p.name))
                    && seen.insert(addr(p.value))
                {
                    cx.report_at(
                        name_node(p),
                        format!("query parameter `{}` carries a credential", p.name),
                    )
                    .set_help("send tokens in a header such as `Authorization: Bearer <token>`");
                }
            }
        }
    }
}
