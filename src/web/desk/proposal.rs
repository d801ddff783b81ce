//! The proposal at the desk: the combined product for the main product the client came for,
//! recomputed as the client drops add-ons or names amounts (a GET form: it works without
//! JavaScript and can be bookmarked), and the outcome recorded (a POST with a one-time key, so
//! a double-click stores one offer).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::view::{ProposalView, proposal_view};
use crate::domain::client::Client;
use crate::domain::message::Message;
use crate::domain::offer::{DeclineReason, OutcomeForm, Refusal, Request};
use crate::domain::product::parse_decimal_input;
use crate::i18n::Lang;
use std::sync::Arc;

use crate::domain::audit::Subject;
use crate::persistence::StoreError;
use crate::service::desk::{DeskBank, DeskContext, point_for, store};
use crate::web::error::WebError;
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;
use crate::web::viewed::record_view;

/// The request's fields, as both forms send them.
pub type Pairs = Vec<(String, String)>;

/// The most products a form may name (drops, amounts, accepted): a bundle is a handful.
const MAX_PAIRS: usize = 200;

/// Reads the proposal's request from a query or a form body; a bad amount names its field.
pub fn read_request(pairs: &[(String, String)]) -> Result<Request, (String, Message)> {
    let mut request = Request::default();
    for (name, value) in pairs.iter().take(MAX_PAIRS) {
        let value = value.trim();
        match name.as_str() {
            "main" | "main_product" => request.main = value.to_owned(),
            "drop" if !value.is_empty() => {
                request.drop.insert(value.to_owned());
            }
            "confirmed" => request.data_confirmed = value == "1" || value == "true",
            _ => {
                if let Some(code) = name.strip_prefix("amounts.")
                    && !value.is_empty()
                {
                    let amount =
                        parse_decimal_input(value).map_err(|message| (name.clone(), message))?;
                    request.amounts.insert(code.to_owned(), amount);
                }
            }
        }
    }
    if request.main.is_empty() {
        return Err(("main".into(), Message::new("offer-choose-main")));
    }
    Ok(request)
}

/// The request as query pairs, to carry it in links and hidden fields.
pub fn request_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs = vec![("main".to_owned(), request.main.clone())];
    if request.data_confirmed {
        pairs.push(("confirmed".into(), "1".into()));
    }
    pairs.extend(request.drop.iter().map(|d| ("drop".to_owned(), d.clone())));
    pairs.extend(
        (request.amounts.iter())
            .map(|(code, amount)| (format!("amounts.{code}"), amount.to_string())),
    );
    pairs
}

#[derive(Template)]
#[template(path = "desk/proposal.html")]
struct ProposalPage {
    layout: Layout,
    crm_id: String,
    full_name: String,
    card_href: String,
    /// Why no proposal could be made, in words; empty when there is one.
    refusal: String,
    errors: Vec<String>,
    proposal: Option<ProposalView>,
    hidden: Vec<(String, String)>,
    request_key: String,
    reasons: Vec<(&'static str, String)>,
    /// The outcome form's values when it comes back with problems.
    outcome: OutcomeForm,
}

/// The client, with the desk's cached view of the bank (`None` while the bank is not set up):
/// two queries, the bank's generation and the client's row; `identity`'s view of the client on
/// `page` is audited (see `web::viewed`).
pub(super) async fn load_client(
    state: &AppState,
    identity: &Identity,
    crm_id: &str,
    page: &'static str,
) -> Result<(Client, Option<Arc<DeskContext>>), WebError> {
    let today = Utc::now().date_naive();
    let (client, context) = state
        .desk
        .client(&state.db, crm_id, today)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(Message::new("error-no-client").with("crm_id", crm_id))
        })?;
    let context = match context {
        Ok(context) => Some(context),
        Err(StoreError::Invalid(_)) => None,
        Err(e) => return Err(e.into()),
    };
    record_view(
        state,
        identity,
        Subject::Client,
        client.crm_id.as_str(),
        page,
    )
    .await?;
    Ok((client, context))
}

pub(super) fn card_href(crm_id: &str) -> String {
    format!(
        "/desk/clients/{}",
        serde_urlencoded::to_string([("", crm_id)])
            .map(|s| s.trim_start_matches('=').to_string())
            .unwrap_or_default()
    )
}

/// The client at the point the advisor works at today; why not, in words.
pub(super) fn desk_bank(
    identity: &Identity,
    client: &Client,
    context: Option<&Arc<DeskContext>>,
) -> Result<DeskBank, Message> {
    let today = Utc::now().date_naive();
    let point =
        point_for(&identity.user, None, today).map_err(|_| Message::new("desk-no-point"))?;
    let context = context.ok_or_else(|| Message::new("desk-bank-not-set-up"))?;
    DeskBank::new(Arc::clone(context), client, point).map_err(|_| Message::new("desk-no-point"))
}

fn reasons(lang: Lang) -> Vec<(&'static str, String)> {
    DeclineReason::ALL
        .iter()
        .map(|r| (r.as_str(), lang.text(r.label_key())))
        .collect()
}

