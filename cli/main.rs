//! The `specfirst` command line: argument parsing and glue only. Loading,
//! linting and rendering live in the `specfirst-*` crates.

mod args;
mod commands;
mod discover;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

/// Documents are trees of many small allocations; mimalloc builds and frees
/// them markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean,
    Findings,
    Error,
}

fn main() -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match args.command {
        args::Command::Lint(lint) => commands::lint::run(&lint),
        args::Command::Rules(rules) => commands::rules::run_list(&rules),
        args::Command::Rule(rule) => commands::rules::run_explain(&rule),
        args::Command::Init(init) => commands::init::run(&init),
        args::Command::Generate(generate) => commands::generate::run(&generate),
    };
    match result {
        Ok(Status::Clean) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Ok(Status::Error) => ExitCode::from(2),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}
