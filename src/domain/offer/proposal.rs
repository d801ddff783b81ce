//! Building the combined product for one client: which segment's matrix, which products, on
//! which terms and amounts, and how it comes out for the client and for the bank.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::price::ClientPrice;
use super::visit::VisitPlan;
use crate::domain::bank::{BankSettings, SalesPoint};
use crate::domain::client::Client;
use crate::domain::matrix::{
    BundleResult, CatalogEntry, Link, LinkBasis, MatrixContent, OfferedProduct, ResolveError,
    ResolvedCell, Setting, bundle_without, evaluate_offer, resolve_point,
};
use crate::domain::message::Message;
use crate::domain::product::{ProductKind, Terms};
use crate::domain::profitability::{Check, Outcome as VerdictOutcome, Valuation};

/// A published matrix version as the desk offers from it.
#[derive(Clone, Copy)]
pub struct VersionOffer<'a> {
    pub number: u32,
    pub content: &'a MatrixContent,
    /// Products that may be offered (suspended ones left out), with the standalone terms this
    /// version compares against (frozen when it was published).
    pub catalog: &'a [CatalogEntry<'a>],
    /// The version's cells already resolved at the desk's point, one per `catalog` entry (a
    /// caller keeping them between requests); `None`: resolved here.
    pub resolved: Option<&'a Result<Vec<Arc<ResolvedCell>>, ResolveError>>,
}

impl<'a> VersionOffer<'a> {
    /// Every catalog product's cell at `place` (see `matrix::resolve_point`).
    fn at_point(
        &self,
        place: &crate::domain::matrix::PointPlace,
    ) -> Result<Vec<(CatalogEntry<'a>, Arc<ResolvedCell>)>, ResolveError> {
        match self.resolved {
            Some(Ok(cells)) if cells.len() == self.catalog.len() => Ok(self
                .catalog
                .iter()
                .copied()
                .zip(cells.iter().cloned())
                .collect()),
            Some(Err(e)) => Err(e.clone()),
            _ => resolve_point(self.content, self.catalog, place),
        }
    }
}

/// One of the client's segments, best first, with the version of its matrix in force today.
#[derive(Clone, Copy)]
pub struct SegmentOffer<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub version: Option<VersionOffer<'a>>,
}

/// Where and against what the proposal is made.
#[derive(Clone, Copy)]
pub struct Desk<'a> {
    pub point: &'a SalesPoint,
    pub settings: &'a BankSettings,
    pub valuation: Valuation<'a>,
    pub today: NaiveDate,
}

/// What the advisor asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub main: String,
    /// Add-ons the client does not want.
    pub drop: BTreeSet<String>,
    /// The client's amounts by product: a deposit's amount, a card's credit limit. A product
    /// without one gets the matrix's expected figure.
    pub amounts: BTreeMap<String, Decimal>,
    /// The advisor confirmed the client's data in this visit (needed when it is stale).
    pub data_confirmed: bool,
}

/// Why no combined product is proposed; each says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The client has not consented to offers: none may be made.
    NoConsent,
    /// The client's data is over a year old: the advisor verifies it first.
    VerifyDataFirst,
    AlreadyHeld {
        main: String,
    },
    /// No segment of the client offers `main` as a main product here.
    NotOffered {
        main: String,
        passed_over: Vec<Message>,
    },
    MainDropped {
        main: String,
    },
    /// `field` names a product that is not in the combined product.
    NotInBundle {
        field: String,
        product: String,
    },
    Amount {
        field: String,
        message: Message,
    },
    /// The engine could not evaluate the bundle (an overflow, a missing exchange rate).
    Engine(Message),
}

impl Refusal {
    pub fn message(&self) -> Message {
        match self {
            Self::NoConsent => Message::new("offer-no-consent"),
            Self::VerifyDataFirst => Message::new("offer-verify-first"),
            Self::AlreadyHeld { main } => Message::new("offer-main-held").with("product", main),
            Self::NotOffered { main, .. } => {
                Message::new("offer-main-not-offered").with("product", main)
            }
            Self::MainDropped { main } => Message::new("offer-main-dropped").with("product", main),
            Self::NotInBundle { product, .. } => {
                Message::new("offer-not-in-bundle").with("product", product)
            }
            Self::Amount { message, .. } | Self::Engine(message) => message.clone(),
        }
    }