struct Outcome {
    status: StatusCode,
    errors: Vec<String>,
    form: OutcomeForm,
}

async fn respond(
    state: &AppState,
    identity: &Identity,
    crm_id: &str,
    pairs: &[(String, String)],
    outcome: Outcome,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let (client, context) = load_client(state, identity, crm_id, "proposal").await?;
    let mut page = ProposalPage {
        layout: Layout::new(
            client.name_or_id().to_owned(),
            Some(identity),
            Section::Desk,
        ),
        crm_id: client.crm_id.as_str().to_owned(),
        full_name: client.name_or_id().to_owned(),
        card_href: card_href(client.crm_id.as_str()),
        refusal: String::new(),
        errors: outcome.errors,
        proposal: None,
        hidden: Vec::new(),
        request_key: crate::security::random_token(),
        reasons: reasons(lang),
        outcome: outcome.form,
    };
    let mut status = outcome.status;
    let request = match read_request(pairs) {
        Ok(request) => request,
        Err((_, message)) => {
            page.refusal = lang.message(&message);
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    page.hidden = request_pairs(&request);
    let bank = match desk_bank(identity, &client, context.as_ref()) {
        Ok(bank) => bank,
        Err(message) => {
            page.refusal = lang.message(&message);
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match bank.propose(&client, &request) {
        Ok(proposal) => {
            page.hidden.push(("shown".into(), shown(&proposal)));
            page.proposal = Some(proposal_view(&proposal, &bank, lang));
        }
        Err(refusal) => {
            page.refusal = refusal_text(&refusal, lang);
            status = StatusCode::UNPROCESSABLE_ENTITY;
        }
    }
    render_with(status, &page)
}

/// Which matrix version the page showed, so that recording an outcome for a combined product
/// the client never saw (a version published in between) is refused.
fn shown(proposal: &crate::domain::offer::Proposal) -> String {
    format!("{}:{}", proposal.segment, proposal.version)
}

/// A refusal in words, with the segments passed over when none offers the product.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let mut text = lang.message(&refusal.message());
    if let Refusal::NotOffered { passed_over, .. } = refusal {
        for why in passed_over {
            text.push_str("; ");
            text.push_str(&lang.message(why));
        }
    }
    text
}

pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    query: web::Query<Pairs>,
) -> Result<HttpResponse, WebError> {
    let outcome = Outcome {
        status: StatusCode::OK,
        errors: Vec::new(),
        form: OutcomeForm::default(),
    };
    respond(&state, &identity, &path, &query, outcome).await
}

/// Records the outcome of the proposal the form names, recomputed now: the stored figures are
/// the server's, never the browser's.
pub async fn record(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<String>,
    form: web::Form<Pairs>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let pairs = form.into_inner();
    let field = |name: &str| {
        (pairs.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let outcome_form = OutcomeForm {
        outcome: field("outcome"),
        accepted: (pairs.iter().take(MAX_PAIRS))
            .filter(|(n, _)| n == "accepted")
            .map(|(_, v)| v.clone())
            .collect(),
        reason: field("reason"),
        note: field("note"),
    };
    let request_key = field("request_key");
    if request_key.len() != 64 || !request_key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(WebError::BadRequest(Message::new("offer-key-missing")));
    }
    let (client, context) = load_client(&state, &identity, &path, "proposal").await?;
    // Every refusal comes back as the proposal page with its problems, the form as sent.
    let checked = (|| {
        let unprocessable = |messages: Vec<String>| (StatusCode::UNPROCESSABLE_ENTITY, messages);
        let request =
            read_request(&pairs).map_err(|(_, m)| unprocessable(vec![lang.message(&m)]))?;
        let bank = desk_bank(&identity, &client, context.as_ref())
            .map_err(|m| unprocessable(vec![lang.message(&m)]))?;
        let proposal = (bank.propose(&client, &request))
            .map_err(|refusal| unprocessable(vec![refusal_text(&refusal, lang)]))?;
        let was_shown = field("shown");
        if !was_shown.is_empty() && was_shown != shown(&proposal) {
            let changed = Message::new("offer-changed")
                .with("segment", &proposal.segment_name)
                .with("version", proposal.version);
            return Err((StatusCode::CONFLICT, vec![lang.message(&changed)]));
        }
        let in_bundle: Vec<String> = proposal.products.iter().map(|p| p.code.clone()).collect();
        let outcome = outcome_form.parse(&in_bundle).map_err(|problems| {
            unprocessable(problems.iter().map(|p| lang.message(&p.message)).collect())
        })?;
        Ok(bank.record(&proposal, outcome, &client, &identity.user, &request_key))
    })();
    let record = match checked {
        Ok(record) => record,
        Err((status, errors)) => {
            let answer = Outcome {
                status,
                errors,
                form: outcome_form,
            };
            return respond(&state, &identity, &path, &pairs, answer).await;
        }
    };
    let recorded = store(&state.db, &identity.author(), &record).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/offers/{}?done=recorded", recorded.id()),
        ))
        .finish())
}
