//! Random rules and clients for the property tests (crate-visible, so that other checks can use
//! the same rules).

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use crate::domain::client::{
    Client, ClientDraft, DigitalAffinity, Employment, Gender, MaritalStatus,
};
use crate::domain::segment::{
    Attribute, AttributeKind, CompareOp, Condition, CustomName, RuleExpr, Value,
};

fn decimal(max_mantissa: i64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (-max_mantissa..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m, s).normalize())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..60_000).prop_map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(d))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "Moscow",
                "Omsk",
                "Nizhny Novgorod",
                "a\"b",
                "back\\slash",
                "gold",
                "5"
            ][..]
        )
        .prop_map(String::from),
        "\\PC{1,10}".prop_map(|t| t.trim().to_owned()),
    ]
    .prop_filter("non-empty", |t| !t.is_empty())
}

/// A valid value for `attribute`, already in the form parsing produces.
fn value_for(attribute: &Attribute, ordered: bool) -> BoxedStrategy<Value> {
    use AttributeKind as K;
    let number = |s: BoxedStrategy<Decimal>| s.prop_map(Value::Number).boxed();
    match (attribute, attribute.kind()) {
        (Attribute::Age, _) => number((0i64..=200).prop_map(Decimal::from).boxed()),
        (Attribute::DataAgeDays, _) => number((-800i64..=800).prop_map(Decimal::from).boxed()),
        (Attribute::Children, _) => number((0i64..=6).prop_map(Decimal::from).boxed()),
        (_, K::Whole { .. }) => number(
            prop_oneof![0i64..=20_000_000, any::<i64>()]
                .prop_map(Decimal::from)
                .boxed(),
        ),
        (_, K::Amount) => number(decimal(10_000_000_000, 6).boxed()),
        (_, K::Date) => date().prop_map(Value::Date).boxed(),
        (Attribute::IncomeCurrency, _) => "[A-Z]{3}".prop_map(Value::Text).boxed(),
        (Attribute::PreferredLanguage, _) => "[a-z]{2}".prop_map(Value::Text).boxed(),
        (Attribute::HomeSalesPoint, _) => "[A-Z0-9_-]{1,8}".prop_map(Value::Text).boxed(),
        (_, K::Text) => text().prop_map(Value::Text).boxed(),
        (_, K::Flag) => any::<bool>().prop_map(Value::Flag).boxed(),
        (_, K::Gender) => select(Gender::ALL).prop_map(Value::Gender).boxed(),
        (_, K::Employment) => select(Employment::ALL).prop_map(Value::Employment).boxed(),
        (_, K::MaritalStatus) => select(MaritalStatus::ALL)
            .prop_map(Value::MaritalStatus)
            .boxed(),
        (_, K::DigitalAffinity) => select(DigitalAffinity::ALL)
            .prop_map(Value::DigitalAffinity)
            .boxed(),
        (_, K::Custom) if ordered => number(decimal(999_999_999, 5).boxed()),
        (_, K::Custom) => prop_oneof![
            decimal(999_999_999, 5).prop_map(Value::Number),
            text().prop_map(Value::Text)
        ]
        .boxed(),
    }
}

fn attribute() -> impl Strategy<Value = Attribute> {
    let catalog: Vec<Attribute> = Attribute::catalog().cloned().collect();
    let custom = select(
        &[
            "score",
            "tier",
            "loyalty_tier",
            "salary_project",
            "x.y-z",
            "2fa",
        ][..],
    )
    .prop_map(|name| Attribute::Custom(CustomName::parse(name).unwrap()));
    prop_oneof![4 => select(catalog), 1 => custom]
}

fn ordered(attribute: &Attribute) -> bool {
    matches!(
        attribute.kind(),
        AttributeKind::Whole { .. }
            | AttributeKind::Amount
            | AttributeKind::Date
            | AttributeKind::Custom
    )
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "motorcyclist",
                "city_lover",
                "night_life",
                "shy",
                "100%_a\\b"
            ][..]
        )
        .prop_map(String::from),
        "\\PC{1,8}".prop_map(|t| t.trim().to_lowercase()),
    ]
    .prop_filter("a tag as clients keep it", |t| {
        !t.is_empty() && !t.contains('|') && *t == t.trim().to_lowercase()
    })
}

