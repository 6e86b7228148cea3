use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::addr;

declare_rule! {
    /// ## What it does
    /// Reports plain-HTTP URLs (error):
    /// - a `servers[*].url` (of the document, a Path Item or an Operation)
    ///   with the scheme `http:`, also when the scheme comes from a server
    ///   variable's `default`;
    /// - an `http:` `authorizationUrl`, `tokenUrl` or `refreshUrl` of an
    ///   OAuth 2 flow, or `openIdConnectUrl`.
    ///
    /// With option `allowLocalHttp: true` (the default), server URLs on the
    /// loopback host (`localhost`, `127.0.0.1`, `[::1]`) are exempt; with
    /// `allowLocalHttp: false` they are reported too. Relative server URLs
    /// are not checked.
    ///
    /// ## Why is this bad?
    /// Tokens, credentials and personal data sent over plain HTTP can be
    /// read and changed by anyone on the network path. The API is served
    /// over TLS only, and never switches between HTTP and HTTPS.
    ///
    /// ## Example
    /// ```yaml
    /// servers: [{url: 'http://api.example.com'}]
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers: [{url: 'https://api.example.com'}]
    /// paths: {}
    /// ```
    pub InsecureHttp {
        code: "SEC-001",
        name: "insecure-http",
        category: "sec",
        severity: Error,
        summary: "A server or OAuth URL uses plain `http:`.",
    }
}

/// The URL with server variable defaults substituted.
fn substituted(server: &Value, url: &str) -> String {
    let mut url = url.to_owned();
    if let Some(vars) = server.get("variables").and_then(Value::as_object) {
        for (name, var) in vars {
            if let Some(default) = var.get("default").and_then(Value::as_str) {
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
    }
    url
}

fn is_http(url: &str) -> bool {
    url.get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
}

fn is_loopback(url: &str) -> bool {
    let rest = url.get(7..).unwrap_or_default();
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .split_once(']')
            .map_or(host_port, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "::1"
}

impl Rule for InsecureHttp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let mut lists: Vec<&Value> = root.get("servers").into_iter().collect();
        let model = cx.model;
        for p in &model.path_items {
            lists.extend(p.item.get("servers"));
        }
        for op in &model.operations {
            lists.extend(op.op.get("servers"));
        }
        let mut seen = HashSet::new();
        for server in lists.iter().filter_map(|l| l.as_array()).flatten() {
            if !seen.insert(addr(server)) {
                continue;
            }
            let Some(written) = server.get("url") else {
                continue;
            };
            let Some(url) = written.as_str() else {
                continue;
            };
            let url = substituted(server, url);
            if !is_http(&url) || (cx.options.allow_local_http && is_loopback(&url)) {
                continue;
            }
            let d = cx.report_at(written, format!("server URL `{url}` uses plain HTTP"));
            d.set_help("serve the API over HTTPS only: use `https://`");
            if is_loopback(&url) {
                d.add_note("loopback URLs are allowed with `allowLocalHttp: true`");
            }
        }
        let schemes = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object);
        for scheme in schemes.into_iter().flat_map(|m| m.values()) {
            let Ok((_, scheme)) = cx.bundle.resolve(0, scheme) else {
                continue;
            };
            let mut urls: Vec<(&str, &Value)> = Vec::new();
            if let Some(u) = scheme.get("openIdConnectUrl") {
                urls.push(("openIdConnectUrl", u));
            }
            if let Some(flows) = scheme.get("flows").and_then(Value::as_object) {
                for flow in flows.values() {
                    for key in ["authorizationUrl", "tokenUrl", "refreshUrl"] {
                        if let Some(u) = flow.get(key) {
                            urls.push((key, u));
                        }
                    }
                }
            }
            for (key, u) in urls {
                if let Some(s) = u.as_str()
                    && is_http(s)
                {
                    cx.report_at(u, format!("`{key}` `{s}` uses plain HTTP"))
                        .set_help("OAuth endpoints carry credentials: use `https://`");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback() {
        assert!(is_loopback("http://localhost:8080/api"));
        assert!(is_loopback("http://127.0.0.1"));
        assert!(is_loopback("http://[::1]:3000"));
        assert!(!is_loopback("http://localhost.example.com"));
        assert!(!is_loopback("http://api.example.com"));
        assert!(is_http("HTTP://x") && !is_http("https://x") && !is_http("/v1"));
    }
}
