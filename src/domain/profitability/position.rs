//! One product position: the reference model's per-product lines, at full precision.
//!
//! This is the hot path (finance re-evaluates whole matrices), so it allocates nothing: inputs
//! are borrowed, the breakdown is `Copy`, and errors carry no text until displayed.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

use super::error::{EngineError, Quantity as Q, add, div, mul, sub, sum};
use super::{Position, SalesPointCosts};
use crate::domain::product::{Economics, ProductKind, Terms, Usage};

/// Revenue from fees, by source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FeeLines {
    /// 12 · monthly_fee
    pub monthly: Decimal,
    pub annual: Decimal,
    /// setup_fee / L
    pub setup: Decimal,
    /// n · transaction_fee
    pub transactions: Decimal,
    pub total: Decimal,
}

/// Direct cost, by source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DirectLines {
    pub servicing: Decimal,
    /// n · cost_per_transaction
    pub transactions: Decimal,
    /// (issuance_cost + acquisition_cost) / L
    pub one_off: Decimal,
    /// B · expected_loss_rate, credit cards only
    pub expected_loss: Decimal,
    /// opening_minutes · branch_cost_per_minute / L
    pub opening_time: Decimal,
    pub total: Decimal,
}

/// Every line of the reference model for one position, annual, unrounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PositionBreakdown {
    pub fees: FeeLines,
    pub partner: Decimal,
    pub interest: Decimal,
    pub interchange: Decimal,
    pub revenue: Decimal,
    pub direct: DirectLines,
    /// Visit overhead borne by this position: only when sold alone.
    pub visit: Decimal,
    pub indirect: Decimal,
    pub profit: Decimal,
    /// profit / revenue. `None` when revenue ≤ 0: a margin on no (or negative) revenue has no
    /// meaning, and a negative/negative ratio would even look healthy.
    pub margin: Option<Decimal>,
}

const TWELVE: Decimal = dec!(12);

/// Evaluates one position with the reference profitability model (v1).
///
/// `sold_alone` makes the position bear the whole visit overhead; inside a bundle the bundle
/// bears it once instead. Money inputs are all in one currency (the point's costs included).
///
/// # Errors
/// Overflow or division by zero (a zero lifetime), naming the quantity being computed.
pub fn evaluate_position(
    economics: &Economics,
    kind: ProductKind,
    terms: &Terms,
    usage: &Usage,
    point: &SalesPointCosts,
    sold_alone: bool,
) -> Result<PositionBreakdown, EngineError> {
    let e = economics;
    let life = e.lifetime_years;
    let n = usage.transactions;

    let fees = fee_lines(terms, n, life)?;
    let partner = mul(n, e.partner_commission, Q::Partner)?;
    let interest = interest(e, kind, terms.client_rate, usage.avg_balance)?;
    let interchange = if kind.is_card() {
        mul(usage.annual_spend, e.interchange_rate, Q::Interchange)?
    } else {
        Decimal::ZERO
    };
    let revenue = sum(&[fees.total, partner, interest, interchange], Q::Revenue)?;

    let direct = direct_lines(e, kind, usage, point)?;
    let visit = if sold_alone {
        visit_cost(point, life, Q::Visit)?
    } else {
        Decimal::ZERO
    };
    let indirect = mul(
        e.overhead_rate,
        add(direct.total, visit, Q::Indirect)?,
        Q::Indirect,
    )?;
    let profit = [direct.total, visit, indirect]
        .into_iter()
        .try_fold(revenue, |profit, cost| sub(profit, cost, Q::Profit))?;
    let margin = margin(profit, revenue, Q::Margin)?;

    Ok(PositionBreakdown {
        fees,
        partner,
        interest,
        interchange,
        revenue,
        direct,
        visit,
        indirect,
        profit,
        margin,
    })
}

impl Position<'_> {
    /// [`evaluate_position`] for this position, errors naming its product code.
    ///
    /// # Errors
    /// As [`evaluate_position`].
    pub fn evaluate(
        &self,
        point: &SalesPointCosts,
        sold_alone: bool,
    ) -> Result<PositionBreakdown, EngineError> {
        evaluate_position(
            self.economics,
            self.kind,
            self.terms,
            self.usage,
            point,
            sold_alone,
        )
        .map_err(|e| e.in_product(self.code))
    }
}

