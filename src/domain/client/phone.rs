//! A client's phone number, stored in one E.164-like form (`+` and the digits, as
//! `+79161234567`) whatever way the CRM or the advisor wrote it, so that one index finds it.
//!
//! [`normalize_phone`] reads a whole number for storage; [`phone_search_prefix`] reads the start
//! of one as an advisor types it at the desk, with the same rules as far as they apply.

/// Digits an E.164 number may have after its `+`: at most 15, and no real number has fewer
/// than 8.
const DIGITS: std::ops::RangeInclusive<usize> = 8..=15;

/// Digits a typed query needs before it is taken for (the start of) a phone number.
pub const PHONE_QUERY_MIN_DIGITS: usize = 5;

/// `raw` without the separators people write numbers with (spaces of any kind, `-`, `(`, `)`,
/// `.`), and with the international `00` written `+`; `None` when anything but a leading `+`
/// and digits is left.
fn compact(raw: &str) -> Option<String> {
    let mut text: String = raw
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.')))
        .collect();
    if let Some(rest) = text.strip_prefix("00") {
        text = format!("+{rest}");
    }
    let digits = text.strip_prefix('+').unwrap_or(&text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// The number in its stored form: `+` and 8..=15 digits.
///
/// Separators are dropped (`+7 (916) 123-45-67`); a leading `00` is the international `+`
/// (`0049 30 1234567`); a Russian number in the national form, `8` and ten digits
/// (`8 916 123-45-67`), or a Russian mobile written without a prefix, ten digits starting with
/// `9` (`916 123 45 67`), gets the country code `+7`; eleven digits starting with `7` are a
/// Russian number in the international form without its `+` (`79161234567`), as CRMs often
/// store them. Anything else must start with `+`.
/// `None` for text that is not a phone number in any of these forms.
#[must_use]
pub fn normalize_phone(raw: &str) -> Option<String> {
    let text = compact(raw)?;
    if let Some(digits) = text.strip_prefix('+') {
        return DIGITS.contains(&digits.len()).then_some(text);
    }
    match (text.len(), text.as_bytes()[0]) {
        (11, b'8') => Some(format!("+7{}", &text[1..])),
        // Russian CRMs often store the international form without its `+`.
        (11, b'7') => Some(format!("+{text}")),
        (10, b'9') => Some(format!("+7{text}")),
        _ => None,
    }
}

/// What the stored numbers that `query` is the start of begin with, when the query looks like
/// a phone number: an optional `+` and at least [`PHONE_QUERY_MIN_DIGITS`] digits, once the
/// separators are dropped. The rules of [`normalize_phone`] apply as far as a partial number
/// allows: `8 916 12` and `916 12` are `+791612`; digits typed without any prefix are read as
/// starting with their country code (`7916…` is `+7916…`, `49 30…` is `+4930…`).
#[must_use]
pub fn phone_search_prefix(query: &str) -> Option<String> {
    let text = compact(query)?;
    let digits = text.strip_prefix('+').unwrap_or(&text);
    if digits.len() < PHONE_QUERY_MIN_DIGITS {
        return None;
    }
    if let Some(whole) = normalize_phone(&text) {
        return Some(whole);
    }
    if text.starts_with('+') {
        return Some(text);
    }
    Some(match text.as_bytes()[0] {
        b'8' => format!("+7{}", &text[1..]),
        b'9' => format!("+7{text}"),
        _ => format!("+{text}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_stored_in_one_form() {
        for (raw, stored) in [
            ("+79161234567", Some("+79161234567")),
            ("+7 (916) 123-45-67", Some("+79161234567")),
            ("+7 916 123 45 67", Some("+79161234567")),
            ("+7\u{a0}916\u{a0}123\u{a0}45\u{a0}67", Some("+79161234567")),
            ("  +7.916.123.45.67 ", Some("+79161234567")),
            ("8 (916) 123-45-67", Some("+79161234567")),
            ("89161234567", Some("+79161234567")),
            ("8 495 123-45-67", Some("+74951234567")),
            ("9161234567", Some("+79161234567")),
            ("916 123-45-67", Some("+79161234567")),
            ("0049 30 1234567", Some("+49301234567")),
            ("00 7 916 123 45 67", Some("+79161234567")),
            ("+44 20 7946 0958", Some("+442079460958")),
            ("+12345678", Some("+12345678")), // 8 digits, the fewest
            ("+123456789012345", Some("+123456789012345")), // 15 digits, the most
            ("+1234567", None),               // too few
            ("+1234567890123456", None),      // too many
            ("79161234567", Some("+79161234567")), // international, without +
            ("7916123456", None),             // the same, a digit short
            ("8916123456", None),             // national, a digit short
            ("891612345678", None),           // national, a digit over
            ("4951234567", None),             // ten digits, not a mobile
            ("1234567", None),
            ("+7 916 123-45-67 ext. 5", None),
            ("+7 916 123-45-6x", None),
            ("7+9161234567", None),
            ("++79161234567", None),
            ("+", None),
            ("00", None),
            ("", None),
            ("   ", None),
            ("-()", None),
            ("+７９１６１２３４５６７", None), // full-width digits are not ASCII digits
        ] {
            assert_eq!(normalize_phone(raw).as_deref(), stored, "{raw:?}");
        }
    }

    #[test]
    fn a_stored_number_normalizes_to_itself() {
        for raw in ["+79161234567", "8 916 123-45-67", "0049 30 1234567"] {
            let stored = normalize_phone(raw).unwrap();
            assert_eq!(normalize_phone(&stored).as_deref(), Some(stored.as_str()));
        }
    }

    #[test]
    fn the_start_of_a_number_is_read_as_far_as_it_goes() {
        for (typed, prefix) in [
            ("+7 916 123-45-67", Some("+79161234567")),
            ("8 916 123-45-67", Some("+79161234567")),
            ("916 123 45 67", Some("+79161234567")),
            ("+7 916 1", Some("+79161")),
            ("8 (916) 12", Some("+791612")),
            ("89161", Some("+79161")),
            ("916 12", Some("+791612")),
            ("7916 12", Some("+791612")),
            ("0049 301", Some("+49301")),
            ("49 301", Some("+49301")),
            ("12345", Some("+12345")),
            ("+7916", None), // four digits: too short to tell
            ("8916", None),
            ("CRM-0000001", None),
            ("Ivanova", None),
            ("ivanova 1990", None),
            ("+", None),
            ("", None),
        ] {
            assert_eq!(phone_search_prefix(typed).as_deref(), prefix, "{typed:?}");
        }
    }
}
