//! Finance's dashboard: every bundle of every matrix in force and every version in the making
//! (segment × sales point × main product), per client a year and projected over the clients it
//! reaches; the portfolio's totals; where products are subsidized or lose money alone; what the
//! charts draw. Client counts come from `persistence::populations`, counted again only when
//! what they depend on changed (the bank's generation, the clients, the day).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::matrices::BankView;
use crate::domain::matrix::{BundleResult, in_force};
use crate::domain::message::Message;
use crate::domain::portfolio::{Waterfall, margin, project, visit_shares, waterfall};
use crate::domain::profitability::{Outcome, Reason};
use crate::domain::segment::RankedSegment;
use crate::persistence::matrices::{self, StoredVersion, VersionStatus};
use crate::persistence::populations::{self, Population};
use crate::persistence::{StoreError, segments};

/// One bundle's line on the dashboard and in its exports; amounts exact to the kopeck.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleRow {
    pub segment: String,
    pub version: i32,
    /// `published` (in force), `draft` or `submitted`.
    pub status: &'static str,
    pub point: String,
    pub main: String,
    /// Per client a year; `None` when the engine could not evaluate the bundle.
    pub revenue: Option<Decimal>,
    pub profit: Option<Decimal>,
    pub margin: Option<Decimal>,
    pub visit_share: Decimal,
    pub clients: Decimal,
    pub projected_revenue: Decimal,
    pub projected_profit: Decimal,
    /// What stops it (or would stop its approval), in words.
    pub blocking: Vec<Message>,
}

/// A product running a loss inside a bundle, covered by the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subsidy {
    pub product: String,
    pub segment: String,
    pub point: String,
    pub main: String,
    pub message: Message,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub rows: Vec<BundleRow>,
    /// Over the bundles in force: clients reached, revenue and profit a year.
    pub clients: u64,
    pub revenue: Decimal,
    pub profit: Decimal,
    pub margin: Option<Decimal>,
    /// When the client counts were made.
    pub counted_at: Option<DateTime<Utc>>,
    pub subsidies: Vec<Subsidy>,
    /// Products losing money alone at their standalone terms (each once, with why).
    pub losing_alone: Vec<(String, Message)>,
    /// Projected profit a year of each product over the bundles in force (its share of them).
    pub profit_by_product: Vec<(String, Decimal)>,
    /// Projected margin of each segment at each point, bundles in force.
    pub margin_by_segment_point: Vec<(String, String, Option<Decimal>)>,
    /// Each active product alone at the first sales point: whether to keep or suspend it, and
    /// its recommended price against the market.
    pub products: Vec<ProductVerdict>,
    /// From sold separately to sold as a bundle, per client a year, for the bundle in focus
    /// (the first in force unless one is asked for): (segment, point, main) and its steps.
    pub waterfall: Option<(BundleKey, Waterfall)>,
}

/// A bundle's place: segment, sales point, main product.
pub type BundleKey = (String, String, String);

/// A product reviewed alone (as its catalog page does, at the first sales point).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductVerdict {
    pub code: String,
    pub name: String,
    pub suspend: bool,
    /// Keep or suspend, and why; the engine's error when it could not review it.
    pub verdict: Message,
    pub price: Option<Message>,
}

/// Every active product reviewed alone, suspension candidates first.
fn product_verdicts(inputs: &Inputs) -> Vec<ProductVerdict> {
    let bank = &inputs.bank;
    let Some(point) = bank.points.first() else {
        return Vec::new();
    };
    let valuation = crate::domain::profitability::Valuation {
        rates: &bank.rates,
        on: bank.today,
    };
    let in_bundle = |code: &str| {
        inputs.versions.iter().any(|v| {
            v.info.status == VersionStatus::Published
                && v.content.cells.iter().any(|c| {
                    c.product == code
                        && c.patch.role != Some(crate::domain::matrix::Role::NotOffered)
                })
        })
    };
    let mut out: Vec<ProductVerdict> = bank
        .products
        .iter()
        .filter(|p| p.status == crate::domain::product::ProductStatus::Active)
        .map(|p| {
            let review = crate::domain::profitability::review_catalog_product(
                p,
                &point.costs,
                bank.settings.bundle.target_margin,
                &valuation,
                in_bundle(&p.code),
            );
            match review {
                Ok(review) => {
                    let last = review.verdicts.last();
                    ProductVerdict {
                        code: p.code.clone(),
                        name: p.name.clone(),
                        suspend: last.is_some_and(|v| v.reason == Reason::SuspensionRecommended),
                        verdict: last
                            .map_or_else(|| Message::new("dashboard-none"), |v| v.message.clone()),
                        price: Some(review.price.explain(p.currency)),
                    }
                }
                Err(err) => ProductVerdict {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    suspend: false,
                    verdict: Message::new("portfolio-not-reviewed").with("error", err.to_string()),
                    price: None,
                },
            }
        })
        .collect();
    out.sort_by_key(|p| !p.suspend);
    out
}

