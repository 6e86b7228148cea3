//! D10: splitting names into words, and the verb lists.

use specfirst_config::Options;

/// Splits a literal segment or an identifier into lower-case words: on `-`,
/// `_`, `.`, spaces and lower→upper camelCase boundaries (`getHTTPStatus` →
/// `get`, `httpstatus`; `listPets` → `list`, `pets`).
#[must_use]
pub fn tokenize(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if matches!(c, '-' | '_' | '.' | ' ' | '/') {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Verbs of create/read/update/delete.
pub const CRUD_VERBS: &[&str] = &[
    "create", "add", "new", "insert", "get", "fetch", "read", "retrieve", "list", "find", "update",
    "edit", "modify", "change", "set", "save", "put", "patch", "delete", "del", "remove",
    "destroy", "erase",
];

/// The CRUD verbs that read.
pub const READ_VERBS: &[&str] = &["get", "fetch", "read", "retrieve", "list", "find"];

/// Verbs that name an action beyond CRUD (the list is open: see
/// [`is_controller_verb`]).
pub const CONTROLLER_VERBS: &[&str] = &[
    "resend",
    "send",
    "search",
    "activate",
    "deactivate",
    "approve",
    "reject",
    "cancel",
    "publish",
    "unpublish",
    "archive",
    "unarchive",
    "restore",
    "reset",
    "verify",
    "validate",
    "import",
    "export",
    "sync",
    "run",
    "execute",
    "lock",
    "unlock",
    "login",
    "logout",
    "refresh",
    "revoke",
    "confirm",
    "submit",
    "merge",
    "clone",
    "copy",
    "move",
    "transfer",
    "enable",
    "disable",
    "start",
    "stop",
    "restart",
    "pause",
    "resume",
    "retry",
    "upload",
    "download",
    "subscribe",
    "unsubscribe",
    "invite",
    "accept",
    "decline",
    "assign",
    "unassign",
    "close",
    "open",
    "reopen",
    "complete",
    "finalize",
    "void",
    "refund",
    "capture",
    "authorize",
    "check",
    "calculate",
    "preview",
    "render",
    "generate",
    "convert",
    "notify",
    "ping",
    "batch",
    "bulk",
    // More verbs of actions seen in real APIs (the list is open, D10).
    "install",
    "uninstall",
    "register",
    "unregister",
    "pick",
    "reorder",
    "refuse",
    "revert",
    "rollback",
    "ask",
    "give",
    "print",
    "mark",
    "flag",
    "unflag",
    "block",
    "unblock",
    "follow",
    "unfollow",
    "like",
    "unlike",
    "share",
    "unshare",
    "join",
    "leave",
    "ban",
    "unban",
    "mute",
    "unmute",
    "hide",
    "unhide",
    "pin",
    "unpin",
    "star",
    "unstar",
    "acknowledge",
    "dismiss",
    "redeem",
    "reserve",
    "release",
    "deploy",
    "trigger",
    "invoke",
    "apply",
    "attach",
    "detach",
    "link",
    "unlink",
    "reply",
    "forward",
    "vote",
    "claim",
    "rename",
    "reprocess",
    "recalculate",
    "resolve",
    "escalate",
    "describe",
];

#[must_use]
pub fn is_crud_verb(word: &str) -> bool {
    CRUD_VERBS.contains(&word)
}

/// A CRUD verb that changes state.
#[must_use]
pub fn is_mutating_verb(word: &str) -> bool {
    is_crud_verb(word) && !READ_VERBS.contains(&word)
}

/// A verb that is not a CRUD verb: the built-in list plus the option
/// `controllerVerbs`.
#[must_use]
pub fn is_controller_verb(word: &str, options: &Options) -> bool {
    !is_crud_verb(word)
        && (CONTROLLER_VERBS.contains(&word)
            || options
                .controller_verbs
                .iter()
                .any(|v| v.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_like_the_rulebook() {
        assert_eq!(tokenize("listPets"), ["list", "pets"]);
        assert_eq!(tokenize("user-settings"), ["user", "settings"]);
        assert_eq!(tokenize("get_user.by.id"), ["get", "user", "by", "id"]);
        assert_eq!(tokenize("getHTTPStatus"), ["get", "httpstatus"]);
        assert_eq!(tokenize("v2Items"), ["v2", "items"]);
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn whole_words_only() {
        assert!(is_crud_verb("update"));
        assert!(!is_crud_verb("updates"));
        assert!(!is_crud_verb("settings"));
        assert!(is_mutating_verb("delete"));
        assert!(!is_mutating_verb("list"));
        let mut options = Options::default();
        assert!(!is_controller_verb("frobnicate", &options));
        options.controller_verbs.push("Frobnicate".to_owned());
        assert!(is_controller_verb("frobnicate", &options));
        assert!(!is_controller_verb("get", &options));
    }
}
