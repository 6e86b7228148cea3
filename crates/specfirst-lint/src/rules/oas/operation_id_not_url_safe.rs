use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every `operationId` of an operation under `paths` only uses
    /// characters allowed in a URL (letters, digits and `-._~:/?#[]@!$&'()*+,;=`).
    /// Spectral: `operation-operationId-valid-in-url`.
    ///
    /// ## Why is this bad?
    /// Documentation tools put the `operationId` in links (`#operation/listPets`);
    /// spaces and other characters break those links or need escaping.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       operationId: list pets
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       operationId: listPets
    ///       responses: {'200': {description: ok}}
    /// ```
    pub OperationIdNotUrlSafe {
        code: "OAS-037",
        name: "operation-id-not-url-safe",
        category: "oas",
        severity: Warning,
        summary: "An `operationId` has characters that are not allowed in a URL.",
    }
}

impl Rule for OperationIdNotUrlSafe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            let Some(id_value) = op.op.get("operationId") else {
                continue;
            };
            let Some(id) = id_value.as_str() else {
                continue;
            };
            if let Some(bad) = id.chars().find(|c| !url_safe(*c)) {
                cx.report_at(
                    id_value,
                    format!(
                        "operationId `{id}` of {label} has {bad:?}, which is not allowed in a URL"
                    ),
                )
                .set_help("use letters, digits, `-`, `_` and `.` only");
            }
        }
    }
}

fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c)
}
