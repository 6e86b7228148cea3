//! End-to-end tests: they run the real `specfirst` binary.
//!
//! One test binary (ripgrep's layout) so the suite links once.

mod cli;
mod util;
