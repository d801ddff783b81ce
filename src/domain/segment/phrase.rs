//! Conditions in words, for the advisor: "aged 35 or over", "holds Credit card Grace", rather
//! than `age >= 35`; and which missed conditions a client could still meet during a visit.

use chrono::NaiveDate;

use super::{Attribute, CompareOp, Condition, Literal, Value};
use crate::domain::client::Client;
use crate::domain::message::Message;

/// A value as a page shows it: enum values by their label's message key, the rest as text.
fn value_text(value: &Value) -> (Option<&'static str>, String) {
    match value {
        Value::Gender(g) => (Some(g.label_key()), String::new()),
        Value::Employment(e) => (Some(e.label_key()), String::new()),
        Value::MaritalStatus(m) => (Some(m.label_key()), String::new()),
        Value::DigitalAffinity(d) => (Some(d.label_key()), String::new()),
        Value::Number(n) => (None, n.to_string()),
        Value::Text(t) => (None, t.clone()),
        Value::Flag(b) => (None, b.to_string()),
        Value::Date(d) => (None, d.format("%d.%m.%Y").to_string()),
    }
}

/// The same comparison with the sense turned round (`>=` under `not` is `<`).
fn inverted(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Eq => CompareOp::Ne,
        CompareOp::Ne => CompareOp::Eq,
        CompareOp::Lt => CompareOp::Ge,
        CompareOp::Le => CompareOp::Gt,
        CompareOp::Gt => CompareOp::Le,
        CompareOp::Ge => CompareOp::Lt,
    }
}

fn op_key(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "is",
        CompareOp::Ne => "is-not",
        CompareOp::Lt => "lt",
        CompareOp::Le => "le",
        CompareOp::Gt => "gt",
        CompareOp::Ge => "ge",
    }
}

/// The message key of an attribute's name on pages (`attr-age`); custom attributes use `name`.
pub fn attribute_key(attribute: &Attribute) -> Option<&'static str> {
    Some(match attribute {
        Attribute::Age => "attr-age",
        Attribute::BirthDate => "attr-birth_date",
        Attribute::Gender => "attr-gender",
        Attribute::Employment => "attr-employment",
        Attribute::MonthlyIncome => "attr-monthly_income",
        Attribute::IncomeCurrency => "attr-income_currency",
        Attribute::City => "attr-city",
        Attribute::Region => "attr-region",
        Attribute::CityPopulation => "attr-city_population",
        Attribute::MaritalStatus => "attr-marital_status",
        Attribute::Children => "attr-children",
        Attribute::DigitalAffinity => "attr-digital_affinity",
        Attribute::PreferredLanguage => "attr-preferred_language",
        Attribute::IslamicBanking => "attr-islamic_banking",
        Attribute::ConsentToOffers => "attr-consent_to_offers",
        Attribute::DataVerifiedOn => "attr-data_verified_on",
        Attribute::DataAgeDays => "attr-data_age_days",
        Attribute::HomeSalesPoint => "attr-home_sales_point",
        Attribute::Custom(_) => return None,
    })
}

/// A value for a message: its text, or (enum values) its label's key as `value_key`, which the
/// catalogs translate (see `crate::i18n`).
fn with_value(message: Message, value: &Value) -> Message {
    match value_text(value) {
        (Some(key), _) => message.with("value_key", key),
        (None, text) => message.with("value", text),
    }
}

