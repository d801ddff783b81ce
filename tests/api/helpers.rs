//! `spawn_app()` and the small vocabulary the tests speak in.

use kombi::config::Settings;
use kombi::domain::user::{Role, Username};
use kombi::persistence::{db, tokens, users};
use kombi::security::hash_password;
use kombi::startup::Application;
use reqwest::redirect::Policy;
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The password of every user a test creates.
pub const PASSWORD: &str = "a-test-passphrase";

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    _database: std::sync::Arc<TestDatabase>,
}

/// A database that exists for one test and is removed after it.
enum TestDatabase {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, schema: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, schema } = self {
            let (url, schema) = (admin_url.clone(), schema.clone());
            // Drop is synchronous: drop the schema from a thread with its own small runtime.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(conn) = db::connect(&url, 1).await {
                            let sql = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                            let _ = conn.execute_unprepared(&sql).await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

fn unique_name() -> String {
    format!("t_{}", &kombi::security::random_token()[..16])
}

/// A migrated, empty database of the backend under test.
pub async fn fresh_database() -> (DatabaseConnection, String, TestDatabaseHandle) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let schema = unique_name();
            let admin = db::connect(&admin_url, 1)
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
                .await
                .expect("create test schema");
            let separator = if admin_url.contains('?') { '&' } else { '?' };
            let url = format!("{admin_url}{separator}options=-c%20search_path%3D{schema}");
            let conn = db::connect(&url, 4)
                .await
                .expect("connect to the test schema");
            db::migrate(&conn).await.expect("migrations");
            (
                conn,
                url,
                TestDatabaseHandle(TestDatabase::Postgres { admin_url, schema }),
            )
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("kombi.db").display());
            let conn = db::connect(&url, 4).await.expect("open SQLite");
            db::migrate(&conn).await.expect("migrations");
            (conn, url, TestDatabaseHandle(TestDatabase::Sqlite(dir)))
        }
    }
}

pub struct TestDatabaseHandle(TestDatabase);

/// A fresh PostgreSQL database, for the tests of PostgreSQL-only paths (marked `#[ignore]`, so
/// that a SQLite run reports them as ignored rather than passing them unrun).
pub async fn fresh_postgres_database() -> (DatabaseConnection, String, TestDatabaseHandle) {
    let url = std::env::var("TEST_DATABASE_URL").unwrap_or_default();
    assert!(
        url.starts_with("postgres"),
        "this test needs PostgreSQL: set TEST_DATABASE_URL=postgres://… (scripts/test then runs it)"
    );
    fresh_database().await
}

pub async fn spawn_app() -> TestApp {
    kombi::telemetry::init_with_default("error");
    let (conn, url, handle) = fresh_database().await;
    let app = Application::build(&Settings::for_tests(&url), conn.clone())
        .await
        .expect("build app");
    let address = format!("http://{}", app.address());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db: conn,
        client: browser(),
        _database: std::sync::Arc::new(handle.0),
    }
}

/// A client that keeps cookies and does not follow redirects (tests assert them).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .build()
        .expect("HTTP client")
}

/// A second browser, with its own cookies, on the same running app and database.
pub fn spawn_app_client(app: &TestApp) -> TestApp {
    TestApp {
        address: app.address.clone(),
        db: app.db.clone(),
        client: browser(),
        _database: app._database.clone(),
    }
}

/// The value of the first hidden `csrf_token` field in a page.
pub fn csrf_from(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(r#"input[name="csrf_token"]"#).ok()?;
    document
        .select(&selector)
        .next()?
        .value()
        .attr("value")
        .map(str::to_string)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// `GET path` from a browser asking for `accept_language`.
    pub async fn get_in(&self, accept_language: &str, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .header("accept-language", accept_language)
            .send()
            .await
            .expect("GET")
    }

    /// The signed-in user picks `language` with the top bar's switch.
    pub async fn choose_language(&self, csrf: &str, language: &str) {
        let chosen = self
            .post_form(
                "/settings/language",
                &[("csrf_token", csrf), ("language", language)],
            )
            .await;
        assert_eq!(chosen.status(), reqwest::StatusCode::SEE_OTHER);
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Creates a user with [`PASSWORD`]; the username is the role's name.
    pub async fn add_user(&self, role: Role) -> String {
        // Prefixed so as not to collide with the demo users.
        let username = format!("t-{}", role.as_str().replace('_', "-"));
        let hash = hash_password(PASSWORD).expect("hash");
        users::create(
            &self.db,
            &Username::parse(&username).unwrap(),
            "Test User",
            role,
            hash,
        )
        .await
        .expect("create user");
        username
    }

    /// Fills in and submits the sign-in form, as a browser would.
    pub async fn sign_in(&self, username: &str, password: &str) -> Response {
        let form_page = self
            .get("/signin")
            .await
            .text()
            .await
            .expect("sign-in page");
        let token = csrf_from(&form_page).expect("sign-in form carries a token");
        self.post_form(
            "/signin",
            &[
                ("username", username),
                ("password", password),
                ("csrf_token", &token),
            ],
        )
        .await
    }

    /// Adds a user of `role` and signs in as them.
    pub async fn signed_in_as(&self, role: Role) -> String {
        let username = self.add_user(role).await;
        let response = self.sign_in(&username, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign-in as {username}"
        );
        username
    }

    /// The CSRF token of the current session, read from a page's sign-out form.
    pub async fn session_csrf(&self, page: &str) -> String {
        let html = self.get(page).await.text().await.expect("page");
        csrf_from(&html).expect("page has a form with a CSRF token")
    }

    /// `GET` an API route with a bearer token.
    pub async fn api_get(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("API GET")
    }

    /// `PUT` a JSON body to an API route with a bearer token.
    pub async fn api_put(&self, path: &str, token: &str, body: &serde_json::Value) -> Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("API PUT")
    }

    /// `POST` a JSON body to an API route with a bearer token.
    pub async fn api_post(&self, path: &str, token: &str, body: &serde_json::Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("API POST")
    }

    pub async fn api_token_for(&self, username: &str) -> String {
        let user = users::find_by_username(&self.db, username)
            .await
            .unwrap()
            .expect("user");
        tokens::create(&self.db, user.id, "tests")
            .await
            .expect("token")
    }
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}
