//! The advisor's desk: what a proposal for one client at one sales point needs (the bank, the
//! point, the client's segments best first with the matrix version each has in force today),
//! loaded in a fixed number of queries, and recording the outcome.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::domain::audit::{Action, Author, Fields, Subject};
use crate::domain::bank::SalesPoint;
use crate::domain::client::Client;
use crate::domain::matrix::{CatalogEntry, PointPlace, ResolveError, ResolvedCell, resolve_point};

/// A matrix resolved at one point: a cell per catalog entry, or why the cells disagree.
type Resolved = Result<Vec<Arc<ResolvedCell>>, ResolveError>;

/// A segment's version in force, its catalog (with the terms it froze), resolved at the point.
type SegmentVersion<'a> = (&'a StoredVersion, Vec<CatalogEntry<'a>>, Arc<Resolved>);
use crate::domain::offer::{
    Desk, MainCandidate, OfferRecord, Outcome, Proposal, Recording, Refusal, Request, SegmentOffer,
    VersionOffer, main_candidates, propose, record,
};
use crate::domain::profitability::Valuation;
use crate::domain::segment::{RankedSegment, rank};
use crate::persistence::matrices::{self, StoredVersion};
use crate::persistence::offers::{self, Recorded};
use crate::persistence::users::StaffUser;
use crate::persistence::{StoreError, clients, generation, products, segments};
use crate::service::matrices::BankView;

/// Why the desk cannot work for this request.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The sales point is unknown, or not one the user works at today.
    #[error("sales point {0} is not one you work at today")]
    NotYourPoint(String),
    #[error("the user has no sales point")]
    NoPoint,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The sales point `user` works at on `today` (see `StaffUser::working_point`), or `asked`
/// when it is that one or the user's home point.
///
/// # Errors
/// `NoPoint` without one; `NotYourPoint` for another point.
pub fn point_for<'a>(
    user: &'a StaffUser,
    asked: Option<&'a str>,
    today: NaiveDate,
) -> Result<&'a str, DeskError> {
    let working = user.working_point(today);
    match (asked, working) {
        (Some(asked), Some(working)) if asked == working => Ok(asked),
        (Some(asked), _) if user.home_sales_point.as_deref() == Some(asked) => Ok(asked),
        (Some(asked), _) => Err(DeskError::NotYourPoint(asked.to_owned())),
        (None, Some(working)) => Ok(working),
        (None, None) => Err(DeskError::NoPoint),
    }
}

/// The bank as the desk offers from it on one day: settings, points, catalog and rates, the
/// active segments, the matrix version each has in force, and product names. Loaded for one
/// client's segments per request, or for every segment once (the demo's offers, a cache).
pub struct DeskContext {
    pub bank: BankView,
    /// Each segment's in-force matrix resolved at a sales point, as it is first asked for:
    /// (segment, point) → one cell per catalog entry, in `BankView::catalog`'s order.
    resolved: std::sync::Mutex<HashMap<(String, String), Arc<Resolved>>>,
    ranked: Vec<RankedSegment>,
    versions: HashMap<String, StoredVersion>,
    names: HashMap<String, String>,
}

impl DeskContext {
    /// The context with the in-force versions of `segments` only (all active ones: `None`).
    ///
    /// # Errors
    /// Database errors; `Invalid` when the bank is not set up.
    pub async fn load(
        db: &impl ConnectionTrait,
        today: NaiveDate,
        ranked: Vec<RankedSegment>,
        segments: Option<&[String]>,
    ) -> Result<Self, StoreError> {
        let all: Vec<String>;
        let codes = match segments {
            Some(codes) => codes,
            None => {
                all = ranked.iter().map(|s| s.code.clone()).collect();
                &all
            }
        };
        let versions = matrices::in_force_for(db, codes, today)
            .await?
            .into_iter()
            .map(|v| (v.info.segment.clone(), v))
            .collect();
        Ok(Self {
            resolved: std::sync::Mutex::default(),
            bank: BankView::load(db, today).await?,
            names: products::names(db).await?,
            ranked,
            versions,
        })
    }
}

impl DeskContext {
    /// The active segments, for ranking a client.
    pub fn ranked(&self) -> &[RankedSegment] {
        &self.ranked
    }

    /// Product names by code.
    pub fn names(&self) -> &HashMap<String, String> {
        &self.names
    }

    /// `version` of `segment` resolved at `place`, computed once per context.
    fn resolved_at(
        &self,
        segment: &str,
        version: &StoredVersion,
        catalog: &[CatalogEntry<'_>],
        place: &PointPlace,
    ) -> Arc<Resolved> {
        let key = (segment.to_owned(), place.code.clone());
        if let Some(known) = self.resolved.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return known;
        }
        let resolved = Arc::new(
            resolve_point(&version.content, catalog, place)
                .map(|cells| cells.into_iter().map(|(_, cell)| cell).collect()),
        );
        if let Ok(mut map) = self.resolved.lock() {
            map.insert(key, Arc::clone(&resolved));
        }
        resolved
    }
}

