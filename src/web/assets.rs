//! The page assets (stylesheet, scripts), compiled into the binary: a release binary copied to
//! a server serves its pages styled, with nothing beside it.
//!
//! Each asset is also served under a name carrying a hash of its content
//! (`/static/kombi.3f2a…c1.css`); pages link to that name, which never changes meaning, so
//! browsers may keep it for a year without asking again (`immutable`). The plain name answers
//! too, with an ETag and `no-cache`. For work on the assets, `KOMBI_STATIC_DIR` serves them
//! from a folder instead, read at each request.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

/// Every asset. Templates link to them with `layout.asset("name")`.
const ASSETS: &[Asset] = &[
    Asset {
        name: "kombi.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/kombi.css"),
    },
    Asset {
        name: "desk.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/desk.js"),
    },
    Asset {
        name: "proposal.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/proposal.js"),
    },
    Asset {
        name: "print.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/print.js"),
    },
    Asset {
        name: "print.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/print.css"),
    },
    Asset {
        name: "matrix.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/matrix.js"),
    },
    Asset {
        name: "segments.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/segments.js"),
    },
];

const ONE_YEAR: &str = "public, max-age=31536000, immutable";

struct Fingerprinted {
    asset: &'static Asset,
    /// `kombi.<hash>.css`
    hashed_name: String,
    /// `/static/kombi.<hash>.css`
    url: String,
    etag: String,
}

fn fingerprinted() -> &'static [Fingerprinted] {
    static TABLE: OnceLock<Vec<Fingerprinted>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ASSETS
            .iter()
            .map(|asset| {
                let hash = hex::encode(&Sha256::digest(asset.bytes)[..8]);
                let (stem, extension) = asset.name.rsplit_once('.').unwrap_or((asset.name, ""));
                let hashed_name = format!("{stem}.{hash}.{extension}");
                Fingerprinted {
                    asset,
                    url: format!("/static/{hashed_name}"),
                    hashed_name,
                    etag: format!("\"{hash}\""),
                }
            })
            .collect()
    })
}

/// The address pages link to for the asset `name` (its content-hashed name).
pub fn url(name: &str) -> &'static str {
    fingerprinted()
        .iter()
        .find(|f| f.asset.name == name)
        .map_or("/static/missing-asset", |f| f.url.as_str())
}

/// `GET /static/{name}`: by content-hashed name (cached for a year) or plain name (revalidated).
pub async fn serve(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    let found = fingerprinted().iter().find_map(|f| {
        if f.hashed_name == name {
            Some((f, ONE_YEAR))
        } else if f.asset.name == name {
            Some((f, "no-cache"))
        } else {
            None
        }
    });
    let Some((asset, cache)) = found else {
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("no such asset");
    };
    if let Ok(dir) = std::env::var("KOMBI_STATIC_DIR") {
        // Development: the file as it is now on disk (only names from the list above are read).
        let path = std::path::Path::new(&dir).join(asset.asset.name);
        return match tokio::fs::read(&path).await {
            Ok(bytes) => HttpResponse::Ok()
                .content_type(asset.asset.content_type)
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(bytes),
            Err(err) => {
                tracing::error!(path = ?path, error = %err, "KOMBI_STATIC_DIR: cannot read an asset");
                HttpResponse::NotFound().finish()
            }
        };
    }
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == asset.etag));
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::ETAG, asset.etag.clone()));
    if unchanged {
        return response.finish();
    }
    response
        .content_type(asset.asset.content_type)
        .body(asset.asset.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_has_a_content_hashed_address() {
        let css = url("kombi.css");
        assert!(
            css.starts_with("/static/kombi.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/static/kombi..css".len() + 16);
        assert_ne!(url("segments.js"), url("kombi.css"));
        assert_eq!(url("nothing.css"), "/static/missing-asset");
    }

    #[test]
    fn every_asset_the_templates_link_to_is_compiled_in() {
        let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut linked = Vec::new();
        let mut stack = vec![templates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !text.contains("\"/static/"),
                    "{}: link with layout.asset(…)",
                    path.display()
                );
                for part in text.split("layout.asset(\"").skip(1) {
                    linked.push(part.split('"').next().unwrap().to_string());
                }
            }
        }
        assert!(linked.len() >= 2, "{linked:?}");
        for name in linked {
            assert_ne!(
                url(&name),
                "/static/missing-asset",
                "{name} is not in ASSETS"
            );
        }
    }
}
