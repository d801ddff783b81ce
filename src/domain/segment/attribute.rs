//! The attribute catalog: every client attribute a rule may test, and its type.

use std::fmt;

use crate::domain::message::Message;

/// A client attribute that a condition tests.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// Full years on the evaluation day, as [`crate::domain::client::Client::age_on`].
    Age,
    BirthDate,
    Gender,
    Employment,
    /// In the client's own `income_currency`, as recorded: rules do not convert currencies.
    MonthlyIncome,
    IncomeCurrency,
    City,
    Region,
    CityPopulation,
    MaritalStatus,
    Children,
    DigitalAffinity,
    PreferredLanguage,
    IslamicBanking,
    ConsentToOffers,
    DataVerifiedOn,
    /// Days from `data_verified_on` to the evaluation day (negative if verified "later").
    DataAgeDays,
    /// The code of the client's home sales point ("MSK-HO").
    HomeSalesPoint,
    /// A free CRM attribute. Its values are text; they compare as numbers when the rule's value
    /// is a number and the stored text is a plain decimal of at most
    /// [`CustomName::MAX_NUMBER_DIGITS`] digits (`-?[0-9]+(\.[0-9]+)?`). Then `= 5` matches
    /// "5.0"; text that is not such a number is not equal to a number, and is Unknown for `<`,
    /// `>`, `between`. A quoted value (`= "5"`) always compares as text.
    Custom(CustomName),
}

/// What values an attribute takes, which decides the operators and literals allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeKind {
    /// Whole numbers within `min..=max`; all comparisons.
    Whole {
        min: i64,
        max: i64,
    },
    /// Exact decimals; all comparisons.
    Amount,
    /// `YYYY-MM-DD`; all comparisons.
    Date,
    /// Text; `=`, `!=` and `in` (text order differs between databases and collations).
    Text,
    /// `true` or `false`; `=`, `!=` and `in`.
    Flag,
    Gender,
    Employment,
    MaritalStatus,
    DigitalAffinity,
    /// Text or numbers, see [`Attribute::Custom`].
    Custom,
}

/// The catalog in the order forms list it: (name, attribute).
const CATALOG: &[(&str, Attribute)] = &[
    ("age", Attribute::Age),
    ("birth_date", Attribute::BirthDate),
    ("gender", Attribute::Gender),
    ("employment", Attribute::Employment),
    ("monthly_income", Attribute::MonthlyIncome),
    ("income_currency", Attribute::IncomeCurrency),
    ("city", Attribute::City),
    ("region", Attribute::Region),
    ("city_population", Attribute::CityPopulation),
    ("marital_status", Attribute::MaritalStatus),
    ("children", Attribute::Children),
    ("digital_affinity", Attribute::DigitalAffinity),
    ("preferred_language", Attribute::PreferredLanguage),
    ("islamic_banking", Attribute::IslamicBanking),
    ("consent_to_offers", Attribute::ConsentToOffers),
    ("data_verified_on", Attribute::DataVerifiedOn),
    ("data_age_days", Attribute::DataAgeDays),
    ("home_sales_point", Attribute::HomeSalesPoint),
];

/// Words with a meaning of their own, which therefore cannot name a custom attribute.
pub(super) const KEYWORDS: &[&str] = &[
    "and", "or", "not", "has", "tag", "holds", "between", "in", "true", "false",
];

/// The bounds keep the date arithmetic of the SQL translation inside four-digit years.
const AGE_MAX: i64 = 200;
const DATA_AGE_MAX_DAYS: i64 = 100_000;