/// The desk's context for every segment, kept between requests while the bank's generation
/// (raised by database triggers on every change to the data it holds) and the day stay the
/// same: a request then reads one counter instead of the catalog, the segments and the
/// matrices. Safe with several servers on one database: each reads the counter.
#[derive(Default)]
pub struct DeskCache {
    slot: tokio::sync::Mutex<Option<Cached>>,
}

struct Cached {
    generation: i64,
    day: NaiveDate,
    context: Arc<DeskContext>,
}

impl DeskCache {
    /// The context for `today`, reloaded when the bank changed since it was loaded. One request
    /// reloads; the others wait for it rather than load the same data again.
    ///
    /// # Errors
    /// Database errors; `Invalid` when the bank is not set up.
    pub async fn context(
        &self,
        db: &impl ConnectionTrait,
        today: NaiveDate,
    ) -> Result<Arc<DeskContext>, StoreError> {
        // Read before loading: a change during the load leaves an older tag, so the next
        // request reloads.
        let generation = generation::current(db).await?;
        self.context_at(db, today, generation).await
    }

    /// [`DeskCache::context`] for a generation the caller read already (with the client's
    /// row, in the same query: see [`DeskCache::client`]).
    ///
    /// # Errors
    /// Database errors; `Invalid` when the bank is not set up.
    pub async fn context_at(
        &self,
        db: &impl ConnectionTrait,
        today: NaiveDate,
        generation: i64,
    ) -> Result<Arc<DeskContext>, StoreError> {
        let mut slot = self.slot.lock().await;
        if let Some(cached) = slot.as_ref()
            && cached.generation == generation
            && cached.day == today
        {
            return Ok(Arc::clone(&cached.context));
        }
        let ranked = segments::active_ranked(db).await?;
        let context = Arc::new(DeskContext::load(db, today, ranked, None).await?);
        *slot = Some(Cached {
            generation,
            day: today,
            context: Arc::clone(&context),
        });
        Ok(context)
    }

    /// The client with this CRM id and the desk's context, in one query for both (the row
    /// carries its home point's code and the bank's generation); the context is `Err` while
    /// the bank is not set up (`Invalid`).
    ///
    /// # Errors
    /// Database errors; `Invalid` for a corrupt row.
    pub async fn client(
        &self,
        db: &impl ConnectionTrait,
        crm_id: &str,
        today: NaiveDate,
    ) -> Result<Option<(Client, Result<Arc<DeskContext>, StoreError>)>, StoreError> {
        let Some(found) = clients::find_for_desk(db, crm_id).await? else {
            return Ok(None);
        };
        let client = clients::to_domain(&found.row, found.home_point)?;
        let context = self.context_at(db, today, found.generation).await;
        Ok(Some((client, context)))
    }
}

/// One client at one sales point: the client's segments (best first) and what each offers.
pub struct DeskBank {
    context: Arc<DeskContext>,
    pub point: SalesPoint,
    /// (code, name) of each segment the client is in, best first.
    pub segments: Vec<(String, String)>,
}

impl DeskBank {
    /// Loads what a proposal for `client` at `point` needs, in a fixed number of queries.
    ///
    /// # Errors
    /// `NotYourPoint` for an unknown point; database errors.
    pub async fn load(
        db: &impl ConnectionTrait,
        client: &Client,
        point: &str,
        today: NaiveDate,
    ) -> Result<Self, DeskError> {
        let ranked = segments::active_ranked(db).await?;
        let matched: Vec<String> = rank(&ranked, client, today)
            .0
            .iter()
            .map(|m| m.segment.code.clone())
            .collect();
        let context = DeskContext::load(db, today, ranked, Some(&matched)).await?;
        Self::new(Arc::new(context), client, point)
    }

    /// `client` at `point` in a context already loaded.
    ///
    /// # Errors
    /// `NotYourPoint` for a point the bank does not have.
    pub fn new(context: Arc<DeskContext>, client: &Client, point: &str) -> Result<Self, DeskError> {
        let segments = rank(&context.ranked, client, context.bank.today)
            .0
            .iter()
            .map(|m| (m.segment.code.clone(), m.segment.name.clone()))
            .collect();
        Self::ranked(context, segments, point)
    }

