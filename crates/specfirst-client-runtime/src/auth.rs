//! Security schemes and credentials (OpenAPI `securitySchemes` and
//! `security` requirements).
//!
//! An operation's `security` is a list of alternatives; each alternative is
//! a list of scheme names that must all be satisfied, and an empty
//! alternative (`{}`) allows anonymous calls. The client uses the **first
//! non-empty alternative whose schemes all have credentials**
//! ([`select_schemes`]). When there is none, nothing is sent: not failing
//! locally lets an operation whose requirement cannot be met still be
//! called, and the server answers 401 with its `WWW-Authenticate`
//! challenge, which the caller sees as a `ClientError::Api`.
//!
//! The credentials are applied to the request in `super::transport`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::error::BoxError;

/// Where a security scheme puts its credential (from the document's
/// `securitySchemes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `http` `bearer`, `oauth2`, `openIdConnect` → `Authorization: Bearer <token>`.
    Bearer,
    /// `http` `basic` → `Authorization: Basic base64(user:password)`.
    Basic,
    /// Another `http` scheme: `Authorization: <Scheme> <credential>`.
    OtherHttp(&'static str),
    /// `apiKey` `in: header`: the header name.
    ApiKeyHeader(&'static str),
    /// `apiKey` `in: query`: the query parameter name.
    ApiKeyQuery(&'static str),
    /// `apiKey` `in: cookie`: the cookie name.
    ApiKeyCookie(&'static str),
}

/// One security scheme of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// Its name under `components.securitySchemes`.
    pub name: &'static str,
    /// Where its credential goes.
    pub kind: SchemeKind,
}

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Supplies a token for every request (OAuth2 / OpenID Connect, rotating
/// keys…). It is asked once per attempt, so it should cache its token until
/// shortly before expiry.
pub trait TokenProvider: Send + Sync + 'static {
    /// The current token (or API key).
    fn token(&self) -> TokenFuture<'_>;
}

/// Any `Fn() -> impl Future<Output = Result<String, BoxError>>` is a provider.
impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// The credential configured for one security scheme.
#[derive(Clone)]
pub enum Credential {
    /// A fixed token or API key (for a `Basic` scheme: the already encoded
    /// `base64(user:password)`).
    Token(String),
    /// A token asked for on every attempt.
    Provider(Arc<dyn TokenProvider>),
    /// User name and password for `http` `basic`.
    Basic {
        /// The user name.
        username: String,
        /// The password, if any.
        password: Option<String>,
    },
}

impl Credential {
    /// A fixed token or API key.
    pub fn token(token: impl Into<String>) -> Credential {
        Credential::Token(token.into())
    }

    /// A token provider.
    pub fn provider(provider: impl TokenProvider) -> Credential {
        Credential::Provider(Arc::new(provider))
    }

    /// User name and password (build [`Credential::Basic`] directly for a
    /// user name without password).
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Credential {
        Credential::Basic {
            username: username.into(),
            password: Some(password.into()),
        }
    }

    /// The secret this credential stands for: the token, the provider's
    /// token, or `base64(user:password)`.
    pub async fn secret(&self) -> Result<String, BoxError> {
        match self {
            Credential::Token(t) => Ok(t.clone()),
            Credential::Provider(p) => p.token().await,
            Credential::Basic { username, password } => {
                Ok(basic_value(username, password.as_deref()))
            }
        }
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credential::Token(_) => f.write_str("Token(<redacted>)"),
            Credential::Provider(_) => f.write_str("Provider(..)"),
            Credential::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &password.as_ref().map(|_| "<redacted>"))
                .finish(),
        }
    }
}

