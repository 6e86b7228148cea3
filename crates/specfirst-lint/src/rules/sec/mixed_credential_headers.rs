use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::addr;

declare_rule! {
    /// ## What it does
    /// Collects the headers that carry credentials:
    /// - `Authorization` for `http`, `oauth2` and `openIdConnect` schemes;
    /// - the `name` of every `apiKey` scheme with `in: header`;
    /// - header parameters named `Authorization`, `X-Auth-Token`,
    ///   `X-Authentication`, `X-API-Key`, `API-Key`, `X-Access-Token`,
    ///   `Access-Token` or `X-Token` (any case).
    ///
    /// If more than one distinct header name is found, every header other
    /// than the convention is reported, once, where it is first declared.
    /// The convention is option `authHeader` (`Authorization` by default,
    /// or `X-Auth-Token` or `X-Authentication`) when that header is used,
    /// else the first header found. A single header that differs from
    /// `authHeader` is not reported.
    ///
    /// ## Why is this bad?
    /// One API, one way to authenticate: client libraries, gateways, CORS
    /// configuration and log scrubbing all need to know which header holds
    /// the secret. Two conventions double that work and the chance to leak
    /// one of them.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     a: {type: apiKey, in: header, name: X-Auth-Token}
    ///     b: {type: apiKey, in: header, name: X-Authentication}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     a: {type: apiKey, in: header, name: X-Auth-Token}
    /// ```
    pub MixedCredentialHeaders {
        code: "SEC-005",
        name: "mixed-credential-headers",
        category: "sec",
        severity: Warning,
        summary: "Credentials travel in more than one header.",
    }
}

const TOKEN_HEADERS: &[&str] = &[
    "authorization",
    "x-auth-token",
    "x-authentication",
    "x-api-key",
    "api-key",
    "x-access-token",
    "access-token",
    "x-token",
];

/// (lower-case name, name as written, node to report at, report at its key)
type Found<'a> = (String, String, &'a Value, bool);

fn add<'a>(found: &mut Vec<Found<'a>>, name: &str, at: &'a Value, is_key: bool) {
    let lower = name.to_ascii_lowercase();
    if !found.iter().any(|(l, ..)| *l == lower) {
        found.push((lower, name.to_owned(), at, is_key));
    }
}

impl Rule for MixedCredentialHeaders {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut found: Vec<Found<'_>> = Vec::new();
        let root = cx.bundle.root().value();
        let schemes = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object);
        for written in schemes.into_iter().flat_map(|m| m.values()) {
            let Ok((_, scheme)) = cx.bundle.resolve(0, written) else {
                continue;
            };
            match scheme.get("type").and_then(Value::as_str) {
                Some("http" | "oauth2" | "openIdConnect") => {
                    add(&mut found, "Authorization", written, true)
                }
                Some("apiKey") if scheme.get("in").and_then(Value::as_str) == Some("header") => {
                    if let Some(n) = scheme.get("name")
                        && let Some(name) = n.as_str()
                    {
                        add(&mut found, name, n, false);
                    }
                }
                _ => {}
            }
        }
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "header"
                    && TOKEN_HEADERS.contains(&p.name.to_ascii_lowercase().as_str())
                    && seen.insert(addr(p.value))
                {
                    add(
                        &mut found,
                        p.name,
                        p.value.get("name").unwrap_or(p.value),
                        false,
                    );
                }
            }
        }
        if found.len() < 2 {
            return;
        }
        let configured = cx.options.auth_header.as_str().to_ascii_lowercase();
        let convention = if found.iter().any(|(l, ..)| *l == configured) {
            configured
        } else {
            found[0].0.clone()
        };
        let shown = found
            .iter()
            .find(|(l, ..)| *l == convention)
            .map(|(_, n, ..)| n.clone())
            .unwrap_or_default();
        for (lower, name, at, is_key) in &found {
            if *lower == convention {
                continue;
            }
            let message = format!("credentials travel in `{name}` as well as in `{shown}`");
            let d = if *is_key {
                cx.report_at_key(at, message)
            } else {
                cx.report_at(at, message)
            };
            d.set_help(format!(
                "use one credential header for the whole API: `{shown}` (option `authHeader`)"
            ));
        }
    }
}