    /// Like [`DeskBank::new`], for a client whose segments (code, name; best first) the caller
    /// has ranked already (the card, which explains them too).
    ///
    /// # Errors
    /// `NotYourPoint` for a point the bank does not have.
    pub fn ranked(
        context: Arc<DeskContext>,
        segments: Vec<(String, String)>,
        point: &str,
    ) -> Result<Self, DeskError> {
        let point = (context.bank.points.iter())
            .find(|p| p.code == point)
            .cloned()
            .ok_or_else(|| DeskError::NotYourPoint(point.to_owned()))?;
        Ok(Self {
            context,
            point,
            segments,
        })
    }

    pub fn bank(&self) -> &BankView {
        &self.context.bank
    }

    /// A product's name, or its code when the catalog has none.
    pub fn product_name(&self, code: &str) -> String {
        self.context
            .names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// Runs `f` with the client's segments as the domain offers from them.
    fn with_segments<R>(&self, f: impl FnOnce(&[SegmentOffer<'_>]) -> R) -> R {
        let place = self.point.place();
        let catalogs: Vec<Option<SegmentVersion<'_>>> = (self.segments.iter())
            .map(|(code, _)| {
                let version = self.context.versions.get(code)?;
                let catalog = self.bank().catalog(&version.frozen_terms);
                let resolved = self.context.resolved_at(code, version, &catalog, &place);
                Some((version, catalog, resolved))
            })
            .collect();
        let offers: Vec<SegmentOffer<'_>> = (self.segments.iter())
            .zip(&catalogs)
            .map(|((code, name), catalog)| SegmentOffer {
                code,
                name,
                version: catalog
                    .as_ref()
                    .map(|(version, catalog, resolved)| VersionOffer {
                        number: u32::try_from(version.info.number).unwrap_or(0),
                        content: &version.content,
                        catalog,
                        resolved: Some(resolved),
                    }),
            })
            .collect();
        f(&offers)
    }

    pub fn candidates(&self, client: &Client) -> Vec<MainCandidate> {
        self.with_segments(|segments| main_candidates(segments, &self.point, &client.products_held))
    }

    /// # Errors
    /// The domain's [`Refusal`].
    pub fn propose(&self, client: &Client, request: &Request) -> Result<Proposal, Refusal> {
        let bank = self.bank();
        let desk = Desk {
            point: &self.point,
            settings: &bank.settings,
            valuation: Valuation {
                rates: &bank.rates,
                on: bank.today,
            },
            today: bank.today,
        };
        self.with_segments(|segments| propose(segments, client, &desk, request))
    }

    /// The record of `proposal` with `outcome`, as `advisor` makes it today.
    pub fn record(
        &self,
        proposal: &Proposal,
        outcome: Outcome,
        client: &Client,
        advisor: &StaffUser,
        request_key: &str,
    ) -> OfferRecord {
        let who = Recording {
            request_key,
            crm_id: client.crm_id.as_str(),
            client_name: client.name_or_id(),
            advisor_id: advisor.id,
            advisor_name: &advisor.display_name,
            sales_point: &self.point.code,
            offered_on: self.bank().today,
            valid_days: self.bank().settings.desk.offer_valid_days,
        };
        record(proposal, outcome, &who, &|code| self.product_name(code))
    }
}

/// Stores `record` for the client with CRM id `crm_id`, audited as `author`'s.
///
/// # Errors
/// `NotFound` for a client that vanished; database errors.
pub async fn store(
    db: &DatabaseConnection,
    author: &Author,
    record: &OfferRecord,
) -> Result<Recorded, StoreError> {
    let client_id = offers::client_row_id(db, &record.crm_id)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("client {}", record.crm_id),
        })?;
    offers::insert(db, record, client_id, |id| {
        let entry = author
            .entry(Action::Recorded, Subject::Offer, id.to_string())
            .after(
                Fields::new()
                    .with("client", &record.crm_id)
                    .with("sales_point", &record.sales_point)
                    .with("segment", &record.segment)
                    .with("matrix_version", record.matrix_version)
                    .with("main_product", &record.main_product)
                    .with("outcome", record.outcome.as_str())
                    .with("badge", record.badge.as_str())
                    .with("flagged_for_finance", record.flagged_for_finance),
            );
        Some(entry)
    })
    .await
}

/// Offer `id` as `user` may see it: advisors their own only (another's is `None`, as if it did
/// not exist, so that ids tell nothing); product managers and finance every one.
///
/// # Errors
/// Database errors; `Invalid` for rows edited by hand into nonsense.
pub async fn offer_for(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    id: i32,
) -> Result<Option<offers::StoredOffer>, StoreError> {
    let offer = offers::find(db, id).await?;
    Ok(offer.filter(|o| {
        user.role != crate::domain::user::Role::Advisor || o.record.advisor_id == user.id
    }))
}
