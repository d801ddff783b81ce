//! The standalone review of one catalog product, as its catalog page shows it.
//!
//! Which terms feed which rule is a business decision, so it lives here: the P&L is shown at
//! the product's standalone terms; break-even is judged there too; the suspension rule and the
//! price recommendation look at the market price ("loses money alone at its market terms").

use rust_decimal::Decimal;

use super::verdicts::{break_even, suspension};
use super::{
    EngineError, Position, PositionBreakdown, PriceSolution, SalesPointCosts, Valuation, Verdict,
    solve_price,
};
use crate::domain::product::CatalogProduct;

#[derive(Debug, Clone)]
pub struct ProductReview {
    /// The sales point's costs in the product's currency (converted when foreign).
    pub point: SalesPointCosts,
    pub at_terms: PositionBreakdown,
    pub at_market: PositionBreakdown,
    /// Break-even at standalone terms, then the suspension recommendation.
    pub verdicts: Vec<Verdict>,
    pub price: PriceSolution,
}

/// Reviews `product` sold alone at a sales point whose costs are in the reporting currency.
///
/// # Errors
/// No exchange rate for a foreign product, or arithmetic failure.
pub fn review_catalog_product(
    product: &CatalogProduct,
    point: &SalesPointCosts,
    target_margin: Decimal,
    valuation: &Valuation<'_>,
    in_any_bundle: bool,
) -> Result<ProductReview, EngineError> {
    let point = point.in_currency(product.currency, valuation)?;
    let market_terms = product.market_terms();
    let position = |terms| Position {
        code: &product.code,
        kind: product.kind,
        currency: product.currency,
        economics: &product.economics,
        terms,
        usage: &product.usage,
    };
    let at_terms = position(&product.terms).evaluate(&point, true)?;
    let at_market = position(&market_terms).evaluate(&point, true)?;
    let price = solve_price(
        product.price_parameter,
        target_margin,
        &position(&market_terms),
        &point,
        true,
    )?;
    let verdicts = vec![
        break_even(&product.code, &at_terms, product.currency),
        suspension(
            &product.code,
            &at_market,
            in_any_bundle,
            !product.costs_cannot_be_reduced,
            product.currency,
        ),
    ];
    Ok(ProductReview {
        point,
        at_terms,
        at_market,
        verdicts,
        price,
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    use super::*;
    use crate::domain::money::{Currency, ExchangeRates};
    use crate::domain::product::{
        Economics, PriceParameter, ProductKind, ProductStatus, Terms, Usage,
    };
    use crate::domain::profitability::verdicts::Outcome;

    fn online_banking(costs_cannot_be_reduced: bool, currency: Currency) -> CatalogProduct {
        let mut economics = Economics::with_lifetime(dec!(5));
        economics.servicing_cost = dec!(120);
        economics.opening_minutes = dec!(20);
        economics.overhead_rate = dec!(0.20);
        CatalogProduct {
            code: "ONLINE".into(),
            name: "Internet banking".into(),
            kind: ProductKind::OnlineBanking,
            currency,
            company: "BANK".into(),
            status: ProductStatus::Active,
            costs_cannot_be_reduced,
            price_parameter: PriceParameter::SetupFee,
            market_price: dec!(1000),
            economics,
            terms: Terms {
                setup_fee: dec!(1000),
                ..Terms::default()
            },
            usage: Usage::default(),
        }
    }

    const HEAD_OFFICE: SalesPointCosts = SalesPointCosts {
        branch_cost_per_minute: dec!(25.00),
        visit_overhead_minutes: dec!(15),
        visit_limit_minutes: None,
    };

    fn rates() -> ExchangeRates {
        let mut rates = ExchangeRates::new(Currency::RUB);
        rates
            .insert(
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                Currency::parse("EUR").unwrap(),
                dec!(100),
            )
            .unwrap();
        rates
    }

    #[test]
    fn a_loss_maker_whose_costs_cannot_be_cut_is_recommended_for_suspension() {
        let rates = rates();
        let valuation = Valuation {
            rates: &rates,
            on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };

        let review = review_catalog_product(
            &online_banking(true, Currency::RUB),
            &HEAD_OFFICE,
            dec!(0.15),
            &valuation,
            false,
        )
        .unwrap();

        assert_eq!(
            review.at_terms.profit,
            dec!(-154.00),
            "the worked example's ONLINE"
        );
        assert_eq!(review.verdicts[0].outcome, Outcome::Fail);
        assert_eq!(
            review.verdicts[1].outcome,
            Outcome::Fail,
            "{}",
            review.verdicts[1].message
        );
    }

    #[test]
    fn costs_that_can_still_be_cut_spare_the_product() {
        let rates = rates();
        let valuation = Valuation {
            rates: &rates,
            on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };

        let review = review_catalog_product(
            &online_banking(false, Currency::RUB),
            &HEAD_OFFICE,
            dec!(0.15),
            &valuation,
            false,
        )
        .unwrap();

        assert_ne!(
            review.verdicts[1].outcome,
            Outcome::Fail,
            "{}",
            review.verdicts[1].message
        );
    }

    #[test]
    fn a_foreign_product_pays_branch_time_in_its_own_currency() {
        let rates = rates();
        let valuation = Valuation {
            rates: &rates,
            on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let eur = Currency::parse("EUR").unwrap();

        let review = review_catalog_product(
            &online_banking(false, eur),
            &HEAD_OFFICE,
            dec!(0.15),
            &valuation,
            false,
        )
        .unwrap();

        assert_eq!(review.point.branch_cost_per_minute, dec!(0.25));
    }

    #[test]
    fn a_foreign_product_without_a_rate_is_an_error_not_a_guess() {
        let rates = ExchangeRates::new(Currency::RUB);
        let valuation = Valuation {
            rates: &rates,
            on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let usd = Currency::parse("USD").unwrap();

        let result = review_catalog_product(
            &online_banking(false, usd),
            &HEAD_OFFICE,
            dec!(0.15),
            &valuation,
            false,
        );

        assert!(result.is_err());
    }
}
