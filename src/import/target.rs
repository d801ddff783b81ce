//! What a source column can be mapped to: a [`Client`](crate::domain::client::Client) field or
//! a named custom attribute.

use std::fmt;

/// A client field an import column can fill. The names are those of
/// [`ClientDraft`](crate::domain::client::ClientDraft), which are also the `field` of its
/// errors, so a domain error can be traced back to the source column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    CrmId,
    FullName,
    Phone,
    BirthDate,
    /// Years of age on the `age_as_of` date, for extracts without birth dates.
    Age,
    AgeAsOf,
    Gender,
    Employment,
    MonthlyIncome,
    IncomeCurrency,
    City,
    CityPopulation,
    Region,
    MaritalStatus,
    Children,
    LifestyleTags,
    DigitalAffinity,
    PreferredLanguage,
    IslamicBanking,
    ProductsHeld,
    ConsentToOffers,
    DataVerifiedOn,
    HomeSalesPoint,
    /// Several attributes packed into one cell as `key=value` pairs joined by the list
    /// separator: the `custom` column of the canonical CSV.
    CustomAttributes,
}

/// How a cell's text is turned into the draft's text for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Date,
    Decimal,
    Integer,
    Flag,
    List,
    Packed,
}

impl Field {
    pub const ALL: &'static [Self] = &[
        Self::CrmId,
        Self::FullName,
        Self::Phone,
        Self::BirthDate,
        Self::Age,
        Self::AgeAsOf,
        Self::Gender,
        Self::Employment,
        Self::MonthlyIncome,
        Self::IncomeCurrency,
        Self::City,
        Self::CityPopulation,
        Self::Region,
        Self::MaritalStatus,
        Self::Children,
        Self::LifestyleTags,
        Self::DigitalAffinity,
        Self::PreferredLanguage,
        Self::IslamicBanking,
        Self::ProductsHeld,
        Self::ConsentToOffers,
        Self::DataVerifiedOn,
        Self::HomeSalesPoint,
        Self::CustomAttributes,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CrmId => "crm_id",
            Self::FullName => "full_name",
            Self::Phone => "phone",
            Self::BirthDate => "birth_date",
            Self::Age => "age",
            Self::AgeAsOf => "age_as_of",
            Self::Gender => "gender",
            Self::Employment => "employment",
            Self::MonthlyIncome => "monthly_income",
            Self::IncomeCurrency => "income_currency",
            Self::City => "city",
            Self::CityPopulation => "city_population",
            Self::Region => "region",
            Self::MaritalStatus => "marital_status",
            Self::Children => "children",
            Self::LifestyleTags => "lifestyle_tags",
            Self::DigitalAffinity => "digital_affinity",
            Self::PreferredLanguage => "preferred_language",
            Self::IslamicBanking => "islamic_banking",
            Self::ProductsHeld => "products_held",
            Self::ConsentToOffers => "consent_to_offers",
            Self::DataVerifiedOn => "data_verified_on",
            Self::HomeSalesPoint => "home_sales_point",
            Self::CustomAttributes => "custom_attributes",
        }
    }

    pub(super) const fn kind(self) -> Kind {
        match self {
            Self::BirthDate | Self::AgeAsOf | Self::DataVerifiedOn => Kind::Date,
            Self::MonthlyIncome => Kind::Decimal,
            Self::Age | Self::CityPopulation | Self::Children => Kind::Integer,
            Self::IslamicBanking | Self::ConsentToOffers => Kind::Flag,
            Self::LifestyleTags | Self::ProductsHeld => Kind::List,
            Self::CustomAttributes => Kind::Packed,
            _ => Kind::Text,
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a source column goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Field(Field),
    /// A custom attribute; the name is a valid attribute key (1..=64 of `[A-Za-z0-9_.-]`).
    Custom(String),
}

const CUSTOM_PREFIX: &str = "custom:";
const MAX_ATTRIBUTE_KEY_CHARS: usize = 64;

impl Target {
    /// Parses `crm_id`, `full_name`, … or `custom:NAME`.
    ///
    /// # Errors
    /// A message listing the valid targets.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(name) = text.strip_prefix(CUSTOM_PREFIX) {
            return if is_attribute_key(name) {
                unshadowed(name)?;
                Ok(Self::Custom(name.to_owned()))
            } else {
                Err(format!(
                    "custom attribute name {name:?} must be 1..={MAX_ATTRIBUTE_KEY_CHARS} of \
                     A-Z, a-z, 0-9, _ . -"
                ))
            };
        }
        Field::from_name(text).map(Self::Field).ok_or_else(|| {
            let valid: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
            format!(
                "unknown target {text:?}; valid targets are {}, or custom:NAME",
                valid.join(", ")
            )
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Field(field) => f.write_str(field.as_str()),
            Self::Custom(name) => write!(f, "{CUSTOM_PREFIX}{name}"),
        }
    }
}

