use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the security schemes of `components.securitySchemes`:
    /// - a scheme `type: http, scheme: basic` → warning;
    /// - no `oauth2`, `openIdConnect` or `http` `bearer` scheme at all →
    ///   info (reported once; not when the document declares no schemes,
    ///   which SEC-002 covers);
    /// - `openIdConnect` as the only kind of scheme → info.
    ///
    /// ## Why is this bad?
    /// HTTP Basic sends a reusable password with every request and cannot be
    /// scoped, revoked per client or delegated. OAuth 2 access tokens can.
    /// OpenID Connect identifies users; it is offered next to OAuth 2, not
    /// instead of it.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     basic: {type: http, scheme: basic}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {users.read: read users}}}
    /// ```
    pub WeakAuthScheme {
        code: "SEC-003",
        name: "weak-auth-scheme",
        category: "sec",
        severity: Warning,
        summary: "HTTP Basic is used, or no OAuth 2 (or bearer) scheme is offered.",
    }
}

impl Rule for WeakAuthScheme {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(map_value) = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
        else {
            return;
        };
        let Some(map) = map_value.as_object() else {
            return;
        };
        let mut kinds: Vec<String> = Vec::new();
        let mut strong = false;
        for (name, written) in map {
            let Ok((_, scheme)) = cx.bundle.resolve(0, written) else {
                continue;
            };
            let kind = scheme
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let http_scheme = scheme
                .get("scheme")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_ascii_lowercase();
            kinds.push(kind.to_owned());
            match (kind, http_scheme.as_str()) {
                ("oauth2" | "openIdConnect", _) | ("http", "bearer") => strong = true,
                ("http", "basic") => {
                    let at = scheme.get("scheme").unwrap_or(written);
                    cx.report_at(at, format!("security scheme `{name}` uses HTTP Basic"))
                        .set_help(
                            "use OAuth 2 (or bearer tokens) instead of passwords on every request",
                        );
                }
                _ => {}
            }
        }
        if kinds.is_empty() {
            return;
        }
        if !strong {
            let d = cx.report_at_key(
                map_value,
                "no OAuth 2, OpenID Connect or bearer security scheme is offered",
            );
            d.severity = Severity::Info;
            d.set_help("offer an `oauth2` scheme");
        } else if kinds.iter().all(|k| k == "openIdConnect") {
            let d = cx.report_at_key(map_value, "the only security scheme is `openIdConnect`, which is offered next to OAuth 2, not instead of it");
            d.severity = Severity::Info;
            d.set_help("add an `oauth2` scheme for API access");
        }
    }
}
