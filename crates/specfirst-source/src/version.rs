//! Which OpenAPI version a document is, and the diagnostics for the ones we don't read.

use serde_json::Value;
use specfirst_diagnostics::Diagnostic;

use crate::Document;
use crate::checks;

/// The OpenAPI version a document is checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecVersion {
    /// 3.0.x
    V3_0,
    /// 3.1.x, and 3.2.x read as 3.1
    V3_1,
}

impl SpecVersion {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SpecVersion::V3_0 => "3.0",
            SpecVersion::V3_1 => "3.1",
        }
    }

    /// Reads the `openapi` field of an entry document. `Ok` may carry a note
    /// (3.2 read as 3.1).
    ///
    /// # Errors
    /// When the document is not an OpenAPI 3.0/3.1/3.2 description.
    pub fn detect(doc: &Document) -> Result<(SpecVersion, Option<Diagnostic>), Box<Diagnostic>> {
        let root = doc.value();
        let Some(map) = root.as_object() else {
            let what = match root {
                Value::Null => "empty",
                Value::Array(_) => "a list",
                _ => "a single scalar value",
            };
            return Err(Box::new(
                checks::NOT_OPENAPI
                    .diagnostic(
                        format!("document is {what}, not an OpenAPI description"),
                        doc.locate(root),
                    )
                    .with_help(
                        "an OpenAPI description is a mapping that starts with `openapi: 3.1.0`",
                    ),
            ));
        };
        if let Some(swagger) = map.get("swagger") {
            return Err(Box::new(
                checks::SWAGGER_2
                    .diagnostic(
                        format!(
                            "Swagger {} documents are not supported",
                            swagger.as_str().unwrap_or("2.0")
                        ),
                        doc.locate_key(swagger),
                    )
                    .with_help(
                        "convert it to OpenAPI 3 first, e.g. `npx swagger2openapi in.yaml -o out.yaml`, then lint the result",
                    ),
            ));
        }
        let Some(field) = map.get("openapi") else {
            return Err(Box::new(
                checks::NOT_OPENAPI
                    .diagnostic(
                        "`openapi` field is missing: this is not an OpenAPI description",
                        doc.location(Default::default(), ""),
                    )
                    .with_help("add `openapi: 3.1.0` (or the 3.0.x version the document follows) at the top"),
            ));
        };
        let Some(text) = field.as_str() else {
            let shown = field.to_string();
            return Err(Box::new(
                checks::UNSUPPORTED_VERSION
                    .diagnostic(
                        format!("`openapi` must be a string such as \"3.1.0\", found `{shown}`"),
                        doc.locate(field),
                    )
                    .with_help(format!("quote the version: `openapi: \"{shown}.0\"`")),
            ));
        };
        let mut parts = text.split('.');
        let (major, minor) = (parts.next(), parts.next());
        match (major, minor) {
            (Some("3"), Some("0")) => Ok((SpecVersion::V3_0, None)),
            (Some("3"), Some("1")) => Ok((SpecVersion::V3_1, None)),
            (Some("3"), Some("2")) => Ok((
                SpecVersion::V3_1,
                Some(checks::READ_AS_3_1.diagnostic(
                    format!("OpenAPI {text} is read as 3.1: features new in 3.2 are not checked"),
                    doc.locate(field),
                )),
            )),
            _ => Err(Box::new(
                checks::UNSUPPORTED_VERSION
                    .diagnostic(
                        format!("OpenAPI version `{text}` is not supported"),
                        doc.locate(field),
                    )
                    .with_help("specfirst reads OpenAPI 3.0.x and 3.1.x (and 3.2.x as 3.1)"),
            )),
        }
    }
}
