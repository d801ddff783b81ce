//! The desk for other channels: `POST /api/v1/offers/propose` returns the combined product the
//! desk would show, `POST /api/v1/offers` records an outcome (once per `request_key`),
//! `GET /api/v1/offers/{id}` reads one back, and `POST /api/v1/offers/{id}/opened` is core
//! banking's confirmation of what was opened. Money is a decimal string rounded to the kopeck;
//! rates and margins have 6 places. Advisors propose and record at a sales point they work at
//! today, and read their own offers.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::ApiError;
use super::openapi::ErrorBody;
use crate::domain::audit::{Action, Fields, Subject};
use crate::domain::client::Client;
use crate::domain::offer::{OutcomeForm, Proposal, Request};
use crate::domain::product::Terms;
use crate::persistence::audit;
use crate::persistence::offers::{self, Recorded, StoredOffer};
use crate::service::desk::{DeskBank, point_for, store};
use crate::web::identity::Identity;
use crate::web::state::AppState;

/// What a proposal is asked for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeBody {
    /// The client's CRM id.
    #[schema(example = "C-000123")]
    crm_id: String,
    /// The product the client came for.
    #[schema(example = "CA_RUB")]
    main_product: String,
    /// A sales point the advisor works at today.
    #[schema(example = "MSK-HO")]
    sales_point: String,
    /// Products of the bundle the client does not want.
    #[serde(default)]
    drop: Vec<String>,
    /// Product code → amount (a decimal string or number).
    #[serde(default)]
    #[schema(example = json!({"DEP_FLEX": "300000"}))]
    amounts: BTreeMap<String, Value>,
    /// The advisor checked data over a year old with the client.
    #[serde(default)]
    data_confirmed: bool,
}

/// How the client answered the offer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    /// `accepted_all`, `accepted_some` or `declined`.
    #[schema(example = "accepted_some")]
    outcome: String,
    /// For `accepted_some`: the products accepted, from the bundle.
    #[serde(default)]
    accepted: Vec<String>,
    /// For `declined`: `no_need`, `too_expensive`, `better_elsewhere`, `wants_to_think`,
    /// `no_time` or `other`.
    #[serde(default)]
    reason: String,
    /// For `declined`: a free note.
    #[serde(default)]
    note: String,
}

/// A proposal as `/api/v1/offers/propose` takes it, with its outcome and the caller's key.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    /// The caller's one-time key: sending the same request again returns the same offer.
    /// 1 to 64 characters.
    request_key: String,
    crm_id: String,
    main_product: String,
    sales_point: String,
    #[serde(default)]
    drop: Vec<String>,
    /// Product code → amount (a decimal string or number).
    #[serde(default)]
    amounts: BTreeMap<String, Value>,
    #[serde(default)]
    data_confirmed: bool,
    outcome: OutcomeBody,
}

/// What identifies a proposal, from either request.
pub struct ProposeFields {
    crm_id: String,
    main_product: String,
    sales_point: String,
    drop: Vec<String>,
    amounts: BTreeMap<String, Value>,
    data_confirmed: bool,
}

/// What core banking opened.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenedBody {
    /// Products of the offer's bundle; at least one.
    products: Vec<String>,
    /// The day core banking opened them (today when absent).
    #[serde(default)]
    opened_on: Option<NaiveDate>,
}

// The structs below only describe, for the OpenAPI document, the JSON that `terms_json`,
// `proposal_json` and `offer_json` build.

/// A product's terms: money to the kopeck, the rate to 6 places.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct OfferTerms {
    #[schema(example = "0.00")]
    monthly_fee: String,
    #[schema(example = "1490.00")]
    annual_fee: String,
    setup_fee: String,
    transaction_fee: String,
    #[schema(example = "0.16")]
    client_rate: String,
    credit_limit: String,
    min_amount: String,
}

/// The amount a product is proposed with.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ProposedAmount {
    /// `balance` or `credit_limit`.
    kind: String,
    value: String,
    expected: String,
    min: Option<String>,
    max: Option<String>,
}

