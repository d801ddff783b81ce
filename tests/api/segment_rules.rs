//! Segment rules select the same clients in SQL as the in-memory evaluation does, on the
//! backend under test: the translation keeps SQL's NULL exactly where the rule says Unknown.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use kombi::demo::crm_generator::generate_clients;
use kombi::domain::client::{Client, StatedAge};
use kombi::domain::segment::SegmentRule;
use kombi::persistence::clients;
use kombi::persistence::entities::{client, sales_point};
use kombi::persistence::segment_sql::rule_condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::helpers::fresh_database;

const CLIENTS: usize = 2_000;
const SEED: u64 = 2026;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// One rule per construct, several where SQL would turn an Unknown into True or False if the
/// translation slipped (`not` over missing incomes, a home sales point code that does not
/// exist, custom text that is not a number).
const RULES: &[&str] = &[
    "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
    "has tag \"motorcyclist\"",
    "holds \"CC_GRACE\" and not holds \"DEP_PLUS\"",
    "employment = retired and marital_status in [single, widowed, divorced]",
    "age between 18 and 25 and (employment = student or has tag \"night_life\")",
    "not monthly_income >= 100000",
    "monthly_income > 150000.00005 or children >= 2",
    // Incomes compared exactly, at the cut of the stored units and beyond it.
    "monthly_income > 14.8909",
    "monthly_income = 14.890999999999998",
    "monthly_income >= 14.890999999999998 and monthly_income < 14.8910000000000000000001",
    "monthly_income != 14.8909 and monthly_income <= 14.89100000000000000000000001",
    "not monthly_income < 123456789012345.6789012345678",
    "monthly_income = 150000.00005 or monthly_income = 0",
    "age = 44 or age > 64 or not age >= 1",
    "age between 30 and 45 and not age = 40",
    "age = 18 or age = 61 or age < 2",
    "loyalty_tier in [gold, platinum] or preferred_contact = \"sms\"",
    "not salary_project = \"EMP-0001\" or salary_project > 5",
    "score >= 7.5 or score = 0 or not score between -1 and 12",
    "score > 1000 or score = 12.0",
    "score < 1000 and score > 999.9999999999999999999999",
    "score >= -7.5 and score < -7.4999999999999999999999999",
    "score <= -12.5 or score = 1234567890123456",
    "not score != 1000.0000000000002",
    "data_age_days > 365 or data_verified_on < 2025-01-01",
    "home_sales_point = \"NSK-KKO\"",
    "not home_sales_point = \"NOPE\" and home_sales_point != \"NOPE-2\"",
    "has tag \"migrant\" or preferred_language in [\"tg\", \"uz\", \"ky\"]",
    "not (digital_affinity = low or islamic_banking = true)",
    "region != \"Moscow\" and city_population < 1000000 and consent_to_offers = true",
];

/// The demo generator's clients, with the gaps it never makes: no home sales point, a birth
/// date after `today`, an age stated on a date instead of a birth date (on a leap day, on
/// `today`, a year and a day before it), and a numeric (or not quite numeric) custom
/// attribute.
fn generated_clients() -> Vec<Client> {
    let scores = [
        "7.50",
        "-0",
        "0012",
        "abc",
        "12",
        "1234567890123456",
        // Float noise from exports, and 28 significant digits: exact, not through a double.
        "1000.0000000000002",
        "999.99999999999999999999999",
        "-7.5000000000000000000000001",
        "-0012.50",
    ];
    // At the stored units' cut (four decimals) and far beyond it, up to 28 significant digits.
    let incomes = [
        "14.890999999999998",
        "14.8909",
        "14.89090000000000000000000001",
        "14.891",
        "14.8910000000000000000000000",
        "150000.00005",
        "150000.0000499999999999999999",
        "0",
        "123456789012345.6789012345678",
        "123456789012345.6789012345677",
    ];
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let stated_on = [
        today(),
        day(2024, 2, 29),
        day(2025, 10, 31),
        day(2025, 11, 1),
        day(2026, 6, 30),
        day(2020, 3, 1),
    ];
    generate_clients(CLIENTS, SEED, today())
        .enumerate()
        .map(|(i, mut client)| {
            if i % 10 == 0 {
                client.home_sales_point = None;
            }
            if i % 97 == 0 {
                client.birth_date = Some(today() + Days::new(30));
            }
            if i % 11 == 0 {
                let as_of = stated_on[(i / 11) % stated_on.len()];
                let years = u32::try_from(i % 90).unwrap();
                client.birth_date = None;
                client.stated_age = Some(StatedAge::new(years, as_of).unwrap());
            }
            if i % 5 == 0 {
                let income = incomes[(i / 5) % incomes.len()];
                client.monthly_income = Some(income.parse().unwrap());
            }
            if i % 7 == 0 {
                let score = scores[(i / 7) % scores.len()];
                client
                    .custom_attributes
                    .insert("score".into(), score.into());
            }
            client
        })
        .collect()
}

