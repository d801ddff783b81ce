//! The proposal as the page shows it: every figure formatted in the reader's language, in the
//! order the advisor explains it (products, what the client pays, amounts, the visit plan), and
//! the bank's figures behind the badge.

use rust_decimal::Decimal;

use crate::domain::message::Message;
use crate::domain::offer::{AmountKind, LeftOutReason, PositionRole, Proposal};
use crate::domain::product::{Figure, FigureUnit, Terms};
use crate::i18n::Lang;
use crate::service::desk::DeskBank;
use crate::web::format::{integer, margin, money, percent, plain};

pub struct TermView {
    pub label: String,
    pub value: String,
    /// The term bought separately, when it differs; empty otherwise.
    pub separately: String,
}

pub struct ProductView {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub is_main: bool,
    pub talking_points: String,
    pub terms: Vec<TermView>,
    pub subject_to_approval: bool,
}

pub struct AmountView {
    /// The form field, `amounts.CODE`.
    pub field: String,
    pub label: String,
    /// As typed back into the input (no grouping).
    pub value: String,
    pub hint: String,
}

pub struct Droppable {
    pub code: String,
    pub name: String,
    pub dropped: bool,
}

pub struct PriceView {
    pub per_month: String,
    pub per_year: String,
    pub separately_per_year: String,
    pub saving_per_year: String,
    pub saves: bool,
    pub package: String,
    pub one_off: String,
    pub one_off_separately: String,
    pub interest_earned: String,
    pub interest_earned_separately: String,
    pub interest_charged: String,
    pub interest_charged_separately: String,
    pub has_interest_earned: bool,
    pub has_interest_charged: bool,
}

pub struct StepView {
    pub label: String,
    pub minutes: String,
}

pub struct LineView {
    pub name: String,
    pub revenue: String,
    pub profit: String,
    pub loses: bool,
}

pub struct ProposalView {
    pub segment: String,
    pub passed_over: Vec<String>,
    pub products: Vec<ProductView>,
    pub droppable: Vec<Droppable>,
    pub left_out: Vec<String>,
    pub notes: Vec<String>,
    pub price: PriceView,
    pub amounts: Vec<AmountView>,
    pub steps: Vec<StepView>,
    pub total_minutes: String,
    pub limit_minutes: String,
    pub fits: bool,
    pub badge: &'static str,
    pub badge_label: String,
    pub badge_reasons: Vec<String>,
    pub lines: Vec<LineView>,
    pub revenue: String,
    pub profit: String,
    pub margin: String,
    pub visit_cost: String,
    pub warnings: Vec<String>,
    /// The products in the bundle, for "accepted some".
    pub in_bundle: Vec<(String, String)>,
}

/// A product's terms as the client reads them, by figure (the minimum amount is the bank's).
pub fn term_figures(terms: &Terms) -> [(Figure, Decimal); 6] {
    [
        (Figure::MonthlyFee, terms.monthly_fee),
        (Figure::AnnualFee, terms.annual_fee),
        (Figure::SetupFee, terms.setup_fee),
        (Figure::TransactionFee, terms.transaction_fee),
        (Figure::ClientRate, terms.client_rate),
        (Figure::CreditLimit, terms.credit_limit),
    ]
}

fn minutes(lang: Lang, value: Decimal) -> String {
    plain(lang, value.round_dp(1))
}

