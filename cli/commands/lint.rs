//! `specfirst lint`: load each document, lint it, print every finding.

use std::collections::HashMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use specfirst_config::Config;
use specfirst_diagnostics::render::{self, RuleInfo};
use specfirst_diagnostics::{Diagnostic, Severity, SourceMap, Summary};
use specfirst_lint::{ALL_RULES, Settings};
use specfirst_source::{LoadOptions, Loader, checks};

use crate::Status;
use crate::args::{ColorChoice, FailOn, Format, LintArgs};
use crate::discover;

/// Settings from one configuration file, and what was wrong with it.
type Resolved = (Arc<Settings>, Arc<Config>, Vec<Diagnostic>);

struct Configs<'a> {
    loader: &'a Loader,
    explicit: Option<PathBuf>,
    cache: Mutex<HashMap<Option<PathBuf>, Resolved>>,
}

impl Configs<'_> {
    fn for_file(&self, file: &Path) -> Resolved {
        let path = self.explicit.clone().or_else(|| Config::discover(file));
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(path.clone())
            .or_insert_with(|| {
                let (config, mut diags) = match &path {
                    Some(p) => Config::load(self.loader, p),
                    None => (Config::default(), Vec::new()),
                };
                let (settings, mut more) = Settings::from_config(&config);
                diags.append(&mut more);
                (Arc::new(settings), Arc::new(config), diags)
            })
            .clone()
    }
}

pub fn run(args: &LintArgs) -> std::io::Result<Status> {
    let files = match discover::files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            writeln!(std::io::stderr(), "error: {}", e.0)?;
            return Ok(Status::Error);
        }
    };
    if let Some(config) = &args.config
        && !config.is_file()
    {
        writeln!(
            std::io::stderr(),
            "error: configuration file `{}` does not exist",
            config.display()
        )?;
        return Ok(Status::Error);
    }
    // Deeply nested (but within limits) documents recurse in validation.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 * 1024 * 1024)
        .build_global();
    let sources = Arc::new(SourceMap::new());
    let mut options = LoadOptions {
        allow_outside_root: args.allow_external_refs,
        ..LoadOptions::default()
    };
    options.limits.max_file_bytes = args.max_file_size;
    let loader = Loader::new(Arc::clone(&sources), options);
    let configs = Configs {
        loader: &loader,
        explicit: args.config.clone(),
        cache: Mutex::new(HashMap::new()),
    };

    // Freeing a large document node by node costs about as much as
    // parsing it; with one document the process exits right after, so
    // leave that to the OS. With many, free each as soon as it is linted.
    let keep_until_exit = files.len() == 1;

    // Lint every entry document in parallel; each yields its findings.
    let results: Vec<(Vec<Diagnostic>, bool, Option<String>)> = files
        .par_iter()
        .map(|file| {
            let (settings, config, _) = configs.for_file(file);
            if config.ignores(file) {
                return (Vec::new(), false, None);
            }
            let loaded = loader.load(file);
            let mut diags = loaded.diagnostics;
            // A file named on the command line that cannot be read is an I/O error.
            let unreadable = loaded.bundle.is_none()
                && diags.iter().any(|d| d.code == checks::UNREADABLE_FILE.code);
            if let Some(bundle) = &loaded.bundle {
                diags.extend(specfirst_lint::lint(bundle, &settings));
            }
            if keep_until_exit {
                std::mem::forget(loaded.bundle);
            }
            settings.apply_levels(&mut diags);
            (diags, unreadable, Some(loader.display_name(file)))
        })
        .collect();

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut io_error = false;
    let mut linted: Vec<String> = Vec::new();
    for (diags, unreadable, name) in results {
        diagnostics.extend(diags);
        io_error |= unreadable;
        linted.extend(name);
    }
    let mut config_error = false;
    {
        let cache = configs
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (_, _, diags) in cache.values() {
            config_error |= !diags.is_empty();
            diagnostics.extend(diags.iter().cloned());
        }
    }
    // Deterministic order whatever the thread timing: by file name, then position.
    diagnostics.sort_by(|a, b| {
        let (fa, fb) = (sources.get(a.location.file), sources.get(b.location.file));
        (fa.name(), a.location.span, a.code, &a.message).cmp(&(
            fb.name(),
            b.location.span,
            b.code,
            &b.message,
        ))
    });
    diagnostics.dedup_by(|a, b| {
        a.code == b.code
            && a.message == b.message
            && a.location.span == b.location.span
            && sources.get(a.location.file).name() == sources.get(b.location.file).name()
    });

    let summary = Summary::count(linted.len(), &diagnostics);
    let worst = diagnostics.iter().map(|d| d.severity).max();
    let output = render_output(args, &diagnostics, &sources, &summary, &linted);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;

    // Freeing every document node by node takes longer than the rest of a
    // short run; the process is about to exit, so leave that to the OS.
    std::mem::forget(loader);
    std::mem::forget(diagnostics);
    std::mem::forget(sources);

    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    if io_error || config_error {
        return Ok(Status::Error);
    }
    let failing = matches!((threshold, worst), (Some(t), Some(w)) if w >= t);
    Ok(if failing {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn render_output(
    args: &LintArgs,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    summary: &Summary,
    linted: &[String],
) -> String {
    match args.format {
        Format::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            render::text::render(
                diagnostics,
                sources,
                summary,
                render::text::TextOptions {
                    color,
                    summary: !args.quiet,
                },
            )
        }
        Format::Json => render::json::render(diagnostics, sources, summary),
        Format::Sarif => render::sarif::render(
            diagnostics,
            sources,
            &rule_infos(),
            env!("CARGO_PKG_VERSION"),
        ),
        Format::Github => render::github::render(diagnostics, sources, summary),
        Format::Junit => {
            let fail_on = match args.fail_on {
                FailOn::Error | FailOn::Never => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            render::junit::render(diagnostics, sources, linted, fail_on)
        }
    }
}

/// Every rule and loader check, for SARIF's `tool.driver.rules`.
pub fn rule_infos() -> Vec<RuleInfo> {
    let mut infos: Vec<RuleInfo> = checks::ALL
        .iter()
        .map(|c| RuleInfo {
            code: c.code,
            name: c.name,
            summary: c.summary.to_owned(),
            default_severity: Some(c.severity),
            help_markdown: c.summary.to_owned(),
        })
        .collect();
    infos.extend(ALL_RULES.iter().map(|r| {
        let m = r.meta();
        RuleInfo {
            code: m.code,
            name: m.name,
            summary: m.summary.to_owned(),
            default_severity: Some(m.default_severity),
            help_markdown: m.explanation(),
        }
    }));
    infos.push(RuleInfo {
        code: specfirst_config::INVALID_CONFIG.0,
        name: specfirst_config::INVALID_CONFIG.1,
        summary: "The configuration file has an unknown key or a bad value.".to_owned(),
        default_severity: Some(Severity::Error),
        help_markdown: "See the configuration reference in the README.".to_owned(),
    });
    infos
}