    /// The request field at fault, for the API's error and the form.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::AlreadyHeld { .. } | Self::NotOffered { .. } | Self::MainDropped { .. } => {
                Some("main_product")
            }
            Self::NotInBundle { field, .. } | Self::Amount { field, .. } => Some(field),
            Self::VerifyDataFirst => Some("data_confirmed"),
            Self::NoConsent | Self::Engine(_) => None,
        }
    }
}

/// A main product the client can be offered here, from the best segment offering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MainCandidate {
    pub code: String,
    pub segment: String,
}

/// What an amount is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountKind {
    /// The balance the client opens with (a deposit's amount).
    Balance,
    CreditLimit,
}

/// An amount the client chooses, with its bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenAmount {
    pub kind: AmountKind,
    pub value: Decimal,
    /// The matrix's expected figure, used when the client names none.
    pub expected: Decimal,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

/// Main product or add-on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionRole {
    Main,
    AddOn,
}

impl PositionRole {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::AddOn => "add_on",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Main, Self::AddOn]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// One product of the proposal, beside its line in [`BundleResult`].
#[derive(Clone, Debug)]
pub struct ProposedProduct {
    pub code: String,
    pub kind: ProductKind,
    pub role: PositionRole,
    pub talking_points: Option<String>,
    pub expected_take_up: Option<Decimal>,
    pub amount: Option<ChosenAmount>,
    /// The terms the client would get buying it separately, to show beside the bundle's.
    pub standalone_terms: Terms,
    /// A credit product: opened only after the bank's credit decision.
    pub subject_to_approval: bool,
}

/// Why a product of the matrix's bundle is not in the client's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeftOutReason {
    /// The client already holds it.
    Held,
    /// The client does not want it.
    Dropped,
    /// It needs `needs`, which the client dropped and does not hold.
    DroppedWith { needs: String },
}

#[derive(Clone, Debug)]
pub struct LeftOut {
    pub code: String,
    pub reason: LeftOutReason,
    /// The terms it was offered on (for the record of a dropped add-on).
    pub terms: Terms,
    pub expected_take_up: Option<Decimal>,
}

impl LeftOut {
    pub fn message(&self) -> Message {
        match &self.reason {
            LeftOutReason::Held => Message::new("offer-left-held").with("product", &self.code),
            LeftOutReason::Dropped => {
                Message::new("offer-left-dropped").with("product", &self.code)
            }
            LeftOutReason::DroppedWith { needs } => Message::new("offer-left-dropped-with")
                .with("product", &self.code)
                .with("needs", needs),
        }
    }
}

/// The bank's view of the proposal at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Badge {
    Green,
    /// Profitable for the bank, but the client saves nothing or the visit runs long.
    Amber,
    /// The bundle loses money or misses the target margin, or a link is broken.
    Red,
}

impl Badge {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Amber => "amber",
            Self::Red => "red",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Green, Self::Amber, Self::Red]
            .into_iter()
            .find(|b| b.as_str() == text)
    }

    pub const fn label_key(self) -> &'static str {
        match self {
            Self::Green => "badge-green",
            Self::Amber => "badge-amber",
            Self::Red => "badge-red",
        }
    }
}

/// The combined product for one client, ready to be explained and recorded.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub segment: String,
    pub segment_name: String,
    pub version: u32,
    /// Better segments that could not offer this main product here, each with the reason.
    pub passed_over: Vec<Message>,
    pub main: String,
    /// In offer order, beside `result.products` (main first).
    pub products: Vec<ProposedProduct>,
    pub left_out: Vec<LeftOut>,
    pub result: BundleResult,
    pub price: ClientPrice,
    pub plan: VisitPlan,
    pub badge: Badge,
    /// Why the badge is not green.
    pub badge_reasons: Vec<Message>,
    /// Things the advisor should know (a card limit lowered to fit the deposit).
    pub notes: Vec<Message>,
}

