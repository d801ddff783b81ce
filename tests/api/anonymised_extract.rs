//! An anonymised extract as banks' analysts get them (no ids, no names, ages as of the
//! extract's date, yearly incomes in thousands with decimal commas, Yes/No flags, a column per
//! product held as a count, a BOM and `;`), imported with a mapping alone, no pre-processing;
//! each segment count over it equals a count made independently here from the file's own rows,
//! and the in-memory evaluation the desk explains with agrees with the database for every
//! client. On SQLite and PostgreSQL.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use kombi::domain::segment::SegmentRule;
use kombi::import::Mapping;
use kombi::persistence::crm_import::import_file;
use kombi::persistence::segments::count_matching;

use crate::helpers::fresh_database;

const MAPPING: &str = r#"
[columns]
Sex = "gender"
"Income, k/yr" = "monthly_income"
Student = "employment"
Age = "age"
"Debt, RUB" = "custom:debt"

[values.gender]
M = "male"
F = "female"

[values.employment]
Yes = "student"
No = ""               # not a student: employment unknown

[scale]
"Income, k/yr" = { factor = 1000, divide_by = 12 }

[products_held]
from_columns = { APERSAUT = "CAR_INSURANCE", AWAPART = "THIRD_PARTY" }

[crm_id]
template = "{branch}-{account_no}"

[options]
default_income_currency = "RUB"
age_as_of = "2026-06-30"     # the extract's date
"#;

/// One row of the extract, as the test knows it.
struct Row {
    female: bool,
    income_k: Decimal,
    student: bool,
    cars: u32,
    third_party: bool,
    debt: Decimal,
    age: u32,
}

fn rows() -> Vec<Row> {
    (0..240_u32)
        .map(|i| Row {
            female: i % 3 == 0,
            // 96 to 143.9 thousand a year, tenths: around the 120 thousand (10,000 a month) cut.
            income_k: Decimal::new(i64::from(960 + (i * 37) % 480), 1),
            student: i % 5 == 0,
            cars: i % 4,
            third_party: i % 7 < 3,
            debt: Decimal::new(i64::from(i * 1_234 % 250_000), 2),
            age: 18 + (i * 7) % 60,
        })
        .collect()
}

fn comma(value: Decimal) -> String {
    value.to_string().replace('.', ",")
}

fn extract(rows: &[Row]) -> String {
    let mut text = String::from(
        "\u{feff}branch;account_no;Sex;Income, k/yr;Student;APERSAUT;AWAPART;Debt, RUB;Age\n",
    );
    for (i, r) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{};{:05};{};{};{};{};{};{};{}\n",
            if i % 2 == 0 { "MSK" } else { "NSK" },
            i,
            if r.female { "F" } else { "M" },
            comma(r.income_k),
            if r.student { "Yes" } else { "No" },
            r.cars,
            if r.third_party { "1" } else { "0" },
            comma(r.debt),
            r.age,
        ));
    }
    text
}

