//! D14: property names that hold a date or time.

use serde_json::Value;

const EXACT: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "created",
    "modified",
    "updated",
    "deleted",
    "expires",
    "expiry",
    "since",
    "until",
];

/// Case-sensitive suffixes (`createdAt`, `created_at`, `birthDate`, …): a
/// camelCase suffix needs its capital, so `format` or `location` do not end
/// in `At`/`On`, and `candidate` does not end in `Date`.
const SUFFIXES: &[&str] = &[
    "At",
    "_at",
    "Date",
    "_date",
    "Time",
    "_time",
    "On",
    "_on",
    "Timestamp",
    "_timestamp",
];

/// Whether a property name is time-like: one of the exact names (any case),
/// or a longer name with one of the suffixes. Upper-case snake names
/// (`CREATED_AT`) count too.
#[must_use]
pub fn is_time_like(name: &str) -> bool {
    if EXACT.iter().any(|w| w.eq_ignore_ascii_case(name)) {
        return true;
    }
    SUFFIXES.iter().any(|suffix| {
        let matches = if suffix.starts_with('_') {
            name.to_ascii_lowercase().ends_with(suffix)
        } else {
            name.ends_with(suffix)
        };
        matches && name.len() > suffix.len()
    })
}

/// A `…Date`/`_date` name whose schema has `format: date` is allowed (D14).
#[must_use]
pub fn is_allowed_date(name: &str, schema: &Value) -> bool {
    (name.ends_with("Date") || name.to_ascii_lowercase().ends_with("_date"))
        && schema.get("format").and_then(Value::as_str) == Some("date")
}

/// Words that make a `…Time` name a duration or a count rather than an
/// instant (`responseTime`, `totalWatchTime`, `posts_read_all_time`).
const DURATION_WORDS: &[&str] = &[
    "all",
    "average",
    "avg",
    "total",
    "max",
    "maximum",
    "min",
    "minimum",
    "response",
    "watch",
    "display",
    "input",
    "processing",
    "execution",
    "wait",
    "waiting",
    "run",
    "running",
    "up",
    "down",
    "lead",
    "cycle",
    "elapsed",
    "idle",
    "cpu",
    "render",
    "latency",
    "hold",
    "turnaround",
    "resolution",
    "duration",
    "travel",
    "transit",
    "play",
    "playing",
    "spent",
    "remaining",
    "compute",
];

/// Whether a time-like name ending in `Time`/`_time` names a duration or a
/// count (`responseTime`, `averageWatchTime`, `posts_read_all_time`): one of
/// its words is a duration word and none is `last`, `next` or `first`
/// (`lastRunTime` is an instant).
#[must_use]
pub fn is_duration_like(name: &str) -> bool {
    let words = crate::defs::words::tokenize(name);
    words.last().is_some_and(|w| w == "time")
        && words.iter().any(|w| DURATION_WORDS.contains(&w.as_str()))
        && !words
            .iter()
            .any(|w| matches!(w.as_str(), "last" | "next" | "first"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "createdAt",
            "created_at",
            "CREATED_AT",
            "Date",
            "updated",
            "birthDate",
            "startTime",
            "publishedOn",
            "expires",
        ] {
            assert!(is_time_like(n), "{n}");
        }
        for n in [
            "format",
            "location",
            "candidate",
            "description",
            "At",
            "on",
            "status",
            "data",
        ] {
            assert!(!is_time_like(n), "{n}");
        }
        for n in [
            "responseTime",
            "totalWatchTime",
            "posts_read_all_time",
            "MaxInputTime",
        ] {
            assert!(is_duration_like(n), "{n}");
        }
        for n in [
            "createTime",
            "lastRunTime",
            "startTime",
            "responseTimestamp",
        ] {
            assert!(!is_duration_like(n), "{n}");
        }
        assert!(is_allowed_date(
            "birthDate",
            &serde_json::json!({"type": "string", "format": "date"})
        ));
    }
}
