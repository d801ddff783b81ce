//! Cells in the spellings real extracts use.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::domain::client::Gender;

const HEADER: &str = "Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty";

fn row(cells: &str) -> String {
    format!("{HEADER}\nC1;Ivanov Ivan;{cells}\n")
}

fn income(cell: &str) -> Decimal {
    only_client(&row(&format!(";;{cell};")), &example())
        .monthly_income
        .unwrap()
}

#[test]
fn amounts_take_a_decimal_comma_and_grouped_thousands() {
    assert_eq!(income("1 234,56"), Decimal::from_str("1234.56").unwrap());
    assert_eq!(income("1\u{a0}234\u{a0}567,5").to_string(), "1234567.5");
    assert_eq!(income("87450.00").to_string(), "87450.00");
}

#[test]
fn amounts_keep_every_digit() {
    let amount = income("14.890999999999998");
    assert_eq!(amount.to_string(), "14.890999999999998");
    assert_eq!(amount, Decimal::from_str("14.890999999999998").unwrap());
    assert_eq!(
        income("14,890999999999998").to_string(),
        "14.890999999999998"
    );
}

#[test]
fn an_ambiguous_amount_is_a_row_error_on_its_column() {
    let errors = only_errors(&row(";;1,234.56;"), &example());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].column.as_deref(), Some("Monthly income"));
    assert!(
        errors[0]
            .reason
            .to_string()
            .starts_with("\"1,234.56\" is not an amount"),
        "{errors:?}"
    );
}

#[test]
fn a_bad_date_skips_its_row_and_the_others_go_in() {
    let text = format!(
        "{HEADER}\nC1;Ivanov Ivan;2026-11-23;;;\nC2;Petrov Petr;31.02.1990;;;\nC3;Sidorov Sidor;01.03.1990;;;\n"
    );
    let (rows, stats) = read_all(text.as_bytes(), &example());
    assert_eq!(
        rows[0].as_ref().unwrap().birth_date,
        NaiveDate::from_ymd_opt(2026, 11, 23)
    );
    assert_eq!(
        described(rows[1].as_ref().unwrap_err().errors()),
        [(
            3,
            Some("Date of birth"),
            "\"31.02.1990\" is not a date in the form YYYY-MM-DD or DD.MM.YYYY".to_owned()
        )]
    );
    assert_eq!(
        rows[2].as_ref().unwrap().birth_date,
        NaiveDate::from_ymd_opt(1990, 3, 1)
    );
    assert_eq!((stats.rows_ok, stats.rows_failed), (2, 1));
}

#[test]
fn a_configured_date_format_is_used() {
    let mapping = mapping_with("Born = \"birth_date\"", "date_format = \"%d/%m/%Y\"");
    let text = "Client ID,Full name,Born\nC1,Ivanov Ivan,23/11/1990\n";
    let client = only_client(text, &mapping);
    assert_eq!(client.birth_date, NaiveDate::from_ymd_opt(1990, 11, 23));
    let errors = only_errors(
        "Client ID,Full name,Born\nC1,Ivanov Ivan,1990-11-23\n",
        &mapping,
    );
    assert_eq!(
        errors[0].reason.to_string(),
        "\"1990-11-23\" is not a date in the form %d/%m/%Y"
    );
}

#[test]
fn value_maps_apply_after_trim_and_case_fold() {
    for (cell, gender) in [
        ("M", Gender::Male),
        ("  MALE ", Gender::Male),
        ("ж", Gender::Female),
    ] {
        let client = only_client(&row(&format!(";{cell};;")), &example());
        assert_eq!(client.gender, Some(gender), "{cell:?}");
    }
    let errors = only_errors(&row(";X;;"), &example());
    assert_eq!(errors[0].column.as_deref(), Some("Sex"));
    assert!(
        errors[0]
            .reason
            .to_string()
            .starts_with("unknown gender \"X\""),
        "{errors:?}"
    );
}