impl Attribute {
    /// Every catalog attribute (custom ones excluded), in form order.
    pub fn catalog() -> impl Iterator<Item = &'static Attribute> {
        CATALOG.iter().map(|(_, attribute)| attribute)
    }

    /// The catalog attribute named `name` (any case), else `None`.
    #[must_use]
    pub fn from_catalog(name: &str) -> Option<Self> {
        CATALOG
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, attribute)| attribute.clone())
    }

    /// The name as written in rules: lower-case for the catalog, as stored for custom ones.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Custom(name) => name.as_str(),
            known => CATALOG
                .iter()
                .find(|(_, attribute)| attribute == known)
                .map_or("", |(name, _)| name),
        }
    }

    /// The catalog name of a catalog attribute ("" for a custom one, whose name is its own).
    pub fn name_static(&self) -> &'static str {
        CATALOG
            .iter()
            .find(|(_, attribute)| attribute == self)
            .map_or("", |(name, _)| name)
    }

    #[must_use]
    pub fn kind(&self) -> AttributeKind {
        use AttributeKind as K;
        match self {
            Self::Age => K::Whole {
                min: 0,
                max: AGE_MAX,
            },
            Self::DataAgeDays => K::Whole {
                min: -DATA_AGE_MAX_DAYS,
                max: DATA_AGE_MAX_DAYS,
            },
            Self::CityPopulation | Self::Children => K::Whole {
                min: i64::MIN,
                max: i64::MAX,
            },
            Self::MonthlyIncome => K::Amount,
            Self::BirthDate | Self::DataVerifiedOn => K::Date,
            Self::IncomeCurrency
            | Self::City
            | Self::Region
            | Self::PreferredLanguage
            | Self::HomeSalesPoint => K::Text,
            Self::IslamicBanking | Self::ConsentToOffers => K::Flag,
            Self::Gender => K::Gender,
            Self::Employment => K::Employment,
            Self::MaritalStatus => K::MaritalStatus,
            Self::DigitalAffinity => K::DigitalAffinity,
            Self::Custom(_) => K::Custom,
        }
    }
}

impl fmt::Display for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name of a custom attribute: 1..=64 of `[A-Za-z0-9_.-]` (as client records allow), and
/// neither a keyword nor a catalog name. Case-sensitive, like the CRM's keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomName(String);

impl CustomName {
    pub const MAX_LEN: usize = 64;
    /// Custom values compare as numbers up to this many digits, all a decimal holds exactly;
    /// SQL compares them exactly too (`numeric` on PostgreSQL, a digit key on SQLite: see
    /// `segment_sql`).
    pub const MAX_NUMBER_DIGITS: usize = 28;

    /// # Errors
    /// The message to show, when `name` cannot name a custom attribute.
    pub fn parse(name: &str) -> Result<Self, Message> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
        if name.is_empty() || name.len() > Self::MAX_LEN || !name.chars().all(allowed) {
            return Err(Message::new("rule-not-attribute")
                .with("name", name)
                .with("max", Self::MAX_LEN));
        }
        if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            return Err(Message::new("rule-keyword-not-attribute").with("name", name));
        }
        if ["lifestyle_tags", "products_held"].contains(&name) {
            return Err(Message::new("rule-tested-with-has").with("name", name));
        }
        if Attribute::from_catalog(name).is_some() {
            return Err(Message::new("rule-catalog-not-custom").with("name", name));
        }
        Ok(Self(name.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_names_round_trip_in_any_case() {
        for attribute in Attribute::catalog() {
            let upper = attribute.name().to_uppercase();
            assert_eq!(Attribute::from_catalog(&upper).as_ref(), Some(attribute));
        }
        assert_eq!(Attribute::catalog().count(), 18);
    }

    #[test]
    fn custom_names_exclude_keywords_catalog_names_and_odd_characters() {
        assert_eq!(
            CustomName::parse("loyalty.tier-2").unwrap().as_str(),
            "loyalty.tier-2"
        );
        assert!(CustomName::parse("Between").is_err());
        assert!(CustomName::parse("AGE").is_err());
        assert!(CustomName::parse("tier 2").is_err());
        assert!(CustomName::parse("уровень").is_err());
        assert!(CustomName::parse(&"x".repeat(65)).is_err());
    }
}