/// One product of the combined product.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ProposedProduct {
    code: String,
    name: String,
    kind: String,
    /// `main` or `add_on`.
    role: String,
    currency: String,
    talking_points: Option<String>,
    /// Opened only after the bank's credit decision.
    subject_to_approval: bool,
    expected_take_up: Option<String>,
    /// In the bundle.
    terms: OfferTerms,
    /// Bought separately.
    standalone_terms: OfferTerms,
    amount: Option<ProposedAmount>,
}

/// A product of the matrix's bundle that is not in the client's.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct LeftOutProduct {
    code: String,
    /// `held`, `dropped` or `dropped_with`.
    reason: String,
    message: String,
}

/// The segment a proposal comes from.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ProposalSegment {
    code: String,
    name: String,
}

/// What the client pays, in the bundle and separately (per year unless named otherwise).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ClientPrice {
    currency: String,
    fees_per_month: String,
    fees_per_year: String,
    package_fee_per_year: String,
    separate_fees_per_year: String,
    fee_saving_per_year: String,
    one_off_fees: String,
    separate_one_off_fees: String,
    interest_earned_per_year: String,
    separate_interest_earned_per_year: String,
    interest_charged_per_year: String,
    separate_interest_charged_per_year: String,
    /// The bundle costs the client less than the products separately.
    saves: bool,
}

/// A step of the visit.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct VisitStep {
    /// `identify`, `verify_data`, `open` or `credit_decision`.
    step: String,
    product: Option<String>,
    minutes: String,
}

/// The visit, step by step, against the bank's limit.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct VisitPlan {
    steps: Vec<VisitStep>,
    total_minutes: String,
    limit_minutes: Option<String>,
    fits: bool,
}

/// A product's line in the bank's figures.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BankLine {
    product: String,
    revenue: String,
    profit: String,
}

/// What the bundle earns the bank.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct BankFigures {
    currency: String,
    revenue: String,
    profit: String,
    margin: Option<String>,
    visit_cost: String,
    lines: Vec<BankLine>,
    warnings: Vec<String>,
}

/// The combined product the desk would show.
#[derive(ToSchema)]
#[schema(as = Proposal)]
#[allow(dead_code)]
pub struct ProposalDoc {
    crm_id: String,
    sales_point: String,
    segment: ProposalSegment,
    matrix_version: u32,
    /// Segments of higher priority without an offer here, and why.
    passed_over: Vec<String>,
    main_product: String,
    /// `green`, `amber` or `red`.
    badge: String,
    badge_reasons: Vec<String>,
    products: Vec<ProposedProduct>,
    left_out: Vec<LeftOutProduct>,
    notes: Vec<String>,
    client: ClientPrice,
    visit_plan: VisitPlan,
    bank: BankFigures,
}

/// A product of a recorded offer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct OfferPosition {
    product: String,
    name: String,
    /// `main` or `add_on`.
    role: String,
    /// `in_bundle`, `dropped` or `dropped_with`.
    status: String,
    accepted: bool,
    /// When core banking confirmed it opened.
    opened_on: Option<NaiveDate>,
    expected_take_up: Option<String>,
    chosen_amount: Option<String>,
    subject_to_approval: bool,
    terms: OfferTerms,
    revenue: String,
    profit: String,
}

/// A recorded offer and its outcome.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Offer {
    id: i32,
    crm_id: String,
    client_name: String,
    advisor: String,
    sales_point: String,
    segment: String,
    matrix_version: u32,
    main_product: String,
    /// `accepted_all`, `accepted_some` or `declined`.
    outcome: String,
    decline_reason: Option<String>,
    note: Option<String>,
    badge: String,
    flagged_for_finance: bool,
    currency: String,
    revenue: String,
    profit: String,
    margin: Option<String>,
    fees_per_year: String,
    separate_fees_per_year: String,
    one_off_fees: String,
    interest_earned_per_year: String,
    visit_minutes: String,
    offered_on: NaiveDate,
    valid_until: NaiveDate,
    recorded_at: chrono::DateTime<Utc>,
    positions: Vec<OfferPosition>,
}

fn invalid(field: &str, message: impl ToString) -> ApiError {
    ApiError::Invalid(vec![(field.to_owned(), message.to_string())])
}

fn money(value: Decimal) -> String {
    value.round_dp(2).to_string()
}

