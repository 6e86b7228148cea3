use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::Value;
use specfirst_source::pointer;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports components (schemas, responses, parameters, examples, request
    /// bodies, headers, links, callbacks, path items, security schemes) that
    /// nothing uses. A component counts as used when a `$ref`, a discriminator
    /// mapping or a security requirement reaches it from the paths, webhooks or
    /// top-level security of the document, directly or through other used
    /// components.
    ///
    /// ## Why is this bad?
    /// Unused components are dead code: they are documented and generated
    /// although no operation can send or return them, and they often are
    /// leftovers of a rename whose new name has a typo somewhere.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Orphan: {type: string}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /names:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: ok
    ///           content: {application/json: {schema: {$ref: '#/components/schemas/Name'}}}
    /// components:
    ///   schemas:
    ///     Name: {type: string}
    /// ```
    pub UnusedComponent {
        code: "OAS-008",
        name: "unused-component",
        category: "oas",
        severity: Warning,
        summary: "A component is defined but nothing uses it.",
    }
}

const KINDS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

/// `(kind, name)` of the component a root-document pointer is inside of.
fn component_of(ptr: &str) -> Option<(String, String)> {
    let mut t = pointer::tokens(ptr);
    if t.next()?.as_ref() != "components" {
        return None;
    }
    let kind = t.next()?.into_owned();
    let name = t.next()?.into_owned();
    Some((kind, name))
}

impl Rule for UnusedComponent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let bundle = cx.bundle;
        let root = bundle.root().value();
        let Some(components) = root.get("components").and_then(Value::as_object) else {
            return;
        };
        // Edges: component → components it uses; seeds: uses from outside components.
        let mut edges: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
        let mut seeds: Vec<(String, String)> = Vec::new();
        for site in bundle.refs() {
            let Ok((doc, target)) = bundle.target(site.doc, &site.reference) else {
                continue;
            };
            if doc != 0 {
                continue;
            }
            let Some(target_ptr) = bundle.root().pointer_of(target) else {
                continue;
            };
            let Some(used) = component_of(&target_ptr) else {
                continue;
            };
            let from = if site.doc == 0 {
                component_of(&site.location.pointer)
            } else {
                None
            };
            match from {
                Some(owner) => edges.entry(owner).or_default().push(used),
                None => seeds.push(used),
            }
        }
        // Discriminator mappings name schemas by pointer or by bare name.
        for schema in &cx.model.schemas {
            let Some(mapping) = schema
                .value
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .and_then(Value::as_object)
            else {
                continue;
            };
            let owner = if schema.doc == 0 {
                bundle
                    .root()
                    .pointer_of(schema.value)
                    .and_then(|p| component_of(&p))
            } else {
                None
            };
            for target in mapping.values().filter_map(Value::as_str) {
                let name = target
                    .strip_prefix("#/components/schemas/")
                    .map_or_else(|| target.to_owned(), |n| pointer::unescape(n).into_owned());
                let used = ("schemas".to_owned(), name);
                match &owner {
                    Some(o) => edges.entry(o.clone()).or_default().push(used),
                    None => seeds.push(used),
                }
            }
        }
        // Security requirements name schemes.
        let mut requirement_lists: Vec<&Value> = root.get("security").into_iter().collect();
        requirement_lists.extend(
            cx.model
                .operations
                .iter()
                .filter_map(|o| o.op.get("security")),
        );
        for list in requirement_lists {
            for requirement in list.as_array().into_iter().flatten() {
                for name in requirement.as_object().into_iter().flat_map(|m| m.keys()) {
                    seeds.push(("securitySchemes".to_owned(), name.clone()));
                }
            }
        }
        let mut used: HashSet<(String, String)> = HashSet::new();
        let mut queue: VecDeque<(String, String)> = seeds.into();
        while let Some(c) = queue.pop_front() {
            if used.insert(c.clone())
                && let Some(next) = edges.get(&c)
            {
                queue.extend(next.iter().cloned());
            }
        }
        for kind in KINDS {
            let Some(map) = components.get(*kind).and_then(Value::as_object) else {
                continue;
            };
            for (name, value) in map {
                if !used.contains(&((*kind).to_owned(), name.clone())) {
                    cx.report_at_key(value, format!("`components.{kind}.{name}` is never used"))
                        .set_help("remove it, or reference it where it was meant to be used");
                }
            }
        }
    }
}
