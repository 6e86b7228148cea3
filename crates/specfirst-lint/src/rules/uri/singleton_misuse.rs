use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media;
use crate::defs::plural::is_plural;
use crate::defs::resource::ResourceKind;
use crate::defs::schema_walk::{properties, type_of};
use crate::defs::segments::{Segment, segments};
use crate::defs::words::{is_controller_verb, is_crud_verb, tokenize};
use crate::model::{PathItem, operations_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For a singleton path (D2: the last segment is literal, and the path is
    /// neither a collection nor a controller), reports:
    /// - a `post` operation (warning): nothing is created beneath a
    ///   singleton;
    /// - a last word that is plural under D11 (info), when `GET` answers
    ///   with an object that holds no array, so the path really is one
    ///   resource.
    ///
    /// Left alone: a plural path with a `post`, or whose `GET` returns an
    /// array or an object holding one (`{items: […]}`), which is a
    /// collection D2 did not recognise; a path named by an action (its first
    /// word a verb, or a custom method `…:publish`), which is a controller
    /// with other methods (URI-005, URI-010); names URI-008 cannot judge
    /// either (acronyms, digits, participles). `singularAllowlist` lists
    /// words that look plural but name one thing (`news`, `settings`), and
    /// `controllerVerbs` adds verbs that make a POST-only path a controller.
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
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

/// What `GET` answers with 200 as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// An array, or an object that holds one (`{items: […]}`), or a
    /// `oneOf`/`anyOf` with an array member: a list.
    List,
    /// An object without array properties: one resource.
    Object,
    /// No GET, no JSON schema, or a schema of unknown shape.
    Unknown,
}

fn is_list(cx: &Context<'_>, doc: usize, schema: &Value) -> bool {
    if type_of(schema) == Some("array") {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        schema
            .get(*k)
            .and_then(Value::as_array)
            .is_some_and(|members| {
                members.iter().any(|m| {
                    cx.bundle
                        .resolve(doc, m)
                        .is_ok_and(|(_, m)| type_of(m) == Some("array"))
                })
            })
    }) || properties(cx.bundle, doc, schema)
        .iter()
        .any(|(_, _, prop, _)| type_of(prop) == Some("array"))
}

fn answer(cx: &Context<'_>, p: &PathItem<'_>) -> Answer {
    let Some(ok) = p
        .item
        .get("get")
        .and_then(|g| g.get("responses"))
        .and_then(|r| r.get("200"))
    else {
        return Answer::Unknown;
    };
    let Ok((d, ok)) = cx.bundle.resolve(p.doc, ok) else {
        return Answer::Unknown;
    };
    let Some(content) = ok.get("content").and_then(Value::as_object) else {
        return Answer::Unknown;
    };
    let mut out = Answer::Unknown;
    for (key, mt) in content {
        if !media::is_json(key) {
            continue;
        }
        let Some((d, schema)) = mt.get("schema").and_then(|s| cx.bundle.resolve(d, s).ok()) else {
            continue;
        };
        if is_list(cx, d, schema) {
            return Answer::List;
        }
        if type_of(schema) == Some("object") || schema.get("properties").is_some() {
            out = Answer::Object;
        }
    }
    out
}

impl Rule for SingletonMisuse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_path_item(&self, cx: &mut Context<'_>, p: &PathItem<'_>) {
        if cx.model.kind(p.key) != Some(ResourceKind::Singleton) {
            return;
        }
        let Some(Segment::Literal(last)) = segments(super::path_of(p.key)).last().copied() else {
            return;
        };
        let Some(word) = super::noun_word(last) else {
            return;
        };
        let first = tokenize(last).into_iter().next().unwrap_or_default();
        let action =
            last.contains(':') || is_crud_verb(&first) || is_controller_verb(&first, cx.options);
        let plural = is_plural(&word, cx.options);
        let post = operations_of(p.item)
            .into_iter()
            .find(|(m, _)| *m == "post")
            .map(|(_, op)| op);
        match post {
            // A plural name with POST: a collection D2 did not recognise.
            // An action name: a controller with other methods (URI-010, URI-005).
            Some(_) if plural || action => {}
            Some(op) => {
                cx.report_at_key(op, format!("singleton `{}` offers POST", p.key))
                    .set_help(
                        "a singleton has nothing beneath it to create: create or replace it with PUT, or mark an action with `x-resource-kind: controller`",
                    );
            }
            None if plural && answer(cx, p) == Answer::Object => {
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