fn fraction(value: Decimal) -> String {
    value.round_dp(6).normalize().to_string()
}

fn terms_json(terms: &Terms) -> Value {
    json!({
        "monthly_fee": money(terms.monthly_fee),
        "annual_fee": money(terms.annual_fee),
        "setup_fee": money(terms.setup_fee),
        "transaction_fee": money(terms.transaction_fee),
        "client_rate": fraction(terms.client_rate),
        "credit_limit": money(terms.credit_limit),
        "min_amount": money(terms.min_amount),
    })
}

fn amount_of(field: &str, value: &Value) -> Result<Decimal, ApiError> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return Err(invalid(field, "must be a decimal, as a string or a number")),
    };
    text.trim()
        .parse::<Decimal>()
        .map_err(|_| invalid(field, format!("{text:?} is not a decimal number")))
}

struct Asked {
    crm_id: String,
    sales_point: String,
    request: Request,
}

fn asked(fields: ProposeFields) -> Result<Asked, ApiError> {
    let mut amounts = BTreeMap::new();
    for (code, value) in &fields.amounts {
        amounts.insert(code.clone(), amount_of(&format!("amounts.{code}"), value)?);
    }
    Ok(Asked {
        crm_id: fields.crm_id.trim().to_owned(),
        sales_point: fields.sales_point.trim().to_owned(),
        request: Request {
            main: fields.main_product.trim().to_owned(),
            drop: fields
                .drop
                .iter()
                .map(|d| d.trim().to_owned())
                .collect::<BTreeSet<_>>(),
            amounts,
            data_confirmed: fields.data_confirmed,
        },
    })
}

/// The client, the desk at the asked point, and the proposal, or the error naming the field.
async fn proposed(
    state: &AppState,
    identity: &Identity,
    asked: &Asked,
) -> Result<(Client, DeskBank, Proposal), ApiError> {
    let today = Utc::now().date_naive();
    point_for(&identity.user, Some(&asked.sales_point), today).map_err(|_| {
        invalid(
            "sales_point",
            format!(
                "{} is not a sales point you work at today",
                asked.sales_point
            ),
        )
    })?;
    let (client, context) = state
        .desk
        .client(&state.db, &asked.crm_id, today)
        .await?
        .ok_or_else(|| invalid("crm_id", format!("no client {}", asked.crm_id)))?;
    let context = context?;
    let desk = DeskBank::new(context, &client, &asked.sales_point)
        .map_err(|_| invalid("sales_point", "unknown sales point"))?;
    let proposal = desk.propose(&client, &asked.request).map_err(|refusal| {
        let message = crate::web::desk::refusal_text(&refusal, crate::i18n::Lang::En);
        invalid(refusal.field().unwrap_or("crm_id"), message)
    })?;
    Ok((client, desk, proposal))
}