/// The main products this client can be offered at `point`: each main-product candidate of a
/// segment's matrix there, best segment first, without products the client already holds.
pub fn main_candidates(
    segments: &[SegmentOffer<'_>],
    point: &SalesPoint,
    held: &[String],
) -> Vec<MainCandidate> {
    let place = point.place();
    let mut out: Vec<MainCandidate> = Vec::new();
    for segment in segments {
        let Some(version) = segment.version else {
            continue;
        };
        let Ok(mut at_point) = version.at_point(&place) else {
            continue;
        };
        at_point.sort_by(|(a, ca), (b, cb)| {
            (ca.order.is_none(), ca.order, a.code).cmp(&(cb.order.is_none(), cb.order, b.code))
        });
        for (entry, cell) in &at_point {
            let code = entry.code;
            if cell.role.may_be_main()
                && !held.iter().any(|h| h == code)
                && !out.iter().any(|c| c.code == code)
            {
                out.push(MainCandidate {
                    code: code.to_owned(),
                    segment: segment.code.to_owned(),
                });
            }
        }
    }
    out
}

/// The amount a link compares at the desk: a card's credit limit, the balance the client
/// opens a deposit with, another product's minimum amount.
pub fn desk_amount(product: &OfferedProduct) -> Decimal {
    match amount_kind(product) {
        Some(AmountKind::CreditLimit) => product.terms.credit_limit,
        Some(AmountKind::Balance) => product.usage.avg_balance,
        None => product.terms.min_amount,
    }
}

fn amount_kind(product: &OfferedProduct) -> Option<AmountKind> {
    match product.kind {
        ProductKind::CreditCard if product.terms.credit_limit > Decimal::ZERO => {
            Some(AmountKind::CreditLimit)
        }
        ProductKind::CreditCard => None,
        ProductKind::Deposit => Some(AmountKind::Balance),
        _ if product.terms.min_amount > Decimal::ZERO => Some(AmountKind::Balance),
        _ => None,
    }
}

/// The combined product for `client`, who came for `request.main`, at `desk.point`.
///
/// # Errors
/// A [`Refusal`] saying why nothing, or not this, can be proposed.
pub fn propose(
    segments: &[SegmentOffer<'_>],
    client: &Client,
    desk: &Desk<'_>,
    request: &Request,
) -> Result<Proposal, Refusal> {
    if !client.consent_to_offers {
        return Err(Refusal::NoConsent);
    }
    let stale = client.data_is_stale(desk.today);
    if stale && !request.data_confirmed {
        return Err(Refusal::VerifyDataFirst);
    }
    let main = request.main.as_str();
    let held: BTreeSet<String> = client.products_held.iter().cloned().collect();
    if held.contains(main) {
        return Err(Refusal::AlreadyHeld { main: main.into() });
    }
    let place = desk.point.place();
    let mut passed_over = Vec::new();
    for segment in segments {
        let Some(version) = segment.version else {
            passed_over.push(Message::new("offer-passed-no-matrix").with("segment", segment.name));
            continue;
        };
        let at_point = match version.at_point(&place) {
            Ok(at_point) => at_point,
            Err(e) => {
                passed_over.push(
                    Message::new("offer-passed-disagree")
                        .with("segment", segment.name)
                        .nest("reason_key", &e.message()),
                );
                continue;
            }
        };
        let Some(full) = bundle_without(version.content, &at_point, main, &BTreeSet::new()) else {
            passed_over.push(
                Message::new("offer-passed-no-main")
                    .with("segment", segment.name)
                    .with("product", main)
                    .with("point", &desk.point.code),
            );
            continue;
        };
        let chosen = Chosen {
            segment,
            version,
            at_point: &at_point,
            full,
        };
        return build(&chosen, passed_over, &held, stale, desk, request);
    }
    Err(Refusal::NotOffered {
        main: main.into(),
        passed_over,
    })
}

struct Chosen<'s, 'a> {
    segment: &'s SegmentOffer<'a>,
    version: VersionOffer<'a>,
    at_point: &'s [(CatalogEntry<'a>, Arc<ResolvedCell>)],
    /// The matrix's bundle for the main product, before anything is left out.
    full: Vec<OfferedProduct>,
}