/// Refuses a custom attribute that rules could never read: one named like a built-in
/// attribute (`age`) or a word of the rule language (`not`), which a rule takes for those.
///
/// # Errors
/// Why, and what to do instead.
pub(super) fn unshadowed(name: &str) -> Result<(), String> {
    match crate::domain::segment::CustomName::parse(name) {
        Ok(_) => Ok(()),
        Err(_) if Field::from_name(name).is_some_and(|f| f != Field::CustomAttributes) => {
            Err(format!(
                "custom:{name} would never be read: {name:?} is a client field of its own; map \
                 the column to {name} instead"
            ))
        }
        Err(_) => Err(format!(
            "custom:{name} would never be read: a segment rule reads {name:?} as a word of the \
             rule language or a built-in attribute; choose another name"
        )),
    }
}

pub(super) fn is_attribute_key(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_ATTRIBUTE_KEY_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The custom attribute name for an unmapped column: "Loyalty tier" → "loyalty_tier",
/// "Долг, руб." → "dolg_rub" (Cyrillic in its common Latin spelling, so rules can name it).
/// Lower-cased; runs of other characters become one `_`; `None` when nothing usable is left
/// (a header in another script, say), so the caller can fall back to the column's position.
pub(super) fn attribute_name(column: &str) -> Option<String> {
    let mut name = String::new();
    for c in crate::domain::client::names::to_latin(column).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    // "Долг, руб." ends in "_rub.": separators at either end are dropped, inner ones kept.
    let name = name.trim_matches(|c| matches!(c, '_' | '.' | '-'));
    let name: String = name.chars().take(MAX_ATTRIBUTE_KEY_CHARS).collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_print_alike() {
        for field in Field::ALL {
            let target = Target::parse(field.as_str()).unwrap();
            assert_eq!(target.to_string(), field.as_str());
        }
        let custom = Target::parse("custom:loyalty_tier").unwrap();
        assert_eq!(custom, Target::Custom("loyalty_tier".into()));
        assert_eq!(custom.to_string(), "custom:loyalty_tier");
    }

    #[test]
    fn an_unknown_target_lists_the_valid_ones() {
        let message = Target::parse("birthday").unwrap_err();
        assert!(message.contains("\"birthday\""), "{message}");
        assert!(
            message.contains("birth_date, age, age_as_of, gender"),
            "{message}"
        );
        assert!(Target::parse("custom:loyalty tier").is_err());
        assert!(Target::parse("custom:").is_err());
    }

    #[test]
    fn a_custom_attribute_shadowing_a_built_in_one_is_refused() {
        let age = Target::parse("custom:age").unwrap_err();
        assert!(age.contains("map the column to age"), "{age}");
        let keyword = Target::parse("custom:not").unwrap_err();
        assert!(keyword.contains("rule language"), "{keyword}");
        assert!(Target::parse("custom:data_age_days").is_err());
        assert!(Target::parse("custom:products_held").is_err());
        assert!(Target::parse("custom:age_band").is_ok());
    }

    #[test]
    fn column_names_become_attribute_keys() {
        assert_eq!(
            attribute_name("Loyalty tier").as_deref(),
            Some("loyalty_tier")
        );
        assert_eq!(attribute_name(" Score (v2) ").as_deref(), Some("score_v2"));
        assert_eq!(
            attribute_name("segment.code").as_deref(),
            Some("segment.code")
        );
        assert_eq!(attribute_name("Лояльность").as_deref(), Some("loyalnost"));
        assert_eq!(attribute_name("Долг, руб.").as_deref(), Some("dolg_rub"));
        assert_eq!(attribute_name("积分"), None);
        assert_eq!(attribute_name(&"x".repeat(70)).unwrap().len(), 64);
    }
}
