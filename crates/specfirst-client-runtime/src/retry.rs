//! Retries: which answers are worth another attempt, and how long to wait
//! (`Retry-After` of 429/503, RULEBOOK §3.7.8; exponential backoff with
//! jitter otherwise).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How a client retries failed attempts.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3); 0 disables retrying.
    pub max_retries: u32,
    /// The first backoff (default 200 ms), doubled on every retry.
    pub initial_backoff: Duration,
    /// The longest backoff between two attempts (default 20 s). It does not
    /// cap a `Retry-After` the server asks for.
    pub max_backoff: Duration,
    /// The longest `Retry-After` that is waited for (default 60 s); a longer
    /// one is not retried and the error is returned at once.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether any retry can happen.
    pub fn is_enabled(&self) -> bool {
        self.max_retries > 0
    }

    /// The backoff before retry number `retry` (0 for the first retry):
    /// `initial_backoff × 2^retry`, capped at `max_backoff`, with "equal
    /// jitter": half of it fixed, the other half scaled by `jitter` (a
    /// random value; the full range of `u64` maps onto 0–100 %).
    pub fn backoff(&self, retry: u32, jitter: u64) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        let base = self
            .initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        let half = base / 2;
        let fraction = (jitter >> 11) as f64 / (1u64 << 53) as f64;
        half + half.mul_f64(fraction)
    }
}

/// The `Retry-After` of a response's headers, relative to now (see
/// [`parse_retry_after`]).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

/// Parses `Retry-After`: delta-seconds or an HTTP-date, relative to `now`
/// (a date in the past gives 0). Garbage gives `None`. A delta too large
/// for a `u64` saturates.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Whether a method is idempotent (GET HEAD OPTIONS TRACE PUT DELETE).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    )
}

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The server answered.
    Status {
        /// The status.
        status: StatusCode,
        /// Its `Retry-After`, parsed.
        retry_after: Option<Duration>,
    },
    /// No answer: `retryable` for connect errors and timeouts.
    Transport {
        /// Whether the error was a connect error or a timeout.
        retryable: bool,
    },
}

/// The decision after an attempt: `Some(wait)` to retry after `wait`,
/// `None` to stop. `retries_done` counts the retries already made.
///
/// - 429 and 503 are retried for every method (the server did not process
///   the request), waiting `Retry-After` when given (not retried when it
///   exceeds `max_retry_after`), else the backoff;
/// - 502, 504 and transport errors that are connect errors or timeouts are
///   retried only for idempotent methods, with backoff;
/// - nothing else is retried, and nothing once `max_retries` is reached.
pub fn decide(
    policy: &RetryPolicy,
    method: &Method,
    retries_done: u32,
    attempt: Attempt,
    jitter: u64,
) -> Option<Duration> {
    if retries_done >= policy.max_retries {
        return None;
    }
    let backoff = policy.backoff(retries_done, jitter);
    match attempt {
        Attempt::Status {
            status,
            retry_after,
        } => match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => match retry_after {
                Some(wait) if wait > policy.max_retry_after => None,
                Some(wait) => Some(wait),
                None => Some(backoff),
            },
            StatusCode::BAD_GATEWAY | StatusCode::GATEWAY_TIMEOUT if is_idempotent(method) => {
                Some(backoff)
            }
            _ => None,
        },
        Attempt::Transport { retryable } if retryable && is_idempotent(method) => Some(backoff),
        Attempt::Transport { .. } => None,
    }
}

/// A random value for [`RetryPolicy::backoff`], from the process's random
/// hash keys and the clock.
pub fn jitter() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_values() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        for garbage in [
            "",
            "soon",
            "-5",
            "1.5",
            "12 s",
            "Sun, 99 Nov 1994 08:51:37 GMT",
        ] {
            assert_eq!(parse_retry_after(garbage, now), None, "{garbage}");
        }
    }

    #[test]
    fn idempotent_methods() {
        for m in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::PUT,
            Method::DELETE,
        ] {
            assert!(is_idempotent(&m));
        }
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
    }

    #[test]
    fn backoff_grows_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(0, 0), Duration::from_millis(100));
        assert!(p.backoff(0, u64::MAX) <= Duration::from_millis(200));
        assert!(p.backoff(0, u64::MAX) > Duration::from_millis(199));
        assert_eq!(p.backoff(1, 0), Duration::from_millis(200));
        assert_eq!(p.backoff(3, 0), Duration::from_millis(800));
        assert_eq!(p.backoff(10, 0), Duration::from_secs(10));
        assert!(p.backoff(40, u64::MAX) <= Duration::from_secs(20));
        let j = jitter();
        assert!(p.backoff(2, j) >= Duration::from_millis(400));
        assert!(p.backoff(2, j) <= Duration::from_millis(800));
    }

    #[test]
    fn decisions() {
        let p = RetryPolicy::default();
        let status = |s: u16, ra: Option<u64>| Attempt::Status {
            status: StatusCode::from_u16(s).unwrap(),
            retry_after: ra.map(Duration::from_secs),
        };
        let post = Method::POST;
        let get = Method::GET;
        // 429/503: every method, Retry-After honoured up to the limit.
        assert_eq!(
            decide(&p, &post, 0, status(503, Some(1)), 0),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            decide(&p, &post, 0, status(429, None), 0),
            Some(Duration::from_millis(100))
        );
        assert_eq!(decide(&p, &get, 0, status(503, Some(61)), 0), None);
        assert_eq!(
            decide(&p, &get, 0, status(429, Some(60)), 0),
            Some(Duration::from_secs(60))
        );
        // 502/504: idempotent only.
        assert_eq!(decide(&p, &post, 0, status(502, None), 0), None);
        assert_eq!(
            decide(&p, &get, 1, status(504, None), 0),
            Some(Duration::from_millis(200))
        );
        assert_eq!(
            decide(&p, &Method::PUT, 0, status(502, None), 0),
            Some(Duration::from_millis(100))
        );
        // Others never.
        for s in [200, 400, 401, 404, 409, 500, 501] {
            assert_eq!(decide(&p, &get, 0, status(s, None), 0), None, "{s}");
        }
        // Transport.
        assert!(decide(&p, &get, 0, Attempt::Transport { retryable: true }, 0).is_some());
        assert!(decide(&p, &get, 0, Attempt::Transport { retryable: false }, 0).is_none());
        assert!(
            decide(
                &p,
                &Method::PATCH,
                0,
                Attempt::Transport { retryable: true },
                0
            )
            .is_none()
        );
        // Limits.
        assert_eq!(decide(&p, &get, 3, status(503, None), 0), None);
        let off = RetryPolicy::disabled();
        assert!(!off.is_enabled());
        assert!(p.is_enabled());
        assert_eq!(decide(&off, &get, 0, status(503, Some(1)), 0), None);
    }
}