/// The condition in words, as a message. `product_name` gives a catalog code's name.
pub fn describe(literal: &Literal, product_name: &dyn Fn(&str) -> Option<String>) -> Message {
    let negated = literal.negated;
    match &literal.condition {
        Condition::HasTag(tag) => Message::new(if negated { "cond-no-tag" } else { "cond-tag" })
            .with("tag", tag.replace('_', " ")),
        Condition::Holds(code) => Message::new(if negated {
            "cond-not-holds"
        } else {
            "cond-holds"
        })
        .with(
            "product",
            product_name(code).unwrap_or_else(|| code.clone()),
        ),
        Condition::Compare {
            attribute,
            op,
            value,
        } => {
            let op = if negated { inverted(*op) } else { *op };
            match (attribute, value) {
                (Attribute::Age, Value::Number(n)) => {
                    Message::new(age_key(op)).with("years", n.to_string())
                }
                (Attribute::IslamicBanking | Attribute::ConsentToOffers, Value::Flag(flag)) => {
                    let holds = *flag == (op == CompareOp::Eq);
                    let key = match (attribute, holds) {
                        (Attribute::IslamicBanking, true) => "cond-islamic",
                        (Attribute::IslamicBanking, false) => "cond-not-islamic",
                        (_, true) => "cond-consent",
                        (_, false) => "cond-no-consent",
                    };
                    Message::new(key)
                }
                _ => compare(attribute, op, value),
            }
        }
        Condition::Between {
            attribute,
            low,
            high,
        } => {
            let key = match (attribute, negated) {
                (Attribute::Age, false) => "cond-age-between",
                (Attribute::Age, true) => "cond-age-not-between",
                (_, false) => "cond-between",
                (_, true) => "cond-not-between",
            };
            let message = attribute_arg(Message::new(key), attribute);
            let (_, low) = value_text(low);
            let (_, high) = value_text(high);
            message.with("low", low).with("high", high)
        }
        Condition::In { attribute, values } => {
            let key = if negated { "cond-not-in" } else { "cond-in" };
            let texts: Vec<String> = values.iter().map(|v| value_text(v).1).collect();
            let message = attribute_arg(Message::new(key), attribute);
            if values.iter().all(|v| value_text(v).0.is_some()) {
                // Enum values: the catalogs write each label.
                let keys: Vec<&str> = values.iter().filter_map(|v| value_text(v).0).collect();
                message.with("values_keys", keys.join(","))
            } else {
                message.with("values", texts.join(", "))
            }
        }
    }
}

fn age_key(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "cond-age-is",
        CompareOp::Ne => "cond-age-is-not",
        CompareOp::Lt => "cond-age-lt",
        CompareOp::Le => "cond-age-le",
        CompareOp::Gt => "cond-age-gt",
        CompareOp::Ge => "cond-age-ge",
    }
}

fn attribute_arg(message: Message, attribute: &Attribute) -> Message {
    match attribute_key(attribute) {
        Some(key) => message.with("attribute_key", key),
        None => message.with("attribute", attribute.name()),
    }
}

fn compare(attribute: &Attribute, op: CompareOp, value: &Value) -> Message {
    let key = match op_key(op) {
        "is" => "cond-is",
        "is-not" => "cond-is-not",
        "lt" => "cond-lt",
        "le" => "cond-le",
        "gt" => "cond-gt",
        _ => "cond-ge",
    };
    with_value(attribute_arg(Message::new(key), attribute), value)
}

