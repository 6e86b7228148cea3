use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::{METHODS, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the servers of the document, of path items and operations under
    /// `paths`, and of links: every `{variable}` of the URL is defined in
    /// `variables`, every defined variable is used in the URL, every variable has
    /// a `default`, and the `default` is one of the `enum` values when there is
    /// an `enum`. Spectral: `oas3-server-variables` (which also substitutes the
    /// values and parses the results as absolute URLs; we do not, since a server
    /// URL may be relative).
    ///
    /// ## Why is this bad?
    /// The OpenAPI Specification requires a `default` for each variable and that
    /// it be one of the `enum` values. An undefined variable cannot be filled in,
    /// so tools send the braces literally; an unused one is dead or a typo.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: 'https://{region}.pets.dev/{version}'
    ///     variables:
    ///       region: {default: eu, enum: [eu, us]}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers:
    ///   - url: 'https://{region}.pets.dev/{version}'
    ///     variables:
    ///       region: {default: eu, enum: [eu, us]}
    ///       version: {default: v1}
    /// paths: {}
    /// ```
    pub InvalidServerVariables {
        code: "OAS-028",
        name: "invalid-server-variables",
        category: "oas",
        severity: Error,
        summary: "Server variables and the `{variables}` of the server URL do not match.",
    }
}

impl Rule for InvalidServerVariables {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let mut lists: Vec<&Value> = root.get("servers").into_iter().collect();
        let mut seen = HashSet::new();
        for item in &cx.model.path_items {
            if item.kind != PathItemKind::Path
                || !seen.insert(std::ptr::from_ref(item.item) as usize)
            {
                continue;
            }
            lists.extend(item.item.get("servers"));
            for method in METHODS {
                lists.extend(item.item.get(*method).and_then(|op| op.get("servers")));
            }
        }
        let mut servers: Vec<&Value> = lists
            .into_iter()
            .filter_map(Value::as_array)
            .flatten()
            .collect();
        links(cx, &mut servers);
        for server in servers {
            check_server(cx, server);
        }
    }
}

/// The `server` of every link (components and responses of operations).
fn links<'a>(cx: &Context<'a>, out: &mut Vec<&'a Value>) {
    let root = cx.bundle.root().value();
    let mut link_maps: Vec<&'a Value> = Vec::new();
    if let Some(l) = root.get("components").and_then(|c| c.get("links")) {
        link_maps.push(l);
    }
    let responses = root
        .get("components")
        .and_then(|c| c.get("responses"))
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values());
    let op_responses = cx
        .model
        .operations
        .iter()
        .filter_map(|op| op.op.get("responses").and_then(Value::as_object))
        .flat_map(|m| m.values());
    let mut seen = HashSet::new();
    for r in responses.chain(op_responses) {
        let doc = cx.bundle.document_of(r).unwrap_or(0);
        if let Ok((_, r)) = cx.bundle.resolve(doc, r)
            && seen.insert(std::ptr::from_ref(r) as usize)
            && let Some(l) = r.get("links")
        {
            link_maps.push(l);
        }
    }
    let mut seen_links = HashSet::new();
    for map in link_maps {
        for link in map.as_object().into_iter().flat_map(|m| m.values()) {
            let doc = cx.bundle.document_of(link).unwrap_or(0);
            if let Ok((_, link)) = cx.bundle.resolve(doc, link)
                && seen_links.insert(std::ptr::from_ref(link) as usize)
                && let Some(s) = link.get("server")
            {
                out.push(s);
            }
        }
    }
}

/// The `{variables}` of a server URL, in order.
fn url_variables(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        if close > 0 {
            out.push(&after[..close]);
        }
        rest = &after[close + 1..];
    }
    out
}

fn check_server(cx: &mut Context<'_>, server: &Value) {
    let Some(url) = server.get("url").and_then(Value::as_str) else {
        return;
    };
    let used = url_variables(url);
    let variables = server.get("variables").and_then(Value::as_object);
    if let Some(vars) = variables {
        for (name, var) in vars {
            if !used.contains(&name.as_str()) {
                cx.report_at_key(
                    var,
                    format!("server variable `{name}` is not used in `{url}`"),
                )
                .set_help("remove it, or use it in the URL");
            }
        }
    }
    let mut missing: Vec<&str> = Vec::new();
    for v in &used {
        if !variables.is_some_and(|m| m.contains_key(*v)) && !missing.contains(v) {
            missing.push(v);
        }
    }
    if !missing.is_empty() {
        let list = super::and_list(&missing);
        let noun = if missing.len() == 1 {
            "variable"
        } else {
            "variables"
        };
        let location = super::member_location(cx, server, "variables");
        cx.report(
            location,
            format!("server URL `{url}` uses undefined {noun} {list}"),
        )
        .set_help("define each in the server's `variables`, with a `default`");
    }
    let Some(vars) = variables else {
        return;
    };
    for (name, var) in vars {
        if !used.contains(&name.as_str()) {
            continue;
        }
        match var.get("default") {
            None => {
                cx.report_at_key(var, format!("server variable `{name}` has no `default`"))
                    .set_help("give the variable a `default` (required by OpenAPI)");
            }
            Some(default) => {
                if let Some(values) = var.get("enum").and_then(Value::as_array)
                    && !values.contains(default)
                {
                    cx.report_at_key(
                        default,
                        format!("the default of server variable `{name}` is not one of its `enum` values"),
                    )
                    .set_help("make the default one of the `enum` values");
                }
            }
        }
    }
}
