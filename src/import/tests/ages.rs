//! Extracts with ages instead of birth dates: the age stored with the date it was true on.

use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_age_column_takes_its_date_from_the_mapping() {
    let mapping = mapping_with("\"Age\" = \"age\"", "age_as_of = \"2026-06-30\"");
    let client = only_client("Client ID,Full name,Age\nC1,,42\n", &mapping);
    let stated = client.stated_age.expect("an age");
    assert_eq!((stated.years(), stated.as_of()), (42, day(2026, 6, 30)));
    assert_eq!(client.birth_date, None, "no invented birth date");
    assert_eq!(client.age_on(day(2027, 6, 29)), Some(42));
    assert_eq!(client.age_on(day(2027, 6, 30)), Some(43));
    // A TOML date works as well as text.
    let native = mapping_with("\"Age\" = \"age\"", "age_as_of = 2026-06-30");
    assert_eq!(native.options().age_as_of, Some(day(2026, 6, 30)));
    assert!(native.to_toml().contains("age_as_of = \"2026-06-30\""));
}

#[test]
fn a_column_of_dates_wins_over_the_mapping_s_date() {
    let mapping = mapping_with(
        "\"Age\" = \"age\"\n\"Snapshot\" = \"age_as_of\"",
        "age_as_of = \"2026-06-30\"\ndate_format = \"%d.%m.%Y\"",
    );
    let text = "Client ID,Full name,Age,Snapshot\nC1,,30,01.01.2025\nC2,,31,\n";
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    let as_of = |i: usize| rows[i].as_ref().unwrap().stated_age.unwrap().as_of();
    assert_eq!(as_of(0), day(2025, 1, 1));
    assert_eq!(as_of(1), day(2026, 6, 30));
}

#[test]
fn an_age_without_a_date_is_refused_when_the_mapping_is_read() {
    let text = "[columns]\n\"ID\" = \"crm_id\"\n\"Age\" = \"age\"\n";
    let error = Mapping::from_toml(text).unwrap_err().to_string();
    assert!(error.contains("map a column to age_as_of"), "{error}");
    let future = "[columns]\n\"ID\" = \"crm_id\"\n\"Age\" = \"age\"\n[options]\nage_as_of = \"2999-01-01\"\n";
    let error = Mapping::from_toml(future).unwrap_err().to_string();
    assert!(error.contains("line 5: options.age_as_of"), "{error}");
}

#[test]
fn ages_out_of_range_or_against_the_birth_date_are_row_errors_under_their_column() {
    let mapping = mapping_with(
        "\"Age\" = \"age\"\n\"Born\" = \"birth_date\"",
        "age_as_of = \"2026-06-30\"",
    );
    let text = "Client ID,Full name,Age,Born\nC1,,121,\nC2,,-1,\nC3,,40,1990-01-01\nC4,,36,1990-01-01\nC5,,x,\n";
    let (rows, stats) = read_all(text.as_bytes(), &mapping);
    let first = |i: usize| {
        let errors = rows[i].as_ref().unwrap_err().errors();
        (errors[0].column.clone(), errors[0].reason.to_string())
    };
    assert_eq!(
        first(0),
        (Some("Age".into()), "121 is outside 0..=120".into())
    );
    assert_eq!(first(1).0.as_deref(), Some("Age"));
    assert_eq!(
        first(2),
        (
            Some("Age".into()),
            "40 on 2026-06-30 contradicts the birth date, which gives 36".into()
        )
    );
    assert!(rows[3].is_ok(), "an age that agrees is kept: {:?}", rows[3]);
    assert_eq!(first(4).0.as_deref(), Some("Age"));
    assert_eq!((stats.rows_ok, stats.rows_failed), (1, 4));
}

#[test]
fn custom_attributes_named_like_built_in_ones_are_refused_before_any_row() {
    let text = "[columns]\n\"ID\" = \"crm_id\"\n\"Age\" = \"custom:age\"\n";
    let error = Mapping::from_toml(text).unwrap_err().to_string();
    assert!(
        error.contains("line 3: columns.Age: custom:age would never be read"),
        "{error}"
    );
    // An unmapped column would become such an attribute: the file is refused, naming it.
    let mapping = mapping_with("", "");
    let error = ImportReader::new(&b"Client ID,Full name,Age\nC1,,42\n"[..], &mapping)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        error.contains("column \"Age\" is not mapped") && error.contains("options.ignore"),
        "{error}"
    );
}

#[test]
fn the_canonical_layout_carries_ages_and_reads_files_without_them() {
    let header = crate::import::canonical::CANONICAL_COLUMNS.join(",");
    assert!(
        header.contains("birth_date,age,age_as_of,gender"),
        "{header}"
    );
    let client = only_client(
        "crm_id,age,age_as_of\nC1,42,2026-06-30\n",
        &Mapping::canonical(),
    );
    assert_eq!(client.stated_age.map(|a| a.years()), Some(42));
    let without = only_client("crm_id,birth_date\nC2,1990-01-01\n", &Mapping::canonical());
    assert_eq!(without.stated_age, None);
}
