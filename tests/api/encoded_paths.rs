//! Every route of the route table, asked for under other spellings of its path (each letter
//! percent-encoded, double encoding, `//`, `/./`, a trailing slash, `;` parameters …), is never
//! more permissive than under its plain path: for anonymous callers and for each role, CSRF
//! included. The router decodes what the guard once matched raw; now the guard is the route's.

use futures_util::StreamExt;
use kombi::domain::user::Role;
use kombi::persistence::{sessions, tokens, users};
use kombi::web::access::Access;
use kombi::web::routes::{RouteSpec, specs};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{TestApp, spawn_app};

/// Who is calling: nobody, or a user of a role with a live session and an API token.
struct Caller {
    role: Option<Role>,
    headers: String,
}

/// A request's answer, as far as access goes.
#[derive(Debug)]
struct Answer {
    status: u16,
    location: String,
}

impl Answer {
    /// Refused, or nothing there: the handler did not run for this caller.
    fn refused(&self) -> bool {
        matches!(self.status, 400 | 401 | 403 | 404 | 405)
            || (self.status == 303 && self.location.starts_with("/signin"))
    }
}

/// Sends `method target` exactly as written (an HTTP client would normalise the path).
async fn raw(address: &str, method: &str, target: &str, headers: &str, body: &str) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status for {method} {target}: {text}"));
    let location = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .unwrap_or_default()
        .to_string();
    Answer { status, location }
}

/// The plain path of a pattern, with a sample value for each `{parameter}`.
fn plain_path(pattern: &str) -> String {
    segments(pattern).join("/")
}

fn segments(pattern: &str) -> Vec<String> {
    pattern
        .split('/')
        .map(|s| if s.starts_with('{') { "1" } else { s }.to_string())
        .collect()
}

fn is_literal(pattern: &str, index: usize) -> bool {
    pattern
        .split('/')
        .nth(index)
        .is_some_and(|s| !s.is_empty() && !s.starts_with('{'))
}

/// Other spellings of the plain path of `pattern`.
fn variants(pattern: &str) -> Vec<String> {
    let parts = segments(pattern);
    let join = |parts: &[String]| parts.join("/");
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if !is_literal(pattern, i) {
            continue;
        }
        for (at, ch) in part.char_indices() {
            let encoded = [
                format!("%{:02X}", ch as u32),
                format!("%{:02x}", ch as u32),
                format!("%25{:02X}", ch as u32),
            ];
            for code in encoded {
                let mut changed = parts.clone();
                changed[i] = format!("{}{code}{}", &part[..at], &part[at + ch.len_utf8()..]);
                out.push(join(&changed));
            }
        }
        let mut upper = parts.clone();
        upper[i] = part.to_uppercase();
        out.push(join(&upper));
        let mut with_parameter = parts.clone();
        with_parameter[i] = format!("{part};x=1");
        out.push(join(&with_parameter));
        let mut whole = parts.clone();
        whole[i] = part.bytes().map(|b| format!("%{b:02X}")).collect();
        out.push(join(&whole));
    }
    let plain = join(&parts);
    for i in 1..parts.len() {
        let (before, after) = (join(&parts[..i]), join(&parts[i..]));
        out.push(format!("{before}//{after}"));
        out.push(format!("{before}/./{after}"));
        out.push(format!("{before}/x/../{after}"));
        out.push(format!("{before}%2F{after}"));
    }
    out.push(format!("/{plain}"));
    out.push(format!("{plain}/"));
    out.push(format!("{plain};x=1"));
    out.push(format!("{plain}?x=1"));
    out.sort();
    out.dedup();
    out.retain(|v| *v != plain);
    out
}

async fn callers(app: &TestApp) -> Vec<Caller> {
    let mut callers = vec![Caller {
        role: None,
        headers: String::new(),
    }];
    for role in Role::ALL {
        let username = app.add_user(role).await;
        let user = users::find_by_username(&app.db, &username)
            .await
            .unwrap()
            .unwrap();
        let session = sessions::create(&app.db, user.id, &Default::default())
            .await
            .unwrap();
        let token = tokens::create(&app.db, user.id, "probe").await.unwrap();
        callers.push(Caller {
            role: Some(role),
            headers: format!(
                "Cookie: kombi_session={session}\r\nAuthorization: Bearer {token}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\n"
            ),
        });
    }
    callers
}