/// Whether the client could meet this missed condition during a visit (open the product, give
/// consent, have their data verified, state a preference) or within a year (an age threshold
/// the client is about to reach). Gender, where the client lives, tags the CRM assigns: no.
pub fn can_change(literal: &Literal, client: &Client, today: NaiveDate) -> bool {
    match &literal.condition {
        Condition::Holds(_) => true,
        Condition::HasTag(_) => false,
        Condition::Compare {
            attribute,
            op,
            value,
            ..
        } => match attribute {
            Attribute::ConsentToOffers
            | Attribute::IslamicBanking
            | Attribute::DataVerifiedOn
            | Attribute::DataAgeDays
            | Attribute::MonthlyIncome
            | Attribute::IncomeCurrency
            | Attribute::DigitalAffinity => true,
            Attribute::Age => {
                let op = if literal.negated { inverted(*op) } else { *op };
                let (Some(age), Value::Number(threshold)) = (client.age_on(today), value) else {
                    return false;
                };
                // Turning old enough within a year: `age >= 35` at 34.
                let next = rust_decimal::Decimal::from(age + 1);
                match op {
                    CompareOp::Ge => next >= *threshold,
                    CompareOp::Gt => next > *threshold,
                    CompareOp::Eq => next == *threshold,
                    _ => false,
                }
            }
            _ => false,
        },
        Condition::Between { .. } | Condition::In { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::ClientDraft;
    use crate::domain::segment::SegmentRule;

    fn literal(rule: &str) -> Literal {
        let rule = SegmentRule::parse(rule).unwrap();
        Literal {
            condition: rule.conditions()[0].clone(),
            negated: false,
        }
    }

    fn client(birth_date: &str) -> Client {
        ClientDraft {
            crm_id: "C-1".into(),
            full_name: "Ivanov Ivan".into(),
            birth_date: birth_date.into(),
            ..ClientDraft::default()
        }
        .parse(NaiveDate::MAX)
        .unwrap()
    }

    #[test]
    fn conditions_read_as_phrases() {
        let no_names = |_: &str| None;
        let names = |code: &str| (code == "CC_GRACE").then(|| "Credit card Grace".to_string());
        assert_eq!(
            describe(&literal("age >= 35"), &no_names).key,
            "cond-age-ge"
        );
        let holds = describe(&literal("holds \"CC_GRACE\""), &names);
        assert_eq!(holds.arg("product"), Some("Credit card Grace"));
        let gender = describe(&literal("gender = male"), &no_names);
        assert_eq!(
            (gender.key, gender.arg("value_key")),
            ("cond-is", Some("gender-male"))
        );
        let negated = Literal {
            negated: true,
            ..literal("age >= 35")
        };
        assert_eq!(describe(&negated, &no_names).key, "cond-age-lt");
    }

    #[test]
    fn only_conditions_a_visit_can_change_make_a_near_miss() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let thirty_four = client("1992-01-15");
        assert!(can_change(
            &literal("holds \"CC_GRACE\""),
            &thirty_four,
            today
        ));
        assert!(can_change(
            &literal("consent_to_offers = true"),
            &thirty_four,
            today
        ));
        assert!(!can_change(&literal("gender = male"), &thirty_four, today));
        assert!(
            can_change(&literal("age >= 35"), &thirty_four, today),
            "35 within a year"
        );
        assert!(
            !can_change(&literal("age >= 45"), &thirty_four, today),
            "far off"
        );
        assert!(!can_change(
            &literal("has tag \"motorcyclist\""),
            &thirty_four,
            today
        ));
    }
}

/// Letters to change, add or remove to turn `a` into `b` (Levenshtein distance).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Custom attributes a rule names that look like a misspelt catalog attribute (`agee` for
/// `age`), with the catalog name they probably mean: a typo there would silently count no one.
pub fn likely_typos(rule: &super::SegmentRule) -> Vec<(String, &'static str)> {
    let mut typos = Vec::new();
    for condition in rule.conditions() {
        let attribute = match condition {
            Condition::Compare { attribute, .. }
            | Condition::Between { attribute, .. }
            | Condition::In { attribute, .. } => attribute,
            Condition::HasTag(_) | Condition::Holds(_) => continue,
        };
        let Attribute::Custom(name) = attribute else {
            continue;
        };
        let name = name.as_str().to_lowercase();
        let closest = Attribute::catalog()
            .map(|known| (distance(&name, known.name()), known))
            .min_by_key(|(d, _)| *d);
        if let Some((d, known)) = closest
            && d <= 2
            && d < name.chars().count()
            && !typos.iter().any(|(n, _)| *n == name)
        {
            let known_name = Attribute::catalog()
                .find(|a| *a == known)
                .map_or("", |a| a.name_static());
            typos.push((name, known_name));
        }
    }
    typos
}

#[cfg(test)]
mod typo_tests {
    use super::*;
    use crate::domain::segment::SegmentRule;

    #[test]
    fn a_misspelt_attribute_is_caught_with_what_was_meant() {
        let rule =
            SegmentRule::parse("agee >= 35 and gendr = \"male\" and loyalty_tier = gold").unwrap();
        assert_eq!(
            likely_typos(&rule),
            [("agee".to_string(), "age"), ("gendr".to_string(), "gender")]
        );
        assert!(likely_typos(&SegmentRule::parse("age >= 35").unwrap()).is_empty());
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
