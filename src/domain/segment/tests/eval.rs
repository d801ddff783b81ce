//! Evaluation: three-valued logic, explanations and near misses.

use chrono::NaiveDate;

use super::rule;
use crate::domain::client::{Client, ClientDraft};
use crate::domain::segment::{Literal, Match, NearMiss, Truth};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 1);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// A working Moscow man born on 1 November 1990: 36 on [`today`].
fn sergei() -> ClientDraft {
    ClientDraft {
        crm_id: "CRM-1".into(),
        full_name: "Ivanov Sergei Petrovich".into(),
        birth_date: "1990-11-01".into(),
        gender: "male".into(),
        employment: "employed".into(),
        city: "Moscow".into(),
        city_population: "13000000".into(),
        lifestyle_tags: vec!["motorcyclist".into()],
        products_held: vec!["CC_GRACE".into()],
        data_verified_on: "2025-11-01".into(),
        custom_attributes: [
            ("score".to_string(), "7.50".to_string()),
            ("tier".to_string(), "gold".to_string()),
        ]
        .into(),
        ..ClientDraft::default()
    }
}

fn client(edit: impl FnOnce(&mut ClientDraft)) -> Client {
    let mut draft = sergei();
    edit(&mut draft);
    draft.parse(chrono::NaiveDate::MAX).unwrap()
}

fn truth(text: &str, client: &Client) -> Truth {
    rule(text).truth(client, today())
}

#[test]
fn the_seed_segment_matches_and_says_why() {
    let seed = rule(
        "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
    );
    let explained = seed.explain(&client(|_| {}), today());
    assert_eq!(
        explained,
        Match {
            matched: true,
            held: vec![
                "age >= 35".into(),
                "gender = male".into(),
                "employment = employed".into(),
                "city_population >= 1000000".into()
            ],
            held_literals: seed
                .conditions()
                .into_iter()
                .map(|c| Literal {
                    condition: c.clone(),
                    negated: false
                })
                .collect(),
            failed: vec![],
            unknown: vec![],
        }
    );
    let small_town = client(|d| d.city_population = "40000".into());
    let explained = seed.explain(&small_town, today());
    assert!(!explained.matched);
    assert_eq!(explained.failed, ["city_population >= 1000000"]);
    assert_eq!(
        seed.near_miss(&small_town, today()),
        Some(NearMiss::Only("city_population >= 1000000".into()))
    );
    assert_eq!(seed.near_miss(&client(|_| {}), today()), None);
}

#[test]
fn age_turns_on_the_birthday_as_client_age_on_says() {
    let born_leap_day = client(|d| d.birth_date = "2000-02-29".into());
    let on = |y, m, dd| rule("age >= 18").truth(&born_leap_day, day(y, m, dd));
    assert_eq!(on(2018, 2, 28), Truth::False);
    assert_eq!(on(2018, 3, 1), Truth::True);
    assert_eq!(truth("age = 36", &client(|_| {})), Truth::True);
    assert_eq!(
        truth("age = 35", &client(|d| d.birth_date = "1990-11-02".into())),
        Truth::True
    );
    assert_eq!(
        truth("age >= 0", &client(|d| d.birth_date = "2027-01-01".into())),
        Truth::Unknown
    );
}

#[test]
fn a_missing_attribute_is_unknown_and_not_does_not_make_it_true() {
    let no_income = client(|_| {});
    assert_eq!(truth("monthly_income > 100", &no_income), Truth::Unknown);
    assert_eq!(
        truth("not monthly_income > 100", &no_income),
        Truth::Unknown
    );
    assert_eq!(truth("monthly_income != 100", &no_income), Truth::Unknown);
    assert_eq!(
        truth("monthly_income in [1, 2]", &no_income),
        Truth::Unknown
    );
    assert!(!rule("not monthly_income > 100").matches(&no_income, today()));
}

#[test]
fn and_and_or_follow_kleene() {
    let c = client(|_| {});
    assert_eq!(truth("children > 1 and age < 3", &c), Truth::False);
    assert_eq!(truth("children > 1 and age > 3", &c), Truth::Unknown);
    assert_eq!(truth("children > 1 or age > 3", &c), Truth::True);
    assert_eq!(truth("children > 1 or age < 3", &c), Truth::Unknown);
}

