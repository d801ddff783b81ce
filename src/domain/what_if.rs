//! What-if: the bank's inputs shifted by a scenario (funds-transfer-pricing rates, usage in the
//! bundle, take-up, costs, fees, the branch cost per minute), to be evaluated by the same
//! engine next to the baseline. Shifting makes new values; the live ones are never touched.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::domain::bank::SalesPoint;
use crate::domain::matrix::MatrixContent;
use crate::domain::message::Message;
use crate::domain::product::{CatalogProduct, Figure, Terms};
use crate::domain::validation::FieldError;

/// A scenario's shifts; zero shifts nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shifts {
    /// Added to every product's FTP rate, in basis points (25 = +0.25 %).
    pub ftp_bp: Decimal,
    /// Usage in the bundle, where the matrix sets it, times (1 + this): 0.10 = 10 % more.
    pub usage: Decimal,
    /// Added to every take-up the matrix sets (0.05 = five points), kept within 0–1.
    pub take_up: Decimal,
    /// Servicing, transaction, issuance and acquisition costs times (1 + this).
    pub costs: Decimal,
    /// Every fee (monthly, annual, set-up, per transaction) times (1 + this), standalone and
    /// in the bundle.
    pub fees: Decimal,
    /// Each sales point's cost per minute times (1 + this).
    pub branch_cost: Decimal,
}

const FEES: [Figure; 4] = [
    Figure::MonthlyFee,
    Figure::AnnualFee,
    Figure::SetupFee,
    Figure::TransactionFee,
];
const COSTS: [Figure; 4] = [
    Figure::ServicingCost,
    Figure::CostPerTransaction,
    Figure::IssuanceCost,
    Figure::AcquisitionCost,
];

fn overflow() -> Message {
    Message::new("portfolio-overflow")
}

fn scaled(value: Decimal, by: Decimal) -> Result<Decimal, Message> {
    (Decimal::ONE + by).checked_mul(value).ok_or_else(overflow)
}

impl Shifts {
    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    /// Every problem of the shifts, each naming its field: a fraction under −100 % would make
    /// a price or a cost negative.
    ///
    /// # Errors
    /// The fields out of range.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            ("usage", self.usage),
            ("costs", self.costs),
            ("fees", self.fees),
            ("branch_cost", self.branch_cost),
        ] {
            if value < -Decimal::ONE {
                errors.push(FieldError::new(
                    field,
                    Message::new("what-if-below-minus-100"),
                ));
            }
        }
        if self.take_up.abs() > Decimal::ONE {
            errors.push(FieldError::new(
                "take_up",
                Message::new("matrix-share-range"),
            ));
        }
        if self.ftp_bp.abs() > Decimal::from(10_000) {
            errors.push(FieldError::new("ftp_bp", Message::new("what-if-ftp-range")));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn terms(&self, terms: &mut Terms) -> Result<(), Message> {
        let mut economics = crate::domain::product::Economics::with_lifetime(Decimal::ONE);
        let mut usage = crate::domain::product::Usage::default();
        for figure in FEES {
            let slot = figure.slot(&mut economics, terms, &mut usage);
            *slot = scaled(*slot, self.fees)?;
        }
        Ok(())
    }

    /// A product as the scenario sees it.
    ///
    /// # Errors
    /// `portfolio-overflow`.
    pub fn product(&self, product: &CatalogProduct) -> Result<CatalogProduct, Message> {
        let mut p = product.clone();
        p.economics.ftp_rate = (self.ftp_bp / Decimal::from(10_000))
            .checked_add(p.economics.ftp_rate)
            .ok_or_else(overflow)?;
        for figure in COSTS {
            let slot = figure.slot(&mut p.economics, &mut p.terms, &mut p.usage);
            *slot = scaled(*slot, self.costs)?;
        }
        self.terms(&mut p.terms)?;
        Ok(p)
    }

    /// A version's frozen standalone terms as the scenario sees them.
    ///
    /// # Errors
    /// `portfolio-overflow`.
    pub fn frozen(
        &self,
        frozen: &BTreeMap<String, Terms>,
    ) -> Result<BTreeMap<String, Terms>, Message> {
        frozen
            .iter()
            .map(|(code, terms)| {
                let mut t = *terms;
                self.terms(&mut t)?;
                Ok((code.clone(), t))
            })
            .collect()
    }

    /// A sales point as the scenario sees it.
    ///
    /// # Errors
    /// `portfolio-overflow`.
    pub fn point(&self, point: &SalesPoint) -> Result<SalesPoint, Message> {
        let mut p = point.clone();
        p.costs.branch_cost_per_minute = scaled(p.costs.branch_cost_per_minute, self.branch_cost)?;
        Ok(p)
    }

    /// A matrix version's content as the scenario sees it: its fees, usage in the bundle and
    /// take-up shifted where its cells set them.
    ///
    /// # Errors
    /// `portfolio-overflow`.
    pub fn content(&self, content: &MatrixContent) -> Result<MatrixContent, Message> {
        let mut c = content.clone();
        if let Some(fee) = c.package_fee {
            c.package_fee = Some(scaled(fee, self.fees)?);
        }
        for cell in &mut c.cells {
            let patch = &mut cell.patch;
            for (figure, value) in &mut patch.terms {
                if FEES.contains(figure) {
                    *value = scaled(*value, self.fees)?;
                }
            }
            for value in patch.usage_in_bundle.values_mut() {
                *value = scaled(*value, self.usage)?;
            }
            if let Some(take_up) = patch.take_up {
                let shifted = take_up.checked_add(self.take_up).ok_or_else(overflow)?;
                patch.take_up = Some(shifted.clamp(Decimal::ZERO, Decimal::ONE));
            }
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::domain::matrix::{CellPatch, Role, Scope};

    #[test]
    fn shifts_make_new_values_and_zero_shifts_nothing() {
        let mut content = MatrixContent::default();
        content.set_cell(
            "CC",
            Scope::AllPoints,
            CellPatch {
                role: Some(Role::AddOn),
                terms: BTreeMap::from([
                    (Figure::AnnualFee, dec!(490)),
                    (Figure::ClientRate, dec!(0.3)),
                ]),
                usage_in_bundle: BTreeMap::from([(Figure::AnnualSpend, dec!(400000))]),
                take_up: Some(dec!(0.98)),
                ..CellPatch::default()
            },
        );
        assert_eq!(Shifts::default().content(&content).unwrap(), content);
        let shifts = Shifts {
            fees: dec!(0.10),
            usage: dec!(-0.25),
            take_up: dec!(0.05),
            ..Shifts::default()
        };
        let shifted = shifts.content(&content).unwrap();
        let patch = &shifted.cells[0].patch;
        assert_eq!(patch.terms[&Figure::AnnualFee], dec!(539.0));
        assert_eq!(
            patch.terms[&Figure::ClientRate],
            dec!(0.3),
            "a rate is not a fee"
        );
        assert_eq!(patch.usage_in_bundle[&Figure::AnnualSpend], dec!(300000.00));
        assert_eq!(patch.take_up, Some(dec!(1)), "kept within 0–1");
        assert_eq!(
            content.cells[0].patch.take_up,
            Some(dec!(0.98)),
            "the input is untouched"
        );
    }

    #[test]
    fn out_of_range_shifts_are_named() {
        let shifts = Shifts {
            costs: dec!(-1.5),
            take_up: dec!(2),
            ..Shifts::default()
        };
        let fields: Vec<String> = shifts
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["costs", "take_up"]);
        assert!(Shifts::default().check().is_ok());
    }
}
