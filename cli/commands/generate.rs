//! `specfirst generate server`: load the document, build the IR, render the
//! target's templates and write them under `--out` (or check them).

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use specfirst_codegen::{Action, Engine, Header, Mode, Target, TemplateStore};
use specfirst_config::{Config, Envelope, EnvelopeErrorData, ErrorShape, Options};
use specfirst_diagnostics::render::text::{self, TextOptions};
use specfirst_diagnostics::{Diagnostic, Severity, SourceMap, Summary};
use specfirst_ir::Api;
use specfirst_source::{LoadOptions, Loader};

use crate::Status;
use crate::args::{GenerateArgs, GenerateTarget};

/// What the templates see.
#[derive(Serialize)]
struct Context<'a> {
    api: &'a Api,
    options: &'a Options,
    /// The package name (`bookstore-server`).
    crate_name: String,
    /// The library's identifier (`bookstore_server`).
    crate_ident: String,
    /// [`Api::schemas`] as compact JSON.
    schemas_json: String,
    /// Generating a client: types are written where a server reads them
    /// and read where it writes them.
    client: bool,
    /// The shape of error bodies, as the runtimes' `ErrorShape` variant
    /// (`OData`, `Simple`, `Envelope`, `EnvelopeWithObject`).
    error_shape: &'static str,
    /// Whether success bodies are wrapped (`envelope: always`).
    envelope: bool,
}

/// `errorShape`, `envelope` and `envelopeErrorData` (C-04, C-05) as one
/// error shape: an enveloped API wraps its errors too.
fn error_shape(options: &Options) -> &'static str {
    let object = options.envelope_error_data == EnvelopeErrorData::Object;
    match (options.envelope, options.error_shape) {
        (Envelope::Always, _) | (_, ErrorShape::Envelope) if object => "EnvelopeWithObject",
        (Envelope::Always, _) | (_, ErrorShape::Envelope) => "Envelope",
        (_, ErrorShape::Simple) => "Simple",
        (_, ErrorShape::Odata) => "OData",
    }
}

pub fn run(args: &GenerateArgs) -> std::io::Result<Status> {
    let mut stderr = std::io::stderr().lock();
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let sources = Arc::new(SourceMap::new());
    let loader = Loader::new(
        Arc::clone(&sources),
        LoadOptions {
            allow_outside_root: args.allow_external_refs,
            ..LoadOptions::default()
        },
    );
    let report = |stderr: &mut dyn std::io::Write, diags: &[Diagnostic]| -> std::io::Result<()> {
        if diags.is_empty() {
            return Ok(());
        }
        let out = text::render(
            diags,
            &sources,
            &Summary::count(1, diags),
            TextOptions {
                color,
                summary: false,
            },
        );
        stderr.write_all(out.as_bytes())
    };

    let (config, config_diags) = match args.config.clone().or_else(|| Config::discover(&args.spec))
    {
        Some(path) => Config::load(&loader, &path),
        None => (Config::default(), Vec::new()),
    };
    if !config_diags.is_empty() {
        report(&mut stderr, &config_diags)?;
        return Ok(Status::Error);
    }

    let loaded = loader.load(&args.spec);
    let fatal = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    report(&mut stderr, &loaded.diagnostics)?;
    let Some(bundle) = loaded.bundle.filter(|_| !fatal) else {
        writeln!(
            stderr,
            "error: cannot generate from `{}`: fix the errors above",
            args.spec.display()
        )?;
        return Ok(Status::Error);
    };
    let api = specfirst_ir::build(&bundle);
    report(&mut stderr, &api.warnings)?;

    let store = match &args.templates {
        Some(dir) => match TemplateStore::with_overrides(dir) {
            Ok(s) => s,
            Err(e) => return fail(&mut stderr, &e),
        },
        None => TemplateStore::embedded(),
    };
    let target_name = match args.target {
        GenerateTarget::Server => "server-axum",
        GenerateTarget::Client => "client-reqwest",
    };
    let target = match Target::load(&store, target_name) {
        Ok(t) => t,
        Err(e) => return fail(&mut stderr, &e),
    };
    let engine = match Engine::new(&store) {
        Ok(e) => e,
        Err(e) => return fail(&mut stderr, &e),
    };
    let crate_name = args.name.clone().unwrap_or_else(|| package_name(&args.out));
    let context = Context {
        api: &api,
        options: &config.options,
        crate_ident: crate_name.replace('-', "_"),
        crate_name,
        schemas_json: serde_json::to_string(&api.schemas).unwrap_or_else(|_| "{}".to_owned()),
        client: args.target == GenerateTarget::Client,
        error_shape: error_shape(&config.options),
        envelope: config.options.envelope == Envelope::Always,
    };
    let header = Header::new(
        env!("CARGO_PKG_VERSION"),
        args.spec.to_string_lossy().replace('\\', "/"),
    );
    let plan = match engine.render_target(&target, &context, &header) {
        Ok(p) => p,
        Err(e) => return fail(&mut stderr, &e),
    };
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let outcome = match plan.apply(&args.out, mode) {
        Ok(r) => r,
        Err(e) => return fail(&mut stderr, &e),
    };

    let mut stdout = std::io::stdout().lock();
    let out_dir = args.out.display();
    if args.check {
        for f in outcome.stale() {
            if let Some(diff) = &f.diff {
                stdout.write_all(diff.as_bytes())?;
            }
            writeln!(
                stderr,
                "stale: {}/{} ({})",
                out_dir,
                f.path.display(),
                match f.action {
                    Action::Create => "missing",
                    Action::Delete => "no longer generated",
                    _ => "differs",
                }
            )?;
        }
        if outcome.is_stale() {
            writeln!(
                stderr,
                "error: `{out_dir}` is out of date: run `specfirst generate server {} --out {out_dir}`",
                args.spec.display()
            )?;
            return Ok(Status::Findings);
        }
        writeln!(stderr, "`{out_dir}` is up to date")?;
        return Ok(Status::Clean);
    }
    let (mut created, mut updated, mut deleted, mut kept) = (0, 0, 0, 0);
    for f in &outcome.files {
        let verb = match f.action {
            Action::Create => {
                created += 1;
                "created"
            }
            Action::Update => {
                updated += 1;
                "updated"
            }
            Action::Delete => {
                deleted += 1;
                "deleted"
            }
            Action::KeepScaffold => {
                kept += 1;
                continue;
            }
            Action::Unchanged => continue,
        };
        writeln!(stdout, "{verb} {}/{}", out_dir, f.path.display())?;
    }
    writeln!(
        stderr,
        "generated {} operations and {} types into `{out_dir}`: {created} created, {updated} updated, {deleted} deleted, {kept} of your files kept",
        api.operations.len(),
        api.types.defs.len(),
    )?;
    Ok(Status::Clean)
}

