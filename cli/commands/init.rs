//! `specfirst init`: write the default configuration, commented.

use std::io::Write as _;

use specfirst_config::{FILE_NAMES, INIT_TEMPLATE};

use crate::Status;
use crate::args::InitArgs;

pub fn run(args: &InitArgs) -> std::io::Result<Status> {
    if args.stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(INIT_TEMPLATE.as_bytes())?;
        out.flush()?;
        return Ok(Status::Clean);
    }
    let mut err = std::io::stderr().lock();
    if !args.dir.is_dir() {
        writeln!(err, "error: `{}` is not a directory", args.dir.display())?;
        return Ok(Status::Error);
    }
    let path = args.dir.join(FILE_NAMES[0]);
    if !args.force
        && let Some(existing) = FILE_NAMES
            .iter()
            .map(|name| args.dir.join(name))
            .find(|p| p.exists())
    {
        writeln!(
            err,
            "error: `{}` already exists; pass `--force` to replace it",
            existing.display()
        )?;
        return Ok(Status::Error);
    }
    if let Err(e) = std::fs::write(&path, INIT_TEMPLATE) {
        writeln!(err, "error: cannot write `{}`: {e}", path.display())?;
        return Ok(Status::Error);
    }
    writeln!(
        err,
        "wrote `{}`: every option at its default; edit what your API does differently",
        path.display()
    )?;
    Ok(Status::Clean)
}
