//! The one list of a product's figures: its economics (what it costs the bank), its terms (what
//! the client pays) and its usage (what a typical client does with it). The catalog form, the
//! product page, the demo bank and the evaluation document all go through [`Figure::ALL`], so a
//! new figure is added in one place.

use rust_decimal::Decimal;

use super::{Economics, Terms, Usage};

/// Which part of a product a figure belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureGroup {
    Economics,
    Terms,
    Usage,
}

impl FigureGroup {
    pub const ALL: [FigureGroup; 3] = [Self::Economics, Self::Terms, Self::Usage];
}

/// What a figure measures, which says how it is shown and stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureUnit {
    /// A share or an annual rate as a fraction: 0.13 is 13 %.
    Fraction,
    /// An amount in the product's currency.
    Money,
    Minutes,
    Years,
    /// A count per year, possibly fractional (an average).
    Count,
}

macro_rules! figures {
    ($($variant:ident $name:literal $group:ident $unit:ident $label:literal $hint:literal;)*) => {
        /// One figure of a product.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Figure {
            $($variant,)*
        }

        impl Figure {
            /// Every figure, in the order forms and pages show them.
            pub const ALL: &'static [Figure] = &[$(Figure::$variant,)*];

            /// The name in forms, documents and the database (`ftp_rate`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Figure::$variant => $name,)*
                }
            }

            pub const fn group(self) -> FigureGroup {
                match self {
                    $(Figure::$variant => FigureGroup::$group,)*
                }
            }

            pub const fn unit(self) -> FigureUnit {
                match self {
                    $(Figure::$variant => FigureUnit::$unit,)*
                }
            }

            /// The label on forms and pages.
            pub const fn label(self) -> &'static str {
                match self {
                    $(Figure::$variant => $label,)*
                }
            }

            /// What to type, shown under the input ("" when obvious).
            pub const fn hint(self) -> &'static str {
                match self {
                    $(Figure::$variant => $hint,)*
                }
            }

            /// The message key of the label (`figure-ftp_rate`), for pages in any language.
            pub const fn label_key(self) -> &'static str {
                match self {
                    $(Figure::$variant => concat!("figure-", $name),)*
                }
            }

            /// The message key of the hint (`figure-ftp_rate-hint`).
            pub const fn hint_key(self) -> &'static str {
                match self {
                    $(Figure::$variant => concat!("figure-", $name, "-hint"),)*
                }
            }
        }
    };
}

figures! {
    LifetimeYears "lifetime_years" Economics Years "Lifetime, years" "how long a client keeps it; one-off costs are spread over it";
    FtpRate "ftp_rate" Economics Fraction "FTP rate" "fraction: 0.08 = 8 %";
    ReserveRatio "reserve_ratio" Economics Fraction "Reserve ratio" "liabilities; fraction";
    InterchangeRate "interchange_rate" Economics Fraction "Interchange rate" "cards; fraction of spend";
    ExpectedLossRate "expected_loss_rate" Economics Fraction "Expected loss rate" "credit cards; fraction of the balance";
    ServicingCost "servicing_cost" Economics Money "Servicing cost" "per client per year";
    CostPerTransaction "cost_per_transaction" Economics Money "Cost per transaction" "";
    PartnerCommission "partner_commission" Economics Money "Partner commission" "paid by a vendor per transaction";
    IssuanceCost "issuance_cost" Economics Money "Issuance cost" "one-off";
    AcquisitionCost "acquisition_cost" Economics Money "Acquisition cost" "one-off";
    OpeningMinutes "opening_minutes" Economics Minutes "Opening minutes" "advisor time to open it";
    OverheadRate "overhead_rate" Economics Fraction "Overhead rate" "indirect cost as a fraction of direct cost";
    MonthlyFee "monthly_fee" Terms Money "Monthly fee" "";
    AnnualFee "annual_fee" Terms Money "Annual fee" "";
    SetupFee "setup_fee" Terms Money "Set-up fee" "one-off";
    TransactionFee "transaction_fee" Terms Money "Transaction fee" "";
    ClientRate "client_rate" Terms Fraction "Client rate" "deposit rate paid or card rate charged; fraction";
    CreditLimit "credit_limit" Terms Money "Credit limit" "credit cards";
    MinAmount "min_amount" Terms Money "Minimum amount" "deposits: the smallest amount it is opened with";
    AvgBalance "avg_balance" Usage Money "Average balance" "credit card: the interest-bearing balance";
    AnnualSpend "annual_spend" Usage Money "Annual card spend" "";
    Transactions "transactions" Usage Count "Transactions a year" "";
}

