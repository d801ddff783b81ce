//! Dated exchange rates into one reporting currency.
//!
//! Why "on or before": rates are published on business days, while a bundle may be evaluated on a
//! weekend; banks then apply the last published rate. A date before the first rate of a
//! currency has no rate, and conversion fails rather than guessing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Currency, Money, MoneyError};

/// One published rate: 1 unit of `currency` is worth `rate` units of the reporting currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateEntry {
    pub currency: Currency,
    pub date: NaiveDate,
    pub rate: Decimal,
}

/// A table of dated rates from foreign currencies into the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeRates {
    reporting: Currency,
    rates: BTreeMap<(Currency, NaiveDate), Decimal>,
}

impl ExchangeRates {
    /// An empty table: converting the reporting currency into itself is all it can do.
    pub fn new(reporting: Currency) -> Self {
        Self {
            reporting,
            rates: BTreeMap::new(),
        }
    }

    pub fn reporting(&self) -> Currency {
        self.reporting
    }

    /// Records that on `date`, one `currency` is worth `rate` reporting units.
    ///
    /// # Errors
    /// A non-positive rate, or a rate for the reporting currency itself.
    pub fn insert(
        &mut self,
        date: NaiveDate,
        currency: Currency,
        rate: Decimal,
    ) -> Result<(), MoneyError> {
        if currency == self.reporting {
            return Err(MoneyError::RateForReportingCurrency(currency));
        }
        if rate <= Decimal::ZERO {
            return Err(MoneyError::InvalidRate {
                currency,
                on: date,
                rate,
            });
        }
        self.rates.insert((currency, date), rate);
        Ok(())
    }

    /// The latest date any rate is known for, if any: a natural default valuation date.
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.rates.keys().map(|(_, date)| *date).max()
    }

    /// The rate to the reporting currency that applies on `on`, and the date it was published.
    /// The reporting currency itself converts at exactly 1.
    ///
    /// # Errors
    /// [`MoneyError::NoRate`] when no rate was published on or before `on`.
    pub fn rate_to_reporting(
        &self,
        currency: Currency,
        on: NaiveDate,
    ) -> Result<RateEntry, MoneyError> {
        if currency == self.reporting {
            return Ok(RateEntry {
                currency,
                date: on,
                rate: Decimal::ONE,
            });
        }
        self.rates
            .range((currency, NaiveDate::MIN)..=(currency, on))
            .next_back()
            .map(|(&(currency, date), &rate)| RateEntry {
                currency,
                date,
                rate,
            })
            .ok_or(MoneyError::NoRate {
                from: currency,
                to: self.reporting,
                on,
            })
    }

    /// The rate in force on `on` for every currency the table knows a rate of by then, by
    /// currency.
    pub fn in_force(&self, on: NaiveDate) -> Vec<RateEntry> {
        let currencies: std::collections::BTreeSet<Currency> =
            self.rates.keys().map(|(currency, _)| *currency).collect();
        currencies
            .into_iter()
            .filter_map(|currency| self.rate_to_reporting(currency, on).ok())
            .collect()
    }

    /// Converts `money` into `to` with the rates that apply on `on` (crossing through the
    /// reporting currency when neither side is it). Full precision: no rounding.
    ///
    /// # Errors
    /// No rate for either currency, or overflow.
    pub fn convert(&self, money: Money, to: Currency, on: NaiveDate) -> Result<Money, MoneyError> {
        if money.currency == to {
            return Ok(money);
        }
        let no_rate = MoneyError::NoRate {
            from: money.currency,
            to,
            on,
        };
        let into_reporting = self
            .rate_to_reporting(money.currency, on)
            .map_err(|_| no_rate.clone())?;
        let out_of_reporting = self.rate_to_reporting(to, on).map_err(|_| no_rate)?;
        let amount = money
            .amount
            .checked_mul(into_reporting.rate)
            .and_then(|reporting| reporting.checked_div(out_of_reporting.rate))
            .ok_or(MoneyError::Overflow("a currency conversion"))?;
        Ok(Money::new(amount, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    fn table() -> ExchangeRates {
        let mut rates = ExchangeRates::new(Currency::RUB);
        rates.insert(day(3), Currency::USD, dec!(90)).unwrap();
        rates.insert(day(5), Currency::USD, dec!(92.5)).unwrap();
        rates.insert(day(5), Currency::EUR, dec!(100)).unwrap();
        rates
    }

    #[test]
    fn the_rates_in_force_on_a_day_are_each_currency_s_latest_by_then() {
        let on_4th: Vec<_> = table()
            .in_force(day(4))
            .into_iter()
            .map(|e| (e.currency, e.date, e.rate))
            .collect();
        assert_eq!(
            on_4th,
            [(Currency::USD, day(3), dec!(90))],
            "EUR is not quoted yet"
        );
        let on_9th = table().in_force(day(9));
        assert_eq!(on_9th.len(), 2);
        assert!(on_9th.iter().all(|e| e.date == day(5)));
    }

    #[test]
    fn converts_with_the_latest_rate_on_or_before_the_date() {
        let usd = Money::new(dec!(10), Currency::USD);
        assert_eq!(
            table().convert(usd, Currency::RUB, day(4)).unwrap().amount,
            dec!(900)
        );
        assert_eq!(
            table().convert(usd, Currency::RUB, day(9)).unwrap().amount,
            dec!(925)
        );
        assert_eq!(
            table()
                .rate_to_reporting(Currency::USD, day(4))
                .unwrap()
                .date,
            day(3)
        );
    }

    #[test]
    fn converts_out_of_and_across_the_reporting_currency() {
        let rub = Money::new(dec!(925), Currency::RUB);
        assert_eq!(
            table().convert(rub, Currency::USD, day(5)).unwrap().amount,
            dec!(10)
        );
        let eur = Money::new(dec!(92.5), Currency::EUR);
        assert_eq!(
            table().convert(eur, Currency::USD, day(5)).unwrap().amount,
            dec!(100)
        );
    }

    #[test]
    fn missing_rate_is_an_error() {
        let usd = Money::new(dec!(10), Currency::USD);
        let err = table().convert(usd, Currency::RUB, day(2)).unwrap_err();
        assert_eq!(
            err,
            MoneyError::NoRate {
                from: Currency::USD,
                to: Currency::RUB,
                on: day(2)
            }
        );
        assert!(
            table()
                .convert(Money::new(dec!(1), Currency::JPY), Currency::RUB, day(5))
                .is_err()
        );
    }

    #[test]
    fn rejects_nonsensical_rates() {
        let mut rates = ExchangeRates::new(Currency::RUB);
        assert!(rates.insert(day(1), Currency::USD, dec!(0)).is_err());
        assert!(rates.insert(day(1), Currency::USD, dec!(-1)).is_err());
        assert!(rates.insert(day(1), Currency::RUB, dec!(1)).is_err());
    }

    #[test]
    fn same_currency_converts_to_itself_without_rates() {
        let rub = Money::new(dec!(1.005), Currency::RUB);
        assert_eq!(
            ExchangeRates::new(Currency::RUB)
                .convert(rub, Currency::RUB, day(1))
                .unwrap(),
            rub
        );
    }
}