fn proposal_json(proposal: &Proposal, desk: &DeskBank, crm_id: &str) -> Value {
    let breakdown = &proposal.result.breakdown;
    let price = &proposal.price;
    let products: Vec<Value> = (proposal.products.iter())
        .zip(&proposal.result.products)
        .map(|(p, offered)| {
            json!({
                "code": p.code,
                "name": desk.product_name(&p.code),
                "kind": p.kind.as_str(),
                "role": p.role.as_str(),
                "currency": offered.currency.as_str(),
                "talking_points": p.talking_points,
                "subject_to_approval": p.subject_to_approval,
                "expected_take_up": p.expected_take_up.map(fraction),
                "terms": terms_json(&offered.terms),
                "standalone_terms": terms_json(&p.standalone_terms),
                "amount": p.amount.as_ref().map(|a| json!({
                    "kind": match a.kind {
                        crate::domain::offer::AmountKind::Balance => "balance",
                        crate::domain::offer::AmountKind::CreditLimit => "credit_limit",
                    },
                    "value": money(a.value),
                    "expected": money(a.expected),
                    "min": a.min.map(money),
                    "max": a.max.map(money),
                })),
            })
        })
        .collect();
    let english = |m: &crate::domain::message::Message| m.to_string();
    json!({
        "crm_id": crm_id,
        "sales_point": desk.point.code,
        "segment": {"code": proposal.segment, "name": proposal.segment_name},
        "matrix_version": proposal.version,
        "passed_over": proposal.passed_over.iter().map(english).collect::<Vec<_>>(),
        "main_product": proposal.main,
        "badge": proposal.badge.as_str(),
        "badge_reasons": proposal.badge_reasons.iter().map(english).collect::<Vec<_>>(),
        "products": products,
        "left_out": proposal.left_out.iter().map(|l| json!({
            "code": l.code,
            "reason": match &l.reason {
                crate::domain::offer::LeftOutReason::Held => "held",
                crate::domain::offer::LeftOutReason::Dropped => "dropped",
                crate::domain::offer::LeftOutReason::DroppedWith { .. } => "dropped_with",
            },
            "message": l.message().to_string(),
        })).collect::<Vec<_>>(),
        "notes": proposal.notes.iter().map(english).collect::<Vec<_>>(),
        "client": {
            "currency": price.currency.as_str(),
            "fees_per_month": money(price.fees_per_month),
            "fees_per_year": money(price.fees_per_year),
            "package_fee_per_year": money(price.package_fee_per_year),
            "separate_fees_per_year": money(price.separate_fees_per_year),
            "fee_saving_per_year": money(price.fee_saving_per_year),
            "one_off_fees": money(price.one_off_fees),
            "separate_one_off_fees": money(price.separate_one_off_fees),
            "interest_earned_per_year": money(price.interest_earned_per_year),
            "separate_interest_earned_per_year": money(price.separate_interest_earned_per_year),
            "interest_charged_per_year": money(price.interest_charged_per_year),
            "separate_interest_charged_per_year": money(price.separate_interest_charged_per_year),
            "saves": price.saves(),
        },
        "visit_plan": {
            "steps": proposal.plan.steps.iter().map(|s| json!({
                "step": match s.kind {
                    crate::domain::offer::StepKind::Identify => "identify",
                    crate::domain::offer::StepKind::VerifyData => "verify_data",
                    crate::domain::offer::StepKind::Open => "open",
                    crate::domain::offer::StepKind::CreditDecision => "credit_decision",
                },
                "product": s.product,
                "minutes": s.minutes.normalize().to_string(),
            })).collect::<Vec<_>>(),
            "total_minutes": proposal.plan.total.normalize().to_string(),
            "limit_minutes": proposal.plan.limit.map(|l| l.normalize().to_string()),
            "fits": proposal.plan.fits(),
        },
        "bank": {
            "currency": breakdown.currency.as_str(),
            "revenue": money(breakdown.revenue),
            "profit": money(breakdown.profit),
            "margin": breakdown.margin.map(fraction),
            "visit_cost": money(breakdown.visit_total),
            "lines": proposal.result.products.iter().zip(&breakdown.lines).map(|(p, l)| json!({
                "product": p.code,
                "revenue": money(l.breakdown.revenue),
                "profit": money(l.breakdown.profit),
            })).collect::<Vec<_>>(),
            "warnings": proposal.result.warnings().iter().map(english).collect::<Vec<_>>(),
        },
    })
}

fn offer_json(offer: &StoredOffer) -> Value {
    let r = &offer.record;
    let (reason, note) = match &r.outcome {
        crate::domain::offer::Outcome::Declined { reason, note } => (
            Some(reason.as_str()),
            Some(note.as_str()).filter(|n| !n.is_empty()),
        ),
        _ => (None, None),
    };
    json!({
        "id": offer.id,
        "crm_id": r.crm_id,
        "client_name": r.client_name,
        "advisor": r.advisor_name,
        "sales_point": r.sales_point,
        "segment": r.segment,
        "matrix_version": r.matrix_version,
        "main_product": r.main_product,
        "outcome": r.outcome.as_str(),
        "decline_reason": reason,
        "note": note,
        "badge": r.badge.as_str(),
        "flagged_for_finance": r.flagged_for_finance,
        "currency": r.currency.as_str(),
        "revenue": money(r.revenue),
        "profit": money(r.profit),
        "margin": r.margin.map(fraction),
        "fees_per_year": money(r.fees_per_year),
        "separate_fees_per_year": money(r.separate_fees_per_year),
        "one_off_fees": money(r.one_off_fees),
        "interest_earned_per_year": money(r.interest_earned_per_year),
        "visit_minutes": r.visit_minutes.normalize().to_string(),
        "offered_on": r.offered_on,
        "valid_until": r.valid_until,
        "recorded_at": offer.created_at,
        "positions": r.positions.iter().map(|p| json!({
            "product": p.product,
            "name": p.product_name,
            "role": p.role.as_str(),
            "status": p.status.as_str(),
            "accepted": p.accepted,
            "opened_on": offer.openings.iter().find(|o| o.product == p.product).map(|o| o.opened_on),
            "expected_take_up": p.expected_take_up.map(fraction),
            "chosen_amount": p.chosen_amount.map(money),
            "subject_to_approval": p.subject_to_approval,
            "terms": terms_json(&p.terms),
            "revenue": money(p.revenue),
            "profit": money(p.profit),
        })).collect::<Vec<_>>(),
    })
}

