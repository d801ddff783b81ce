//! The one list of every route: method, path pattern, who may call it, and the handler.
//!
//! Each area declares its routes here with their access rule ([`RouteTable::get`] …); the
//! router is built from this table and nothing else, and each route's handler is wrapped in
//! the access guard *with that route's own rule*. The rule applied is therefore always the rule
//! of the handler that runs, whatever spelling of the path (percent-encoded, say) the router
//! resolved to it. A route cannot be registered without a rule, and tests enumerate the
//! table ([`specs`]) to probe every route.

use actix_web::dev::{HttpServiceFactory, ServiceRequest};
use actix_web::http::Method;
use actix_web::middleware::{Next, from_fn};
use actix_web::{FromRequest, Handler, Responder, Route, guard, web};

use super::access::{self, Access};

/// What the table says of one route (the handler aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static Method,
    /// The actix pattern, e.g. `/catalog/{code}`.
    pub path: &'static str,
    pub access: Access,
}

impl RouteSpec {
    /// API routes authenticate with a bearer token and answer JSON; pages use the session.
    /// Decided by the route's pattern, never by the request's raw path.
    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/")
    }
}

struct Entry {
    spec: RouteSpec,
    route: Route,
}

/// The routes of the application, in registration order (a literal path such as
/// `/catalog/new` must come before a pattern such as `/catalog/{code}` that would match it).
#[derive(Default)]
pub struct RouteTable {
    entries: Vec<Entry>,
}

impl RouteTable {
    /// Adds a route. Handlers of routes that are not [`Access::Public`] take
    /// [`super::identity::Identity`] as their first argument, so that they fail closed should
    /// a request ever reach them without an identity.
    pub fn add<F, Args>(
        &mut self,
        method: &'static Method,
        path: &'static str,
        access: Access,
        handler: F,
    ) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let spec = RouteSpec {
            method,
            path,
            access,
        };
        // HEAD asks what GET would answer, under the same rule; actix sends no body for it.
        let route = if *method == Method::GET {
            web::route()
                .guard(guard::Any(guard::Get()).or(guard::Head()))
                .to(handler)
        } else {
            web::method(method.clone()).to(handler)
        };
        self.entries.push(Entry { spec, route });
        self
    }

    pub fn get<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(&Method::GET, path, access, handler)
    }

    pub fn post<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(&Method::POST, path, access, handler)
    }

    pub fn put<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(&Method::PUT, path, access, handler)
    }

    pub fn specs(&self) -> Vec<RouteSpec> {
        self.entries.iter().map(|e| e.spec).collect()
    }

    /// Registers every route, each wrapped in the guard of its own rule. One resource per path:
    /// a method the path does not take answers 405 without reaching any guard or handler.
    pub fn configure(self, cfg: &mut web::ServiceConfig) {
        self.register(cfg, true);
    }

    /// The same routes without their guards: for the test that proves handlers fail closed.
    #[cfg(test)]
    pub(crate) fn configure_unguarded(self, cfg: &mut web::ServiceConfig) {
        self.register(cfg, false);
    }

    fn register(self, cfg: &mut web::ServiceConfig, guarded: bool) {
        let mut resources: Vec<(&'static str, Vec<Route>)> = Vec::new();
        for Entry { spec, route } in self.entries {
            let route = if guarded {
                route.wrap(from_fn(move |req: ServiceRequest, next: Next<_>| {
                    access::guard(spec, req, next)
                }))
            } else {
                route
            };
            match resources.iter_mut().find(|(path, _)| *path == spec.path) {
                Some((_, routes)) => routes.push(route),
                None => resources.push((spec.path, vec![route])),
            }
        }
        for (path, routes) in resources {
            cfg.service(resource(path, routes));
        }
    }
}

fn resource(path: &'static str, routes: Vec<Route>) -> impl HttpServiceFactory {
    routes
        .into_iter()
        .fold(web::resource(path), actix_web::Resource::route)
}

/// Every route of the application, as the areas declare them.
pub fn table() -> RouteTable {
    let mut table = RouteTable::default();
    super::pages::routes(&mut table);
    super::language::routes(&mut table);
    super::account::routes(&mut table);
    super::desk::routes(&mut table);
    super::catalog::routes(&mut table);
    super::clients::routes(&mut table);
    super::segments::routes(&mut table);
    super::matrices::routes(&mut table);
    super::finance::routes(&mut table);
    super::audit::routes(&mut table);
    super::admin::routes(&mut table);
    super::api::routes(&mut table);
    table
}

/// What [`table`] holds, for tests and documentation.
pub fn specs() -> Vec<RouteSpec> {
    table().specs()
}

#[cfg(test)]
mod tests {
    use actix_web::App;
    use actix_web::http::StatusCode;
    use actix_web::test as actix_test;

    use super::*;
    use crate::config::CookieSecure;
    use crate::persistence::db;
    use crate::web::state::AppState;

    /// A sample value for each `{parameter}` of a pattern.
    fn sample_path(pattern: &str) -> String {
        pattern
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "1"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Defence in depth: were a guard ever to let a request through without establishing who
    /// made it, every protected handler still refuses to run.
    #[actix_web::test]
    async fn protected_handlers_fail_closed_without_their_guard() {
        let db = db::connect("sqlite::memory:", 1).await.unwrap();
        let state = web::Data::new(AppState::new(db, CookieSecure::Never));
        let app = actix_test::init_service(
            App::new()
                .app_data(state)
                .configure(|cfg| table().configure_unguarded(cfg)),
        )
        .await;
        let protected: Vec<_> = specs()
            .into_iter()
            .filter(|s| s.access != Access::Public)
            .collect();
        assert!(
            protected.len() > 20,
            "the table lists the application's routes"
        );
        for spec in protected {
            let request = actix_test::TestRequest::default()
                .method(spec.method.clone())
                .uri(&sample_path(spec.path))
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .to_request();
            let response = actix_test::call_service(&app, request).await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{} {} ran without an identity",
                spec.method,
                spec.path
            );
        }
    }

    /// actix cannot list the routes it serves, so this reads the source: outside this table,
    /// nothing may register a route (the page assets' file service aside).
    #[test]
    fn nothing_is_routed_outside_the_route_table() {
        fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    rust_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let registering = [
            ".route(",
            "web::resource(",
            "web::scope(",
            ".service(",
            "Resource::new(",
        ];
        let mut outside = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("web/routes.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let assets = line.contains("actix_files::Files::new(\"/static\"");
                if registering.iter().any(|r| line.contains(r)) && !assets {
                    outside.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
        assert!(files.len() > 50, "the source tree was read");
        assert!(
            outside.is_empty(),
            "routed outside the table:\n{}",
            outside.join("\n")
        );
    }

    #[test]
    fn each_method_and_pattern_is_routed_once() {
        let specs = specs();
        for (i, a) in specs.iter().enumerate() {
            assert!(
                !specs[i + 1..]
                    .iter()
                    .any(|b| a.method == b.method && a.path == b.path),
                "{} {} is in the table twice",
                a.method,
                a.path
            );
        }
    }
}
