//! Links between the products of a combined product: a card limit secured by the deposit, a
//! product that needs another, two that never go together, and a better term when the client
//! also takes a named product. A broken link blocks the bundle, with its reason in words.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::domain::message::Message;
use crate::domain::product::Figure;

/// One link of a matrix version, between products named by their catalog codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// `limit(card) <= share × amount(deposit)` when both are in the bundle (the seed's card
    /// whose limit does not exceed a share of the deposit). Exactly `share ×` is allowed.
    LimitWithinShare {
        card: String,
        deposit: String,
        share: Decimal,
    },
    /// `product` needs `needs`, already held by the client or in the same bundle (a virtual
    /// card needs a current account).
    Requires { product: String, needs: String },
    /// Never both in one bundle.
    Excludes { first: String, second: String },
    /// `product`'s `figure` becomes `value` when the bundle also holds `with` (a better deposit
    /// rate with fund units).
    ConditionalTerm {
        product: String,
        with: String,
        figure: Figure,
        value: Decimal,
    },
}

/// What the links are checked on: the bundle's products, what the client already holds, and
/// each product's limit or amount (from the cell's figures in the matrix, from the client's
/// choice at the desk).
#[derive(Clone, Debug, Default)]
pub struct LinkContext {
    pub in_bundle: BTreeSet<String>,
    pub held: BTreeSet<String>,
    /// A card's credit limit or a deposit's amount, by product code.
    pub amounts: BTreeMap<String, Decimal>,
}

/// A link checked: whether it holds, and why in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkCheck {
    pub holds: bool,
    pub message: Message,
}

impl Link {
    /// Checks the link; `None` when it does not apply to this bundle (a conditional term, or
    /// products that are not there).
    pub fn check(&self, context: &LinkContext) -> Option<LinkCheck> {
        let has = |code: &String| context.in_bundle.contains(code);
        match self {
            Self::LimitWithinShare {
                card,
                deposit,
                share,
            } => {
                if !(has(card) && has(deposit)) {
                    return None;
                }
                let limit = context.amounts.get(card);
                let amount = context.amounts.get(deposit);
                let (Some(limit), Some(amount)) = (limit, amount) else {
                    let missing = if limit.is_none() { card } else { deposit };
                    return Some(broken(
                        Message::new("link-amount-missing").with("product", missing),
                    ));
                };
                let message = |key| {
                    Message::new(key)
                        .with("card", card)
                        .with("deposit", deposit)
                        .with("limit_number", limit)
                        .with("amount_number", amount)
                        .with("share_percent", share)
                };
                Some(match share.checked_mul(*amount) {
                    Some(cap) if *limit <= cap => held(message("link-limit-within")),
                    Some(_) => broken(message("link-limit-over")),
                    None => broken(message("link-limit-overflow")),
                })
            }
            Self::Requires { product, needs } => {
                if !has(product) {
                    return None;
                }
                let message = |key| {
                    Message::new(key)
                        .with("product", product)
                        .with("needs", needs)
                };
                Some(if has(needs) || context.held.contains(needs) {
                    held(message("link-requires-met"))
                } else {
                    broken(message("link-requires-missing"))
                })
            }
            Self::Excludes { first, second } => {
                let message = |key| {
                    Message::new(key)
                        .with("first", first)
                        .with("second", second)
                };
                Some(if has(first) && has(second) {
                    broken(message("link-excludes-both"))
                } else {
                    held(message("link-excludes-apart"))
                })
                .filter(|_| has(first) || has(second))
            }
            Self::ConditionalTerm { .. } => None,
        }
    }
}

impl Link {
    /// What the link says, in words, for the matrix page.
    pub fn describe(&self) -> Message {
        match self {
            Self::LimitWithinShare {
                card,
                deposit,
                share,
            } => Message::new("link-describe-limit")
                .with("card", card)
                .with("deposit", deposit)
                .with("share_percent", share),
            Self::Requires { product, needs } => Message::new("link-describe-requires")
                .with("product", product)
                .with("needs", needs),
            Self::Excludes { first, second } => Message::new("link-excludes-both")
                .with("first", first)
                .with("second", second),
            Self::ConditionalTerm {
                product,
                with,
                figure,
                value,
            } => Message::new("link-describe-conditional")
                .with("product", product)
                .with("with", with)
                .with("figure_key", figure.label_key())
                .with("value_number", value),
        }
    }
}

fn held(message: Message) -> LinkCheck {
    LinkCheck {
        holds: true,
        message,
    }
}

fn broken(message: Message) -> LinkCheck {
    LinkCheck {
        holds: false,
        message,
    }
}

/// The terms conditional links give each product of the bundle: `(product, figure) → value`.
/// When two links set the same term, the later one in the version wins, as the page lists them.
pub fn conditional_terms(
    links: &[Link],
    in_bundle: &BTreeSet<String>,
) -> BTreeMap<(String, Figure), Decimal> {
    links
        .iter()
        .filter_map(|link| match link {
            Link::ConditionalTerm {
                product,
                with,
                figure,
                value,
            } if in_bundle.contains(product) && in_bundle.contains(with) => {
                Some(((product.clone(), *figure), *value))
            }
            _ => None,
        })
        .collect()
}