pub fn proposal_view(proposal: &Proposal, bank: &DeskBank, lang: Lang) -> ProposalView {
    let currency = proposal.price.currency;
    let m = |v: Decimal| money(lang, v, currency);
    let name = |code: &str| bank.product_name(code);
    let products = (proposal.products.iter())
        .zip(&proposal.result.products)
        .map(|(p, offered)| {
            let at = |v: Decimal, unit: FigureUnit| match unit {
                FigureUnit::Fraction => percent(lang, v),
                FigureUnit::Money => money(lang, v, offered.currency),
                _ => plain(lang, v),
            };
            let terms = (term_figures(&offered.terms).into_iter())
                .zip(term_figures(&p.standalone_terms))
                .filter_map(|((f, value), (_, alone))| {
                    if value.is_zero() && alone.is_zero() {
                        return None;
                    }
                    Some(TermView {
                        label: lang.text(f.label_key()),
                        value: at(value, f.unit()),
                        separately: if value == alone {
                            String::new()
                        } else {
                            at(alone, f.unit())
                        },
                    })
                })
                .collect();
            ProductView {
                code: p.code.clone(),
                name: name(&p.code),
                kind: lang.text(p.kind.label_key()),
                is_main: p.role == PositionRole::Main,
                talking_points: p.talking_points.clone().unwrap_or_default(),
                terms,
                subject_to_approval: p.subject_to_approval,
            }
        })
        .collect();
    let mut droppable: Vec<Droppable> = (proposal.products.iter())
        .filter(|p| p.role == PositionRole::AddOn)
        .map(|p| Droppable {
            code: p.code.clone(),
            name: name(&p.code),
            dropped: false,
        })
        .collect();
    droppable.extend(
        (proposal.left_out.iter())
            .filter(|l| l.reason == LeftOutReason::Dropped)
            .map(|l| Droppable {
                code: l.code.clone(),
                name: name(&l.code),
                dropped: true,
            }),
    );
    let amounts = (proposal.products.iter())
        .filter_map(|p| {
            let amount = p.amount.as_ref()?;
            let currency = (proposal.result.products.iter())
                .find(|o| o.code == p.code)
                .map_or(currency, |o| o.currency);
            let (label_key, hint) = match amount.kind {
                AmountKind::Balance => (
                    "offer-amount-balance",
                    amount.min.map(|min| {
                        Message::new("offer-amount-min-hint")
                            .with("min", money(lang, min, currency))
                    }),
                ),
                AmountKind::CreditLimit => (
                    "offer-amount-limit",
                    amount.max.map(|max| {
                        Message::new("offer-amount-max-hint")
                            .with("max", money(lang, max, currency))
                    }),
                ),
            };
            Some(AmountView {
                field: format!("amounts.{}", p.code),
                label: format!("{} — {}", name(&p.code), lang.text(label_key)),
                value: amount.value.normalize().to_string(),
                hint: hint.map(|h| lang.message(&h)).unwrap_or_default(),
            })
        })
        .collect();
    let price = &proposal.price;
    let breakdown = &proposal.result.breakdown;
    let lines = (proposal.result.products.iter())
        .zip(&breakdown.lines)
        .map(|(p, line)| LineView {
            name: name(&p.code),
            revenue: m(line.breakdown.revenue),
            profit: m(line.breakdown.profit),
            loses: line.breakdown.profit < Decimal::ZERO,
        })
        .collect();
    ProposalView {
        segment: lang.message(
            &Message::new("offer-segment-line")
                .with("segment", &proposal.segment_name)
                .with("version", proposal.version),
        ),
        passed_over: proposal
            .passed_over
            .iter()
            .map(|m| lang.message(m))
            .collect(),
        products,
        droppable,
        left_out: proposal
            .left_out
            .iter()
            .map(|l| {
                // Its arguments are product codes: say them by name.
                let mut message = l.message();
                for (_, value) in &mut message.args {
                    *value = name(value);
                }
                lang.message(&message)
            })
            .collect(),
        notes: proposal.notes.iter().map(|n| lang.message(n)).collect(),
        price: PriceView {
            per_month: m(price.fees_per_month),
            per_year: m(price.fees_per_year),
            separately_per_year: m(price.separate_fees_per_year),
            saving_per_year: m(price.fee_saving_per_year),
            saves: price.saves(),
            package: if price.package_fee_per_year.is_zero() {
                String::new()
            } else {
                m(price.package_fee_per_year)
            },
            one_off: m(price.one_off_fees),
            one_off_separately: m(price.separate_one_off_fees),
            interest_earned: m(price.interest_earned_per_year),
            interest_earned_separately: m(price.separate_interest_earned_per_year),
            interest_charged: m(price.interest_charged_per_year),
            interest_charged_separately: m(price.separate_interest_charged_per_year),
            has_interest_earned: !price.interest_earned_per_year.is_zero()
                || !price.separate_interest_earned_per_year.is_zero(),
            has_interest_charged: !price.interest_charged_per_year.is_zero()
                || !price.separate_interest_charged_per_year.is_zero(),
        },
        amounts,
        steps: (proposal.plan.steps.iter())
            .map(|s| StepView {
                label: match &s.product {
                    Some(code) => format!("{} — {}", lang.text(s.kind.label_key()), name(code)),
                    None => lang.text(s.kind.label_key()),
                },
                minutes: minutes(lang, s.minutes),
            })
            .collect(),
        total_minutes: minutes(lang, proposal.plan.total),
        limit_minutes: proposal
            .plan
            .limit
            .map(|l| minutes(lang, l))
            .unwrap_or_default(),
        fits: proposal.plan.fits(),
        badge: proposal.badge.as_str(),
        badge_label: lang.text(proposal.badge.label_key()),
        badge_reasons: proposal
            .badge_reasons
            .iter()
            .map(|r| lang.message(r))
            .collect(),
        lines,
        revenue: m(breakdown.revenue),
        profit: m(breakdown.profit),
        margin: breakdown
            .margin
            .map_or_else(|| "—".to_owned(), |v| margin(lang, v)),
        visit_cost: m(breakdown.visit_total),
        warnings: proposal
            .result
            .warnings()
            .iter()
            .map(|w| lang.message(w))
            .collect(),
        in_bundle: (proposal.products.iter())
            .map(|p| (p.code.clone(), name(&p.code)))
            .collect(),
    }
}

/// How many products, for the results page.
pub fn count(lang: Lang, n: u64) -> String {
    integer(lang, i64::try_from(n).unwrap_or(i64::MAX))
}