/// The versions the dashboard shows: per segment, the one in force today and the one in the
/// making (draft or submitted), if any.
fn shown(versions: Vec<StoredVersion>, today: NaiveDate) -> Vec<StoredVersion> {
    let mut by_segment: BTreeMap<String, Vec<StoredVersion>> = BTreeMap::new();
    for v in versions {
        by_segment
            .entry(v.info.segment.clone())
            .or_default()
            .push(v);
    }
    let mut out = Vec::new();
    for (_, mut versions) in by_segment {
        let published: Vec<_> = versions
            .iter()
            .filter_map(StoredVersion::published)
            .collect();
        let live = in_force(&published, today).map(|p| i32::try_from(p.number()).unwrap_or(0));
        versions
            .retain(|v| Some(v.info.number) == live || v.info.status != VersionStatus::Published);
        out.extend(versions);
    }
    out
}

/// The client counts, counted again first when stale.
///
/// # Errors
/// Database errors.
pub async fn populations(
    db: &DatabaseConnection,
    today: NaiveDate,
) -> Result<(Vec<Population>, Option<DateTime<Utc>>), StoreError> {
    let stamp = populations::stamp(db, today).await?;
    let (kept, kept_stamp) = populations::kept(db).await?;
    if let Some((kept_stamp, at)) = kept_stamp
        && kept_stamp == stamp
    {
        return Ok((kept, Some(at)));
    }
    let versions = matrices::published_everywhere(db, false).await?;
    let live: BTreeSet<String> = shown(versions, today)
        .into_iter()
        .filter(|v| v.info.status == VersionStatus::Published)
        .map(|v| v.info.segment)
        .collect();
    let mut ranked: Vec<RankedSegment> = segments::active_ranked(db)
        .await?
        .into_iter()
        .filter(|s| live.contains(&s.code))
        .collect();
    ranked.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then_with(|| a.code.cmp(&b.code))
    });
    let counts = populations::count(db, &ranked, today).await?;
    // Microseconds: what both backends keep of a time.
    let at = Utc::now().trunc_subsecs(6);
    let txn = db.begin().await?;
    populations::keep(&txn, &counts, &stamp, at).await?;
    txn.commit().await?;
    Ok((counts, Some(at)))
}

/// What the dashboard is computed from: the bank, the versions shown, the client counts.
pub struct Inputs {
    pub bank: BankView,
    pub versions: Vec<StoredVersion>,
    pub counts: Vec<Population>,
    pub counted_at: Option<DateTime<Utc>>,
}

/// Loads the dashboard's inputs as of `today`.
///
/// # Errors
/// Database errors.
pub async fn inputs(db: &DatabaseConnection, today: NaiveDate) -> Result<Inputs, StoreError> {
    let (counts, counted_at) = populations(db, today).await?;
    Ok(Inputs {
        bank: BankView::load(db, today).await?,
        versions: shown(matrices::published_everywhere(db, true).await?, today),
        counts,
        counted_at,
    })
}

/// The dashboard as of `today`.
///
/// # Errors
/// Database errors.
pub async fn dashboard(db: &DatabaseConnection, today: NaiveDate) -> Result<Dashboard, StoreError> {
    Ok(compute(&inputs(db, today).await?, None))
}

