//! `GET /api/v1/openapi.json`: the OpenAPI 3 document describes exactly the API routes of the
//! route table (no route undocumented, no stale entry), with each route's parameters and its
//! access rule, and is served to anyone.

use std::collections::BTreeSet;

use kombi::web::access::Access;
use kombi::web::routes::specs;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// The operations a path item of an OpenAPI document may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

async fn document() -> Value {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK, "served without a token");
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    response.json().await.unwrap()
}

/// Every `(method, path)` the document describes, methods in lower case.
fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let paths = document["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            let item = item.as_object().expect("a path item");
            METHODS
                .iter()
                .filter(|m| item.contains_key(**m))
                .map(move |m| ((*m).to_owned(), path.clone()))
        })
        .collect()
}

/// Every `(method, path)` of the table's API routes. actix writes a path parameter `{name}`,
/// as OpenAPI does; HEAD, answered wherever GET is, is not a route of its own.
fn routed() -> BTreeSet<(String, String)> {
    specs()
        .into_iter()
        .filter(|s| s.is_api())
        .map(|s| (s.method.as_str().to_lowercase(), s.path.to_owned()))
        .collect()
}

#[tokio::test]
async fn the_document_describes_every_api_route_and_nothing_else() {
    let document = document().await;

    let version = document["openapi"].as_str().expect("an openapi field");
    assert!(version.starts_with("3."), "OpenAPI {version}");
    assert_eq!(document["info"]["title"], "Kombi API");
    let (documented, routed) = (documented(&document), routed());
    assert!(routed.len() > 10, "the table lists the API: {routed:?}");
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "routed, not documented: {undocumented:?}"
    );
    let stale: Vec<_> = documented.difference(&routed).collect();
    assert!(stale.is_empty(), "documented, not routed: {stale:?}");
}

#[tokio::test]
async fn each_operation_names_its_id_path_parameters_security_and_answers() {
    let document = document().await;

    let scheme = &document["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let mut operation_ids = BTreeSet::new();
    for spec in specs().into_iter().filter(|s| s.is_api()) {
        let method = spec.method.as_str().to_lowercase();
        let operation = &document["paths"][spec.path][&method];
        let name = format!("{method} {}", spec.path);
        let id = operation["operationId"].as_str().expect("an operationId");
        assert!(
            operation_ids.insert(id),
            "{name}: operationId {id} is taken"
        );

        let parameters: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|p| p["in"] == "path")
                    .filter_map(|p| p["name"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        let in_pattern: BTreeSet<&str> = spec
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        assert_eq!(parameters, in_pattern, "{name}: path parameters");

        let security: Vec<&str> = operation["security"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|requirement| requirement.keys().map(String::as_str))
            .collect();
        let responses = operation["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|status| status.starts_with('2')),
            "{name}: a success answer"
        );
        if spec.access == Access::Public {
            assert!(security.is_empty(), "{name} is public: {security:?}");
        } else {
            assert_eq!(security, ["bearer"], "{name} takes a bearer token");
            for status in ["401", "403"] {
                assert!(responses.contains_key(status), "{name}: {status}");
            }
        }
    }
}

#[tokio::test]
async fn every_schema_the_document_refers_to_is_in_it() {
    fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push(target);
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let document = document().await;

    let mut found = Vec::new();
    refs(&document, &mut found);
    assert!(found.len() > 10, "the operations refer to schemas");
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("a reference outside the document: {target}"));
        assert!(
            document["components"]["schemas"].get(name).is_some(),
            "{target} is missing"
        );
    }
    assert!(document["components"]["schemas"].get("ErrorBody").is_some());
}
