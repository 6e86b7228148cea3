//! Rust identifiers for names written in a spec.
//!
//! Every identifier that reaches generated code is decided here, never in
//! templates: heck splits and re-cases the words, then the sanitiser makes
//! the result a valid, unreserved identifier and [`Scope`] keeps it unique
//! among its siblings (`petId` and `pet_id` both want `pet_id`).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words rustc reserves in every edition we generate for (2024), strict and
/// reserved. `r#` makes them usable, except for the four below.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super"];

/// Names that would shadow what generated modules import or use unqualified.
const PRELUDE_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "Into",
    "From",
    "AsRef",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Hash",
    "Debug",
    "Display",
    "Serialize",
    "Deserialize",
    "Value",
    "Map",
    "HashMap",
    "BTreeMap",
    "Error",
    "Response",
    "Request",
    "Router",
    "Json",
    "Bytes",
    "Uuid",
    "DateTime",
    "NaiveDate",
    "Utc",
    "FixedOffset",
];

/// Whether `word` needs `r#` or another spelling to be an identifier.
fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Words whose inner capital is not a word boundary: heck would split
/// `ETag` into `e_tag` and `OAuth` into `o_auth`.
const COMPOUND_WORDS: &[(&str, &str)] = &[
    ("ETag", "Etag"),
    ("OAuth", "Oauth"),
    ("GitHub", "Github"),
    ("GitLab", "Gitlab"),
    ("IPv4", "Ipv4"),
    ("IPv6", "Ipv6"),
    ("iOS", "Ios"),
    ("macOS", "Macos"),
];

/// Replaces what cannot appear in an identifier, keeping word boundaries:
/// ASCII letters and digits stay, everything else becomes a separator.
/// Non-ASCII letters are dropped to a separator too: generated code stays
/// ASCII so it reads the same in every editor and terminal.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    for (compound, word) in COMPOUND_WORDS {
        if out.contains(compound) {
            out = out.replace(compound, word);
        }
    }
    out
}

/// Makes a cased candidate a valid identifier: not empty, not starting with
/// a digit, keywords raw or suffixed.
fn finish(candidate: String, fallback: &str, leading_digit_prefix: &str) -> String {
    let mut ident = if candidate.is_empty() {
        fallback.to_owned()
    } else {
        candidate
    };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, leading_digit_prefix);
    }
    if NOT_RAW.contains(&ident.as_str()) {
        ident.push('_');
    } else if is_keyword(&ident) {
        ident.insert_str(0, "r#");
    }
    ident
}

/// A `snake_case` identifier for a field, parameter, function or module.
///
/// ```
/// use specfirst_ir::names::snake;
/// assert_eq!(snake("petId"), "pet_id");
/// assert_eq!(snake("type"), "r#type");
/// assert_eq!(snake("self"), "self_");
/// assert_eq!(snake("200"), "_200");
/// assert_eq!(snake("X-Request-ID"), "x_request_id");
/// assert_eq!(snake("$top"), "top");
/// assert_eq!(snake("名前"), "field");
/// ```
#[must_use]
pub fn snake(name: &str) -> String {
    let cased = ascii_words(name).to_snake_case();
    finish(cased, "field", "_")
}

/// An `UpperCamelCase` identifier for a type or variant.
///
/// ```
/// use specfirst_ir::names::pascal;
/// assert_eq!(pascal("pet_status"), "PetStatus");
/// assert_eq!(pascal("200"), "N200");
/// assert_eq!(pascal("self"), "Self_");
/// assert_eq!(pascal("application/json"), "ApplicationJson");
/// assert_eq!(pascal("-1"), "N1");
/// assert_eq!(pascal(""), "Type");
/// ```
#[must_use]
pub fn pascal(name: &str) -> String {
    let cased = ascii_words(name).to_upper_camel_case();
    finish(cased, "Type", "N")
}

