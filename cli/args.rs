//! The command-line interface. The doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

/// Lint OpenAPI 3.0/3.1 documents against REST guidelines and generate code from them.
#[derive(Debug, Parser)]
#[command(name = "specfirst", version, about, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check OpenAPI documents and report findings at `file:line:col`.
    Lint(LintArgs),
    /// List every rule with its code, default severity and summary.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, and a bad and a good example.
    Rule(RuleArgs),
    /// Write a commented `.specfirst.yaml` listing every option with its default.
    Init(InitArgs),
    /// Generate code from an OpenAPI document: `generate server|client SPEC --out DIR`.
    Generate(GenerateArgs),
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateTarget {
    /// An axum server skeleton: implement the generated `Api` trait.
    Server,
    /// A typed reqwest client crate: nothing to edit, regenerate at will.
    Client,
}

#[derive(Debug, ClapArgs)]
pub struct GenerateArgs {
    /// What to generate.
    #[arg(value_enum, value_name = "TARGET")]
    pub target: GenerateTarget,

    /// The OpenAPI document.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,

    /// The crate directory to write. Files under `src/generated/` are
    /// rewritten; `Cargo.toml` and `src/lib.rs` (and, for a server,
    /// `src/main.rs` and `src/handlers.rs`) are created once and then left
    /// to you.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,

    /// Write nothing: exit with status 1 and show the differences when the
    /// generated files in `--out` are out of date.
    #[arg(long)]
    pub check: bool,

    /// Read templates from this directory first, falling back to the
    /// built-in ones by name (`server-axum/router.rs.tera`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Use this configuration file instead of searching for `.specfirst.yaml`
    /// upward from the document.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The package name (default: from the output directory's name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Follow file `$ref`s that leave the directory of the document.
    #[arg(long)]
    pub allow_external_refs: bool,
}

#[derive(Debug, ClapArgs)]
pub struct InitArgs {
    /// Directory to write `.specfirst.yaml` into.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Replace an existing `.specfirst.yaml`.
    #[arg(long)]
    pub force: bool,

    /// Print the configuration on standard output instead of writing a file.
    #[arg(long, conflicts_with = "force")]
    pub stdout: bool,
}

#[derive(Debug, ClapArgs)]
pub struct LintArgs {
    /// Files, directories or glob patterns. Directories are searched (honouring
    /// .gitignore) for YAML and JSON files that start an OpenAPI document;
    /// named files are always linted.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Exit with status 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Use this configuration file instead of searching for `.specfirst.yaml`
    /// upward from each linted file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Follow file `$ref`s that leave the directory of the linted document.
    #[arg(long)]
    pub allow_external_refs: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    pub max_file_size: u64,

    /// When to colour text output (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only the findings, without the summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages with a code frame.
    Text,
    /// One JSON document with every finding (stable schema, `version: 1`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// JUnit XML, one test case per linted file.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 when linting succeeded, whatever was found.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, ClapArgs)]
pub struct RuleArgs {
    /// A rule code (`OAS-005`) or name (`duplicate-operation-id`).
    pub rule: String,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}
