use chrono::NaiveDate;

use super::*;
use crate::import::{ImportReader, Mapping};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn suggested(bytes: &[u8]) -> Suggestion {
    suggest_mapping(bytes, today()).unwrap()
}

#[test]
fn a_russian_extract_in_windows_1251_gets_a_mapping_that_imports_it() {
    let text = "Client ID;ФИО;Пол;Дата рождения;Город;Доход\n\
                A-1;Иванов Иван;М;31/12/1980;Москва;150000,50\n\
                A-2;Петрова Анна;Ж;01/02/1975;Казань;90000\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let suggestion = suggested(&bytes);
    let toml = &suggestion.toml;
    for line in [
        "\"Client ID\" = \"crm_id\"",
        "\"ФИО\" = \"full_name\"",
        "\"Дата рождения\" = \"birth_date\"",
        "\"Город\" = \"city\"",
        "\"Доход\" = \"monthly_income\"",
        "[values.gender]\n\"М\" = \"male\"\n\"Ж\" = \"female\"",
        "delimiter = \";\"",
        "date_format = \"%d/%m/%Y\"",
        "encoding = \"windows-1251\"",
        "default_income_currency = \"RUB\"",
    ] {
        assert!(toml.contains(line), "{line:?} missing from:\n{toml}");
    }
    assert!(suggestion.decide.is_empty(), "{:?}", suggestion.decide);
    let mapping = Mapping::from_toml(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let clients: Vec<_> = ImportReader::new(&bytes[..], &mapping)
        .unwrap()
        .map(|row| row.unwrap())
        .collect();
    assert_eq!(clients[0].full_name, "Иванов Иван");
    assert_eq!(clients[1].birth_date, NaiveDate::from_ymd_opt(1975, 2, 1));
    assert_eq!(clients[0].monthly_income.unwrap().to_string(), "150000.50");
}

#[test]
fn an_anonymised_extract_says_what_only_a_person_can_decide() {
    let text = "\u{feff}Sex;Age;Student;APERSAUT;Debt, RUB;Segment code\n\
                M;41;Yes;0;1234,5;A\nF;33;No;2;0;B\n";
    let suggestion = suggested(text.as_bytes());
    let toml = &suggestion.toml;
    for line in [
        "Sex = \"gender\"",
        "Age = \"age\"",
        "[values.gender]\nM = \"male\"\nF = \"female\"",
        "age_as_of = \"2026-11-30\"",
        "# APERSAUT = \"PRODUCT_CODE\"",
        "# \"Debt, RUB\": numbers; kept as the custom attribute debt_rub",
        "# \"Segment code\": text, 2 values: \"A\", \"B\"",
        "# unstable_ids = true",
    ] {
        assert!(toml.contains(line), "{line:?} missing from:\n{toml}");
    }
    let decide = suggestion.decide.join("\n");
    assert!(
        decide.contains("crm_id") && decide.contains("options.age_as_of"),
        "{decide}"
    );
    // As suggested it cannot import (no id yet); once the person chooses, it does.
    assert!(Mapping::from_toml(toml).is_err());
    let chosen = toml.replace("# unstable_ids = true", "unstable_ids = true");
    let mapping = Mapping::from_toml(&chosen).unwrap_or_else(|e| panic!("{e}\n{chosen}"));
    let rows: Vec<_> = ImportReader::new(text.as_bytes(), &mapping)
        .unwrap()
        .collect();
    let first = rows[0].as_ref().unwrap();
    assert_eq!(first.crm_id.as_str(), "ROW-1");
    assert_eq!(first.stated_age.map(|a| a.years()), Some(41));
    assert_eq!(first.custom_attributes["debt_rub"], "1234.5");
}

#[test]
fn unknown_codes_are_left_blank_with_a_note_and_shadowing_columns_ignored() {
    let text = "id,gender,tag,marital status\n1,male,x,женат\n2,other,y,??\n";
    let suggestion = suggested(text.as_bytes());
    let toml = &suggestion.toml;
    assert!(
        toml.contains("other = \"\"   # CHANGE: which gender?"),
        "{toml}"
    );
    assert!(
        !toml.contains("male = "),
        "a value Kombi knows needs no entry:\n{toml}"
    );
    assert!(toml.contains("\"женат\" = \"married\""), "{toml}");
    assert!(toml.contains("ignore = [\"tag\"]"), "{toml}");
    let branch = suggested("id,Филиал\n1,MSK\n".as_bytes()).toml;
    assert!(
        branch.contains("# \"Филиал\" = \"home_sales_point\"   # if its values are the bank's"),
        "a point the bank may not have is left to the person:\n{branch}"
    );
    let mapping = Mapping::from_toml(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let rows: Vec<_> = ImportReader::new(text.as_bytes(), &mapping)
        .unwrap()
        .collect();
    assert!(rows.iter().all(Result::is_ok), "{rows:?}");
}

#[test]
fn names_fold_across_case_spacing_and_punctuation() {
    assert_eq!(guess::field_for("Date of birth"), Some(Field::BirthDate));
    assert_eq!(guess::field_for("DATE_OF_BIRTH"), Some(Field::BirthDate));
    assert_eq!(guess::field_for("crm_id"), Some(Field::CrmId));
    assert_eq!(
        guess::field_for("Семейное положение"),
        Some(Field::MaritalStatus)
    );
    assert_eq!(guess::field_for("Loyalty"), None);
}

#[test]
fn a_date_pattern_is_proposed_only_when_the_automatic_reading_fails() {
    let pattern = |dates: &[&str]| guess::date_pattern(dates.iter().copied());
    assert_eq!(pattern(&["2020-01-31", "31.01.2020"]), None);
    assert_eq!(pattern(&["31/01/2020", "01/02/2020"]), Some("%d/%m/%Y"));
    assert_eq!(pattern(&["01/31/2020", "02/01/2020"]), Some("%m/%d/%Y"));
    assert_eq!(pattern(&["20200131"]), Some("%Y%m%d"));
    assert_eq!(pattern(&["someday"]), None);
}

#[test]
fn yes_no_and_count_columns_may_be_holdings_but_codes_with_leading_zeros_are_not() {
    let holds = |values: &[&str]| guess::holds(values.iter().copied());
    assert_eq!(holds(&["Yes", "No", "да"]), guess::Holds::Flags);
    assert_eq!(holds(&["0", "2", "1"]), guess::Holds::Flags);
    assert_eq!(holds(&["001", "002"]), guess::Holds::Other);
    assert_eq!(holds(&["1234"]), guess::Holds::Other);
    assert_eq!(holds(&[]), guess::Holds::Other);
}
