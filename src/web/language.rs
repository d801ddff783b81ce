//! The interface language: each user may choose theirs (kept with the user); until they do,
//! the browser's `Accept-Language` decides.

use crate::domain::message::Message;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::access::EVERYONE;
use super::error::WebError;
use super::identity::Identity;
use super::routes::RouteTable;
use super::state::AppState;
use crate::domain::audit::{Action, Subject};
use crate::i18n::Lang;
use crate::persistence::{audit, users};

pub fn routes(table: &mut RouteTable) {
    table.post("/settings/language", EVERYONE, choose);
}

#[derive(Deserialize)]
pub struct LanguageForm {
    language: String,
}

/// `POST /settings/language`: keeps the user's choice and goes back to the page they were on.
pub async fn choose(
    identity: Identity,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, WebError> {
    let language = Lang::parse(&form.language).ok_or_else(|| {
        WebError::BadRequest(
            Message::new("error-language").with("value", format!("{:?}", form.language)),
        )
    })?;
    let id = identity.user.id;
    audit::change(
        &state.db,
        identity
            .author()
            .entry(Action::Changed, Subject::User, &identity.user.username),
        async |db| users::audit_fields(db, id).await,
        async |db| users::set_language(db, id, Some(language)).await,
    )
    .await?;
    // Back to the page the switch was on, when the browser says which (same site only).
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| url_path(referer, req.connection_info().host()))
        .unwrap_or_else(|| super::layout::home_for(identity.role()).to_string());
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        .finish())
}

/// The path (and query) of `referer` when it points at `host`; `None` otherwise.
fn url_path(referer: &str, host: &str) -> Option<String> {
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let (referer_host, path) = rest.split_at(rest.find('/')?);
    (referer_host == host && path.starts_with('/') && !path.starts_with("//"))
        .then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::url_path;

    #[test]
    fn only_a_referer_on_this_site_is_followed_back() {
        let host = "127.0.0.1:8080";
        assert_eq!(
            url_path("http://127.0.0.1:8080/desk?q=iv", host).as_deref(),
            Some("/desk?q=iv")
        );
        assert_eq!(url_path("http://evil.example/desk", host), None);
        assert_eq!(url_path("http://127.0.0.1:8080//evil.example", host), None);
        assert_eq!(url_path("127.0.0.1:8080/desk", host), None);
    }
}
