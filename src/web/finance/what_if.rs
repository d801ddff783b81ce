//! What-if for finance: shift the bank's inputs for one segment's bundles or the whole
//! portfolio and see the scenario next to the baseline, with the verdicts that change; save a
//! scenario by name to ask it again. Nothing live is written (a saved scenario is only the
//! question).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::domain::message::Message;
use crate::domain::product::parse_decimal_input;
use crate::domain::what_if::Shifts;
use crate::i18n::Lang;
use crate::persistence::{StoreError, scenarios, segments};
use crate::service::portfolio::inputs;
use crate::service::what_if::{Outcome, run};
use crate::web::error::WebError;
use crate::web::format::{margin, money};
use crate::web::identity::Identity;
use crate::web::layout::{Layout, Section};
use crate::web::pages::render_with;
use crate::web::state::AppState;

/// The form as typed (GET for a question, POST to save it).
#[derive(Deserialize, Default, Clone)]
pub struct ShiftForm {
    #[serde(default)]
    segment: String,
    #[serde(default)]
    ftp_bp: String,
    #[serde(default)]
    usage: String,
    #[serde(default)]
    take_up: String,
    #[serde(default)]
    costs: String,
    #[serde(default)]
    fees: String,
    #[serde(default)]
    branch_cost: String,
    /// A saved scenario to ask again.
    #[serde(default)]
    scenario: Option<i32>,
    /// The name to save under (POST).
    #[serde(default)]
    name: String,
}

impl ShiftForm {
    fn fields(&self) -> [(&'static str, &String); 6] {
        [
            ("ftp_bp", &self.ftp_bp),
            ("usage", &self.usage),
            ("take_up", &self.take_up),
            ("costs", &self.costs),
            ("fees", &self.fees),
            ("branch_cost", &self.branch_cost),
        ]
    }

    fn asked(&self) -> bool {
        self.fields().iter().any(|(_, v)| !v.trim().is_empty())
    }

    /// The shifts, or each field's problem as "field: why".
    fn parse(&self, lang: Lang) -> Result<Shifts, Vec<String>> {
        let mut problems = Vec::new();
        let mut value = |name: &str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return Decimal::ZERO;
            }
            parse_decimal_input(text).unwrap_or_else(|message| {
                problems.push(format!(
                    "{}: {}",
                    lang.text(label_key(name)),
                    lang.message(&message)
                ));
                Decimal::ZERO
            })
        };
        let shifts = Shifts {
            ftp_bp: value("ftp_bp", &self.ftp_bp),
            usage: value("usage", &self.usage),
            take_up: value("take_up", &self.take_up),
            costs: value("costs", &self.costs),
            fees: value("fees", &self.fees),
            branch_cost: value("branch_cost", &self.branch_cost),
        };
        if let Err(errors) = shifts.check() {
            problems.extend(errors.iter().map(|e| {
                format!(
                    "{}: {}",
                    lang.text(label_key(&e.field)),
                    lang.message(&e.message)
                )
            }));
        }
        if problems.is_empty() {
            Ok(shifts)
        } else {
            Err(problems)
        }
    }

    fn from_saved(saved: &scenarios::Scenario) -> Self {
        let text = |d: Decimal| d.normalize().to_string();
        Self {
            segment: saved.segment.clone().unwrap_or_default(),
            ftp_bp: text(saved.shifts.ftp_bp),
            usage: text(saved.shifts.usage),
            take_up: text(saved.shifts.take_up),
            costs: text(saved.shifts.costs),
            fees: text(saved.shifts.fees),
            branch_cost: text(saved.shifts.branch_cost),
            scenario: Some(saved.id),
            name: saved.name.clone(),
        }
    }
}

/// The label of a shift's field.
fn label_key(field: &str) -> &'static str {
    match field {
        "ftp_bp" => "what-if-ftp_bp",
        "usage" => "what-if-usage",
        "take_up" => "what-if-take_up",
        "costs" => "what-if-costs",
        "fees" => "what-if-fees",
        _ => "what-if-branch_cost",
    }
}

pub struct Line {
    pub bundle: String,
    pub baseline_profit: String,
    pub scenario_profit: String,
    pub baseline_margin: String,
    pub scenario_margin: String,
    pub projected_baseline: String,
    pub projected_scenario: String,
    /// What blocks it now that did not (or no longer blocks), in words.
    pub verdicts: Vec<String>,
    pub no_longer_blocked: bool,
}

#[derive(Template)]
#[template(path = "finance/what_if.html")]
struct WhatIfPage {
    layout: Layout,
    form: ShiftForm,
    segments: Vec<(String, String)>,
    saved: Vec<(i32, String)>,
    errors: Vec<String>,
    notice: Option<String>,
    totals: Option<[String; 6]>,
    lines: Vec<Line>,
}

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".to_owned())
}

