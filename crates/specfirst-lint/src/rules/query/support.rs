//! What the QUERY rules share: the reserved names (QUERY-004), the sort
//! parameter's name, and the item schema of a collection `GET`.

use std::collections::HashSet;

use specfirst_config::{Jsonp, Options, SortParam};
use specfirst_source::Bundle;

use super::super::payload::support::{item_schema, json_bodies};

use crate::defs::schema_walk::{properties, walk};
use crate::model::Operation;

/// The configured name of the sort parameter.
pub(crate) fn sort_name(o: &Options) -> &'static str {
    match o.sort_param {
        SortParam::Sort => "sort",
        SortParam::SortBy => "sort_by",
    }
}

/// Reserved query parameter names (QUERY-004), with the type they must have.
pub(crate) fn reserved(o: &Options) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![
        ("offset", "integer"),
        ("limit", "integer"),
        ("page", "integer"),
        ("size", "integer"),
        ("sort", "string"),
        ("filter", "string"),
        ("fields", "string"),
        ("embed", "string"),
        ("after", "string"),
        ("before", "string"),
    ];
    if o.sort_param == SortParam::SortBy {
        out.push(("sort_by", "string"));
    }
    match o.jsonp {
        Jsonp::Off => {}
        Jsonp::Callback => out.push(("callback", "string")),
        Jsonp::Jsonp => out.push(("jsonp", "string")),
    }
    if o.format_query_param {
        out.push(("format", "string"));
    }
    out
}

/// The property names of the items a collection `GET` returns (`data`
/// items, or the items of a top-level array); empty when unknown.
pub(crate) fn item_properties<'a>(bundle: &'a Bundle, op: &Operation<'a>) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for body in json_bodies(bundle, op, |s| s == "200") {
        if let Some((d, item)) = item_schema(bundle, body.doc, body.schema) {
            for (name, ..) in properties(bundle, d, item) {
                if seen.insert(name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Every property name of the items at any depth (`attributes.name` of a
/// JSON:API resource, `address.city`): the names a representation shows.
pub(crate) fn nested_item_properties<'a>(
    bundle: &'a Bundle,
    op: &Operation<'a>,
) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    let mut seen = HashSet::new();
    for body in json_bodies(bundle, op, |s| s == "200") {
        if let Some((d, item)) = item_schema(bundle, body.doc, body.schema) {
            walk(bundle, d, item, &mut seen, &mut |node| {
                if let Some(p) = node.property {
                    out.insert(p);
                }
                node.depth < 6
            });
        }
    }
    out
}
