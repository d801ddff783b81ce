//! Structured logs through `tracing`; the filter comes from `KOMBI_LOG` (or `RUST_LOG`).

use tracing_subscriber::EnvFilter;

pub fn init() {
    init_with_default("info,sqlx=warn,sea_orm=warn");
}

/// Like [`init`], with another filter when neither variable is set (tests keep quiet).
pub fn init_with_default(default_filter: &str) {
    let filter = std::env::var("KOMBI_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| default_filter.to_string());
    // A second init (tests start several apps in one process) is harmless: keep the first.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_target(true)
        .try_init();
}
