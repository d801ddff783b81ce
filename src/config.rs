//! Run-time settings, from command-line flags mirrored by environment variables (see README).

use clap::ValueEnum;

/// Default embedded database: a file next to where Kombi is started.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://kombi.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// When the session cookie gets the `Secure` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CookieSecure {
    /// When the request came over HTTPS (directly, or per `X-Forwarded-Proto` from a proxy).
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub max_connections: u32,
    pub cookie_secure: CookieSecure,
}

impl Settings {
    /// Settings for tests: any free port on loopback.
    pub fn for_tests(database_url: &str) -> Self {
        Self {
            bind: "127.0.0.1:0".to_string(),
            database_url: database_url.to_string(),
            max_connections: 4,
            cookie_secure: CookieSecure::Auto,
        }
    }
}