/// A type name that does not shadow a name generated code relies on
/// (`Option`, `Result`, `Value`, ...): such names get a `Schema` suffix.
#[must_use]
pub fn type_name(name: &str) -> String {
    let mut ident = pascal(name);
    if PRELUDE_TYPES.contains(&ident.as_str()) {
        ident.push_str("Schema");
    }
    ident
}

/// Whether `ident` parses as one Rust identifier (raw ones included).
#[must_use]
pub fn is_valid_ident(ident: &str) -> bool {
    syn::parse_str::<syn::Ident>(ident).is_ok()
}

/// The identifiers taken in one scope (a module, a struct's fields, an
/// enum's variants, a function's arguments).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` are already taken.
    #[must_use]
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `ident`, or the first of `ident2`, `ident3`, ... that is free.
    pub fn unique(&mut self, ident: String) -> String {
        if self.taken.insert(key(&ident)) {
            return ident;
        }
        // A suffix never makes a keyword, so `r#` is no longer needed.
        let base = key(&ident).trim_end_matches('_').to_owned();
        let sep = if base.contains('_') || base.starts_with(|c: char| c.is_ascii_lowercase()) {
            "_"
        } else {
            ""
        };
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}{sep}{n}");
            if self.taken.insert(key(&candidate)) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Whether `ident` is taken.
    #[must_use]
    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains(&key(ident))
    }
}

/// `r#type` and `type` are the same name.
fn key(ident: &str) -> String {
    ident.strip_prefix("r#").unwrap_or(ident).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_names() {
        assert_eq!(snake("petId"), "pet_id");
        assert_eq!(snake("pet_id"), "pet_id");
        assert_eq!(snake("OAuth2Token"), "oauth2_token");
        assert_eq!(snake("ETag"), "etag");
        assert_eq!(snake("If-None-Match"), "if_none_match");
        assert_eq!(pascal("ETag"), "Etag");
        assert_eq!(snake("filter[name]"), "filter_name");
        assert_eq!(snake("a.b.c"), "a_b_c");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("Super"), "super_");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake("---"), "field");
        assert_eq!(snake("café"), "caf");
    }

    #[test]
    fn pascal_case_names() {
        assert_eq!(pascal("petStatus"), "PetStatus");
        assert_eq!(pascal("DateTime::OfUtc"), "DateTimeOfUtc");
        assert_eq!(pascal("2xx"), "N2xx");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(type_name("Option"), "OptionSchema");
        assert_eq!(type_name("error"), "ErrorSchema");
        assert_eq!(type_name("pet"), "Pet");
    }

    #[test]
    fn every_generated_name_is_an_identifier() {
        let hostile = [
            "",
            " ",
            "0",
            "_",
            "__",
            "r#type",
            "\"); evil(); (\"",
            "*/ fn x() {} /*",
            "a\nb",
            "type",
            "self",
            "Self",
            "super",
            "crate",
            "fn",
            "match",
            "gen",
            "try",
            "🦀",
            "Ω",
            "\u{0}",
            "\\u{61}",
            "'",
            "#[cfg]",
            "mod",
            "_1",
            "1_",
            "ϕ_φ",
        ];
        for h in hostile {
            for ident in [snake(h), pascal(h), type_name(h)] {
                assert!(is_valid_ident(&ident), "{h:?} gave {ident:?}");
            }
        }
    }

    #[test]
    fn scopes_keep_names_unique() {
        let mut scope = Scope::default();
        assert_eq!(scope.unique(snake("petId")), "pet_id");
        assert_eq!(scope.unique(snake("pet_id")), "pet_id_2");
        assert_eq!(scope.unique(snake("PetId")), "pet_id_3");
        assert_eq!(scope.unique(snake("type")), "r#type");
        assert_eq!(scope.unique("type".to_owned()), "type_2");
        let mut types = Scope::with_reserved(&["Api"]);
        assert_eq!(types.unique(pascal("api")), "Api2");
        assert_eq!(types.unique(pascal("self")), "Self_");
        assert_eq!(types.unique(pascal("Self")), "Self2");
        assert!(types.contains("Self2"));
    }
}
