//! Engine errors and the checked arithmetic that produces them.
//!
//! Why a `Quantity` enum rather than a message string: the hot path must not allocate, so an
//! error is built from `Copy` parts and only becomes text when someone displays it. The product
//! code is attached by the caller that knows it ([`EngineError::in_product`]), on the error path
//! only.

use std::fmt;

use rust_decimal::Decimal;

use crate::domain::message::Message;
use crate::domain::money::MoneyError;

/// The figure being computed when arithmetic failed: it tells finance which input is absurd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    MonthlyFees,
    SetupFeeShare,
    TransactionFees,
    Fees,
    Partner,
    Interest,
    Interchange,
    Revenue,
    TransactionCosts,
    OneOffCosts,
    ExpectedLoss,
    OpeningTime,
    Direct,
    Visit,
    Indirect,
    Profit,
    Margin,
    BundleVisit,
    BundleRevenue,
    BundleProfit,
    BundleMargin,
    Conversion,
    PriceSlope,
    Price,
    ClientCost,
    ClientSaving,
    VisitMinutes,
    AnchorRatio,
}

impl Quantity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MonthlyFees => "monthly fees",
            Self::SetupFeeShare => "setup fee per year",
            Self::TransactionFees => "transaction fees",
            Self::Fees => "fees",
            Self::Partner => "partner commission",
            Self::Interest => "interest",
            Self::Interchange => "interchange",
            Self::Revenue => "revenue",
            Self::TransactionCosts => "transaction costs",
            Self::OneOffCosts => "one-off costs per year",
            Self::ExpectedLoss => "expected loss",
            Self::OpeningTime => "opening time cost",
            Self::Direct => "direct cost",
            Self::Visit => "visit cost",
            Self::Indirect => "indirect cost",
            Self::Profit => "profit",
            Self::Margin => "margin",
            Self::BundleVisit => "bundle visit overhead",
            Self::BundleRevenue => "bundle revenue",
            Self::BundleProfit => "bundle profit",
            Self::BundleMargin => "bundle margin",
            Self::Conversion => "currency conversion",
            Self::PriceSlope => "price slope",
            Self::Price => "target price",
            Self::ClientCost => "client cost",
            Self::ClientSaving => "client saving",
            Self::VisitMinutes => "visit minutes",
            Self::AnchorRatio => "add-on price anchor",
        }
    }

    /// The catalog key of the quantity's name (`locales/*/kombi.ftl`).
    pub const fn key(self) -> &'static str {
        match self {
            Self::MonthlyFees => "quantity-monthly-fees",
            Self::SetupFeeShare => "quantity-setup-fee-per-year",
            Self::TransactionFees => "quantity-transaction-fees",
            Self::Fees => "quantity-fees",
            Self::Partner => "quantity-partner-commission",
            Self::Interest => "quantity-interest",
            Self::Interchange => "quantity-interchange",
            Self::Revenue => "quantity-revenue",
            Self::TransactionCosts => "quantity-transaction-costs",
            Self::OneOffCosts => "quantity-one-off-costs-per-year",
            Self::ExpectedLoss => "quantity-expected-loss",
            Self::OpeningTime => "quantity-opening-time-cost",
            Self::Direct => "quantity-direct-cost",
            Self::Visit => "quantity-visit-cost",
            Self::Indirect => "quantity-indirect-cost",
            Self::Profit => "quantity-profit",
            Self::Margin => "quantity-margin",
            Self::BundleVisit => "quantity-bundle-visit-overhead",
            Self::BundleRevenue => "quantity-bundle-revenue",
            Self::BundleProfit => "quantity-bundle-profit",
            Self::BundleMargin => "quantity-bundle-margin",
            Self::Conversion => "quantity-currency-conversion",
            Self::PriceSlope => "quantity-price-slope",
            Self::Price => "quantity-target-price",
            Self::ClientCost => "quantity-client-cost",
            Self::ClientSaving => "quantity-client-saving",
            Self::VisitMinutes => "quantity-visit-minutes",
            Self::AnchorRatio => "quantity-add-on-price-anchor",
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Overflow,
    DivisionByZero,
}

impl Failure {
    pub const fn key(self) -> &'static str {
        match self {
            Self::Overflow => "failure-overflow",
            Self::DivisionByZero => "failure-division-by-zero",
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Overflow => "overflow",
            Self::DivisionByZero => "division by zero",
        })
    }
}

/// Why the engine could not produce a figure. Never a panic: every input gets `Ok` or this.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// `overflow computing interest for CC_GRACE`
    #[error("{failure} computing {quantity}{}", for_product(.product))]
    Arithmetic {
        failure: Failure,
        quantity: Quantity,
        product: Option<String>,
    },
    /// A position in a foreign currency with no usable rate.
    #[error("{source}{}", for_product(.product))]
    Conversion {
        source: MoneyError,
        product: Option<String>,
    },
}

