use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::addr;

declare_rule! {
    /// ## What it does
    /// Reports a scope in a security requirement (of the document or of an
    /// operation) that the named `oauth2` scheme does not declare in any of
    /// its `flows.*.scopes`. Other scheme types are not checked
    /// (`openIdConnect` scopes come from the provider's discovery document).
    ///
    /// ## Why is this bad?
    /// Authorization checks the triple (principal, resource, permission).
    /// A scope that no flow declares can never be granted, so the operation
    /// is unreachable for every client — or the server checks a different
    /// scope than the one documented.
    ///
    /// ## Example
    /// ```yaml
    /// security: [{oauth2: [users.delete]}]
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {users.write: write users}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// security: [{oauth2: [users.write]}]
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {users.write: write users}}}
    /// ```
    pub UndeclaredScope {
        code: "SEC-010",
        name: "undeclared-scope",
        category: "sec",
        severity: Error,
        summary: "A security requirement uses a scope its OAuth 2 scheme does not declare.",
    }
}

impl Rule for UndeclaredScope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(schemes) = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object)
        else {
            return;
        };
        let mut lists: Vec<&Value> = root.get("security").into_iter().collect();
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in &model.operations {
            if seen.insert(addr(op.op)) {
                lists.extend(op.op.get("security"));
            }
        }
        for req in lists.iter().filter_map(|l| l.as_array()).flatten() {
            let Some(req) = req.as_object() else { continue };
            for (name, scopes) in req {
                let Some(scheme) = schemes
                    .get(name)
                    .and_then(|s| cx.bundle.resolve(0, s).ok())
                    .map(|(_, s)| s)
                else {
                    continue;
                };
                if scheme.get("type").and_then(Value::as_str) != Some("oauth2") {
                    continue;
                }
                let declared = |scope: &str| {
                    scheme
                        .get("flows")
                        .and_then(Value::as_object)
                        .is_some_and(|flows| {
                            flows.values().any(|f| {
                                f.get("scopes")
                                    .and_then(Value::as_object)
                                    .is_some_and(|s| s.contains_key(scope))
                            })
                        })
                };
                for scope in scopes.as_array().into_iter().flatten() {
                    if let Some(s) = scope.as_str()
                        && !declared(s)
                    {
                        cx.report_at(scope, format!("scope `{s}` is not declared by OAuth 2 scheme `{name}`"))
                            .set_help(format!("declare `{s}` in the `scopes` of a flow of `{name}`, or use a declared scope"));
                    }
                }
            }
        }
    }
}
