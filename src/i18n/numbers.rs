//! How figures are written, by language: money rounded half-to-even to the currency's
//! minor unit with thousands grouped (`RUB 1,234,567.89` in English, `1 234 567,89 ₽` in
//! Russian), rates as percentages. Formatting belongs to view models, never to templates.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::Lang;
use crate::domain::money::{Currency, format_fixed, round_half_even};

/// Digits grouped in threes, with the language's separators (`fixed` is `-?digits(.digits)?`).
fn localized(fixed: &str, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        // A no-break space, so that a figure never wraps across lines.
        Lang::Ru => ('\u{a0}', ','),
    };
    let (sign, unsigned) = fixed
        .strip_prefix('-')
        .map_or(("", fixed), |rest| ("-", rest));
    let (integer, fraction) = unsigned
        .split_once('.')
        .map_or((unsigned, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(fixed.len() + integer.len() / 3 * 2);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}{decimal}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// "3,270.00" / "3 270,00" — no currency, for tables whose header names it.
pub fn amount(lang: Lang, value: Decimal, currency: Currency) -> String {
    localized(&format_fixed(value, currency.minor_units()), lang)
}

/// "RUB 3,270.00" / "3 270,00 ₽".
pub fn money(lang: Lang, value: Decimal, currency: Currency) -> String {
    let figure = amount(lang, value, currency);
    match lang {
        Lang::En => format!("{}\u{a0}{figure}", currency.as_str()),
        Lang::Ru => {
            let sign = match currency.as_str() {
                "RUB" => "₽",
                "EUR" => "€",
                "USD" => "$",
                other => other,
            };
            format!("{figure}\u{a0}{sign}")
        }
    }
}

/// "13.8784 %" / "13,8784 %": a fraction as a percentage, up to 4 places, trailing zeros dropped.
pub fn percent(lang: Lang, value: Decimal) -> String {
    let Some(hundredths) = value.checked_mul(Decimal::ONE_HUNDRED) else {
        return TOO_LARGE.to_owned();
    };
    let shown = round_half_even(hundredths, 4).normalize();
    format!("{}\u{a0}%", localized(&shown.to_string(), lang))
}

/// What a percentage too large for a decimal shows (a margin over a revenue of a kopeck).
const TOO_LARGE: &str = "—";

/// "27.35 %" / "27,35 %": a margin, always to two decimals.
pub fn margin(lang: Lang, value: Decimal) -> String {
    let Some(hundredths) = value.checked_mul(Decimal::ONE_HUNDRED) else {
        return TOO_LARGE.to_owned();
    };
    let shown = round_half_even(hundredths, 2);
    format!("{}\u{a0}%", localized(&format!("{shown:.2}"), lang))
}

/// "13,100,000" / "13 100 000": a count with thousands grouped.
pub fn integer(lang: Lang, value: i64) -> String {
    localized(&value.to_string(), lang)
}

/// A plain decimal as entered, without trailing zeros ("0.2" / "0,2", "15").
pub fn plain(lang: Lang, value: Decimal) -> String {
    localized(&value.normalize().to_string(), lang)
}

/// "30 Nov 2026" / "30.11.2026": a day as each language writes it, never ambiguous.
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::En => day.format("%-d %b %Y").to_string(),
        Lang::Ru => day.format("%d.%m.%Y").to_string(),
    }
}

/// A moment to the minute, in UTC, saying so: "30 Nov 2026 08:36 UTC".
pub fn moment(lang: Lang, at: DateTime<Utc>) -> String {
    format!("{} {} UTC", date(lang, at.date_naive()), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_percentage_too_large_for_a_decimal_is_a_dash_not_a_panic() {
        assert_eq!(margin(Lang::En, Decimal::MAX), "—");
        assert_eq!(percent(Lang::Ru, Decimal::MIN), "—");
    }

    #[test]
    fn days_and_moments_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(date(Lang::En, day), "5 Mar 2026");
        assert_eq!(date(Lang::Ru, day), "05.03.2026");
        let at = day.and_hms_opt(8, 6, 59).unwrap().and_utc();
        assert_eq!(moment(Lang::En, at), "5 Mar 2026 08:06 UTC");
        assert_eq!(moment(Lang::Ru, at), "05.03.2026 08:06 UTC");
    }

    #[test]
    fn money_is_rounded_half_even_and_written_as_each_language_writes_it() {
        let rub = Currency::RUB;
        assert_eq!(
            money(Lang::En, dec!(1234567.885), rub),
            "RUB\u{a0}1,234,567.88"
        );
        assert_eq!(
            money(Lang::Ru, dec!(1234567.885), rub),
            "1\u{a0}234\u{a0}567,88\u{a0}₽"
        );
        assert_eq!(amount(Lang::En, dec!(-1234567.125), rub), "-1,234,567.12");
        assert_eq!(amount(Lang::Ru, dec!(0.135), rub), "0,14");
        assert_eq!(amount(Lang::En, dec!(999), rub), "999.00");
        assert_eq!(money(Lang::Ru, dec!(10), Currency::EUR), "10,00\u{a0}€");
    }

    #[test]
    fn rates_margins_and_counts() {
        assert_eq!(percent(Lang::En, dec!(0.138784)), "13.8784\u{a0}%");
        assert_eq!(percent(Lang::Ru, dec!(0.15)), "15\u{a0}%");
        assert_eq!(margin(Lang::En, dec!(0.273456)), "27.35\u{a0}%");
        assert_eq!(margin(Lang::Ru, dec!(0.1)), "10,00\u{a0}%");
        assert_eq!(integer(Lang::En, 13_100_000), "13,100,000");
        assert_eq!(integer(Lang::Ru, -1_000), "-1\u{a0}000");
        assert_eq!(plain(Lang::Ru, dec!(0.20)), "0,2");
    }
}