/// `POST /api/v1/offers/propose`
///
/// # Errors
/// 422 naming the field (`crm_id`, `main_product`, `sales_point`, `drop`, `amounts.CODE`,
/// `data_confirmed`).
#[utoipa::path(
    post,
    path = "/api/v1/offers/propose",
    operation_id = "propose_offer",
    tag = "offers",
    summary = "Propose the combined product",
    description = "What the desk would show the client at the sales point for the main product: \
        the products with their terms, what the client pays and saves, the visit plan and the \
        bank's figures. Records nothing. Advisors, at a sales point they work at today.",
    request_body = ProposeBody,
    responses(
        (status = 200, description = "The proposal", body = ProposalDoc),
        (status = 400, description = "The body is not JSON, or has an unknown field", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 422, description = "The field that prevents a proposal: `crm_id`, `main_product`, `sales_point`, `drop`, `amounts.CODE`, `data_confirmed`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn propose(
    identity: Identity,
    state: web::Data<AppState>,
    body: web::Json<ProposeBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let asked = asked(ProposeFields {
        crm_id: body.crm_id,
        main_product: body.main_product,
        sales_point: body.sales_point,
        drop: body.drop,
        amounts: body.amounts,
        data_confirmed: body.data_confirmed,
    })?;
    let (_, desk, proposal) = proposed(&state, &identity, &asked).await?;
    Ok(HttpResponse::Ok().json(proposal_json(&proposal, &desk, &asked.crm_id)))
}

/// `POST /api/v1/offers`: 201 with the stored offer; 200 with the same offer when the key was
/// recorded before.
///
/// # Errors
/// As [`propose`]; 422 for the outcome's fields (`outcome.accepted`, `outcome.reason` …).
#[utoipa::path(
    post,
    path = "/api/v1/offers",
    operation_id = "record_offer",
    tag = "offers",
    summary = "Record an offer and its outcome",
    description = "Proposes as `/api/v1/offers/propose` does and records the client's answer, once per \
        `request_key`: sending the same key again returns the offer recorded the first time. Advisors.",
    request_body = RecordBody,
    responses(
        (status = 201, description = "Recorded", body = Offer,
            headers(("Location" = String, description = "The offer's URL, `/api/v1/offers/{id}`"))),
        (status = 200, description = "Recorded before under this `request_key`", body = Offer,
            headers(("Location" = String, description = "The offer's URL, `/api/v1/offers/{id}`"))),
        (status = 400, description = "The body is not JSON, or has an unknown field", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 422, description = "As for a proposal; also `request_key` and the outcome's fields (`outcome.outcome`, `outcome.accepted`, `outcome.reason`, `outcome.note`)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn record(
    identity: Identity,
    state: web::Data<AppState>,
    body: web::Json<RecordBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let key = body.request_key.trim().to_owned();
    if key.is_empty() || key.len() > 64 {
        return Err(invalid("request_key", "must be 1 to 64 characters"));
    }
    let asked = asked(ProposeFields {
        crm_id: body.crm_id,
        main_product: body.main_product,
        sales_point: body.sales_point,
        drop: body.drop,
        amounts: body.amounts,
        data_confirmed: body.data_confirmed,
    })?;
    let (client, desk, proposal) = proposed(&state, &identity, &asked).await?;
    let in_bundle: Vec<String> = proposal.products.iter().map(|p| p.code.clone()).collect();
    let form = OutcomeForm {
        outcome: body.outcome.outcome,
        accepted: body.outcome.accepted,
        reason: body.outcome.reason,
        note: body.outcome.note,
    };
    let outcome = form.parse(&in_bundle).map_err(|errors| {
        ApiError::Invalid(
            errors
                .iter()
                .map(|e| (format!("outcome.{}", e.field), e.message.to_string()))
                .collect(),
        )
    })?;
    let record = desk.record(&proposal, outcome, &client, &identity.user, &key);
    let recorded = store(&state.db, &identity.author(), &record).await?;
    let stored = offers::find(&state.db, recorded.id())
        .await?
        .ok_or_else(|| ApiError::NotFound("the offer just recorded".into()))?;
    let status = match recorded {
        Recorded::New(_) => actix_web::http::StatusCode::CREATED,
        Recorded::Existing(_) => actix_web::http::StatusCode::OK,
    };
    Ok(HttpResponse::build(status)
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/offers/{}", stored.id),
        ))
        .json(offer_json(&stored)))
}

