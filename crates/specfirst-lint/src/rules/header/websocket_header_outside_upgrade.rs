use serde_json::Value;
use specfirst_source::Bundle;

use super::documented_values;
use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports WebSocket handshake headers documented on an operation that
    /// is not a `get` with a `101` response: header parameters or response
    /// headers named `Upgrade`, `Sec-WebSocket-Key`, `Sec-WebSocket-Version`,
    /// `Sec-WebSocket-Accept`, `Sec-WebSocket-Protocol` or
    /// `Sec-WebSocket-Extensions` (any case), and `Connection` when its
    /// documented values mention `upgrade` (`Connection: close` or
    /// `keep-alive` is not a handshake). An `Upgrade` whose documented values
    /// do not mention `websocket` (an `h2c` upgrade, say) is left alone.
    ///
    /// ## Why is this bad?
    /// The handshake is a GET answered with 101 Switching Protocols; on any
    /// other operation these headers describe nothing the server does.
    /// Clients that send them as API parameters are not doing a WebSocket
    /// upgrade at all.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /chat:
    ///     post:
    ///       parameters: [{name: Upgrade, in: header, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /chat:
    ///     get:
    ///       parameters: [{name: Upgrade, in: header, schema: {type: string, enum: [websocket]}}]
    ///       responses: {'101': {description: Switching Protocols}}
    /// ```
    pub WebsocketHeaderOutsideUpgrade {
        code: "HEADER-012",
        name: "websocket-header-outside-upgrade",
        category: "header",
        severity: Info,
        summary: "WebSocket handshake headers are documented outside a GET with a 101 response.",
    }
}

/// Whether the documented values (if any) mention `word`; `None` when
/// there are none.
fn mentions(object: &Value, schema: Option<&Value>, word: &str) -> Option<bool> {
    let values = documented_values(object, schema);
    if values.is_empty() {
        return None;
    }
    Some(values.iter().any(|v| {
        v.as_str()
            .is_some_and(|s| s.to_ascii_lowercase().contains(word))
    }))
}

fn schema_of<'v>(bundle: &'v Bundle, doc: usize, v: &'v Value) -> Option<&'v Value> {
    v.get("schema")
        .and_then(|s| bundle.resolve(doc, s).ok())
        .map(|(_, s)| s)
}

fn is_handshake(name: &str, object: &Value, schema: Option<&Value>) -> bool {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "upgrade" => mentions(object, schema, "websocket").unwrap_or(true),
        "connection" => mentions(object, schema, "upgrade").unwrap_or(false),
        _ => lower.starts_with("sec-websocket-"),
    }
}

impl Rule for WebsocketHeaderOutsideUpgrade {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        let responses = op.op.get("responses").and_then(Value::as_object);
        if op.method == "get" && responses.is_some_and(|r| r.contains_key("101")) {
            return;
        }
        let label = format!("{} {}", op.method.to_uppercase(), op.path.key);
        let help = "document the handshake on a `get` that answers `101 Switching Protocols`";
        let bundle = cx.bundle;
        let resolve = |doc: usize, v| schema_of(bundle, doc, v);
        let mut found: Vec<(&Value, bool, String)> = Vec::new();
        for p in &op.parameters {
            if p.location == "header" && is_handshake(p.name, p.value, resolve(p.doc, p.value)) {
                found.push((
                    p.value.get("name").unwrap_or(p.value),
                    false,
                    format!("handshake header `{}` is documented on {label}", p.name),
                ));
            }
        }
        for r in responses.into_iter().flat_map(|m| m.values()) {
            let Ok((rd, r)) = cx.bundle.resolve(op.doc, r) else {
                continue;
            };
            for (name, written) in r
                .get("headers")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let Ok((hd, h)) = cx.bundle.resolve(rd, written) else {
                    continue;
                };
                if is_handshake(name, h, resolve(hd, h)) {
                    found.push((
                        written,
                        true,
                        format!("handshake header `{name}` is documented on {label}"),
                    ));
                }
            }
        }
        for (at, key, message) in found {
            let d = if key {
                cx.report_at_key(at, message)
            } else {
                cx.report_at(at, message)
            };
            d.set_help(help);
        }
    }
}
