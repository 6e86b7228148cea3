pub mod generate;
pub mod init;
pub mod lint;
pub mod rules;
