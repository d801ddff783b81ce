//! Kombi: a combined-product configurator for retail banks.
//!
//! Layers, from the inside out: [`domain`] (pure business rules: no I/O, no framework types),
//! [`persistence`] (sea-orm entities and repositories), [`web`] (thin actix handlers and askama
//! views) and [`cli`]. [`startup`] wires them into a running server.

pub mod cli;
pub mod cli_import;
pub mod cli_matrices;
pub mod cli_setup;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod persistence;
pub mod security;
pub mod service;
pub mod startup;
pub mod telemetry;
pub mod web;

/// mimalloc instead of the system allocator: re-pricing the whole bank allocates many small
/// and mid-sized blocks, which glibc's allocator spent most of its time consolidating
/// (measured in docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
