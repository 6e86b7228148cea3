//! D5, D6, D9: response keys and status classes.

/// The class of a response key: `'2'` for `200` and `2XX`, `None` for
/// `default` or anything that is not a status.
#[must_use]
pub fn class(key: &str) -> Option<u8> {
    let b = key.as_bytes();
    if b.len() != 3 || !(b'1'..=b'5').contains(&b[0]) {
        return None;
    }
    let digits = b[1].is_ascii_digit() && b[2].is_ascii_digit();
    let range = b[1..].eq_ignore_ascii_case(b"xx");
    (digits || range).then_some(b[0] - b'0')
}

/// The numeric status of a key (`"404"` → 404); `None` for ranges and `default`.
#[must_use]
pub fn code(key: &str) -> Option<u16> {
    if key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit()) {
        key.parse().ok().filter(|c| (100..=599).contains(c))
    } else {
        None
    }
}

/// D6: `2\d\d` or `2XX`.
#[must_use]
pub fn is_success(key: &str) -> bool {
    class(key) == Some(2)
}

/// D5: `4\d\d`, `5\d\d`, `4XX`, `5XX` or `default`.
#[must_use]
pub fn is_error(key: &str) -> bool {
    key == "default" || matches!(class(key), Some(4 | 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class("204"), Some(2));
        assert_eq!(class("4XX"), Some(4));
        assert_eq!(class("4xx"), Some(4));
        assert_eq!(class("default"), None);
        assert_eq!(class("600"), None);
        assert_eq!(class("2X0"), None);
        assert_eq!(code("404"), Some(404));
        assert_eq!(code("4XX"), None);
        assert!(is_success("2XX") && !is_success("301"));
        assert!(is_error("default") && is_error("503") && is_error("4XX") && !is_error("200"));
    }
}