#[test]
fn tags_products_and_flags_are_never_unknown() {
    let c = client(|_| {});
    assert_eq!(
        truth("has tag \"MOTORCYCLIST\" and holds cc_grace", &c),
        Truth::True
    );
    assert_eq!(truth("has tag shy or holds VCARD", &c), Truth::False);
    assert_eq!(truth("islamic_banking = false", &c), Truth::True);
}

#[test]
fn data_age_counts_days_since_verification() {
    let c = client(|_| {});
    assert_eq!(truth("data_age_days = 365", &c), Truth::True);
    assert_eq!(truth("data_age_days > 365", &c), Truth::False);
    assert_eq!(
        truth(
            "data_age_days > 1",
            &client(|d| d.data_verified_on = String::new())
        ),
        Truth::Unknown
    );
}

#[test]
fn custom_attributes_compare_as_numbers_only_when_both_sides_are_numbers() {
    let c = client(|_| {});
    assert_eq!(truth("score = 7.5", &c), Truth::True);
    assert_eq!(truth("score = \"7.5\"", &c), Truth::False);
    assert_eq!(truth("score = \"7.50\"", &c), Truth::True);
    assert_eq!(truth("score between 7 and 8", &c), Truth::True);
    assert_eq!(truth("tier = 5", &c), Truth::False);
    assert_eq!(truth("tier != 5", &c), Truth::True);
    assert_eq!(truth("tier > 5", &c), Truth::Unknown);
    assert_eq!(truth("tier in [silver, gold]", &c), Truth::True);
    assert_eq!(truth("missing = 1", &c), Truth::Unknown);
    let noisy = client(|d| {
        d.custom_attributes
            .insert("score".into(), "1000.0000000000002".into());
    });
    assert_eq!(
        truth("score > 1000", &noisy),
        Truth::True,
        "float noise from an export is a number, compared exactly"
    );
    let long = client(|d| {
        d.custom_attributes
            .insert("score".into(), "1.23456789012345678901234567891".into());
    });
    assert_eq!(
        truth("score > 1", &long),
        Truth::Unknown,
        "more digits than a decimal holds are not compared as a number"
    );
}

#[test]
fn explanations_list_conditions_under_not_as_negated() {
    let c = client(|_| {});
    let explained =
        rule("not has tag shy and not holds CC_GRACE and children > 1").explain(&c, today());
    assert_eq!(explained.held, ["not has tag \"shy\""]);
    assert_eq!(explained.failed, ["not holds \"CC_GRACE\""]);
    assert_eq!(explained.unknown, ["children > 1"]);
}

#[test]
fn near_miss_names_one_condition_only_when_it_alone_decides() {
    let c = client(|_| {});
    let two_short = rule("has tag shy and holds VCARD");
    assert_eq!(
        two_short.near_miss(&c, today()),
        Some(NearMiss::Failed(vec![
            "has tag \"shy\"".into(),
            "holds \"VCARD\"".into()
        ]))
    );
    let either = rule("has tag shy or holds VCARD");
    assert!(matches!(either.near_miss(&c, today()), Some(NearMiss::Failed(f)) if f.len() == 2));
    let one_short = rule("(has tag shy or holds VCARD) and age > 100");
    assert_eq!(
        one_short.near_miss(&c, today()),
        Some(NearMiss::Failed(vec![
            "has tag \"shy\"".into(),
            "holds \"VCARD\"".into(),
            "age > 100".into()
        ]))
    );
    let negated = rule("not holds CC_GRACE and age > 30");
    assert_eq!(
        negated.near_miss(&c, today()),
        Some(NearMiss::Only("not holds \"CC_GRACE\"".into()))
    );
    let blocked_by_unknown = rule("children > 1 and has tag shy");
    assert_eq!(
        blocked_by_unknown.near_miss(&c, today()),
        Some(NearMiss::Failed(vec!["has tag \"shy\"".into()]))
    );
}
