use specfirst_config::{Envelope, ErrorShape};

use super::super::payload::support::{Seen, error_schemas};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Looks at the `code` property of each error schema (D5) when it is a
    /// string (`errorShape: odata`, the default; other shapes have no string
    /// `code` and are skipped). It reports a `code` with none of `enum`,
    /// `example`/`examples` or `x-error-codes`, and `enum` or `x-error-codes`
    /// values that are not PascalCase (`^[A-Z][A-Za-z0-9]*$`).
    ///
    /// `x-error-codes` may be written on the `code` property (as in the
    /// rulebook's example) or on the error schema itself (where RULEBOOK
    /// §0.5 places it); both count.
    ///
    /// ## Why is this bad?
    /// Clients branch on `code`. Undocumented codes can only be discovered
    /// by triggering them, and codes in mixed spellings (`not_found`,
    /// `NOT_FOUND`, `NotFound`) look like different codes.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       required: [code, message]
    ///       properties: {code: {type: string}, message: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       required: [code, message]
    ///       properties:
    ///         code: {type: string, x-error-codes: [BadArgument, NullValue, MalformedValue, NotFound]}
    ///         message: {type: string}
    /// ```
    pub UndocumentedErrorCodes {
        code: "ERROR-006",
        name: "undocumented-error-codes",
        category: "error",
        severity: Info,
        summary: "The error `code` values are not documented, or are not PascalCase.",
    }
}

fn pascal(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Rule for UndocumentedErrorCodes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.envelope != Envelope::None || cx.options.error_shape != ErrorShape::Odata {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for e in error_schemas(bundle, model) {
            let props = properties(bundle, e.doc, e.schema);
            let Some((_, _, code, written)) = props.iter().find(|(n, ..)| *n == "code") else {
                continue;
            };
            if type_of(code).is_some_and(|t| t != "string") || !seen.first(code) {
                continue;
            }
            let on_schema = e.schema.get("x-error-codes");
            let lists = [code.get("enum"), code.get("x-error-codes"), on_schema];
            let documented = lists.iter().any(Option::is_some)
                || code.get("example").is_some()
                || code.get("examples").is_some();
            if !documented {
                cx.report_at_key(written, format!("error `code` of {} lists no codes", e.name))
                    .set_help("document the codes with `enum` or `x-error-codes: [BadArgument, NotFound, ...]`");
                continue;
            }
            for list in lists.into_iter().flatten() {
                for v in list.as_array().into_iter().flatten() {
                    if let Some(s) = v.as_str()
                        && !pascal(s)
                    {
                        cx.report_at(v, format!("error code `{s}` is not PascalCase"))
                            .set_help("spell codes like `BadArgument`, `NotFound`");
                    }
                }
            }
        }
    }
}