impl Figure {
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The figures of one group, in order.
    pub fn of(group: FigureGroup) -> impl Iterator<Item = Figure> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |f| f.group() == group)
    }

    /// The figure's value in a product's parts.
    pub fn get(self, e: &Economics, t: &Terms, u: &Usage) -> Decimal {
        let (mut e, mut t, mut u) = (*e, *t, *u);
        *self.slot(&mut e, &mut t, &mut u)
    }

    /// Where the figure lives in a product's parts, to read or write it.
    pub fn slot<'a>(
        self,
        e: &'a mut Economics,
        t: &'a mut Terms,
        u: &'a mut Usage,
    ) -> &'a mut Decimal {
        match self {
            Figure::LifetimeYears => &mut e.lifetime_years,
            Figure::FtpRate => &mut e.ftp_rate,
            Figure::ReserveRatio => &mut e.reserve_ratio,
            Figure::InterchangeRate => &mut e.interchange_rate,
            Figure::ExpectedLossRate => &mut e.expected_loss_rate,
            Figure::ServicingCost => &mut e.servicing_cost,
            Figure::CostPerTransaction => &mut e.cost_per_transaction,
            Figure::PartnerCommission => &mut e.partner_commission,
            Figure::IssuanceCost => &mut e.issuance_cost,
            Figure::AcquisitionCost => &mut e.acquisition_cost,
            Figure::OpeningMinutes => &mut e.opening_minutes,
            Figure::OverheadRate => &mut e.overhead_rate,
            Figure::MonthlyFee => &mut t.monthly_fee,
            Figure::AnnualFee => &mut t.annual_fee,
            Figure::SetupFee => &mut t.setup_fee,
            Figure::TransactionFee => &mut t.transaction_fee,
            Figure::ClientRate => &mut t.client_rate,
            Figure::CreditLimit => &mut t.credit_limit,
            Figure::MinAmount => &mut t.min_amount,
            Figure::AvgBalance => &mut u.avg_balance,
            Figure::AnnualSpend => &mut u.annual_spend,
            Figure::Transactions => &mut u.transactions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn every_figure_has_its_own_place_and_name() {
        let (mut e, mut t, mut u) = (
            Economics::with_lifetime(Decimal::ZERO),
            Terms::default(),
            Usage::default(),
        );
        for (i, figure) in Figure::ALL.iter().enumerate() {
            *figure.slot(&mut e, &mut t, &mut u) = Decimal::from(i + 1);
        }
        for (i, figure) in Figure::ALL.iter().enumerate() {
            assert_eq!(figure.get(&e, &t, &u), Decimal::from(i + 1), "{figure:?}");
            assert_eq!(Figure::from_name(figure.name()), Some(*figure));
        }
        assert_eq!(Figure::ALL.len(), 22);
        assert_eq!(e.ftp_rate, dec!(2));
    }

    #[test]
    fn groups_keep_the_form_order() {
        let usage: Vec<_> = Figure::of(FigureGroup::Usage).map(Figure::name).collect();
        assert_eq!(usage, ["avg_balance", "annual_spend", "transactions"]);
        assert_eq!(Figure::of(FigureGroup::Economics).count(), 12);
    }
}
