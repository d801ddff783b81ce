use super::*;
use crate::import::tests::EXAMPLE_MAPPING;

fn problems(text: &str) -> Vec<String> {
    Mapping::from_toml(text)
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

const MINIMAL: &str = "[columns]\nid = \"crm_id\"\nname = \"full_name\"\n";

#[test]
fn the_example_mapping_reads_in_file_order() {
    let mapping = Mapping::from_toml(EXAMPLE_MAPPING).unwrap();
    let columns: Vec<(&str, String)> = mapping
        .columns()
        .iter()
        .map(|(source, target)| (source.as_str(), target.to_string()))
        .collect();
    assert_eq!(
        columns[..3],
        [
            ("Client ID", "crm_id".to_owned()),
            ("Full name", "full_name".to_owned()),
            ("Date of birth", "birth_date".to_owned())
        ]
    );
    assert!(columns.contains(&("Loyalty", "custom:loyalty_tier".to_owned())));
    let gender = mapping.value_map(&Target::Field(Field::Gender)).unwrap();
    assert_eq!(gender[1], (" Male".to_owned(), "male".to_owned()));
    let options = mapping.options();
    assert_eq!(options.delimiter, Delimiter::Auto);
    assert_eq!(options.ignore, ["Internal note"]);
    assert_eq!(options.default_income_currency.as_deref(), Some("RUB"));
    assert!(options.trim && options.case_fold);
}

#[test]
fn a_mapping_survives_toml_and_back() {
    for mapping in [
        Mapping::from_toml(EXAMPLE_MAPPING).unwrap(),
        Mapping::canonical(),
    ] {
        let text = mapping.to_toml();
        assert_eq!(Mapping::from_toml(&text).unwrap(), mapping, "{text}");
    }
    let tabbed = format!("{MINIMAL}[options]\ndelimiter = \"\\t\"\ndate_format = \"%d/%m/%Y\"\n");
    let mapping = Mapping::from_toml(&tabbed).unwrap();
    assert_eq!(mapping.options().delimiter, Delimiter::Tab);
    assert_eq!(Mapping::from_toml(&mapping.to_toml()).unwrap(), mapping);
}

#[test]
fn options_default_when_left_out() {
    let mapping = Mapping::from_toml(MINIMAL).unwrap();
    assert_eq!(mapping.options(), &Options::default());
    assert_eq!(mapping.options().list_separator, "|");
}

#[test]
fn a_syntax_error_names_its_line() {
    let found = problems("[columns]\nid = \"crm_id\"\nname = full_name\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("line 3: "), "{found:?}");
}

#[test]
fn an_unknown_option_is_named_with_its_line() {
    let found = problems(&format!("{MINIMAL}[options]\ndelimeter = \";\"\n"));
    assert!(found[0].starts_with("line 5: "), "{found:?}");
    assert!(found[0].contains("delimeter"), "{found:?}");
}

#[test]
fn an_unknown_target_is_named_with_its_key_line_and_the_valid_targets() {
    let found = problems(&format!("{MINIMAL}\"Date of birth\" = \"birthday\"\n"));
    assert_eq!(found.len(), 1);
    let message = &found[0];
    assert!(
        message.starts_with("line 4: columns.\"Date of birth\": unknown target \"birthday\""),
        "{message}"
    );
    assert!(
        message.contains("birth_date") && message.contains("custom:NAME"),
        "{message}"
    );
}

#[test]
fn a_target_takes_one_column() {
    let found = problems(&format!("{MINIMAL}other = \"full_name\"\n"));
    assert_eq!(
        found,
        [
            "line 4: columns.other: \"name\" is already mapped to full_name; a target takes one column"
        ]
    );
}

#[test]
fn crm_id_must_be_mapped_and_full_name_need_not_be() {
    let found = problems("[columns]\ncity = \"city\"\n");
    assert_eq!(found, ["columns: no column is mapped to crm_id"]);
}

#[test]
fn value_maps_are_checked_against_the_domain() {
    let text =
        format!("{MINIMAL}sex = \"gender\"\n[values.gender]\nM = \"mael\"\nF = \"female\"\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("line 6: values.gender.M: unknown gender \"mael\""),
        "{found:?}"
    );
}

#[test]
fn a_value_map_has_one_value_per_key_once_folded() {
    let text = format!("{MINIMAL}[values.crm_id]\n\"a \" = \"A\"\nA = \"B\"\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("line 6: values.crm_id.A: \"a \" and \"A\" are the same key"));
    let unfolded = format!(
        "{MINIMAL}[values.crm_id]\n\"a \" = \"A\"\nA = \"B\"\n[options]\ncase_fold = false\n"
    );
    assert!(Mapping::from_toml(&unfolded).is_ok());
}

#[test]
fn value_maps_may_name_targets_without_a_column() {
    let text = format!(
        "{MINIMAL}[values.\"custom:loyalty_tier\"]\ng = \"gold\"\n[values.employment]\nX = \"other\"\n"
    );
    assert!(Mapping::from_toml(&text).is_ok());
    let packed = format!("{MINIMAL}[values.custom_attributes]\ng = \"gold\"\n");
    assert!(problems(&packed)[0].contains("packed custom attributes take no value map"));
}

#[test]
fn every_bad_option_is_reported_at_once() {
    let text = format!(
        "{MINIMAL}[options]\ndelimiter = \"|\"\ndate_format = \"%H:%M\"\nlist_separator = \"\"\n\
         default_income_currency = \"rubles\"\nignore = [\"name\"]\n"
    );
    let found = problems(&text);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found[0].starts_with("line 5: options.delimiter: must be"));
    assert!(found[1].contains("options.date_format: \"%H:%M\" must give the year"));
    assert!(found[2].contains("options.list_separator: must not be empty"));
    assert!(found[3].contains("\"rubles\" is not an ISO 4217 code"));
    assert!(found[4].contains("columns.name: the column is both mapped and in options.ignore"));
}

#[test]
fn a_broken_date_format_is_refused_without_panicking() {
    let found = problems(&format!("{MINIMAL}[options]\ndate_format = \"%Q%\"\n"));
    assert!(
        found[0].contains("is not a chrono date format"),
        "{found:?}"
    );
}

#[test]
fn optional_columns_must_be_mapped_ones() {
    let text =
        format!("{MINIMAL}tel = \"phone\"\n[options]\noptional = [\"tel\", \"fax\", \" \"]\n");
    let found = problems(&text);
    assert_eq!(
        found,
        [
            "line 6: options.optional: a column name is blank",
            "line 6: options.optional: \"fax\" is not a column of [columns]"
        ]
    );
    let fine = format!("{MINIMAL}tel = \"phone\"\n[options]\noptional = [\"tel\"]\n");
    let mapping = Mapping::from_toml(&fine).unwrap();
    assert_eq!(mapping.options().optional, ["tel"]);
    assert_eq!(Mapping::from_toml(&mapping.to_toml()).unwrap(), mapping);
}

#[test]
fn the_canonical_mapping_needs_only_the_crm_id() {
    let canonical = Mapping::canonical();
    let optional = &canonical.options().optional;
    assert!(
        optional.iter().any(|c| c == "phone"),
        "files older than the phone column read"
    );
    assert!(optional.iter().any(|c| c == "full_name"));
    assert!(!optional.iter().any(|c| c == "crm_id"));
    assert_eq!(canonical.source_column("phone"), Some("phone"));
}
