//! D13: BCP 47 language tags (simplified).

use std::sync::LazyLock;

use regex::Regex;

static BCP47: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-x(-[A-Za-z0-9]{1,8})+)?$",
    )
    .ok()
});

/// Whether `tag` is a well-formed language tag (`en`, `zh-CN`, `sr-Latn-RS`).
#[must_use]
pub fn is_language_tag(tag: &str) -> bool {
    BCP47.as_ref().is_some_and(|re| re.is_match(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for t in ["en", "zh-CN", "sr-Latn-RS", "es-419", "de-CH-x-phonebk"] {
            assert!(is_language_tag(t), "{t}");
        }
        for t in ["", "english", "zh_CN", "e", "en-"] {
            assert!(!is_language_tag(t), "{t}");
        }
    }
}
