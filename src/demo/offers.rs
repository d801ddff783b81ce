//! A few months of deterministic offers, made through the desk's own proposal and recorded as
//! an advisor would, so that the results page of a fresh demo is not empty. Idempotent: each
//! offer's one-time key is derived from its client and day.

use std::sync::Arc;

use anyhow::Context;
use chrono::{Days, NaiveDate};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder, QuerySelect};

use crate::domain::offer::{DeclineReason, Outcome, Recording, Request, record};
use crate::persistence::entities::client;
use crate::persistence::{clients, offers, segments, users};
use crate::service::desk::{DeskBank, DeskContext};

/// Clients the demo's advisor has seen.
const CLIENTS_SEEN: u64 = 600;
/// Over this many days before the demo date.
const DAYS: u64 = 90;

/// Records the demo's offers not recorded yet; returns how many it added.
///
/// # Errors
/// Database errors; a demo proposal the engine cannot evaluate.
pub async fn seed_offers(db: &DatabaseConnection, as_of: NaiveDate) -> anyhow::Result<u64> {
    let advisor = users::find_by_username(db, "advisor")
        .await?
        .context("the demo advisor")?;
    let ranked = segments::active_ranked(db).await?;
    let context = Arc::new(DeskContext::load(db, as_of, ranked, None).await?);
    let rows = client::Entity::find()
        .order_by_asc(client::Column::Id)
        .limit(CLIENTS_SEEN)
        .all(db)
        .await?;
    let mut added = 0;
    for (i, row) in rows.iter().enumerate() {
        let client = clients::row_to_domain(db, row).await?;
        let Some(point) = client.home_sales_point.clone() else {
            continue;
        };
        let Ok(desk) = DeskBank::new(Arc::clone(&context), &client, &point) else {
            continue;
        };
        let candidates = desk.candidates(&client);
        if candidates.is_empty() || !client.consent_to_offers {
            continue;
        }
        let main = candidates[i % candidates.len()].code.clone();
        let mut request = Request {
            main,
            data_confirmed: true,
            ..Request::default()
        };
        let Ok(full) = desk.propose(&client, &request) else {
            continue;
        };
        // Every seventh client does not want the last add-on.
        if i % 7 == 3
            && let Some(last) = full.products.last().filter(|p| p.code != full.main)
        {
            request.drop.insert(last.code.clone());
        }
        let Ok(proposal) = desk.propose(&client, &request) else {
            continue;
        };
        let outcome = match i % 10 {
            0..=5 => Outcome::AcceptedAll,
            6 | 7 => Outcome::AcceptedSome(
                (proposal.products.iter().take(2))
                    .map(|p| p.code.clone())
                    .collect(),
            ),
            _ => Outcome::Declined {
                reason: DeclineReason::ALL[i % DeclineReason::ALL.len()],
                note: if i % 10 == 9 {
                    "Will come back with the spouse".into()
                } else {
                    String::new()
                },
            },
        };
        let offered_on = as_of
            .checked_sub_days(Days::new(i as u64 * 3 % DAYS))
            .unwrap_or(as_of);
        let key = format!("demo-{}-{offered_on}", client.crm_id.as_str());
        let who = Recording {
            request_key: &key,
            crm_id: client.crm_id.as_str(),
            client_name: &client.full_name,
            advisor_id: advisor.id,
            advisor_name: &advisor.display_name,
            sales_point: &point,
            offered_on,
            valid_days: desk.bank().settings.desk.offer_valid_days,
        };
        let offer = record(&proposal, outcome, &who, &|code| desk.product_name(code));
        if let offers::Recorded::New(_) = offers::insert(db, &offer, row.id, |_| None).await? {
            added += 1;
        }
    }
    Ok(added)
}
