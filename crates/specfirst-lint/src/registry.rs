//! Every rule: the categories' lists merged and sorted by code.

use std::sync::LazyLock;

use crate::rule::{Rule, RuleMeta};
use crate::rules;

/// All rules in code order. A rule is added to its category's `RULES`.
pub static ALL_RULES: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let categories: [&[&'static dyn Rule]; 15] = [
        rules::cache::RULES,
        rules::conc::RULES,
        rules::date::RULES,
        rules::error::RULES,
        rules::header::RULES,
        rules::link::RULES,
        rules::method::RULES,
        rules::oas::RULES,
        rules::page::RULES,
        rules::payload::RULES,
        rules::query::RULES,
        rules::sec::RULES,
        rules::status::RULES,
        rules::uri::RULES,
        rules::version::RULES,
    ];
    let mut all: Vec<&'static dyn Rule> = categories.concat();
    all.sort_by_key(|r| r.meta().code);
    all
});

/// A rule by code (`OAS-005`) or name (`duplicate-operation-id`).
#[must_use]
pub fn find_rule(key: &str) -> Option<&'static RuleMeta> {
    ALL_RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
}
