//! The rules, one directory per category (RULEBOOK §1) and one file per rule.
//! Each category's `mod.rs` lists its rules in `RULES`; the registry merges them.

pub mod cache;
pub mod conc;
pub mod date;
pub mod error;
pub mod header;
pub mod link;
pub mod method;
pub mod oas;
pub mod page;
pub mod payload;
pub mod query;
pub mod sec;
pub mod status;
pub mod uri;
pub mod version;
