//! End-to-end tests: they run the real `specfirst` binary.
//!
//! One test binary (ripgrep's layout) so the suite links once.

mod bad_specs;
mod cli;
mod conformance;
mod generate;
mod hostile;
mod precommit;
mod prism;
mod prism_client;
mod sarif;
mod spectral_parity;
mod util;
