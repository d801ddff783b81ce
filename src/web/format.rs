//! How figures are shown on pages: money rounded half-to-even to the currency's minor unit with
//! thousands grouped ("3 270.00 RUB"), rates as percentages. Formatting belongs to view models,
//! never to templates.

use rust_decimal::Decimal;

use crate::domain::money::{Currency, format_fixed};

/// Groups the integer part in threes with a narrow no-break space.
fn group_thousands(fixed: &str) -> String {
    let (sign, unsigned) = fixed
        .strip_prefix('-')
        .map_or(("", fixed), |rest| ("-", rest));
    let (integer, fraction) = unsigned
        .split_once('.')
        .map_or((unsigned, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(fixed.len() + integer.len() / 3 * 3);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// "3 270.00" — no currency code, for tables whose header names it.
pub fn amount(value: Decimal, currency: Currency) -> String {
    group_thousands(&format_fixed(value, currency.minor_units()))
}

/// "3 270.00 RUB"
pub fn money(value: Decimal, currency: Currency) -> String {
    format!("{} {}", amount(value, currency), currency.as_str())
}

/// "13.8784 %": a fraction as a percentage, up to 4 places, trailing zeros dropped.
pub fn percent(value: Decimal) -> String {
    let shown = crate::domain::money::round_half_even(value * Decimal::ONE_HUNDRED, 4).normalize();
    format!("{shown} %")
}

/// "13 100 000": a count with thousands grouped.
pub fn integer(value: i64) -> String {
    group_thousands(&value.to_string())
}

/// A plain decimal as entered, without trailing zeros ("0.2", "15").
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_is_rounded_half_even_and_grouped() {
        let rub = Currency::RUB;
        assert_eq!(money(dec!(3270), rub), "3\u{202f}270.00 RUB");
        assert_eq!(
            amount(dec!(-1234567.125), rub),
            "-1\u{202f}234\u{202f}567.12"
        );
        assert_eq!(amount(dec!(0.135), rub), "0.14");
        assert_eq!(amount(dec!(999), rub), "999.00");
    }

    #[test]
    fn rates_are_shown_as_percentages() {
        assert_eq!(percent(dec!(0.138784)), "13.8784 %");
        assert_eq!(percent(dec!(0.15)), "15 %");
    }
}