/// Where the secret of one scheme goes on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// A header (`Authorization` or the API key header) and its value.
    Header(&'static str, String),
    /// A query parameter (not yet encoded).
    Query(&'static str, String),
    /// A cookie (not yet encoded).
    Cookie(&'static str, String),
}

/// Where `secret` goes for a scheme of `kind`. A `Basic` credential always
/// makes an `Authorization: Basic` header on `http` schemes.
pub fn placement(kind: SchemeKind, credential: &Credential, secret: String) -> Placement {
    let is_basic = matches!(credential, Credential::Basic { .. });
    match kind {
        SchemeKind::Bearer if is_basic => {
            Placement::Header("authorization", format!("Basic {secret}"))
        }
        SchemeKind::Bearer => Placement::Header("authorization", format!("Bearer {secret}")),
        SchemeKind::Basic => Placement::Header("authorization", format!("Basic {secret}")),
        SchemeKind::OtherHttp(_) if is_basic => {
            Placement::Header("authorization", format!("Basic {secret}"))
        }
        SchemeKind::OtherHttp(scheme) => {
            Placement::Header("authorization", format!("{scheme} {secret}"))
        }
        SchemeKind::ApiKeyHeader(name) => Placement::Header(name, secret),
        SchemeKind::ApiKeyQuery(name) => Placement::Query(name, secret),
        SchemeKind::ApiKeyCookie(name) => Placement::Cookie(name, secret),
    }
}

/// The schemes to satisfy for an operation: the first non-empty alternative
/// of `requirements` whose schemes all have a credential (and are known in
/// `schemes`). Empty when there is none, whether or not anonymous access is
/// allowed (see the module documentation).
pub fn select_schemes(
    requirements: &[&'static [&'static str]],
    credentials: &HashMap<&'static str, Credential>,
    schemes: &[SecurityScheme],
) -> Vec<SecurityScheme> {
    for alternative in requirements {
        if alternative.is_empty() {
            continue;
        }
        let found: Vec<SecurityScheme> = alternative
            .iter()
            .filter_map(|name| {
                schemes
                    .iter()
                    .find(|s| s.name == *name)
                    .filter(|s| credentials.contains_key(s.name))
                    .copied()
            })
            .collect();
        if found.len() == alternative.len() {
            return found;
        }
    }
    Vec::new()
}

/// `base64(user:password)` (no password: `user:`), as `Basic` sends it.
pub fn basic_value(username: &str, password: Option<&str>) -> String {
    base64(format!("{username}:{}", password.unwrap_or("")).as_bytes())
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |shift: u32| char::from(ALPHABET[((n >> shift) & 63) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        // RFC 4648 §10.
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
        // RFC 7617 §2.
        assert_eq!(
            basic_value("Aladdin", Some("open sesame")),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(basic_value("user", None), "dXNlcjo=");
    }

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            name: "bearer",
            kind: SchemeKind::Bearer,
        },
        SecurityScheme {
            name: "key",
            kind: SchemeKind::ApiKeyHeader("X-Api-Key"),
        },
        SecurityScheme {
            name: "tenant",
            kind: SchemeKind::ApiKeyQuery("tenant"),
        },
    ];

    fn creds(names: &[&'static str]) -> HashMap<&'static str, Credential> {
        names.iter().map(|n| (*n, Credential::token("t"))).collect()
    }

    fn names(selected: &[SecurityScheme]) -> Vec<&'static str> {
        selected.iter().map(|s| s.name).collect()
    }

    #[test]
    fn credential_selection() {
        let reqs: &[&[&str]] = &[&["bearer"], &["key", "tenant"]];
        assert_eq!(
            names(&select_schemes(reqs, &creds(&["bearer"]), SCHEMES)),
            ["bearer"]
        );
        assert_eq!(
            names(&select_schemes(reqs, &creds(&["key", "tenant"]), SCHEMES)),
            ["key", "tenant"]
        );
        // The first satisfiable alternative wins.
        assert_eq!(
            names(&select_schemes(
                reqs,
                &creds(&["key", "tenant", "bearer"]),
                SCHEMES
            )),
            ["bearer"]
        );
        // Partly satisfied alternatives are skipped: nothing is sent.
        assert!(select_schemes(reqs, &creds(&["key"]), SCHEMES).is_empty());
        // An anonymous alternative does not stop credentials from being sent
        // when another alternative is satisfiable…
        let optional: &[&[&str]] = &[&[], &["bearer"]];
        assert_eq!(
            names(&select_schemes(optional, &creds(&["bearer"]), SCHEMES)),
            ["bearer"]
        );
        // …and without credentials nothing is sent.
        assert!(select_schemes(optional, &creds(&[]), SCHEMES).is_empty());
        assert!(select_schemes(&[], &creds(&["bearer"]), SCHEMES).is_empty());
        // Unknown scheme names never match.
        let unknown: &[&[&str]] = &[&["nope"]];
        assert!(select_schemes(unknown, &creds(&["nope"]), SCHEMES).is_empty());
    }

    #[test]
    fn placements() {
        let t = Credential::token("abc");
        assert_eq!(
            placement(SchemeKind::Bearer, &t, "abc".into()),
            Placement::Header("authorization", "Bearer abc".into())
        );
        assert_eq!(
            placement(SchemeKind::OtherHttp("Digest"), &t, "x".into()),
            Placement::Header("authorization", "Digest x".into())
        );
        let b = Credential::basic("u", "p");
        assert_eq!(
            placement(SchemeKind::Basic, &b, "dTpw".into()),
            Placement::Header("authorization", "Basic dTpw".into())
        );
        assert_eq!(
            placement(SchemeKind::ApiKeyCookie("sid"), &t, "abc".into()),
            Placement::Cookie("sid", "abc".into())
        );
        assert_eq!(
            placement(SchemeKind::ApiKeyQuery("k"), &t, "abc".into()),
            Placement::Query("k", "abc".into())
        );
    }

    #[tokio::test]
    async fn secrets_and_debug() {
        let p = Credential::provider(|| async { Ok::<_, BoxError>("dyn".to_owned()) });
        assert_eq!(p.secret().await.unwrap(), "dyn");
        let failing = Credential::provider(|| async { Err::<String, BoxError>("no token".into()) });
        assert_eq!(failing.secret().await.unwrap_err().to_string(), "no token");
        let b = Credential::basic("Aladdin", "open sesame");
        assert_eq!(b.secret().await.unwrap(), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let shown = format!("{:?} {:?} {:?}", Credential::token("s3cr3t"), b, p);
        assert!(!shown.contains("s3cr3t"));
        assert!(!shown.contains("sesame"));
        assert!(shown.contains("Aladdin"));
    }
}
