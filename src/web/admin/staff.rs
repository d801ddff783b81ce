//! Staff imported from a CSV file (username, role, display name, sales point): each gets a
//! one-time password, shown once to the administrator to hand over, and must choose their own
//! at first sign-in.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::points::{receive_small_file, row_messages};
use crate::import::reference;
use crate::service::setup::{self as service, ImportRefused, StaffAdded};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section, role_key};
use crate::web::pages::{render, render_with};
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "admin/staff_import.html")]
struct StaffImportPage {
    layout: Layout,
    errors: Vec<String>,
    pasted: String,
    added: Vec<StaffAdded>,
}

impl StaffImportPage {
    fn role_label(&self, staff: &StaffAdded) -> String {
        self.layout.t(role_key(staff.row.role))
    }
}

fn page(
    identity: &Identity,
    errors: Vec<String>,
    pasted: String,
    added: Vec<StaffAdded>,
) -> StaffImportPage {
    StaffImportPage {
        layout: Layout::new(
            identity.language.text("staff-import-title"),
            Some(identity),
            Section::Users,
        ),
        errors,
        pasted,
        added,
    }
}

/// `GET /admin/users/import`
pub async fn form(identity: Identity) -> Result<HttpResponse, WebError> {
    render(&page(&identity, Vec::new(), String::new(), Vec::new()))
}

/// `POST /admin/users/import` (multipart; CSRF token in the action URL).
pub async fn import(
    identity: Identity,
    state: web::Data<AppState>,
    payload: Multipart,
) -> Result<HttpResponse, WebError> {
    let (bytes, _) = receive_small_file(payload).await?;
    let pasted = || String::from_utf8_lossy(&bytes).into_owned();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let errors = vec![identity.language.text("setup-import-missing")];
        return render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&identity, errors, String::new(), Vec::new()),
        );
    }
    let rows = match reference::staff(&bytes) {
        Ok(rows) => rows,
        Err(errors) => {
            let errors = row_messages(&identity, &errors);
            return render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&identity, errors, pasted(), Vec::new()),
            );
        }
    };
    match service::import_staff(&state.db, &rows, &identity.author()).await {
        Ok(added) => {
            tracing::info!(admin = ?identity.user.username, count = added.len(), "staff imported");
            // The one-time passwords are on this page only: it is never cached (`render`).
            render(&page(&identity, Vec::new(), String::new(), added))
        }
        Err(ImportRefused::Rows(errors)) => {
            let errors = row_messages(&identity, &errors);
            render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&identity, errors, pasted(), Vec::new()),
            )
        }
        Err(ImportRefused::Store(err)) => Err(err.into()),
    }
}
