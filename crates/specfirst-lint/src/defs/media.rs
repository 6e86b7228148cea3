//! D8: media types (`type/subtype; name=value`).

/// A parsed content key. Type, subtype and parameter names are lower-cased;
/// quoted parameter values are unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    pub kind: String,
    pub subtype: String,
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// Parses `type/subtype *(; name=value)`; `None` when there is no `/`.
    #[must_use]
    pub fn parse(s: &str) -> Option<MediaType> {
        let mut parts = s.split(';');
        let essence = parts.next()?.trim();
        let (kind, subtype) = essence.split_once('/')?;
        let (kind, subtype) = (kind.trim(), subtype.trim());
        if kind.is_empty() || subtype.is_empty() {
            return None;
        }
        let params = parts
            .filter_map(|p| {
                let (name, value) = p.split_once('=')?;
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                Some((name.trim().to_ascii_lowercase(), value.to_owned()))
            })
            .collect();
        Some(MediaType {
            kind: kind.to_ascii_lowercase(),
            subtype: subtype.to_ascii_lowercase(),
            params,
        })
    }

    /// `application/json` or any `*/*+json`.
    #[must_use]
    pub fn is_json(&self) -> bool {
        (self.kind == "application" && self.subtype == "json") || self.subtype.ends_with("+json")
    }

    /// The value of parameter `name` (lower-case name).
    #[must_use]
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `version` parameter (VERSION-001): `Some(Ok(n))` for an integer
    /// ≥ 1, `Some(Err(text))` for anything else, `None` when absent.
    #[must_use]
    pub fn version(&self) -> Option<Result<u32, &str>> {
        let v = self.param("version")?;
        Some(v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or(v))
    }

    /// `type/subtype` without parameters.
    #[must_use]
    pub fn essence(&self) -> String {
        format!("{}/{}", self.kind, self.subtype)
    }
}

/// Whether a content key is a JSON media type.
#[must_use]
pub fn is_json(key: &str) -> bool {
    MediaType::parse(key).is_some_and(|m| m.is_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parameters() {
        let m = MediaType::parse("Application/JSON; Version=\"2\"; charset=utf-8")
            .unwrap_or_else(|| unreachable!());
        assert_eq!(m.essence(), "application/json");
        assert_eq!(m.version(), Some(Ok(2)));
        assert_eq!(m.param("charset"), Some("utf-8"));
        assert!(m.is_json());
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
        assert!(MediaType::parse("json").is_none());
        let bad =
            MediaType::parse("application/json; version=v1").unwrap_or_else(|| unreachable!());
        assert_eq!(bad.version(), Some(Err("v1")));
        let zero = MediaType::parse("application/json;version=0").unwrap_or_else(|| unreachable!());
        assert_eq!(zero.version(), Some(Err("0")));
    }
}
