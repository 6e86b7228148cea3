//! The rules, one directory per category and one file per rule.

pub mod oas;
