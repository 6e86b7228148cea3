//! Rule profiles for `extends:` in `.specfirst.yaml`.
//!
//! A profile is a set of enabled rules; `extends: [a, b]` enables the union
//! of the sets, at each rule's default severity, and `rules:` then overrides
//! single rules. Without `extends`, the profile is `recommended`.

use crate::registry::ALL_RULES;
use crate::rules::oas::SPECTRAL_PARITY;

/// The profiles a configuration can extend.
pub const PROFILES: &[&str] = &["recommended", "spectral", "all"];

/// Rules of Spectral's `spectral:oas` that Spectral itself leaves out of its
/// recommended set; their parity rules are off under `recommended` too.
const SPECTRAL_NOT_RECOMMENDED: &[&str] = &[
    "contact-properties",
    "info-license",
    "license-url",
    "oas3-parameter-description",
    "oas3-server-not-example.com",
    "openapi-tags",
    "openapi-tags-alphabetical",
    "operation-singular-tag",
    "tag-description",
];

/// Whether `code` is the parity rule of a Spectral rule.
#[must_use]
pub fn is_spectral_parity(code: &str) -> bool {
    SPECTRAL_PARITY.iter().any(|(_, c)| *c == code)
}

/// Whether profile `profile` enables rule `code` (`None` for an unknown profile).
#[must_use]
pub fn enables(profile: &str, code: &str) -> Option<bool> {
    match profile {
        "all" => Some(true),
        "spectral" => Some(is_spectral_parity(code)),
        "recommended" => Some(!SPECTRAL_PARITY.iter().any(|(name, c)| {
            *c == code
                && SPECTRAL_NOT_RECOMMENDED.contains(name)
                // A parity rule that also stands for other Spectral rules stays.
                && SPECTRAL_PARITY
                    .iter()
                    .filter(|(_, other)| *other == code)
                    .all(|(n, _)| SPECTRAL_NOT_RECOMMENDED.contains(n))
        })),
        _ => None,
    }
}

/// The codes of the rules that none of `profiles` enables.
#[must_use]
pub fn disabled_by<'a>(profiles: impl Iterator<Item = &'a str> + Clone) -> Vec<&'static str> {
    ALL_RULES
        .iter()
        .map(|r| r.meta().code)
        .filter(|code| !profiles.clone().any(|p| enables(p, code).unwrap_or(false)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parity(name: &str) -> &'static str {
        SPECTRAL_PARITY
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("no parity rule for {name}"))
    }

    #[test]
    fn profiles_select_rules() {
        let all = disabled_by(["all"].into_iter());
        assert!(all.is_empty(), "{all:?}");
        let spectral = disabled_by(["spectral"].into_iter());
        for rule in ALL_RULES.iter() {
            let code = rule.meta().code;
            assert_eq!(
                spectral.contains(&code),
                !is_spectral_parity(code),
                "{code}"
            );
        }
        assert!(!spectral.contains(&parity("info-contact")));
        let recommended = disabled_by(["recommended"].into_iter());
        assert!(
            recommended.contains(&parity("info-license")),
            "{recommended:?}"
        );
        assert!(!recommended.contains(&parity("info-contact")));
        // Union: the spectral profile adds back what recommended leaves out.
        let both = disabled_by(["recommended", "spectral"].into_iter());
        assert!(both.is_empty(), "{both:?}");
        assert_eq!(enables("nope", "OAS-001"), None);
        for name in SPECTRAL_NOT_RECOMMENDED {
            assert!(
                SPECTRAL_PARITY.iter().any(|(n, _)| n == name) || name.starts_with("oas2-"),
                "{name} is not in SPECTRAL_PARITY"
            );
        }
    }
}