/// The dashboard of `inputs` (no I/O: the what-if page computes shifted inputs with it too),
/// with the waterfall of the bundle in `focus` (the first in force when `None`).
pub fn compute(inputs: &Inputs, focus: Option<&BundleKey>) -> Dashboard {
    let Inputs {
        bank,
        versions,
        counts,
        counted_at,
    } = inputs;
    let counted_at = *counted_at;
    let clients_at = |segment: &str, point: &str| {
        counts
            .iter()
            .filter(|p| p.segment == segment && p.point.as_deref() == Some(point))
            .map(|p| p.clients)
            .sum::<u64>()
    };
    let mut board = Dashboard {
        counted_at,
        clients: counts.iter().map(|p| p.clients).sum(),
        ..Dashboard::default()
    };
    let mut by_product: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut by_place: BTreeMap<(String, String), (Decimal, Decimal)> = BTreeMap::new();
    let mut losing: BTreeMap<String, Message> = BTreeMap::new();
    for version in versions {
        let live = version.info.status == VersionStatus::Published;
        let segment = &version.info.segment;
        for point in bank.evaluate_version(version) {
            let Ok(bundles) = &point.bundles else {
                continue;
            };
            let shares = visit_shares(bundles);
            let reached = clients_at(segment, &point.point);
            for (bundle, share) in bundles.iter().zip(shares) {
                let mut row = BundleRow {
                    segment: segment.clone(),
                    version: version.info.number,
                    status: version.info.status.as_str(),
                    point: point.point.clone(),
                    main: bundle.main.clone(),
                    revenue: None,
                    profit: None,
                    margin: None,
                    visit_share: share,
                    clients: Decimal::ZERO,
                    projected_revenue: Decimal::ZERO,
                    projected_profit: Decimal::ZERO,
                    blocking: bundle.blocking(),
                };
                if let Ok(result) = &bundle.result {
                    let b = &result.breakdown;
                    row.revenue = Some(b.revenue.round_dp(2));
                    row.profit = Some(b.profit.round_dp(2));
                    row.margin = b.margin;
                    match project(result, share, reached) {
                        Ok(p) => {
                            row.clients = p.clients;
                            row.projected_revenue = p.revenue;
                            row.projected_profit = p.profit;
                        }
                        Err(problem) => row.blocking.push(problem),
                    }
                    if live
                        && let Err(problem) =
                            add_up(&mut board, result, &row, share, reached, &mut by_product)
                    {
                        row.blocking.push(problem);
                    }
                    if live {
                        let key = (segment.clone(), point.point.clone(), bundle.main.clone());
                        let wanted = focus.is_none_or(|f| *f == key);
                        let unset = board.waterfall.is_none();
                        if wanted
                            && (unset || focus.is_some())
                            && let Some(fall) = waterfall(result)
                        {
                            board.waterfall = Some((key, fall));
                        }
                        let place = by_place
                            .entry((segment.clone(), point.point.clone()))
                            .or_default();
                        // Each term is a row already added to the totals without overflow.
                        place.0 = place.0.saturating_add(row.projected_revenue);
                        place.1 = place.1.saturating_add(row.projected_profit);
                        for v in result.alone.iter().filter(|v| v.outcome == Outcome::Fail) {
                            if let Some(product) = &v.product {
                                losing
                                    .entry(product.clone())
                                    .or_insert_with(|| v.message.clone());
                            }
                        }
                    }
                }
                board.rows.push(row);
            }
        }
    }
    board.margin = margin(board.profit, board.revenue);
    board.profit_by_product = by_product.into_iter().collect();
    board.margin_by_segment_point = by_place
        .into_iter()
        .map(|((segment, point), (revenue, profit))| (segment, point, margin(profit, revenue)))
        .collect();
    board.losing_alone = losing.into_iter().collect();
    board.products = product_verdicts(inputs);
    board
}

/// Adds a bundle in force to the totals, its subsidies and each product's share of profit.
///
/// # Errors
/// `portfolio-overflow` when a sum does not fit.
fn add_up(
    board: &mut Dashboard,
    result: &BundleResult,
    row: &BundleRow,
    share: Decimal,
    reached: u64,
    by_product: &mut BTreeMap<String, Decimal>,
) -> Result<(), Message> {
    let overflow = || Message::new("portfolio-overflow");
    board.revenue = (board.revenue.checked_add(row.projected_revenue)).ok_or_else(overflow)?;
    board.profit = (board.profit.checked_add(row.projected_profit)).ok_or_else(overflow)?;
    let coming = Decimal::from(reached)
        .checked_mul(share)
        .ok_or_else(overflow)?;
    for (index, (product, line)) in result
        .products
        .iter()
        .zip(&result.breakdown.lines)
        .enumerate()
    {
        let weight = if index == 0 {
            Decimal::ONE
        } else {
            product.cell.take_up.unwrap_or(Decimal::ZERO)
        };
        let profit = (line.breakdown.profit.checked_mul(weight))
            .and_then(|p| p.checked_mul(coming))
            .ok_or_else(overflow)?
            .round_dp(2);
        let sum = by_product.entry(product.code.clone()).or_default();
        *sum = sum.checked_add(profit).ok_or_else(overflow)?;
    }
    for v in (result.checks.verdicts.iter()).filter(|v| v.reason == Reason::Subsidized) {
        board.subsidies.push(Subsidy {
            product: v.product.clone().unwrap_or_default(),
            segment: row.segment.clone(),
            point: row.point.clone(),
            main: row.main.clone(),
            message: v.message.clone(),
        });
    }
    Ok(())
}
