use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media;
use crate::defs::plural::is_plural;
use crate::defs::resource::ResourceKind;
use crate::defs::schema_walk::{properties, type_of};
use crate::defs::segments::{Segment, segments};
use crate::defs::words::tokenize;
use crate::model::{PathItem, operations_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For a singleton path (D2: the last segment is literal, and the path is
    /// neither a collection nor a controller), reports:
    /// - a `post` operation (warning): nothing is created beneath a
    ///   singleton;
    /// - a last word that is plural under D11 (info).
    ///
    /// A plural path that has a `post`, or whose `GET` returns an array or an
    /// object holding an array (`{items: […]}`), is a collection D2 did not
    /// recognise, and is left alone. `singularAllowlist` lists words that
    /// look plural but name one thing (`news`, `settings`).
    ///
    /// ## Why is this bad?
    /// A singleton such as `/configuration` exists once; clients read it with
    /// `GET` and create or replace it with `PUT`. `POST` on it suggests a
    /// collection that is not there, and a plural name suggests many
    /// resources where there is one.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /configuration:
    ///     post:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /configuration:
    ///     put:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub SingletonMisuse {
        code: "URI-009",
        name: "singleton-misuse",
        category: "uri",
        severity: Warning,
        summary: "A singleton resource offers POST or has a plural name.",
    }
}

/// `GET` answers 200 with an array, or with an object that has an array
/// property (any name: `items`, `results`, `data`).
fn lists(cx: &Context<'_>, p: &PathItem<'_>) -> bool {
    let Some(ok) = p
        .item
        .get("get")
        .and_then(|g| g.get("responses"))
        .and_then(|r| r.get("200"))
    else {
        return false;
    };
    let Ok((d, ok)) = cx.bundle.resolve(p.doc, ok) else {
        return false;
    };
    let Some(content) = ok.get("content").and_then(Value::as_object) else {
        return false;
    };
    content.iter().any(|(key, mt)| {
        if !media::is_json(key) {
            return false;
        }
        let Some((d, schema)) = mt.get("schema").and_then(|s| cx.bundle.resolve(d, s).ok()) else {
            return false;
        };
        type_of(schema) == Some("array")
            || properties(cx.bundle, d, schema)
                .iter()
                .any(|(_, _, prop, _)| type_of(prop) == Some("array"))
    })
}

impl Rule for SingletonMisuse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_path_item(&self, cx: &mut Context<'_>, p: &PathItem<'_>) {
        if cx.model.kind(p.key) != Some(ResourceKind::Singleton) {
            return;
        }
        let Some(Segment::Literal(last)) = segments(p.key).last().copied() else {
            return;
        };
        let Some(word) = tokenize(last).pop() else {
            return;
        };
        if word.chars().any(|c| c.is_ascii_digit()) {
            return;
        }
        let plural = is_plural(&word, cx.options);
        let post = operations_of(p.item)
            .into_iter()
            .find(|(m, _)| *m == "post")
            .map(|(_, op)| op);
        match post {
            Some(_) if plural => {}
            Some(op) => {
                cx.report_at_key(
                    op,
                    format!("singleton `{}` offers POST", p.key),
                )
                .set_help(
                    "a singleton has nothing beneath it to create: create or replace it with PUT, or mark an action with `x-resource-kind: controller`",
                );
            }
            None if plural && !lists(cx, p) => {
                let severity = super::split_severity(cx, Severity::Info);
                let d = cx.report_at_key(
                    p.written,
                    format!("singleton `{}` has the plural name `{last}`", p.key),
                );
                d.severity = severity;
                d.set_help(format!(
                    "name a single resource in the singular, or add `{word}` to the option `singularAllowlist`"
                ));
            }
            None => {}
        }
    }
}