fn fail(
    stderr: &mut dyn std::io::Write,
    e: &specfirst_codegen::CodegenError,
) -> std::io::Result<Status> {
    writeln!(stderr, "error: {e}")?;
    Ok(Status::Error)
}

/// A Cargo package name from the output directory's name: lower-case ASCII
/// letters, digits, `-` and `_`, starting with a letter.
fn package_name(out: &Path) -> String {
    let base = std::path::absolute(out)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut name = name.trim_matches(|c| c == '-' || c == '_').to_owned();
    if name.is_empty() {
        return "api-server".to_owned();
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "api-");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_shapes() {
        let shape = |envelope, data, errors| {
            error_shape(&Options {
                envelope,
                envelope_error_data: data,
                error_shape: errors,
                ..Options::default()
            })
        };
        use EnvelopeErrorData::{Name, Object};
        assert_eq!(shape(Envelope::None, Name, ErrorShape::Odata), "OData");
        assert_eq!(shape(Envelope::None, Object, ErrorShape::Simple), "Simple");
        assert_eq!(
            shape(Envelope::OnRequest, Name, ErrorShape::Simple),
            "Simple"
        );
        assert_eq!(
            shape(Envelope::None, Name, ErrorShape::Envelope),
            "Envelope"
        );
        assert_eq!(
            shape(Envelope::None, Object, ErrorShape::Envelope),
            "EnvelopeWithObject"
        );
        // An enveloped API wraps its errors whatever `errorShape` says.
        assert_eq!(
            shape(Envelope::Always, Name, ErrorShape::Simple),
            "Envelope"
        );
        assert_eq!(
            shape(Envelope::Always, Object, ErrorShape::Odata),
            "EnvelopeWithObject"
        );
    }

    #[test]
    fn package_names() {
        assert_eq!(
            package_name(Path::new("out/bookstore-server")),
            "bookstore-server"
        );
        assert_eq!(package_name(Path::new("My Server")), "my-server");
        assert_eq!(package_name(Path::new("2fa")), "api-2fa");
        assert_eq!(package_name(Path::new("---")), "api-server");
    }
}