pub(crate) fn condition() -> impl Strategy<Value = Condition> {
    let test = attribute().prop_flat_map(|attribute| {
        let ops: Vec<CompareOp> = CompareOp::ALL
            .into_iter()
            .filter(|op| ordered(&attribute) || !op.is_ordering())
            .collect();
        let compare = (select(ops), Just(attribute.clone())).prop_flat_map(|(op, attribute)| {
            value_for(&attribute, op.is_ordering()).prop_map(move |value| Condition::Compare {
                attribute: attribute.clone(),
                op,
                value,
            })
        });
        let a = attribute.clone();
        let within =
            vec(value_for(&attribute, false), 1..4).prop_map(move |values| Condition::In {
                attribute: a.clone(),
                values,
            });
        if ordered(&attribute) {
            let a = attribute.clone();
            let between = (value_for(&attribute, true), value_for(&attribute, true)).prop_map(
                move |(low, high)| Condition::Between {
                    attribute: a.clone(),
                    low,
                    high,
                },
            );
            prop_oneof![3 => compare, 1 => between, 1 => within].boxed()
        } else {
            prop_oneof![3 => compare, 1 => within].boxed()
        }
    });
    prop_oneof![
        6 => test,
        1 => tag().prop_map(Condition::HasTag),
        1 => "[A-Z0-9_]{1,10}".prop_map(Condition::Holds),
    ]
}

pub(crate) fn expr() -> impl Strategy<Value = RuleExpr> {
    condition()
        .prop_map(RuleExpr::Condition)
        .prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                inner.clone().prop_map(|e| RuleExpr::Not(Box::new(e))),
                vec(inner.clone(), 2..4).prop_map(RuleExpr::All),
                vec(inner, 2..4).prop_map(RuleExpr::Any),
            ]
        })
}

pub(super) fn flat() -> impl Strategy<Value = RuleExpr> {
    let leaf = || condition().prop_map(RuleExpr::Condition);
    prop_oneof![
        leaf(),
        vec(leaf(), 2..5).prop_map(RuleExpr::All),
        vec(leaf(), 2..5).prop_map(RuleExpr::Any),
    ]
}

/// Clients with gaps, from small vocabularies so that rules sometimes match.
pub(crate) fn client() -> impl Strategy<Value = Client> {
    let opt =
        |s: &'static [&'static str]| option::of(select(s)).prop_map(|v| v.unwrap_or("").to_owned());
    (
        (
            option::of(date()),
            opt(&["male", "female"]),
            opt(&["employed", "student", "retired"]),
            opt(&["0", "1500.50", "250000", "99999.9999"]),
        ),
        (
            opt(&["Moscow", "Omsk"]),
            opt(&["13000000", "1100000", "40000"]),
            opt(&["0", "1", "2"]),
            opt(&["single", "married"]),
        ),
        (
            vec(
                select(&["motorcyclist", "shy", "night_life", "100%_a\\b"][..]),
                0..3,
            ),
            vec(select(&["CC_GRACE", "VCARD", "A1"][..]), 0..3),
        ),
        (
            any::<bool>(),
            option::of(date()),
            opt(&["MSK-HO", "NSK-KKO"]),
        ),
        (
            opt(&["5", "7.50", "-0", "gold", "1e3", "0012", "1234567890123456"]),
            opt(&["gold", "silver"]),
            // An age stated on a date, for a client without a birth date.
            option::of((0u32..=120, 0u64..3_000)),
        ),
    )
        .prop_map(
            |(
                (birth, gender, employment, income),
                (city, population, children, marital),
                (tags, products),
                (flag, verified, point),
                (score, tier, stated),
            )| {
                let as_of =
                    |days| NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(days);
                let stated = stated.filter(|_| birth.is_none());
                let mut custom = std::collections::BTreeMap::new();
                for (key, value) in [("score", score), ("tier", tier)] {
                    if !value.is_empty() {
                        custom.insert(key.to_owned(), value);
                    }
                }
                ClientDraft {
                    crm_id: "CRM-1".into(),
                    full_name: "Test".into(),
                    birth_date: birth.map(|d| d.to_string()).unwrap_or_default(),
                    age: stated
                        .map(|(years, _)| years.to_string())
                        .unwrap_or_default(),
                    age_as_of: stated
                        .map(|(_, days)| as_of(days).to_string())
                        .unwrap_or_default(),
                    income_currency: if income.is_empty() {
                        String::new()
                    } else {
                        "RUB".into()
                    },
                    monthly_income: income,
                    gender,
                    employment,
                    city,
                    city_population: population,
                    children,
                    marital_status: marital,
                    lifestyle_tags: tags.into_iter().map(String::from).collect(),
                    products_held: products.into_iter().map(String::from).collect(),
                    islamic_banking: flag.to_string(),
                    data_verified_on: verified.map(|d| d.to_string()).unwrap_or_default(),
                    home_sales_point: point,
                    custom_attributes: custom,
                    ..ClientDraft::default()
                }
                .parse(NaiveDate::MAX)
                .unwrap()
            },
        )
}
