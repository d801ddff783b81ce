//! Finance's economics settings: the bank's target margin, add-on price anchor, bundle
//! lifetime and overhead rate; each sales point's cost per minute, visit overhead and visit
//! limit; exchange rates by date. Once the bank is live (a matrix has been published), a
//! change takes effect when a second finance user approves it; before, at once.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::audit::Fields;
use super::matrix::ReviewRefusal;
use super::message::Message;
use super::money::Currency;
use super::product::parse_decimal_input;
use super::validation::FieldError;

/// What a change is to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Bank,
    Point(String),
    Rate { currency: Currency, on: NaiveDate },
}

impl Target {
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Point(_) => "point",
            Self::Rate { .. } => "rate",
        }
    }

    /// The target as one text: `bank`, the point's code, `EUR@2026-12-01`.
    pub fn key(&self) -> String {
        match self {
            Self::Bank => "bank".to_owned(),
            Self::Point(code) => code.clone(),
            Self::Rate { currency, on } => format!("{currency}@{on}"),
        }
    }

    /// Reads a target back from [`Target::kind`] and [`Target::key`].
    pub fn from_stored(kind: &str, key: &str) -> Option<Self> {
        match kind {
            "bank" => Some(Self::Bank),
            "point" => Some(Self::Point(key.to_owned())),
            "rate" => {
                let (currency, on) = key.split_once('@')?;
                Some(Self::Rate {
                    currency: Currency::parse(currency).ok()?,
                    on: on.parse().ok()?,
                })
            }
            _ => None,
        }
    }

    /// The fields a change to this target sets, each with its rule.
    fn fields(&self) -> &'static [(&'static str, Rule)] {
        match self {
            Self::Bank => &[
                ("target_margin", Rule::Share),
                ("addon_anchor_threshold", Rule::NonNegative),
                ("bundle_lifetime_years", Rule::Positive),
                ("bundle_overhead_rate", Rule::NonNegative),
            ],
            Self::Point(_) => &[
                ("branch_cost_per_minute", Rule::NonNegative),
                ("visit_overhead_minutes", Rule::NonNegative),
                ("visit_limit_minutes", Rule::OptionalNonNegative),
            ],
            Self::Rate { .. } => &[("rate", Rule::Positive)],
        }
    }
}

#[derive(Clone, Copy)]
enum Rule {
    Share,
    NonNegative,
    Positive,
    /// Empty means none (a visit without a limit).
    OptionalNonNegative,
}

/// A change as proposed: each field's new value (`None`: none, for an optional field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsChange {
    pub target: Target,
    pub values: BTreeMap<String, Option<Decimal>>,
}

impl SettingsChange {
    /// Reads `form` (field name → text) for `target`.
    ///
    /// # Errors
    /// Each field's problem: missing, not a number, out of range.
    pub fn parse(target: Target, form: &BTreeMap<String, String>) -> Result<Self, Vec<FieldError>> {
        let mut values = BTreeMap::new();
        let mut errors = Vec::new();
        for (name, rule) in target.fields() {
            let text = form.get(*name).map_or("", |t| t.trim());
            if text.is_empty() {
                match rule {
                    Rule::OptionalNonNegative => {
                        values.insert((*name).to_owned(), None);
                    }
                    _ => errors.push(FieldError::new(*name, Message::new("field-required"))),
                }
                continue;
            }
            let value = match parse_decimal_input(text) {
                Ok(value) => value,
                Err(message) => {
                    errors.push(FieldError::new(*name, message));
                    continue;
                }
            };
            let problem = match rule {
                Rule::Share if value < Decimal::ZERO || value > Decimal::ONE => {
                    Some(Message::new("matrix-share-range"))
                }
                Rule::Positive if value <= Decimal::ZERO => {
                    Some(Message::new("settings-positive").with("value", value))
                }
                Rule::NonNegative | Rule::OptionalNonNegative | Rule::Share
                    if value < Decimal::ZERO =>
                {
                    Some(Message::new("field-not-negative").with("value", value))
                }
                _ => None,
            };
            match problem {
                Some(message) => errors.push(FieldError::new(*name, message)),
                None => {
                    values.insert((*name).to_owned(), Some(value));
                }
            }
        }
        if errors.is_empty() {
            Ok(Self { target, values })
        } else {
            Err(errors)
        }
    }

    /// The change as the audit trail shows it.
    pub fn fields(&self) -> Fields {
        let mut fields = Fields::new().with("target", self.target.key());
        for (name, value) in &self.values {
            fields = fields.with(
                name.clone(),
                value.map_or_else(|| "none".to_owned(), |v| v.normalize().to_string()),
            );
        }
        fields
    }

    /// Whether it waits for a second finance user: once the bank is live.
    pub const fn needs_approval(bank_is_live: bool) -> bool {
        bank_is_live
    }

    /// Approval by user `approver` of a change user `submitted_by` proposed.
    ///
    /// # Errors
    /// `OwnSubmission`.
    pub fn approve(approver: i32, submitted_by: i32) -> Result<(), ReviewRefusal> {
        if approver == submitted_by {
            Err(ReviewRefusal::OwnSubmission)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_field_is_read_and_checked_by_its_rule() {
        let change = SettingsChange::parse(
            Target::Bank,
            &form(&[
                ("target_margin", "0.18"),
                ("addon_anchor_threshold", "0,25"),
                ("bundle_lifetime_years", "5"),
                ("bundle_overhead_rate", "0.2"),
            ]),
        )
        .unwrap();
        assert_eq!(change.values["target_margin"], Some(dec!(0.18)));
        assert_eq!(change.fields().get("target"), Some("bank"));

        let errors = SettingsChange::parse(
            Target::Bank,
            &form(&[
                ("target_margin", "1.5"),
                ("bundle_lifetime_years", "0"),
                ("addon_anchor_threshold", "x"),
            ]),
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "target_margin",
                "addon_anchor_threshold",
                "bundle_lifetime_years",
                "bundle_overhead_rate"
            ]
        );

        let point = SettingsChange::parse(
            Target::Point("MSK-HO".into()),
            &form(&[
                ("branch_cost_per_minute", "26"),
                ("visit_overhead_minutes", "15"),
                ("visit_limit_minutes", ""),
            ]),
        )
        .unwrap();
        assert_eq!(point.values["visit_limit_minutes"], None, "no limit");
    }

    #[test]
    fn targets_read_back_and_nobody_approves_their_own() {
        let rate = Target::Rate {
            currency: Currency::parse("EUR").unwrap(),
            on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        assert_eq!(Target::from_stored(rate.kind(), &rate.key()), Some(rate));
        assert_eq!(
            Target::from_stored("point", "MSK-HO"),
            Some(Target::Point("MSK-HO".into()))
        );
        assert_eq!(
            SettingsChange::approve(3, 3),
            Err(ReviewRefusal::OwnSubmission)
        );
        assert_eq!(SettingsChange::approve(4, 3), Ok(()));
        assert!(SettingsChange::needs_approval(true) && !SettingsChange::needs_approval(false));
    }
}
