pub mod lint;
pub mod rules;