async fn stored(db: &DatabaseConnection, generated: &[Client]) {
    let mut ids = HashMap::new();
    for (code, city) in [("MSK-HO", "Moscow"), ("NSK-KKO", "Novosibirsk")] {
        let point = sales_point::ActiveModel {
            code: Set(code.into()),
            name: Set(code.into()),
            city: Set(city.into()),
            region: Set(city.into()),
            format: Set("head_office".into()),
            branch_cost_per_minute: Set(250_000),
            visit_overhead_minutes: Set(150_000),
            visit_limit_minutes: Set(None),
            active: Set(true),
            product_kinds: Set("*".into()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        ids.insert(point.code, point.id);
    }
    let inserted = clients::insert_new(db, generated, &ids).await.unwrap();
    assert_eq!(inserted, u64::try_from(generated.len()).unwrap());
}

fn in_memory(rule: &SegmentRule, generated: &[Client]) -> u64 {
    let matching = generated
        .iter()
        .filter(|c| rule.matches(c, today()))
        .count();
    u64::try_from(matching).unwrap()
}

async fn in_sql(db: &DatabaseConnection, rule: &SegmentRule) -> u64 {
    client::Entity::find()
        .filter(rule_condition(rule, db.get_database_backend(), today()))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn segment_rules_count_the_same_clients_in_sql_as_in_memory() {
    let (db, _url, _guard) = fresh_database().await;
    let generated = generated_clients();
    stored(&db, &generated).await;

    let mut report = Vec::new();
    for text in RULES {
        let rule = SegmentRule::parse(text).unwrap();
        let (memory, sql) = (in_memory(&rule, &generated), in_sql(&db, &rule).await);
        if memory != sql {
            report.push(format!("{text}: in memory {memory}, in SQL {sql}"));
        }
    }

    assert!(report.is_empty(), "{}", report.join("\n"));
    let seed = SegmentRule::parse(RULES[0]).unwrap();
    assert!(
        in_memory(&seed, &generated) > 0,
        "the seed segment should find clients"
    );
}

#[tokio::test]
async fn a_client_with_an_unknown_attribute_matches_neither_the_rule_nor_its_negation() {
    let (db, _url, _guard) = fresh_database().await;
    let generated = generated_clients();
    stored(&db, &generated).await;
    let rule = SegmentRule::parse("monthly_income >= 100000").unwrap();
    let negation = SegmentRule::parse("not monthly_income >= 100000").unwrap();

    let (yes, no) = (in_sql(&db, &rule).await, in_sql(&db, &negation).await);

    let unknown = generated
        .iter()
        .filter(|c| c.monthly_income.is_none())
        .count();
    assert!(unknown > 0);
    assert_eq!(
        yes + no + u64::try_from(unknown).unwrap(),
        u64::try_from(CLIENTS).unwrap()
    );
}
