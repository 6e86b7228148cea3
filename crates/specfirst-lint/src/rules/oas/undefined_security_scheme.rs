use serde_json::Value;

use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every security requirement (top-level `security` and the
    /// `security` of operations under `paths`) names a scheme of
    /// `components.securitySchemes`, and that the scopes it asks of an OAuth 2
    /// scheme are listed in one of the scheme's flows.
    /// Spectral: `oas3-operation-security-defined` (which also requires scopes
    /// of OpenID Connect and non-OAuth schemes to be listed in `flows`, which
    /// those schemes do not have: we do not).
    ///
    /// ## Why is this bad?
    /// A requirement naming an undefined scheme cannot be met: tools do not know
    /// how to authenticate, and generated clients send no credentials. An
    /// undefined scope is usually a typo.
    ///
    /// ## Example
    /// ```yaml
    /// security:
    ///   - bearer: []
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     bearerAuth: {type: http, scheme: bearer}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// security:
    ///   - bearerAuth: []
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     bearerAuth: {type: http, scheme: bearer}
    /// ```
    pub UndefinedSecurityScheme {
        code: "OAS-024",
        name: "undefined-security-scheme",
        category: "oas",
        severity: Warning,
        summary: "A security requirement names a scheme or scope that is not defined.",
    }
}

impl Rule for UndefinedSecurityScheme {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let schemes = root
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(Value::as_object);
        let mut lists: Vec<(&Value, &str)> = Vec::new();
        if let Some(s) = root.get("security") {
            lists.push((s, "the API"));
        }
        let ops = path_operations(cx.model);
        let labels: Vec<String> = ops
            .iter()
            .map(|op| format!("{} {}", op.method.to_uppercase(), op.path.key))
            .collect();
        for (op, label) in ops.iter().zip(&labels) {
            if let Some(s) = op.op.get("security") {
                lists.push((s, label));
            }
        }
        for (list, label) in lists {
            for requirement in list.as_array().into_iter().flatten() {
                let Some(map) = requirement.as_object() else {
                    continue;
                };
                for (name, scopes) in map {
                    let scheme = schemes
                        .and_then(|s| s.get(name))
                        .and_then(|s| cx.bundle.resolve(0, s).ok())
                        .map(|(_, s)| s);
                    let Some(scheme) = scheme else {
                        cx.report_at_key(
                            scopes,
                            format!("security scheme `{name}` of {label} is not defined in `components.securitySchemes`"),
                        )
                        .set_help("define the scheme in `components.securitySchemes`, or fix the name");
                        continue;
                    };
                    if scheme.get("type").and_then(Value::as_str) != Some("oauth2") {
                        continue;
                    }
                    for scope in scopes.as_array().into_iter().flatten() {
                        let Some(scope_name) = scope.as_str() else {
                            continue;
                        };
                        let defined =
                            scheme
                                .get("flows")
                                .and_then(Value::as_object)
                                .is_some_and(|flows| {
                                    flows.values().any(|f| {
                                        f.get("scopes")
                                            .and_then(Value::as_object)
                                            .is_some_and(|s| s.contains_key(scope_name))
                                    })
                                });
                        if !defined {
                            cx.report_at(
                                scope,
                                format!("scope `{scope_name}` of {label} is not listed in the flows of `{name}`"),
                            )
                            .set_help("add the scope to the `scopes` of the scheme's flows, or fix the name");
                        }
                    }
                }
            }
        }
    }
}
