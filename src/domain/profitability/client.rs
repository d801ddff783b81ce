//! What a product costs the *client* per year: the other side of the bank's revenue.
//!
//! Client cost = fees the client pays + interest the client pays − interest the client earns.
//! Partner commissions are paid by vendors and interchange by merchants, so neither counts.
//! Setup fees are spread over the product's lifetime, as the bank books them, so a one-off fee
//! compares fairly with annual ones.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::error::{EngineError, Quantity as Q, add, div, mul, sub, sum};
use super::{Position, Valuation};
use crate::domain::product::{ProductKind, Terms, Usage};

/// Annual cost to the client of holding a product on `terms` with `usage`, in its currency.
///
/// # Errors
/// Overflow, or a zero lifetime with a setup fee.
pub fn client_cost(
    kind: ProductKind,
    terms: &Terms,
    usage: &Usage,
    lifetime_years: Decimal,
) -> Result<Decimal, EngineError> {
    let monthly = mul(terms.monthly_fee, dec!(12), Q::ClientCost)?;
    let setup = div(terms.setup_fee, lifetime_years, Q::ClientCost)?;
    let per_transaction = mul(usage.transactions, terms.transaction_fee, Q::ClientCost)?;
    let fees = sum(
        &[monthly, terms.annual_fee, setup, per_transaction],
        Q::ClientCost,
    )?;
    let interest = mul(usage.avg_balance, terms.client_rate, Q::ClientCost)?;
    match kind {
        // The client earns interest on an account or deposit: it lowers what holding it costs.
        k if k.is_liability() => sub(fees, interest, Q::ClientCost),
        // The client pays interest on a card's balance.
        ProductKind::CreditCard => add(fees, interest, Q::ClientCost),
        _ => Ok(fees),
    }
}

/// A bundled position's client cost, both ways, in the reporting currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientCostPair {
    /// The same usage on the product's standalone terms: buying it separately.
    pub separate: Decimal,
    /// On the bundle's terms.
    pub bundled: Decimal,
}

/// A bundled position's client cost bought separately (its `standalone_terms`) and in the
/// bundle (its own terms), in the reporting currency.
///
/// Both sides keep the bundle's usage, so only the price differs: the client is asked "would
/// the same use of these products cost me more one by one?".
///
/// # Errors
/// Arithmetic failure or a missing exchange rate, naming the product.
pub fn client_cost_pair(
    position: &Position<'_>,
    standalone_terms: &Terms,
    valuation: &Valuation<'_>,
) -> Result<ClientCostPair, EngineError> {
    let pair = || {
        let life = position.economics.lifetime_years;
        let rate = valuation
            .rates
            .rate_to_reporting(position.currency, valuation.on)?
            .rate;
        let separate = client_cost(position.kind, standalone_terms, position.usage, life)?;
        let bundled = client_cost(position.kind, position.terms, position.usage, life)?;
        Ok(ClientCostPair {
            separate: mul(separate, rate, Q::Conversion)?,
            bundled: mul(bundled, rate, Q::Conversion)?,
        })
    };
    pair().map_err(|e: EngineError| e.in_product(position.code))
}
