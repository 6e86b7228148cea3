use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::segments;
use crate::defs::words::{is_crud_verb, tokenize};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Splits every literal or mixed path segment into words (on `-`, `_`,
    /// `.` and camelCase) and reports the segment when a word is a CRUD verb
    /// (create, add, get, list, update, set, delete, remove, …): in `paths`
    /// keys and in the path of every `servers[*].url`.
    ///
    /// Words that are also nouns or adjectives count only where they can be
    /// a verb: `new` only as a whole segment (`/users/new`, not
    /// `/new-releases`), and `list`, `set`, `find`, `read`, `change`,
    /// `save`, `put`, `patch`, `new` and `del` only as the first word
    /// (`/list-users`, not `/watch-list` or `/data-set`); `patch`, `set` and
    /// `change` only before more words (`/set-password`, not `/api/patch`).
    /// Whole words only: `updates` and `settings` are nouns.
    ///
    /// ## Why is this bad?
    /// The HTTP method says what happens to a resource; the path names the
    /// resource. `GET /deleteUser/1234` can be triggered by a crawler or a
    /// prefetch, and `POST /users/1234/delete` duplicates what `DELETE` means.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}/delete:
    ///     post:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     delete:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub CrudVerbInPath {
        code: "URI-005",
        name: "crud-verb-in-path",
        category: "uri",
        severity: Error,
        summary: "A path segment contains a create/read/update/delete verb.",
    }
}

/// CRUD verbs that are also common nouns or adjectives (`watch-list`,
/// `data-set`, `password-change`): verbs only as the first word.
const FIRST_WORD_ONLY: &[&str] = &[
    "list", "set", "find", "read", "change", "save", "put", "patch", "new", "del",
];

/// CRUD verbs that are nouns when they stand alone (`/api/patch` of a patch
/// manager, `/sets/{id}`-like `set`, `change`): verbs only before more words
/// (`/set-password`).
const NOT_ALONE: &[&str] = &["patch", "set", "change"];

/// The CRUD verb a segment's words contain.
fn crud_verb(words: &[String]) -> Option<&str> {
    words.iter().enumerate().find_map(|(i, w)| {
        let alone = words.len() == 1;
        let counts = is_crud_verb(w)
            && (w != "new" || alone)
            && (i == 0 || !FIRST_WORD_ONLY.contains(&w.as_str()))
            && !(alone && NOT_ALONE.contains(&w.as_str()));
        counts.then_some(w.as_str())
    })
}

fn check(cx: &mut Context<'_>, path: &str, at: &Value, key: bool) {
    for seg in segments(path) {
        if seg.is_template() {
            continue;
        }
        let text = seg.text();
        let words = tokenize(&super::literal_text(text));
        let Some(verb) = crud_verb(&words) else {
            continue;
        };
        let message = format!("path segment `{text}` contains the CRUD verb `{verb}`");
        let d = if key {
            cx.report_at_key(at, message)
        } else {
            cx.report_at(at, message)
        };
        d.set_help(
            "name the resource with a noun and let the HTTP method say what happens (`DELETE /users/{userId}`, not `POST /users/{userId}/delete`)",
        );
    }
}

impl Rule for CrudVerbInPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        super::check_paths_and_servers(cx, check);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(s: &str) -> Option<String> {
        crud_verb(&tokenize(s)).map(str::to_owned)
    }

    #[test]
    fn verbs_in_segments() {
        assert_eq!(verb("deleteUser").as_deref(), Some("delete"));
        assert_eq!(verb("bulk-delete").as_deref(), Some("delete"));
        assert_eq!(verb("create-order").as_deref(), Some("create"));
        assert_eq!(verb("new").as_deref(), Some("new"));
        assert_eq!(verb("list-users").as_deref(), Some("list"));
        assert_eq!(verb("new-releases"), None);
        assert_eq!(verb("watch-list"), None);
        assert_eq!(verb("data-set"), None);
        assert_eq!(verb("patch"), None);
        assert_eq!(verb("set-password").as_deref(), Some("set"));
        assert_eq!(verb("updates"), None);
        assert_eq!(verb("settings"), None);
    }
}
