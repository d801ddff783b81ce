//! The canonical CSV's packed custom attributes. (Generated clients read back as written: see
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