#[test]
fn without_case_folding_value_maps_match_exactly() {
    let mapping = mapping_with(
        "Sex = \"gender\"\n[values.gender]\nM = \"male\"",
        "case_fold = false",
    );
    let header = "Client ID,Full name,Sex";
    assert_eq!(
        only_client(&format!("{header}\nC1,I I, M \n"), &mapping).gender,
        Some(Gender::Male)
    );
    let errors = only_errors(&format!("{header}\nC1,I I,m\n"), &mapping);
    assert!(
        errors[0]
            .reason
            .to_string()
            .starts_with("unknown gender \"m\"")
    );
}

#[test]
fn flags_read_yes_no_true_false_digits_and_russian_after_the_value_map() {
    let mapping = mapping_with(
        "Islamic = \"islamic_banking\"\nConsent = \"consent_to_offers\"\n[values.islamic_banking]\nJa = \"yes\"",
        "",
    );
    let header = "Client ID,Full name,Islamic,Consent";
    for (islamic, consent, expected) in [
        ("Да", "нет", (true, false)),
        ("yes", "1", (true, true)),
        ("0", "TRUE", (false, true)),
        ("ja", "No", (true, false)),
        ("", "", (false, false)),
    ] {
        let client = only_client(&format!("{header}\nC1,I I,{islamic},{consent}\n"), &mapping);
        assert_eq!((client.islamic_banking, client.consent_to_offers), expected);
    }
    let errors = only_errors(&format!("{header}\nC1,I I,может быть,\n"), &mapping);
    assert_eq!(errors[0].column.as_deref(), Some("Islamic"));
}

#[test]
fn list_columns_are_split_on_the_separator_and_mapped_per_entry() {
    let mapping = mapping_with(
        "Products = \"products_held\"\nTags = \"lifestyle_tags\"\n[values.products_held]\n\"Кредитка\" = \"CC_GRACE\"",
        "list_separator = \";\"",
    );
    let text =
        "Client ID,Full name,Products,Tags\nC1,I I,кредитка; online ;;CA_RUB,Family;Car_Owner\n";
    let client = only_client(text, &mapping);
    assert_eq!(client.products_held, ["CA_RUB", "CC_GRACE", "ONLINE"]);
    assert_eq!(client.lifestyle_tags, ["car_owner", "family"]);
}

#[test]
fn grouped_whole_numbers_are_read() {
    let mapping = mapping_with("Population = \"city_population\"\nKids = \"children\"", "");
    let text = "Client ID;Full name;Population;Kids\nC1;I I;1 630 000;2\n";
    let client = only_client(text, &mapping);
    assert_eq!(
        (client.city_population, client.children),
        (Some(1_630_000), Some(2))
    );
}

#[test]
fn the_default_currency_fills_incomes_without_one() {
    let client = only_client(&row(";;1000;"), &example());
    assert_eq!(client.income_currency.as_deref(), Some("RUB"));
    let mapping = mapping_with(
        "Income = \"monthly_income\"\nCurrency = \"income_currency\"",
        "default_income_currency = \"RUB\"",
    );
    let text = "Client ID,Full name,Income,Currency\nC1,I I,10,usd\nC2,P P,,\n";
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    assert_eq!(
        rows[0].as_ref().unwrap().income_currency.as_deref(),
        Some("USD")
    );
    assert_eq!(
        rows[1].as_ref().unwrap().income_currency,
        None,
        "no income, no currency"
    );
}

#[test]
fn an_income_without_any_currency_says_how_to_fix_it() {
    let mapping = mapping_with("Income = \"monthly_income\"", "");
    let errors = only_errors("Client ID,Full name,Income\nC1,I I,10\n", &mapping);
    assert_eq!(errors[0].column, None);
    assert!(
        errors[0]
            .reason
            .to_string()
            .contains("set options.default_income_currency"),
        "{errors:?}"
    );
}

#[test]
fn unmapped_columns_become_custom_attributes_and_ignored_ones_do_not() {
    let text = "Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty;Loyalty tier (old);\
                Internal note;Филиал;\nC1;I I;;;;gold;silver;secret;Тверь;\n";
    let client = only_client(text, &example());
    let attributes: Vec<(&str, &str)> = client
        .custom_attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        attributes,
        [
            ("filial", "Тверь"),
            ("loyalty_tier", "gold"),
            ("loyalty_tier_old", "silver")
        ]
    );
}