/// Whether the plain request of `route` by `caller` is meant to be refused: the caller's role
/// is not allowed, or it is a page form posted without its CSRF token (the probe sends none).
fn refused_plainly(route: &RouteSpec, caller: &Caller) -> bool {
    let state_changing = route.method != "GET";
    !route.access.allows(caller.role) || (state_changing && !route.is_api())
}

#[tokio::test]
async fn no_spelling_of_a_path_is_more_permissive_than_the_plain_path() {
    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_string();
    let callers = callers(&app).await;
    let routes: Vec<RouteSpec> = specs()
        .into_iter()
        .filter(|r| r.access != Access::Public)
        .collect();
    assert!(routes.len() > 20, "the route table lists the application");

    let mut probes = Vec::new();
    for route in &routes {
        for caller in callers.iter().filter(|c| refused_plainly(route, c)) {
            let plain = raw(
                &address,
                route.method.as_str(),
                &plain_path(route.path),
                &caller.headers,
                "",
            )
            .await;
            assert!(
                plain.refused(),
                "{} {} as {:?}: the plain path must be refused, got {plain:?}",
                route.method,
                route.path,
                caller.role
            );
            for variant in variants(route.path) {
                probes.push((route, caller, variant));
            }
        }
    }
    assert!(probes.len() > 1000, "{} probes", probes.len());
    let leaks: Vec<String> = futures_util::stream::iter(probes)
        .map(|(route, caller, variant)| {
            let address = &address;
            async move {
                let answer = raw(
                    address,
                    route.method.as_str(),
                    &variant,
                    &caller.headers,
                    "",
                )
                .await;
                (!answer.refused()).then(|| {
                    format!(
                        "{} {variant} as {:?} (route {}): {answer:?}",
                        route.method, caller.role, route.path
                    )
                })
            }
        })
        .buffer_unordered(8)
        .filter_map(|leak| async move { leak })
        .collect()
        .await;
    assert!(
        leaks.is_empty(),
        "{} spellings got through:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

#[tokio::test]
async fn the_reported_probes_are_refused() {
    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_string();

    let anonymous = raw(&address, "GET", "/api/v1/%63lients/CRM-0000001", "", "").await;
    assert_eq!(anonymous.status, 401, "{anonymous:?}");
    let put = raw(
        &address,
        "PUT",
        "/api/v1/%63lients/X",
        "Content-Type: application/json\r\n",
        r#"{"full_name": "Anonymous Writer"}"#,
    )
    .await;
    assert_eq!(put.status, 401, "{put:?}");

    app.signed_in_as(Role::Advisor).await;
    for page in ["/%66inance", "/%63atalog", "/%73egments"] {
        let status = app.get(page).await.status().as_u16();
        assert!(status == 403 || status == 404, "{page}: {status}");
    }
    let response = app
        .post_form(
            "/%61dmin/users",
            &[
                ("username", "mallory"),
                ("display_name", "M"),
                ("role", "admin"),
                ("password", "long-enough-pass"),
            ],
        )
        .await;
    assert!(
        [403, 404].contains(&response.status().as_u16()),
        "{}",
        response.status()
    );
    let created = users::find_by_username(&app.db, "mallory").await.unwrap();
    assert!(created.is_none(), "an advisor created an administrator");
}

#[test]
fn the_variants_cover_each_character_of_each_literal_segment() {
    let spellings = variants("/api/v1/clients/{crm_id}");
    for expected in [
        "/%61pi/v1/clients/1",
        "/api/v%31/clients/1",
        "/api/v1/%63lients/1",
        "/api/v1/clie%6Ets/1",
        "/api/v1/clie%6ets/1",
        "/api/v1/%2563lients/1",
        "/api/v1/CLIENTS/1",
        "/api/v1//clients/1",
        "/api/v1/./clients/1",
        "/api/v1/clients/1/",
        "/api/v1/clients;x=1/1",
        "/api/v1/clients/1;x=1",
    ] {
        assert!(spellings.iter().any(|s| s == expected), "{expected}");
    }
    assert!(!spellings.contains(&"/api/v1/clients/1".to_string()));
}