fn build(
    chosen: &Chosen<'_, '_>,
    passed_over: Vec<Message>,
    held: &BTreeSet<String>,
    stale: bool,
    desk: &Desk<'_>,
    request: &Request,
) -> Result<Proposal, Refusal> {
    let main = request.main.as_str();
    let content = chosen.version.content;
    let in_matrix: BTreeSet<&str> = chosen.full.iter().map(|p| p.code.as_str()).collect();
    for code in &request.drop {
        if code == main {
            return Err(Refusal::MainDropped { main: main.into() });
        }
        if !in_matrix.contains(code.as_str()) {
            return Err(Refusal::NotInBundle {
                field: "drop".into(),
                product: code.clone(),
            });
        }
    }
    if let Some(code) = (request.amounts.keys()).find(|c| !in_matrix.contains(c.as_str())) {
        return Err(Refusal::NotInBundle {
            field: format!("amounts.{code}"),
            product: code.clone(),
        });
    }

    let left_out = leave_out(&chosen.full, &content.links, held, &request.drop, main);
    let leaving: BTreeSet<String> = left_out.iter().map(|l| l.code.clone()).collect();
    let mut products = bundle_without(content, chosen.at_point, main, &leaving)
        .unwrap_or_else(|| chosen.full.clone());
    let mut notes = Vec::new();
    let amounts = choose_amounts(&mut products, &content.links, request, &mut notes)?;

    let setting = Setting {
        catalog: chosen.version.catalog,
        settings: desk.settings,
        valuation: desk.valuation,
    };
    let basis = LinkBasis {
        held: Some(held),
        amount_of: desk_amount,
    };
    let result = evaluate_offer(
        content,
        &setting,
        &desk.point.costs,
        products,
        chosen.at_point,
        &basis,
    )
    .map_err(|e| Refusal::Engine(e.message()))?;

    let standalone = |code: &str| {
        (chosen.at_point.iter())
            .find(|(e, _)| e.code == code)
            .map_or_else(Terms::default, |(e, _)| *e.terms)
    };
    let standalone_terms: Vec<Terms> = result
        .products
        .iter()
        .map(|p| standalone(&p.code))
        .collect();
    let price = ClientPrice::of(
        &result.products,
        &standalone_terms,
        content.package_fee,
        &desk.valuation,
    )
    .map_err(|e| Refusal::Engine(e.message()))?;
    let plan = VisitPlan::of(
        &desk.point.costs,
        &desk.settings.desk,
        stale,
        &result.products,
    )
    .ok_or_else(|| Refusal::Engine(Message::new("offer-visit-overflow")))?;

    let proposed = (result.products.iter())
        .zip(&standalone_terms)
        .map(|(p, standalone_terms)| ProposedProduct {
            code: p.code.clone(),
            kind: p.kind,
            role: if p.code == main {
                PositionRole::Main
            } else {
                PositionRole::AddOn
            },
            talking_points: p.cell.talking_points.clone(),
            expected_take_up: p.cell.take_up,
            amount: amounts.get(&p.code).cloned(),
            standalone_terms: *standalone_terms,
            subject_to_approval: p.kind == ProductKind::CreditCard,
        })
        .collect();
    let (badge, badge_reasons) = badge(&result, &price, &plan);
    Ok(Proposal {
        segment: chosen.segment.code.to_owned(),
        segment_name: chosen.segment.name.to_owned(),
        version: chosen.version.number,
        passed_over,
        main: main.to_owned(),
        products: proposed,
        left_out,
        result,
        price,
        plan,
        badge,
        badge_reasons,
        notes,
    })
}

/// What leaves the matrix's bundle: products the client holds, add-ons the client drops, and
/// (repeatedly) add-ons that need a product no longer there and not held.
fn leave_out(
    full: &[OfferedProduct],
    links: &[Link],
    held: &BTreeSet<String>,
    drop: &BTreeSet<String>,
    main: &str,
) -> Vec<LeftOut> {
    let left = |p: &OfferedProduct, reason| LeftOut {
        code: p.code.clone(),
        reason,
        terms: p.terms,
        expected_take_up: p.cell.take_up,
    };
    let mut out = Vec::new();
    let mut kept: Vec<&OfferedProduct> = Vec::new();
    for product in full {
        if product.code != main && held.contains(&product.code) {
            out.push(left(product, LeftOutReason::Held));
        } else if drop.contains(&product.code) {
            out.push(left(product, LeftOutReason::Dropped));
        } else {
            kept.push(product);
        }
    }
    loop {
        let missing = links.iter().find_map(|link| match link {
            Link::Requires { product, needs }
                if product != main
                    && kept.iter().any(|p| &p.code == product)
                    && !kept.iter().any(|p| &p.code == needs)
                    && !held.contains(needs) =>
            {
                Some((product.clone(), needs.clone()))
            }
            _ => None,
        });
        let Some((product, needs)) = missing else {
            return out;
        };
        if let Some(at) = kept.iter().position(|p| p.code == product) {
            let gone = kept.remove(at);
            out.push(left(gone, LeftOutReason::DroppedWith { needs }));
        }
    }
}

