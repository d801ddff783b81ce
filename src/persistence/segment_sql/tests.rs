//! The SQL text for both backends. That it selects the same clients as the in-memory
//! evaluation is checked against real databases in `tests/api/segment_rules.rs`.

use chrono::NaiveDate;
use sea_orm::DbBackend;
use sea_orm::sea_query::{
    Alias, Asterisk, PostgresQueryBuilder, Query, SqliteQueryBuilder, Values,
};

use super::rule_condition;
use crate::domain::segment::SegmentRule;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

/// `SELECT * FROM clients WHERE …` for `backend`, with its bound values.
fn select(rule: &str, backend: DbBackend) -> (String, Values) {
    let rule = SegmentRule::parse(rule).unwrap();
    let query = Query::select()
        .column(Asterisk)
        .from(Alias::new("clients"))
        .cond_where(rule_condition(&rule, backend, today()))
        .to_owned();
    match backend {
        DbBackend::Postgres => query.build(PostgresQueryBuilder),
        _ => query.build(SqliteQueryBuilder),
    }
}

fn values_text(values: &Values) -> String {
    format!("{values:?}")
}

const RULES: &[&str] = &[
    "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
    "has tag \"motorcyclist\" or holds \"CC_GRACE\"",
    "not (monthly_income > 1.00005 or age between 18 and 25)",
    "marital_status in [single, widowed] and home_sales_point = \"MSK-HO\"",
    "data_age_days > 365 and islamic_banking = true",
    "salary_project = \"EMP-0001\" or score >= 7.5",
];

#[test]
fn every_rule_builds_sql_with_one_placeholder_per_bound_value() {
    for rule in RULES {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let (sql, values) = select(rule, backend);
            let placeholders = match backend {
                DbBackend::Postgres => (1..=values.0.len())
                    .take_while(|n| sql.contains(&format!("${n}")))
                    .count(),
                _ => sql.matches('?').count(),
            };
            assert!(!values.0.is_empty(), "{rule}: the literals are bound");
            assert_eq!(placeholders, values.0.len(), "{rule} on {backend:?}: {sql}");
            assert!(
                !sql.contains(&format!("${}", values.0.len() + 1)),
                "{rule} on {backend:?}: a placeholder without a value: {sql}"
            );
        }
    }
}

#[test]
fn values_are_bound_never_spliced_into_the_sql() {
    for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
        let (sql, values) = select(
            "has tag \"motorcyclist\" and city = \"O'Brien; DROP TABLE clients\" and salary_project = \"EMP-0001\"",
            backend,
        );
        for secret in [
            "motorcyclist",
            "O'Brien",
            "DROP",
            "EMP-0001",
            "salary_project",
        ] {
            assert!(!sql.contains(secret), "{secret} in {sql}");
            assert!(values_text(&values).contains(secret), "{secret} not bound");
        }
    }
}

#[test]
fn placeholders_follow_the_backend() {
    let (sqlite, _) = select("gender = male and age >= 35", DbBackend::Sqlite);
    assert!(sqlite.contains('?') && !sqlite.contains("$1"), "{sqlite}");
    let (postgres, _) = select("gender = male and age >= 35", DbBackend::Postgres);
    assert!(
        postgres.contains("$1") && !postgres.contains('?'),
        "{postgres}"
    );
}

#[test]
fn age_becomes_a_range_of_its_basis_guarded_against_future_births() {
    let (sql, values) = select("age >= 35", DbBackend::Sqlite);
    assert_eq!(
        sql,
        r#"SELECT * FROM "clients" WHERE (CASE WHEN ("clients"."age_basis" <= ?) THEN "clients"."age_basis" END) <= ?"#
    );
    let shown = values_text(&values);
    assert!(
        shown.contains("2026-11-01") && shown.contains("1991-11-01"),
        "{shown}"
    );
}

#[test]
fn age_on_the_twenty_ninth_of_february_counts_from_the_twenty_eighth_in_common_years() {
    let rule = SegmentRule::parse("age >= 1").unwrap();
    let leap_day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
    let query = Query::select()
        .column(Asterisk)
        .from(Alias::new("clients"))
        .cond_where(rule_condition(&rule, DbBackend::Sqlite, leap_day))
        .to_owned();
    let (_, values) = query.build(SqliteQueryBuilder);
    assert!(values_text(&values).contains("2027-02-28"), "{values:?}");
}

#[test]
fn an_income_threshold_is_split_into_its_units_and_the_digits_beyond_the_fourth_decimal() {
    let values = |rule: &str| values_text(&select(rule, DbBackend::Sqlite).1);
    let shown = values("monthly_income > 14.890999999999998");
    assert!(shown.contains("BigInt(Some(148909))"), "{shown}");
    assert!(shown.contains("999999999980000000000000"), "{shown}");
    let shown = values("monthly_income = 150000.5");
    assert!(shown.contains("BigInt(Some(1500005000))"), "{shown}");
    assert!(shown.contains(&"0".repeat(24)), "{shown}");
    let (postgres, _) = select("monthly_income <= 1.00005", DbBackend::Postgres);
    assert!(
        postgres.contains("strpos(") && postgres.contains(r#"COLLATE "C""#),
        "{postgres}"
    );
    let (huge, _) = select(
        "monthly_income < 99999999999999999999999",
        DbBackend::Sqlite,
    );
    assert!(
        huge.ends_with(r#""clients"."monthly_income" = "clients"."monthly_income""#),
        "{huge}"
    );
    let (negative, _) = select("monthly_income < -1", DbBackend::Sqlite);
    assert!(
        negative.ends_with(r#""clients"."monthly_income" <> "clients"."monthly_income""#),
        "{negative}"
    );
}

#[test]
fn tags_are_matched_whole_with_like_wildcards_escaped() {
    let (sql, values) = select("has tag \"100%_a!b\"", DbBackend::Postgres);
    assert!(sql.contains("LIKE $1 ESCAPE '!'"), "{sql}");
    assert!(
        values_text(&values).contains("%|100!%!_a!!b|%"),
        "{values:?}"
    );
}

#[test]
fn home_sales_point_uses_a_guarded_subquery() {
    let (sql, _) = select("home_sales_point != \"NSK-KKO\"", DbBackend::Postgres);
    assert_eq!(
        sql,
        r#"SELECT * FROM "clients" WHERE (CASE WHEN ("clients"."home_sales_point_id" IS NOT NULL) THEN NOT "clients"."home_sales_point_id" IN (SELECT "sales_points"."id" FROM "sales_points" WHERE "sales_points"."code" IN ($1)) END)"#
    );
}
