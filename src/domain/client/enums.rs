//! The closed vocabularies of a CRM client record.
//!
//! Each enum has one text form, `as_str()` (snake_case), used in JSON, CSV, segment rules and
//! URLs alike; `label()` is for people. Parsing is forgiving about case, surrounding space and
//! `-`/space instead of `_`, because the same codes are typed by product managers and exported by
//! other systems ("Self-employed", "SELF_EMPLOYED").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text that names no variant of the expected vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}; expected one of: {expected}")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
    /// The accepted codes, comma-separated.
    pub expected: String,
}

impl From<UnknownVariant> for crate::domain::message::Message {
    fn from(e: UnknownVariant) -> Self {
        Self::new("choice-unknown")
            .with("field", e.kind)
            .with("value", format!("{:?}", e.value))
            .with("expected", e.expected)
    }
}

/// Lower-cases and maps `-` and spaces to `_`, so labels and codes parse alike.
fn normalize_code(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| {
            if c == '-' || c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, $prefix:literal { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The canonical snake_case code.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// A label for people, in English (logs, the CLI).
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The message key of the label, for pages in any language (`gender-male`).
            pub const fn label_key(self) -> &'static str {
                match self { $(Self::$variant => concat!($prefix, "-", $code)),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                let code = normalize_code(raw);
                Self::ALL.iter().copied().find(|v| v.as_str() == code).ok_or_else(|| UnknownVariant {
                    kind: $kind,
                    value: raw.trim().to_owned(),
                    expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        // Hand-written rather than derived so that serde, CSV and forms share one spelling
        // (as_str) and one forgiving parser (FromStr).
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                raw.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

text_enum!(
    /// Gender as recorded in the identity document.
    Gender, "gender", "gender" {
        Male => "male", "Male";
        Female => "female", "Female";
    }
);

text_enum!(
    /// Main occupation, as the client declared it.
    Employment, "employment", "employment" {
        Employed => "employed", "Employed";
        SelfEmployed => "self_employed", "Self-employed";
        Student => "student", "Student";
        Retired => "retired", "Retired";
        Unemployed => "unemployed", "Unemployed";
        Homemaker => "homemaker", "Homemaker";
        Other => "other", "Other";
    }
);

text_enum!(
    MaritalStatus, "marital status", "marital" {
        Single => "single", "Single";
        Married => "married", "Married";
        Divorced => "divorced", "Divorced";
        Widowed => "widowed", "Widowed";
    }
);

text_enum!(
    /// How readily the client uses remote channels (app, internet bank); set by the CRM from
    /// channel usage or by the advisor.
    DigitalAffinity, "digital affinity", "digital" {
        Low => "low", "Low";
        Medium => "medium", "Medium";
        High => "high", "High";
    }
);

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    #[test]
    fn codes_are_snake_case_and_labels_are_for_people() {
        assert_eq!(Employment::SelfEmployed.as_str(), "self_employed");
        assert_eq!(Employment::SelfEmployed.label(), "Self-employed");
        assert_eq!(Employment::ALL.len(), 7);
        assert_eq!(MaritalStatus::ALL.len(), 4);
        assert_eq!(
            DigitalAffinity::ALL,
            &[
                DigitalAffinity::Low,
                DigitalAffinity::Medium,
                DigitalAffinity::High
            ]
        );
    }

    #[test]
    fn parsing_forgives_case_space_and_hyphens() {
        assert_eq!(" SELF_EMPLOYED ".parse(), Ok(Employment::SelfEmployed));
        assert_eq!("Self-employed".parse(), Ok(Employment::SelfEmployed));
        assert_eq!("self employed".parse(), Ok(Employment::SelfEmployed));
        assert_eq!("Female".parse(), Ok(Gender::Female));
    }

    #[test]
    fn unknown_values_name_the_vocabulary() {
        let error = "cosmonaut".parse::<Employment>().unwrap_err();
        assert_eq!(error.kind, "employment");
        assert_eq!(
            error.to_string(),
            "unknown employment \"cosmonaut\"; expected one of: employed, self_employed, student, \
             retired, unemployed, homemaker, other"
        );
        assert!("".parse::<Gender>().is_err());
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            serde_json::to_string(&Employment::SelfEmployed).unwrap(),
            "\"self_employed\""
        );
        assert_eq!(
            serde_json::from_str::<MaritalStatus>("\"Widowed\"").unwrap(),
            MaritalStatus::Widowed
        );
        assert!(serde_json::from_str::<Gender>("\"x\"").is_err());
    }

    fn upper_or_lower(code: &str, upper: bool) -> String {
        if upper {
            code.to_uppercase()
        } else {
            code.to_owned()
        }
    }

    proptest! {
        #[test]
        fn employment_round_trips(v in select(Employment::ALL), upper: bool) {
            prop_assert_eq!(upper_or_lower(v.as_str(), upper).parse::<Employment>(), Ok(v));
            prop_assert_eq!(v.label().parse::<Employment>(), Ok(v));
        }

        #[test]
        fn gender_round_trips(v in select(Gender::ALL), upper: bool) {
            prop_assert_eq!(upper_or_lower(v.as_str(), upper).parse::<Gender>(), Ok(v));
            prop_assert_eq!(v.label().parse::<Gender>(), Ok(v));
        }

        #[test]
        fn marital_status_round_trips(v in select(MaritalStatus::ALL), upper: bool) {
            prop_assert_eq!(format!(" {} ", upper_or_lower(v.as_str(), upper)).parse::<MaritalStatus>(), Ok(v));
            prop_assert_eq!(v.label().parse::<MaritalStatus>(), Ok(v));
        }

        #[test]
        fn digital_affinity_round_trips(v in select(DigitalAffinity::ALL), upper: bool) {
            prop_assert_eq!(upper_or_lower(v.as_str(), upper).parse::<DigitalAffinity>(), Ok(v));
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(serde_json::from_str::<DigitalAffinity>(&json).unwrap(), v);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(raw in "\\PC{0,20}") {
            if let Ok(v) = raw.parse::<Employment>() {
                prop_assert_eq!(v.as_str().parse::<Employment>(), Ok(v));
            }
        }
    }
}