async fn visible(state: &AppState, identity: &Identity, id: i32) -> Result<StoredOffer, ApiError> {
    crate::service::desk::offer_for(&state.db, &identity.user, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("offer {id} not found")))
}

/// `GET /api/v1/offers/{id}`
///
/// # Errors
/// 404 for an unknown offer, or another advisor's.
#[utoipa::path(
    get,
    path = "/api/v1/offers/{id}",
    operation_id = "get_offer",
    tag = "offers",
    summary = "A recorded offer",
    description = "Advisors read their own offers; product managers and finance read all.",
    params(("id" = i32, Path, description = "The offer's id")),
    responses(
        (status = 200, description = "The offer", body = Offer),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No such offer, or another advisor's", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let offer = visible(&state, &identity, *path).await?;
    Ok(HttpResponse::Ok().json(offer_json(&offer)))
}

/// `POST /api/v1/offers/{id}/opened`: core banking confirms products opened; 200 with the
/// offer. A product confirmed before keeps its first date.
///
/// # Errors
/// 404 for an unknown offer; 422 (`products`) for a product not offered in the bundle.
#[utoipa::path(
    post,
    path = "/api/v1/offers/{id}/opened",
    operation_id = "confirm_opened",
    tag = "offers",
    summary = "Confirm products opened",
    description = "Core banking confirms which products of the offer were opened, and on which day \
        (today when `opened_on` is absent). A product confirmed before keeps its first date. \
        Product managers, administrators.",
    params(("id" = i32, Path, description = "The offer's id")),
    request_body = OpenedBody,
    responses(
        (status = 200, description = "The offer, with the openings", body = Offer),
        (status = 400, description = "The body is not JSON, or has an unknown field", body = ErrorBody),
        (status = 401, description = "No valid bearer token", body = ErrorBody),
        (status = 403, description = "The token's role may not call this, or its user must first choose a new password on the web", body = ErrorBody),
        (status = 404, description = "No such offer", body = ErrorBody),
        (status = 422, description = "`products` is empty or names a product not in the bundle", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn opened(
    identity: Identity,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    body: web::Json<OpenedBody>,
) -> Result<HttpResponse, ApiError> {
    let id = *path;
    let body = body.into_inner();
    if body.products.is_empty() {
        return Err(invalid("products", "name at least one product"));
    }
    let day = body.opened_on.unwrap_or_else(|| Utc::now().date_naive());
    audit::audited(&state.db, async |db| {
        offers::record_opened(db, id, &body.products, day, &identity.user.username).await?;
        let entry = identity
            .author()
            .entry(Action::Confirmed, Subject::Offer, id.to_string())
            .after(
                Fields::new()
                    .with("opened", body.products.join(", "))
                    .with("opened_on", day),
            );
        Ok(((), entry))
    })
    .await?;
    let offer = offers::find(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("offer {id} not found")))?;
    Ok(HttpResponse::Ok().json(offer_json(&offer)))
}
