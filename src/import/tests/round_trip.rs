//! The canonical CSV's packed custom attributes, and its phone column, which files written
//! before it lack. (Generated clients read back as written: see
//! `demo::crm_generator::import_tests`.)

use super::*;

#[test]
fn the_canonical_mapping_reads_packed_custom_attributes() {
    let text = "crm_id,full_name,birth_date,gender,employment,monthly_income,income_currency,city,\
                city_population,region,marital_status,children,lifestyle_tags,digital_affinity,\
                preferred_language,islamic_banking,products_held,consent_to_offers,data_verified_on,\
                home_sales_point,custom,extra\n\
                C1,I I,,,,,,,,,,,,,,,,,,,a=1|note=x=y|empty=,e\n";
    let client = only_client(text, &Mapping::canonical());
    assert_eq!(client.phone, None, "a file without the phone column");
    let attributes: Vec<(&str, &str)> = client
        .custom_attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        attributes,
        [("a", "1"), ("empty", ""), ("extra", "e"), ("note", "x=y")]
    );
    let clash = text.replace("a=1|", "extra=1|");
    let errors = only_errors(&clash, &Mapping::canonical());
    assert_eq!(errors[0].column.as_deref(), Some("extra"));
    assert_eq!(
        errors[0].reason.to_string(),
        "custom attribute \"extra\" is given twice"
    );
}

#[test]
fn the_canonical_mapping_reads_phones_in_any_usual_form() {
    let header = crate::import::canonical::CANONICAL_COLUMNS.join(",");
    let blanks = ",".repeat(crate::import::canonical::CANONICAL_COLUMNS.len() - 3);
    let text = format!(
        "{header}\nC1,Ivanova Anna,+7 (916) 123-45-67{blanks}\nC2,Petrov Ivan,8 916 765 43 21{blanks}\n\
         C3,Sidorov Oleg,{blanks}\nC4,Orlov Ilya,123-45{blanks}\n"
    );
    let (rows, stats) = read_all(text.as_bytes(), &Mapping::canonical());
    let phones: Vec<Option<String>> = rows[..3]
        .iter()
        .map(|r| r.as_ref().unwrap().phone.clone())
        .collect();
    assert_eq!(
        phones,
        [
            Some("+79161234567".to_owned()),
            Some("+79167654321".to_owned()),
            None
        ]
    );
    let errors = rows[3].as_ref().unwrap_err().errors();
    assert_eq!(errors[0].column.as_deref(), Some("phone"));
    assert_eq!(errors[0].reason.key, "phone-malformed");
    assert_eq!((stats.rows_ok, stats.rows_failed), (3, 1));
}

#[test]
fn a_mapped_column_the_file_lacks_is_refused_unless_optional() {
    let text = "Client ID,Full name\nC1,Ivanova Anna\n";
    let required = mapping_with(r#""Tel" = "phone""#, "");
    let error = ImportReader::new(text.as_bytes(), &required)
        .err()
        .expect("the Tel column is missing");
    assert!(error.to_string().contains("Tel"), "{error}");
    let optional = mapping_with(r#""Tel" = "phone""#, r#"optional = ["Tel"]"#);
    assert_eq!(only_client(text, &optional).phone, None);
    let with_tel = "Client ID,Full name,Tel\nC1,Ivanova Anna,8-916-123-45-67\n";
    assert_eq!(
        only_client(with_tel, &optional).phone.as_deref(),
        Some("+79161234567")
    );
}
