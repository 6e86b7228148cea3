use specfirst_diagnostics::Severity;

use super::{HeaderKind, header_uses};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `in: header` parameters that OpenAPI models with its own
    /// constructs:
    ///
    /// - `Accept`, `Content-Type` or `Authorization` (any case): warning.
    ///   OpenAPI ignores such parameters; `Accept` is the response
    ///   `content`, `Content-Type` the `requestBody.content`, and
    ///   `Authorization` a security scheme;
    /// - a credential header `X-Auth-Token`, `X-Authentication` or
    ///   `X-Api-Key`: info; it should be an `apiKey` security scheme (`in:
    ///   header`). This holds whichever header `authHeader` (C-22) selects:
    ///   the option names the header, the scheme documents it.
    ///
    /// A parameter shared through `$ref` is reported once.
    ///
    /// ## Why is this bad?
    /// Tools skip these parameters or send them twice: the content maps and
    /// security schemes already produce the headers. Credentials modelled as
    /// plain parameters are invisible to security tooling and to
    /// `security` requirements.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: Authorization, in: header, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   securitySchemes:
    ///     bearer: {type: http, scheme: bearer}
    /// security: [{bearer: []}]
    /// ```
    pub HeaderParameterForStandardConstruct {
        code: "HEADER-001",
        name: "header-parameter-for-standard-construct",
        category: "header",
        severity: Warning,
        summary: "A header parameter stands for content negotiation or credentials that OpenAPI models elsewhere.",
    }
}

const CREDENTIAL_HEADERS: &[&str] = &["x-auth-token", "x-authentication", "x-api-key"];

impl Rule for HeaderParameterForStandardConstruct {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for h in header_uses(cx, &model.operations) {
            if h.kind != HeaderKind::Parameter {
                continue;
            }
            let lower = h.name.to_ascii_lowercase();
            let help = match lower.as_str() {
                "accept" => "remove it: list the media types served under `responses.*.content`",
                "content-type" => {
                    "remove it: list the accepted media types under `requestBody.content`"
                }
                "authorization" => {
                    "remove it: declare a security scheme (e.g. `{type: http, scheme: bearer}`) and a `security` requirement"
                }
                _ => {
                    if CREDENTIAL_HEADERS.contains(&lower.as_str()) {
                        h.report(
                            cx,
                            format!("credential header `{}` is a parameter, not a security scheme", h.name),
                        )
                        .set_help(format!(
                            "declare `{{type: apiKey, in: header, name: {}}}` under `components.securitySchemes` and require it with `security`",
                            h.name
                        ))
                        .severity = Severity::Info;
                    }
                    continue;
                }
            };
            h.report(
                cx,
                format!("header parameter `{}` is ignored by OpenAPI", h.name),
            )
            .set_help(help);
        }
    }
}
