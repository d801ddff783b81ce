//! Wiring: builds the actix application around a database pool and binds the listener.
//! Tests bind port 0 and read the chosen port back, so each test gets its own server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::web::state::AppState;

pub struct Application {
    address: String,
    db: DatabaseConnection,
    server: Server,
}

impl Application {
    /// Binds `settings.bind` and prepares the server (it runs once awaited).
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn build(settings: &Settings, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("binding {}", settings.bind))?;
        let address = listener.local_addr()?.to_string();
        let state = web::Data::new(AppState::new(db.clone(), settings.cookie_secure));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::FormConfig::default().limit(256 * 1024))
                .app_data(
                    web::JsonConfig::default()
                        .limit(4 * 1024 * 1024)
                        .error_handler(crate::web::api::json_error_handler),
                )
                .configure(crate::web::routes)
                .default_service(web::to(crate::web::pages::not_found))
                .wrap(from_fn(crate::web::error::localize_errors))
                .wrap(crate::web::headers::security_headers())
                .wrap(Compress::default())
                .wrap(crate::web::request_log())
        })
        .shutdown_timeout(10)
        .listen(listener)?
        .run();
        Ok(Self {
            address,
            db,
            server,
        })
    }

    /// `host:port` actually bound (useful when the port was 0).
    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn port(&self) -> u16 {
        self.address
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish (up to 10 s).
    ///
    /// # Errors
    /// I/O errors of the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
