//! ISO 4217 currency codes, parsed once.
//!
//! Stored as three ASCII bytes so `Currency` is `Copy` and comparing two of them costs nothing in
//! the profitability hot path.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A syntactically valid ISO 4217 code: exactly three ASCII uppercase letters.
///
/// Codes this module doesn't list are accepted (ISO adds codes; a bank's catalog may hold one
/// before we do) and get two minor units, the most common case.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

/// Why a text is not a currency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a currency code: expected three uppercase letters like \"RUB\"")]
pub struct CurrencyParseError(pub String);

impl From<CurrencyParseError> for crate::domain::message::Message {
    fn from(e: CurrencyParseError) -> Self {
        Self::new("currency-invalid").with("code", format!("{:?}", e.0))
    }
}

impl Currency {
    pub const RUB: Currency = Currency(*b"RUB");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const USD: Currency = Currency(*b"USD");
    pub const JPY: Currency = Currency(*b"JPY");
    pub const KWD: Currency = Currency(*b"KWD");

    /// Parses an ISO 4217 code.
    ///
    /// # Errors
    /// Anything but exactly three ASCII uppercase letters.
    pub fn parse(code: &str) -> Result<Self, CurrencyParseError> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(CurrencyParseError(code.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail; the fallback keeps us panic-free.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Digits after the decimal point in the currency's smallest unit (kopeck, cent, fils…).
    pub fn minor_units(&self) -> u32 {
        match &self.0 {
            b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"PYG" | b"UGX" | b"XAF" | b"XOF" => 0,
            b"KWD" | b"BHD" | b"OMR" | b"JOD" | b"IQD" | b"LYD" | b"TND" => 3,
            _ => 2,
        }
    }
}

impl FromStr for Currency {
    type Err = CurrencyParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::parse(s)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Currency::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_follow_iso_4217() {
        for (code, units) in [
            ("RUB", 2),
            ("EUR", 2),
            ("USD", 2),
            ("GBP", 2),
            ("CNY", 2),
            ("CHF", 2),
        ] {
            assert_eq!(
                Currency::parse(code).unwrap().minor_units(),
                units,
                "{code}"
            );
        }
        for (code, units) in [("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3), ("OMR", 3)] {
            assert_eq!(
                Currency::parse(code).unwrap().minor_units(),
                units,
                "{code}"
            );
        }
    }

    #[test]
    fn unknown_but_well_formed_code_gets_two_minor_units() {
        assert_eq!(Currency::parse("XYZ").unwrap().minor_units(), 2);
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for bad in ["", "rub", "RU", "RUBL", "R1B", "ЁЖЗ", " RUB"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn serde_round_trips_as_a_plain_string() {
        let json = serde_json::to_string(&Currency::RUB).unwrap();
        assert_eq!(json, "\"RUB\"");
        assert_eq!(
            serde_json::from_str::<Currency>(&json).unwrap(),
            Currency::RUB
        );
        assert!(serde_json::from_str::<Currency>("\"rub\"").is_err());
    }
}