#[test]
fn a_decimal_comma_file_stores_custom_numbers_with_a_point_and_a_comma_file_keeps_text() {
    let semicolons = "\u{feff}Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty;Score;Debt;Note\n\
                      C1;I I;;;1 234,5;;106,025;1 500,75;a,b\n";
    let client = only_client(semicolons, &example());
    assert_eq!(
        client.monthly_income,
        Some(rust_decimal_macros::dec!(1234.5))
    );
    let custom = &client.custom_attributes;
    assert_eq!(custom["score"], "106.025", "the file's decimal comma");
    assert_eq!(custom["debt"], "1500.75");
    assert_eq!(
        custom["note"], "a,b",
        "text that is not a number stays as it came"
    );
    let commas = "Client ID,Full name,Date of birth,Sex,Monthly income,Loyalty,Score\nC1,I I,,,,,\"106,025\"\n";
    assert_eq!(
        only_client(commas, &example()).custom_attributes["score"],
        "106,025",
        "in a comma-separated file a quoted comma is not a decimal separator"
    );
}

#[test]
fn blank_custom_cells_record_nothing() {
    let text =
        "Client ID;Full name;Date of birth;Sex;Monthly income;Loyalty;Branch\nC1;I I;;;;;  \n";
    assert!(only_client(text, &example()).custom_attributes.is_empty());
}

#[test]
fn two_columns_named_alike_cannot_share_an_attribute() {
    let text = "Client ID,Full name,Branch code,branch-code,Branch_code\n";
    let error = ImportReader::new(text.as_bytes(), &mapping_with("", ""))
        .err()
        .unwrap();
    let message = error.to_string();
    assert!(
        message.contains("\"Branch code\" and \"Branch_code\" would both become the custom attribute \"branch_code\""),
        "{message}"
    );
}

#[test]
fn a_bad_custom_value_names_its_column() {
    let text = "Client ID,Full name,Branch,Note\nC1,I I,MSK,a|b\n";
    let errors = only_errors(text, &mapping_with("", ""));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].column.as_deref(), Some("Note"));
    assert!(
        errors[0]
            .reason
            .to_string()
            .contains("must not contain '|'"),
        "{errors:?}"
    );
}

#[test]
fn a_file_with_some_of_kombi_s_own_columns_needs_no_mapping() {
    let text = "crm_id,birth_date,gender,monthly_income,income_currency\nC1,1980-02-03,male,120000.50,RUB\n";
    let client = only_client(text, &Mapping::canonical());
    assert_eq!(client.crm_id.as_str(), "C1");
    assert_eq!(
        client.monthly_income,
        Some(rust_decimal_macros::dec!(120000.50))
    );
    assert_eq!(client.employment, None, "a missing column is unknown");
    let without_ids = ImportReader::new(
        &b"full_name,gender\nAnna,female\n"[..],
        &Mapping::canonical(),
    );
    assert!(without_ids.is_err(), "without crm_id the file is refused");
}

#[test]
fn products_held_come_from_a_column_per_product_as_flags_or_counts() {
    let mapping = Mapping::from_toml(
        "[columns]\nid = \"crm_id\"\nheld = \"products_held\"\n\
         [products_held]\nfrom_columns = { APERSAUT = \"CAR_INSURANCE\", AWAPART = \"THIRD_PARTY\", ALEVEN = \"LIFE\" }\n",
    )
    .unwrap();
    assert_eq!(
        Mapping::from_toml(&mapping.to_toml()).unwrap(),
        mapping,
        "saved and read back"
    );
    let text = "id,held,APERSAUT,AWAPART,ALEVEN\nC1,DEP_PLUS,2,0,yes\nC2,,0,нет,\nC3,,1,maybe,0\n";
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    let held = |i: usize| {
        let mut held = rows[i].as_ref().unwrap().products_held.clone();
        held.sort();
        held
    };
    assert_eq!(held(0), ["CAR_INSURANCE", "DEP_PLUS", "LIFE"]);
    assert!(held(1).is_empty());
    let errors = rows[2].as_ref().unwrap_err().errors();
    assert_eq!(errors[0].column.as_deref(), Some("AWAPART"), "{errors:?}");
}

