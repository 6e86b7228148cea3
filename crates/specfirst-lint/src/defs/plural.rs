//! D11: whether a word is plural.

use specfirst_config::Options;

/// Irregular plurals the suffix test misses.
const IRREGULAR_PLURALS: &[&str] = &[
    "people", "children", "men", "women", "data", "media", "criteria", "feet", "teeth", "mice",
    "geese", "indices", "matrices", "vertices", "analyses",
];

/// A word is plural when it ends in `s` (not `ss`, `us` or `is`), is an
/// irregular plural, or is in `pluralAllowlist`; `singularAllowlist` wins
/// over all of these. Compared in lower case.
#[must_use]
pub fn is_plural(word: &str, options: &Options) -> bool {
    let w = word.to_lowercase();
    if options
        .singular_allowlist
        .iter()
        .any(|s| s.eq_ignore_ascii_case(&w))
    {
        return false;
    }
    if options
        .plural_allowlist
        .iter()
        .any(|s| s.eq_ignore_ascii_case(&w))
        || IRREGULAR_PLURALS.contains(&w.as_str())
    {
        return true;
    }
    w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_irregulars_and_allowlists() {
        let mut o = Options::default();
        for w in ["pets", "People", "data", "orders"] {
            assert!(is_plural(w, &o), "{w}");
        }
        for w in ["pet", "address", "status", "analysis", "person", ""] {
            assert!(!is_plural(w, &o), "{w}");
        }
        o.plural_allowlist.push("sheep".to_owned());
        o.singular_allowlist.push("news".to_owned());
        assert!(is_plural("sheep", &o));
        assert!(!is_plural("news", &o));
    }
}
