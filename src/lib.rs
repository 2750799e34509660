//! chatia-socket: one YAML event catalog drives the Socket.IO layer of ChatIA Flow.

pub mod audit;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod diff;
pub mod docs;
pub mod exit;
pub mod export;
pub mod gen;
pub mod init;
pub mod protocol;
pub mod sarif;
pub mod style;
pub mod watch;