fn lines(lang: Lang, currency: crate::domain::money::Currency, outcome: &Outcome) -> Vec<Line> {
    let m = |v: Option<Decimal>| or_dash(v.map(|v| money(lang, v, currency)));
    let r = |v: Option<Decimal>| or_dash(v.map(|v| margin(lang, v)));
    outcome
        .bundles
        .iter()
        .map(|c| {
            let (b, s) = (&c.baseline, &c.scenario);
            let newly: Vec<String> = (s.blocking.iter())
                .filter(|m| !b.blocking.contains(m))
                .map(|m| lang.message(m))
                .collect();
            Line {
                bundle: format!("{} v{} · {} · {}", b.segment, b.version, b.point, b.main),
                baseline_profit: m(b.profit),
                scenario_profit: m(s.profit),
                baseline_margin: r(b.margin),
                scenario_margin: r(s.margin),
                projected_baseline: money(lang, b.projected_profit, currency),
                projected_scenario: money(lang, s.projected_profit, currency),
                no_longer_blocked: !b.blocking.is_empty() && s.blocking.is_empty(),
                verdicts: newly,
            }
        })
        .collect()
}

async fn page(
    state: &AppState,
    identity: &Identity,
    form: ShiftForm,
    notice: Option<String>,
    mut errors: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let segment_list = segments::list(&state.db).await?;
    let mut view = WhatIfPage {
        layout: Layout::new(lang.text("what-if-title"), Some(identity), Section::Finance),
        segments: segment_list
            .iter()
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect(),
        saved: scenarios::all(&state.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect(),
        errors: Vec::new(),
        notice,
        totals: None,
        lines: Vec::new(),
        form: form.clone(),
    };
    if form.asked() && errors.is_empty() {
        match form.parse(lang) {
            Ok(shifts) => {
                let today = Utc::now().date_naive();
                let loaded = inputs(&state.db, today).await?;
                let currency = loaded.bank.settings.reporting_currency;
                let segment = (!form.segment.is_empty()).then(|| form.segment.clone());
                // The engine's work is bounded by the bank's size: off the async workers.
                let outcome = web::block(move || run(loaded, &shifts, segment.as_deref()))
                    .await
                    .map_err(|e| WebError::Internal(e.into()))?;
                match outcome {
                    Ok(outcome) => {
                        let m = |v: Decimal| money(lang, v, currency);
                        let r = |v: Option<Decimal>| or_dash(v.map(|v| margin(lang, v)));
                        view.totals = Some([
                            m(outcome.baseline_revenue),
                            m(outcome.scenario_revenue),
                            m(outcome.baseline_profit),
                            m(outcome.scenario_profit),
                            r(outcome.baseline_margin()),
                            r(outcome.scenario_margin()),
                        ]);
                        view.lines = lines(lang, currency, &outcome);
                    }
                    Err(problem) => errors.push(lang.message(&problem)),
                }
            }
            Err(problems) => errors.extend(problems),
        }
    }
    let status = if errors.is_empty() || status != StatusCode::OK {
        status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    view.errors = errors;
    render_with(status, &view)
}

/// `GET /finance/what-if`: the form, and the scenario next to the baseline once asked.
pub async fn show(
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<ShiftForm>,
) -> Result<HttpResponse, WebError> {
    let mut form = query.into_inner();
    if let Some(id) = form.scenario
        && !form.asked()
    {
        let saved = scenarios::find(&state.db, id).await?.ok_or_else(|| {
            WebError::NotFound(
                Message::new("error-not-found").with("what", format!("scenario {id}")),
            )
        })?;
        form = ShiftForm::from_saved(&saved);
    }
    page(&state, &identity, form, None, Vec::new(), StatusCode::OK).await
}

/// `POST /finance/what-if/scenarios`: saves the scenario under a name.
pub async fn save(
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<ShiftForm>,
) -> Result<HttpResponse, WebError> {
    let lang = identity.language;
    let form = form.into_inner();
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 80 {
        let problem = lang.text("what-if-name-required");
        return page(
            &state,
            &identity,
            form,
            None,
            vec![problem],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let shifts = match form.parse(lang) {
        Ok(shifts) => shifts,
        Err(problems) => {
            return page(
                &state,
                &identity,
                form,
                None,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let segment = (!form.segment.is_empty()).then_some(form.segment.as_str());
    match scenarios::save(&state.db, &name, segment, &shifts, &identity.user.username).await {
        Ok(id) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/finance/what-if?scenario={id}")))
            .finish()),
        Err(StoreError::Conflict { field: "name", .. }) => {
            let problem = lang.message(&Message::new("what-if-name-taken").with("name", &name));
            page(
                &state,
                &identity,
                form,
                None,
                vec![problem],
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}
