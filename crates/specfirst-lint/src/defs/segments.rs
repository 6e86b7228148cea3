//! D1: the segments of a path template.

use serde_json::Value;

/// One `/`-separated piece of a path key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// No `{`: `pets`, `v1`, `` (the empty piece of a trailing slash).
    Literal(&'a str),
    /// Exactly one template expression: `{petId}` (the name without braces).
    Template(&'a str),
    /// Literal text and templates together: `{id}.json`, `pets{ext}`.
    Mixed(&'a str),
}

impl<'a> Segment<'a> {
    #[must_use]
    pub fn parse(s: &'a str) -> Segment<'a> {
        if let Some(name) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}'))
            && !name.is_empty()
            && !name.contains(['{', '}'])
        {
            return Segment::Template(name);
        }
        if s.contains('{') {
            Segment::Mixed(s)
        } else {
            Segment::Literal(s)
        }
    }

    /// The text as written (templates with their braces stripped).
    #[must_use]
    pub fn text(self) -> &'a str {
        match self {
            Segment::Literal(s) | Segment::Template(s) | Segment::Mixed(s) => s,
        }
    }

    #[must_use]
    pub fn is_template(self) -> bool {
        matches!(self, Segment::Template(_))
    }

    #[must_use]
    pub fn literal(self) -> Option<&'a str> {
        match self {
            Segment::Literal(s) => Some(s),
            _ => None,
        }
    }
}

/// `segments(P)`: `P` split on `/`, the leading empty piece dropped. A
/// trailing slash yields a final empty literal; `/` alone yields nothing.
#[must_use]
pub fn segments(path: &str) -> Vec<Segment<'_>> {
    let rest = path.strip_prefix('/').unwrap_or(path);
    if rest.is_empty() {
        return Vec::new();
    }
    rest.split('/').map(Segment::parse).collect()
}

/// The path part of every `servers[*].url` of the document root, with
/// server variables replaced by their defaults (`/api/v1`), for the rules
/// that check the server prefix too. Absolute URLs lose scheme and host;
/// empty paths and `/` are left out.
#[must_use]
pub fn server_paths(root: &Value) -> Vec<String> {
    let Some(servers) = root.get("servers").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for path in servers.iter().filter_map(server_path) {
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

/// The path part of one Server Object's `url` (as in [`server_paths`]),
/// `None` when it has no `url` or its path is empty or `/`.
#[must_use]
pub fn server_path(server: &Value) -> Option<String> {
    let mut url = server.get("url").and_then(Value::as_str)?.to_owned();
    if let Some(vars) = server.get("variables").and_then(Value::as_object) {
        for (name, var) in vars {
            if let Some(default) = var.get("default").and_then(Value::as_str) {
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
    }
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url.as_str(),
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/');
    (!path.is_empty()).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_segments() {
        assert_eq!(
            segments("/pets/{petId}/photo.{ext}"),
            vec![
                Segment::Literal("pets"),
                Segment::Template("petId"),
                Segment::Mixed("photo.{ext}"),
            ]
        );
        assert_eq!(segments("/"), vec![]);
        assert_eq!(
            segments("/pets/"),
            vec![Segment::Literal("pets"), Segment::Literal("")]
        );
        assert_eq!(Segment::parse("{}"), Segment::Mixed("{}"));
        assert_eq!(Segment::parse("{a}{b}"), Segment::Mixed("{a}{b}"));
    }

    #[test]
    fn server_paths_substitute_defaults() {
        let root = serde_json::json!({"servers": [
            {"url": "https://api.example.com/{base}/v1/", "variables": {"base": {"default": "api"}}},
            {"url": "/relative"},
            {"url": "https://example.com"},
        ]});
        assert_eq!(server_paths(&root), vec!["/api/v1", "/relative"]);
    }
}