fn fee_lines(terms: &Terms, n: Decimal, life: Decimal) -> Result<FeeLines, EngineError> {
    let monthly = mul(terms.monthly_fee, TWELVE, Q::MonthlyFees)?;
    let setup = div(terms.setup_fee, life, Q::SetupFeeShare)?;
    let transactions = mul(n, terms.transaction_fee, Q::TransactionFees)?;
    let total = sum(&[monthly, terms.annual_fee, setup, transactions], Q::Fees)?;
    Ok(FeeLines {
        monthly,
        annual: terms.annual_fee,
        setup,
        transactions,
        total,
    })
}

/// B·((1−ρ)·f − r) for liabilities, B·(r − f) for credit cards, nothing otherwise.
fn interest(
    e: &Economics,
    kind: ProductKind,
    client_rate: Decimal,
    balance: Decimal,
) -> Result<Decimal, EngineError> {
    let spread = if kind.is_liability() {
        let earning_share = sub(Decimal::ONE, e.reserve_ratio, Q::Interest)?;
        sub(
            mul(earning_share, e.ftp_rate, Q::Interest)?,
            client_rate,
            Q::Interest,
        )?
    } else if kind == ProductKind::CreditCard {
        sub(client_rate, e.ftp_rate, Q::Interest)?
    } else {
        return Ok(Decimal::ZERO);
    };
    mul(balance, spread, Q::Interest)
}

fn direct_lines(
    e: &Economics,
    kind: ProductKind,
    usage: &Usage,
    point: &SalesPointCosts,
) -> Result<DirectLines, EngineError> {
    let life = e.lifetime_years;
    let transactions = mul(
        usage.transactions,
        e.cost_per_transaction,
        Q::TransactionCosts,
    )?;
    let one_off = div(
        add(e.issuance_cost, e.acquisition_cost, Q::OneOffCosts)?,
        life,
        Q::OneOffCosts,
    )?;
    let expected_loss = if kind == ProductKind::CreditCard {
        mul(usage.avg_balance, e.expected_loss_rate, Q::ExpectedLoss)?
    } else {
        Decimal::ZERO
    };
    let opening_time = div(
        mul(
            e.opening_minutes,
            point.branch_cost_per_minute,
            Q::OpeningTime,
        )?,
        life,
        Q::OpeningTime,
    )?;
    let total = sum(
        &[
            e.servicing_cost,
            transactions,
            one_off,
            expected_loss,
            opening_time,
        ],
        Q::Direct,
    )?;
    Ok(DirectLines {
        servicing: e.servicing_cost,
        transactions,
        one_off,
        expected_loss,
        opening_time,
        total,
    })
}

/// visit_overhead_minutes · branch_cost_per_minute / L: one visit's staff time, per year.
pub(crate) fn visit_cost(
    point: &SalesPointCosts,
    life: Decimal,
    quantity: Q,
) -> Result<Decimal, EngineError> {
    div(
        mul(
            point.visit_overhead_minutes,
            point.branch_cost_per_minute,
            quantity,
        )?,
        life,
        quantity,
    )
}

/// profit / revenue when revenue > 0 (see [`PositionBreakdown::margin`]).
pub(crate) fn margin(
    profit: Decimal,
    revenue: Decimal,
    quantity: Q,
) -> Result<Option<Decimal>, EngineError> {
    if revenue > Decimal::ZERO {
        div(profit, revenue, quantity).map(Some)
    } else {
        Ok(None)
    }
}

impl PositionBreakdown {
    /// Every money line multiplied by `rate` (a currency conversion); the margin, a ratio, stays.
    ///
    /// # Errors
    /// Overflow.
    pub fn scaled(&self, rate: Decimal) -> Result<PositionBreakdown, EngineError> {
        let s = |v: Decimal| mul(v, rate, Q::Conversion);
        let f = &self.fees;
        let d = &self.direct;
        Ok(PositionBreakdown {
            fees: FeeLines {
                monthly: s(f.monthly)?,
                annual: s(f.annual)?,
                setup: s(f.setup)?,
                transactions: s(f.transactions)?,
                total: s(f.total)?,
            },
            partner: s(self.partner)?,
            interest: s(self.interest)?,
            interchange: s(self.interchange)?,
            revenue: s(self.revenue)?,
            direct: DirectLines {
                servicing: s(d.servicing)?,
                transactions: s(d.transactions)?,
                one_off: s(d.one_off)?,
                expected_loss: s(d.expected_loss)?,
                opening_time: s(d.opening_time)?,
                total: s(d.total)?,
            },
            visit: s(self.visit)?,
            indirect: s(self.indirect)?,
            profit: s(self.profit)?,
            margin: self.margin,
        })
    }
}