#[test]
fn a_scaled_column_is_converted_exactly_into_the_target_unit() {
    let mapping = Mapping::from_toml(
        "[columns]\nid = \"crm_id\"\n\"Income, k/yr\" = \"monthly_income\"\n\
         [scale]\n\"Income, k/yr\" = { factor = 1000, divide_by = 12 }\n\"Balance, k\" = { factor = \"1000\" }\n\
         [options]\ndefault_income_currency = \"RUB\"\ndelimiter = \";\"\n",
    )
    .unwrap();
    assert_eq!(
        Mapping::from_toml(&mapping.to_toml()).unwrap(),
        mapping,
        "saved and read back"
    );
    let text = "id;Income, k/yr;Balance, k\nC1;120;1,5\nC2;125,5;\nC3;lots;2\n";
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    let first = rows[0].as_ref().unwrap();
    assert_eq!(first.monthly_income, Some(rust_decimal_macros::dec!(10000)));
    assert_eq!(first.custom_attributes["balance_k"], "1500");
    let second = rows[1].as_ref().unwrap();
    assert_eq!(
        second.monthly_income.unwrap().to_string(),
        "10458.333333333333333333333333",
        "125.5 thousand a year, a twelfth of it, to the 28 digits a decimal holds"
    );
    let errors = rows[2].as_ref().unwrap_err().errors();
    assert_eq!(errors[0].column.as_deref(), Some("Income, k/yr"));
    let float = Mapping::from_toml("[columns]\nid = \"crm_id\"\n[scale]\nx = { factor = 0.001 }\n");
    assert!(
        float
            .unwrap_err()
            .to_string()
            .contains("write a fraction as text")
    );
}

#[test]
fn an_extract_without_ids_takes_its_crm_id_from_a_template_of_stable_columns() {
    let mapping = Mapping::from_toml(
        "[columns]\nage = \"custom:age_years\"\n[crm_id]\ntemplate = \"{branch}-{account_no}\"\n",
    )
    .unwrap();
    assert_eq!(
        Mapping::from_toml(&mapping.to_toml()).unwrap(),
        mapping,
        "saved and read back"
    );
    let text = "branch,account_no,age\nMSK, 00017 ,41\nNSK,,30\nMSK,00017,52\n";
    let (rows, _) = read_all(text.as_bytes(), &mapping);
    let first = rows[0].as_ref().unwrap();
    assert_eq!(first.crm_id.as_str(), "MSK-00017");
    assert_eq!(first.name_or_id(), "MSK-00017", "no names: the id is shown");
    let blank = rows[1].as_ref().unwrap_err().errors();
    assert_eq!(blank[0].column.as_deref(), Some("account_no"));
    let twice = rows[2].as_ref().unwrap_err().errors();
    assert!(
        twice[0]
            .reason
            .to_string()
            .contains("duplicate CRM id MSK-00017"),
        "{twice:?}"
    );
    let both =
        Mapping::from_toml("[columns]\nid = \"crm_id\"\n[crm_id]\ntemplate = \"{branch}\"\n");
    assert!(
        both.unwrap_err()
            .to_string()
            .contains("keep one of the two")
    );
    let none = Mapping::from_toml("[columns]\nx = \"city\"\n[crm_id]\ntemplate = \"fixed\"\n");
    assert!(none.unwrap_err().to_string().contains("names no column"));
}

#[test]
fn a_yes_no_column_kept_as_a_custom_flag_says_no_as_no() {
    let mapping = Mapping::from_toml(
        "[columns]\nid = \"crm_id\"\nStudent = \"custom:student\"\n\
         [values.\"custom:student\"]\nYes = \"yes\"\nNo = \"no\"\n",
    )
    .unwrap();
    let (rows, _) = read_all(b"id,Student\nC1,Yes\nC2,No\nC3,\n", &mapping);
    let flag = |i: usize| {
        rows[i]
            .as_ref()
            .unwrap()
            .custom_attributes
            .get("student")
            .cloned()
    };
    assert_eq!(flag(0).as_deref(), Some("yes"));
    assert_eq!(flag(1).as_deref(), Some("no"));
    assert_eq!(flag(2), None, "nothing said: unknown");
}