fn for_product(product: &Option<String>) -> String {
    product
        .as_ref()
        .map(|code| format!(" for {code}"))
        .unwrap_or_default()
}

impl EngineError {
    /// What went wrong, for the reader, and the product it concerns if known (the caller
    /// frames it with `engine-for-product`).
    pub fn parts(&self) -> (Message, Option<&str>) {
        match self {
            Self::Arithmetic {
                failure,
                quantity,
                product,
            } => (
                Message::new("engine-arithmetic")
                    .with("failure_key", failure.key())
                    .with("quantity_key", quantity.key()),
                product.as_deref(),
            ),
            Self::Conversion { source, product } => (source.message(), product.as_deref()),
        }
    }

    /// The whole error as one message, naming its product where known.
    pub fn message(&self) -> Message {
        match self.parts() {
            (detail, Some(product)) => Message::new("engine-for-product")
                .with("product", product)
                .nest("detail_key", &detail),
            (detail, None) => detail,
        }
    }

    pub const fn overflow(quantity: Quantity) -> Self {
        Self::Arithmetic {
            failure: Failure::Overflow,
            quantity,
            product: None,
        }
    }

    pub const fn division_by_zero(quantity: Quantity) -> Self {
        Self::Arithmetic {
            failure: Failure::DivisionByZero,
            quantity,
            product: None,
        }
    }

    /// Names the product the failed figure belongs to (keeps an already named one).
    #[must_use]
    pub fn in_product(mut self, code: &str) -> Self {
        let (Self::Arithmetic { product, .. } | Self::Conversion { product, .. }) = &mut self;
        if product.is_none() {
            *product = Some(code.to_owned());
        }
        self
    }
}

impl From<MoneyError> for EngineError {
    fn from(source: MoneyError) -> Self {
        Self::Conversion {
            source,
            product: None,
        }
    }
}

#[inline]
pub(crate) fn add(a: Decimal, b: Decimal, quantity: Quantity) -> Result<Decimal, EngineError> {
    a.checked_add(b).ok_or(EngineError::overflow(quantity))
}

/// Σ `terms`, left to right.
#[inline]
pub(crate) fn sum(terms: &[Decimal], quantity: Quantity) -> Result<Decimal, EngineError> {
    terms
        .iter()
        .try_fold(Decimal::ZERO, |total, term| add(total, *term, quantity))
}

#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal, quantity: Quantity) -> Result<Decimal, EngineError> {
    a.checked_sub(b).ok_or(EngineError::overflow(quantity))
}

#[inline]
pub(crate) fn mul(a: Decimal, b: Decimal, quantity: Quantity) -> Result<Decimal, EngineError> {
    a.checked_mul(b).ok_or(EngineError::overflow(quantity))
}

/// Division that tells a zero divisor apart from an overflowing quotient.
#[inline]
pub(crate) fn div(a: Decimal, b: Decimal, quantity: Quantity) -> Result<Decimal, EngineError> {
    if b.is_zero() {
        return Err(EngineError::division_by_zero(quantity));
    }
    if a.is_zero() {
        return Ok(Decimal::ZERO);
    }
    a.checked_div(b).ok_or(EngineError::overflow(quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_quantity_and_the_product() {
        let err = EngineError::overflow(Quantity::Interest).in_product("CC_GRACE");
        assert_eq!(err.to_string(), "overflow computing interest for CC_GRACE");
        let err = EngineError::division_by_zero(Quantity::SetupFeeShare);
        assert_eq!(
            err.to_string(),
            "division by zero computing setup fee per year"
        );
    }

    #[test]
    fn the_innermost_product_name_wins() {
        let err = EngineError::overflow(Quantity::Fees)
            .in_product("A")
            .in_product("B");
        assert_eq!(err.to_string(), "overflow computing fees for A");
    }

    #[test]
    fn division_distinguishes_zero_divisor_from_overflow() {
        assert_eq!(
            div(Decimal::ONE, Decimal::ZERO, Quantity::Margin),
            Err(EngineError::division_by_zero(Quantity::Margin))
        );
        let tiny = Decimal::new(1, 28);
        assert_eq!(
            div(Decimal::MAX, tiny, Quantity::Margin),
            Err(EngineError::overflow(Quantity::Margin))
        );
        assert_eq!(
            div(Decimal::ZERO, tiny, Quantity::Margin),
            Ok(Decimal::ZERO)
        );
    }
}