#[tokio::test]
async fn an_anonymised_extract_imports_with_a_mapping_alone_and_counts_agree_with_the_file() {
    let (db, _url, _guard) = fresh_database().await;
    let rows = rows();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anonymised.csv");
    std::fs::write(&path, extract(&rows)).unwrap();
    let mapping = Mapping::from_toml(MAPPING).unwrap();

    let (report, _) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();

    assert_eq!(
        (report.rows, report.imported, report.skipped),
        (240, 240, 0),
        "{:?}",
        report.errors.first()
    );
    // Four months after the extract's date: each age is still the one stated.
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let next_year = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    let twelve = Decimal::from(12);
    let monthly = |r: &Row| r.income_k * Decimal::from(1000) / twelve;
    let expected: Vec<(&str, usize)> = vec![
        (
            "monthly_income > 10000",
            rows.iter().filter(|r| monthly(r) > dec!(10000)).count(),
        ),
        (
            "holds \"CAR_INSURANCE\" and gender = female",
            rows.iter().filter(|r| r.cars > 0 && r.female).count(),
        ),
        (
            "employment = student",
            rows.iter().filter(|r| r.student).count(),
        ),
        (
            "not holds \"THIRD_PARTY\"",
            rows.iter().filter(|r| !r.third_party).count(),
        ),
        (
            "debt >= 1234.5 and not holds \"CAR_INSURANCE\"",
            rows.iter()
                .filter(|r| r.debt >= dec!(1234.5) && r.cars == 0)
                .count(),
        ),
        (
            "age >= 35 and gender = male",
            rows.iter().filter(|r| r.age >= 35 && !r.female).count(),
        ),
        (
            "age between 18 and 25 or age = 60",
            rows.iter()
                .filter(|r| (18..=25).contains(&r.age) || r.age == 60)
                .count(),
        ),
    ];
    let mut clients = Vec::new();
    for (i, _) in rows.iter().enumerate() {
        let id = format!("{}-{i:05}", if i % 2 == 0 { "MSK" } else { "NSK" });
        clients.push(
            kombi::persistence::clients::load(&db, &id)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    for (text, independent) in expected {
        let rule = SegmentRule::parse(text).unwrap();
        let counted = count_matching(&db, &rule, today).await.unwrap();
        assert_eq!(
            counted,
            u64::try_from(independent).unwrap(),
            "{text}: the database and the file disagree"
        );
        for day in [today, next_year] {
            let explained = clients.iter().filter(|c| rule.matches(c, day)).count();
            let counted = count_matching(&db, &rule, day).await.unwrap();
            assert_eq!(
                counted,
                u64::try_from(explained).unwrap(),
                "{text} on {day}: the database and the desk disagree"
            );
        }
    }
    // A year after the extract's date, everyone is a year older.
    let rule = SegmentRule::parse("age >= 36").unwrap();
    let older = rows.iter().filter(|r| r.age + 1 >= 36).count();
    assert_eq!(
        count_matching(&db, &rule, next_year).await.unwrap(),
        u64::try_from(older).unwrap()
    );
    let client = kombi::persistence::clients::load(&db, "NSK-00001")
        .await
        .unwrap()
        .expect("the id made of branch and account");
    assert_eq!(client.name_or_id(), "NSK-00001");
}

#[tokio::test]
async fn ids_from_row_numbers_are_refused_for_a_second_import_of_that_file() {
    use kombi::persistence::crm_import::ImportFailure;
    let (db, _url, _guard) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-ids.csv");
    std::fs::write(&path, "Sex;Age\nM;40\nF;31\n").unwrap();
    let mapping = Mapping::from_toml(
        "[columns]\nSex = \"gender\"\nAge = \"age\"\n[values.gender]\nM = \"male\"\nF = \"female\"\n\
         [options]\nage_as_of = \"2026-06-30\"\n[crm_id]\nunstable_ids = true\nprefix = \"SURVEY\"\n",
    )
    .unwrap();
    let (report, _) = import_file(&db, &path, &mapping, |_| {}).await.unwrap();
    assert_eq!((report.imported, report.skipped), (2, 0));
    let second = kombi::persistence::clients::load(&db, "SURVEY-2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.stated_age.map(|a| a.years()), Some(31));

    // The same file reordered would put the woman's data on the man's record: refused whole.
    std::fs::write(&path, "Sex;Age\nF;31\nM;40\n").unwrap();
    let refused = import_file(&db, &path, &mapping, |_| {}).await.unwrap_err();
    assert!(
        matches!(&refused, ImportFailure::RowNumbersTaken { prefix } if prefix == "SURVEY"),
        "{refused}"
    );
    assert!(
        refused.to_string().contains("can be imported once only"),
        "{refused}"
    );
    let first = kombi::persistence::clients::load(&db, "SURVEY-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        first.stated_age.map(|a| a.years()),
        Some(40),
        "nothing rewritten"
    );
    // Another file of other people, under its own prefix, goes in.
    let other = Mapping::from_toml(
        &mapping
            .to_toml()
            .replace("prefix = \"SURVEY\"", "prefix = \"SURVEY_B\""),
    )
    .unwrap();
    let (report, _) = import_file(&db, &path, &other, |_| {}).await.unwrap();
    assert_eq!(report.imported, 2);
}
