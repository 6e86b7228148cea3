//! D4: the security requirements in effect for an operation.

use serde_json::Value;

/// `operation.security` if present, else the root `security`.
#[must_use]
pub fn effective<'a>(root: &'a Value, op: &'a Value) -> Option<&'a Value> {
    op.get("security").or_else(|| root.get("security"))
}

/// The operation allows anonymous access: no requirement in effect, `[]`,
/// or a list that contains `{}`.
#[must_use]
pub fn allows_anonymous(root: &Value, op: &Value) -> bool {
    match effective(root, op) {
        None => true,
        Some(Value::Array(reqs)) => {
            reqs.is_empty()
                || reqs
                    .iter()
                    .any(|r| r.as_object().is_some_and(serde_json::Map::is_empty))
        }
        Some(_) => false,
    }
}

/// The names of the security schemes an operation may use.
#[must_use]
pub fn scheme_names<'a>(root: &'a Value, op: &'a Value) -> Vec<&'a str> {
    let mut out = Vec::new();
    if let Some(Value::Array(reqs)) = effective(root, op) {
        for r in reqs {
            if let Some(map) = r.as_object() {
                for k in map.keys() {
                    if !out.contains(&k.as_str()) {
                        out.push(k.as_str());
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operation_wins_over_root() {
        let root = json!({"security": [{"oauth": []}]});
        assert!(!allows_anonymous(&root, &json!({})));
        assert!(allows_anonymous(&root, &json!({"security": []})));
        assert!(allows_anonymous(
            &root,
            &json!({"security": [{}, {"key": []}]})
        ));
        assert!(allows_anonymous(&json!({}), &json!({})));
        assert_eq!(
            scheme_names(&root, &json!({"security": [{"a": [], "b": []}, {"a": []}]})),
            ["a", "b"]
        );
    }
}
