use std::collections::BTreeMap;

use super::*;

fn written(clients: Vec<Client>) -> String {
    let mut out = Vec::new();
    let count = write_clients_csv(clients.into_iter(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(count as usize + 1, text.lines().count());
    text
}

fn anna() -> Client {
    let mut custom_attributes = BTreeMap::new();
    custom_attributes.insert("loyalty_tier".into(), "gold".into());
    custom_attributes.insert("note".into(), "a=b, \"quoted\"".into());
    ClientDraft {
        crm_id: "CRM-0000042".into(),
        full_name: "Ivanova Anna Sergeevna".into(),
        phone: "8 (913) 555-01-42".into(),
        birth_date: "1984-02-29".into(),
        gender: "female".into(),
        employment: "self_employed".into(),
        monthly_income: "87450.00".into(),
        income_currency: "RUB".into(),
        city: "Novosibirsk".into(),
        city_population: "1630000".into(),
        region: "Novosibirsk Oblast".into(),
        marital_status: "married".into(),
        children: "2".into(),
        lifestyle_tags: vec!["family".into(), "car_owner".into()],
        digital_affinity: "high".into(),
        preferred_language: "ru".into(),
        products_held: vec!["ONLINE".into(), "CA_RUB".into()],
        consent_to_offers: "true".into(),
        data_verified_on: "2025-01-15".into(),
        home_sales_point: "NSK-KKO".into(),
        custom_attributes,
        ..ClientDraft::default()
    }
    .parse(chrono::NaiveDate::MAX)
    .unwrap()
}

#[test]
fn the_header_is_the_canonical_column_list() {
    assert_eq!(CANONICAL_COLUMNS.len(), 24);
    assert_eq!(
        written(vec![]),
        format!("{}\n", CANONICAL_COLUMNS.join(","))
    );
}

#[test]
fn a_row_holds_each_field_in_its_canonical_text() {
    let expected = [
        "CRM-0000042",
        "Ivanova Anna Sergeevna",
        "+79135550142",
        "1984-02-29",
        "",
        "",
        "female",
        "self_employed",
        "87450.00",
        "RUB",
        "Novosibirsk",
        "1630000",
        "Novosibirsk Oblast",
        "married",
        "2",
        "car_owner|family",
        "high",
        "ru",
        "false",
        "CA_RUB|ONLINE",
        "true",
        "2025-01-15",
        "NSK-KKO",
        "loyalty_tier=gold|note=a=b, \"quoted\"",
    ];
    assert_eq!(client_row(&anna()), expected);
    let text = written(vec![anna()]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert!(row.iter().eq(expected.iter().copied()));
}

#[test]
fn unrecorded_fields_are_blank_cells() {
    let bare = ClientDraft {
        crm_id: "X1".into(),
        full_name: "Petrov Ivan".into(),
        ..ClientDraft::default()
    };
    let row = client_row(&bare.parse(chrono::NaiveDate::MAX).unwrap());
    assert_eq!(row[..2], ["X1", "Petrov Ivan"]);
    assert!(
        row[2..]
            .iter()
            .enumerate()
            .all(|(i, cell)| cell.is_empty() || matches!(i + 2, 18 | 20))
    );
    assert_eq!((row[18].as_str(), row[20].as_str()), ("false", "false"));
}