/// Sets each product's amount (the client's, or the matrix's expected figure), checks it
/// against the product's bounds, and lowers a card limit a link caps by the deposit.
fn choose_amounts(
    products: &mut [OfferedProduct],
    links: &[Link],
    request: &Request,
    notes: &mut Vec<Message>,
) -> Result<BTreeMap<String, ChosenAmount>, Refusal> {
    let mut chosen = BTreeMap::new();
    for product in products.iter_mut() {
        let Some(kind) = amount_kind(product) else {
            continue;
        };
        let field = format!("amounts.{}", product.code);
        let asked = request.amounts.get(&product.code).copied();
        let amount = match kind {
            AmountKind::Balance => {
                let min = product.terms.min_amount;
                let expected = product.usage.avg_balance.max(min);
                let value = asked.unwrap_or(expected);
                if value <= Decimal::ZERO || value < min {
                    return Err(Refusal::Amount {
                        field,
                        message: Message::new("offer-amount-below-min")
                            .with("product", &product.code)
                            .with("min_number", min),
                    });
                }
                product.usage.avg_balance = value;
                ChosenAmount {
                    kind,
                    value,
                    expected,
                    min: (min > Decimal::ZERO).then_some(min),
                    max: None,
                }
            }
            AmountKind::CreditLimit => {
                let offered = product.terms.credit_limit;
                let value = asked.unwrap_or(offered);
                if value <= Decimal::ZERO || value > offered {
                    return Err(Refusal::Amount {
                        field,
                        message: Message::new("offer-limit-out-of-range")
                            .with("product", &product.code)
                            .with("max_number", offered),
                    });
                }
                product.terms.credit_limit = value;
                ChosenAmount {
                    kind,
                    value,
                    expected: offered,
                    min: None,
                    max: Some(offered),
                }
            }
        };
        chosen.insert(product.code.clone(), amount);
    }
    for link in links {
        let Link::LimitWithinShare {
            card,
            deposit,
            share,
        } = link
        else {
            continue;
        };
        let deposit_amount = (products.iter())
            .find(|p| &p.code == deposit)
            .map(desk_amount);
        let Some(card_product) = products.iter_mut().find(|p| &p.code == card) else {
            continue;
        };
        let Some(deposit_amount) = deposit_amount else {
            continue;
        };
        let cap = share
            .checked_mul(deposit_amount)
            .ok_or_else(|| Refusal::Engine(Message::new("offer-visit-overflow")))?;
        if card_product.terms.credit_limit > cap {
            notes.push(
                Message::new("offer-limit-capped")
                    .with("card", card)
                    .with("deposit", deposit)
                    .with("limit_number", cap)
                    .with("share_percent", share),
            );
            card_product.terms.credit_limit = cap;
            if let Some(amount) = chosen.get_mut(card) {
                amount.value = cap;
                amount.max = Some(amount.max.map_or(cap, |m| m.min(cap)));
            }
        }
    }
    Ok(chosen)
}

/// Red when the bundle loses money or misses its target margin or a link breaks; amber when
/// the client saves nothing against buying separately or the visit runs over the limit.
fn badge(result: &BundleResult, price: &ClientPrice, plan: &VisitPlan) -> (Badge, Vec<Message>) {
    let red: Vec<Message> = (result.checks.verdicts.iter())
        .filter(|v| {
            v.outcome == VerdictOutcome::Fail
                && !matches!(v.check, Check::ClientSaving | Check::SingleVisit)
        })
        .map(|v| v.message.clone())
        .chain(
            (result.links.iter())
                .filter(|l| !l.holds)
                .map(|l| l.message.clone()),
        )
        .collect();
    if !red.is_empty() {
        return (Badge::Red, red);
    }
    let mut amber = Vec::new();
    if !price.saves() {
        amber.push(Message::new("offer-no-saving"));
    }
    if !plan.fits() {
        amber.push(
            Message::new("offer-visit-too-long")
                .with("total_number", plan.total)
                .with("limit_number", plan.limit.unwrap_or_default()),
        );
    }
    if amber.is_empty() {
        (Badge::Green, amber)
    } else {
        (Badge::Amber, amber)
    }
}
