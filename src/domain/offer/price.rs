//! What the combined product costs the client, as the client would count it: the fees paid per
//! month and per year, apart from the interest the client earns (or pays on a card's balance)
//! and from one-off fees; each against buying the same products separately. The figures are
//! never netted into one, so the advisor can say exactly where the saving comes from.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::domain::matrix::OfferedProduct;
use crate::domain::money::Currency;
use crate::domain::product::{ProductKind, Terms, Usage};
use crate::domain::profitability::{EngineError, Quantity, Valuation};

/// One product's side of [`ClientPrice`], in the reporting currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductPrice {
    pub code: String,
    /// Monthly and annual fees and transaction fees at the expected usage.
    pub fees_per_year: Decimal,
    pub separate_fees_per_year: Decimal,
    pub one_off_fees: Decimal,
    pub separate_one_off_fees: Decimal,
    /// Interest the client earns on an account's or a deposit's balance.
    pub interest_earned_per_year: Decimal,
    pub separate_interest_earned_per_year: Decimal,
    /// Interest the client pays on a card's balance carried over.
    pub interest_charged_per_year: Decimal,
    pub separate_interest_charged_per_year: Decimal,
}

/// The whole combined product for the client, in the reporting currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientPrice {
    pub currency: Currency,
    /// A service package's fee for a year (it replaces the products' own period fees).
    pub package_fee_per_year: Decimal,
    pub fees_per_year: Decimal,
    pub fees_per_month: Decimal,
    pub separate_fees_per_year: Decimal,
    /// `separate_fees_per_year − fees_per_year`.
    pub fee_saving_per_year: Decimal,
    pub one_off_fees: Decimal,
    pub separate_one_off_fees: Decimal,
    pub interest_earned_per_year: Decimal,
    pub separate_interest_earned_per_year: Decimal,
    pub interest_charged_per_year: Decimal,
    pub separate_interest_charged_per_year: Decimal,
    /// One-off fees saved against buying separately (negative: the bundle costs more once).
    pub one_off_saving: Decimal,
    /// Interest earned in the bundle beyond what the same balances earn separately.
    pub extra_interest_per_year: Decimal,
    /// Interest on a card's balance saved against the card's standalone rate.
    pub interest_charged_saving_per_year: Decimal,
    pub products: Vec<ProductPrice>,
}

fn checked(value: Option<Decimal>) -> Result<Decimal, EngineError> {
    value.ok_or(EngineError::overflow(Quantity::ClientCost))
}

/// Period and transaction fees for a year.
fn fees(terms: &Terms, usage: &Usage) -> Option<Decimal> {
    terms
        .monthly_fee
        .checked_mul(dec!(12))?
        .checked_add(terms.annual_fee)?
        .checked_add(usage.transactions.checked_mul(terms.transaction_fee)?)
}

/// (earned, charged) interest for a year.
fn interest(kind: ProductKind, terms: &Terms, usage: &Usage) -> Option<(Decimal, Decimal)> {
    let amount = usage.avg_balance.checked_mul(terms.client_rate)?;
    Some(match kind {
        k if k.is_liability() => (amount, Decimal::ZERO),
        ProductKind::CreditCard => (Decimal::ZERO, amount),
        _ => (Decimal::ZERO, Decimal::ZERO),
    })
}

impl ClientPrice {
    /// `products` on their bundle terms (period fees already waived under a package), each
    /// beside its standalone terms in `standalone`; `package_fee` per month.
    ///
    /// # Errors
    /// Overflow, or a foreign-currency product without a rate on the valuation date.
    pub fn of(
        products: &[OfferedProduct],
        standalone: &[Terms],
        package_fee: Option<Decimal>,
        valuation: &Valuation<'_>,
    ) -> Result<Self, EngineError> {
        let mut lines = Vec::with_capacity(products.len());
        for (product, alone) in products.iter().zip(standalone) {
            let line = || -> Result<ProductPrice, EngineError> {
                let rate = valuation
                    .rates
                    .rate_to_reporting(product.currency, valuation.on)?
                    .rate;
                let at = |v: Option<Decimal>| checked(v.and_then(|v| v.checked_mul(rate)));
                let (earned, charged) = interest(product.kind, &product.terms, &product.usage)
                    .ok_or(EngineError::overflow(Quantity::ClientCost))?;
                let (alone_earned, alone_charged) =
                    interest(product.kind, alone, &product.usage)
                        .ok_or(EngineError::overflow(Quantity::ClientCost))?;
                Ok(ProductPrice {
                    code: product.code.clone(),
                    fees_per_year: at(fees(&product.terms, &product.usage))?,
                    separate_fees_per_year: at(fees(alone, &product.usage))?,
                    one_off_fees: at(Some(product.terms.setup_fee))?,
                    separate_one_off_fees: at(Some(alone.setup_fee))?,
                    interest_earned_per_year: at(Some(earned))?,
                    separate_interest_earned_per_year: at(Some(alone_earned))?,
                    interest_charged_per_year: at(Some(charged))?,
                    separate_interest_charged_per_year: at(Some(alone_charged))?,
                })
            };
            lines.push(line().map_err(|e| e.in_product(&product.code))?);
        }
        let total = |f: fn(&ProductPrice) -> Decimal| {
            checked(
                lines
                    .iter()
                    .try_fold(Decimal::ZERO, |sum, line| sum.checked_add(f(line))),
            )
        };
        let package_fee_per_year = checked(package_fee.unwrap_or_default().checked_mul(dec!(12)))?;
        let fees_per_year = checked(total(|l| l.fees_per_year)?.checked_add(package_fee_per_year))?;
        let separate_fees_per_year = total(|l| l.separate_fees_per_year)?;
        let one_off_fees = total(|l| l.one_off_fees)?;
        let separate_one_off_fees = total(|l| l.separate_one_off_fees)?;
        let interest_earned_per_year = total(|l| l.interest_earned_per_year)?;
        let separate_interest_earned_per_year = total(|l| l.separate_interest_earned_per_year)?;
        let interest_charged_per_year = total(|l| l.interest_charged_per_year)?;
        let separate_interest_charged_per_year = total(|l| l.separate_interest_charged_per_year)?;
        Ok(Self {
            currency: valuation.reporting(),
            one_off_saving: checked(separate_one_off_fees.checked_sub(one_off_fees))?,
            extra_interest_per_year: checked(
                interest_earned_per_year.checked_sub(separate_interest_earned_per_year),
            )?,
            interest_charged_saving_per_year: checked(
                separate_interest_charged_per_year.checked_sub(interest_charged_per_year),
            )?,
            package_fee_per_year,
            fees_per_month: checked(fees_per_year.checked_div(dec!(12)))?,
            fee_saving_per_year: checked(separate_fees_per_year.checked_sub(fees_per_year))?,
            fees_per_year,
            separate_fees_per_year,
            one_off_fees,
            separate_one_off_fees,
            interest_earned_per_year,
            separate_interest_earned_per_year,
            interest_charged_per_year,
            separate_interest_charged_per_year,
            products: lines,
        })
    }

    /// The client is better off in every respect and strictly better off in one: fewer fees
    /// (per year or once), more interest earned, or less interest charged.
    pub fn saves(&self) -> bool {
        let gains = [
            self.fee_saving_per_year,
            self.one_off_saving,
            self.extra_interest_per_year,
            self.interest_charged_saving_per_year,
        ];
        gains.iter().all(|g| *g >= Decimal::ZERO) && gains.iter().any(|g| *g > Decimal::ZERO)
    }
}
