use super::*;
use crate::domain::client::{DigitalAffinity, Employment, Gender};

fn minimal() -> ClientDraft {
    ClientDraft {
        crm_id: "CRM-0000001".into(),
        full_name: "Ivanova Anna Sergeevna".into(),
        ..Default::default()
    }
}

/// The date the tests parse on.
fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn blank_optional_fields_are_not_recorded() {
    let client = minimal().parse(test_today()).unwrap();
    assert_eq!(client.birth_date, None);
    assert_eq!(client.monthly_income, None);
    assert_eq!(client.children, None);
    assert!(!client.islamic_banking && !client.consent_to_offers);
    assert!(client.lifestyle_tags.is_empty() && client.custom_attributes.is_empty());
}

#[test]
fn every_invalid_field_is_reported_with_its_name() {
    let draft = ClientDraft {
        crm_id: "CRM 1".into(),
        full_name: "Bad\u{7}Name".into(),
        birth_date: "31.12.1990".into(),
        gender: "x".into(),
        monthly_income: "-5".into(),
        income_currency: "rubles".into(),
        children: "31".into(),
        consent_to_offers: "maybe".into(),
        ..Default::default()
    };
    let errors = draft.parse(test_today()).unwrap_err();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "crm_id",
            "full_name",
            "birth_date",
            "gender",
            "monthly_income",
            "income_currency",
            "children",
            "consent_to_offers"
        ]
    );
    assert_eq!(
        errors
            .message_for("children")
            .map(ToString::to_string)
            .as_deref(),
        Some("31 is outside 0..=30")
    );
    assert_eq!(
        errors
            .message_for("full_name")
            .map(ToString::to_string)
            .as_deref(),
        Some("must not contain the control character '\\u{7}'")
    );
}

#[test]
fn dates_outside_the_years_a_client_can_have_are_refused() {
    for (raw, accepted) in [
        ("1899-12-31", false),
        ("1900-01-01", true),
        ("9999-12-31", true),
        ("+10000-01-01", false),
        ("-0001-01-01", false),
    ] {
        let draft = ClientDraft {
            crm_id: "CRM-1".into(),
            full_name: "Ivanov Ivan".into(),
            data_verified_on: raw.into(),
            ..Default::default()
        };
        let result = draft.parse(test_today());
        assert_eq!(result.is_ok(), accepted, "{raw}: {result:?}");
        if !accepted {
            let message = result
                .unwrap_err()
                .message_for("data_verified_on")
                .map(ToString::to_string);
            assert!(message.is_some(), "{raw}");
        }
    }
}

#[test]
fn codes_lists_and_flags_are_normalised() {
    let draft = ClientDraft {
        gender: "FEMALE".into(),
        employment: "Self-employed".into(),
        monthly_income: " 87450.00 ".into(),
        income_currency: "rub".into(),
        preferred_language: "RU".into(),
        home_sales_point: "msk-ho".into(),
        digital_affinity: "High".into(),
        lifestyle_tags: strings(&[" Traveller ", "city_lover", "traveller", ""]),
        products_held: strings(&["online", "CA_RUB", "ca_rub"]),
        islamic_banking: "yes".into(),
        consent_to_offers: "TRUE".into(),
        ..minimal()
    };
    let client = draft.parse(test_today()).unwrap();
    assert_eq!(client.gender, Some(Gender::Female));
    assert_eq!(client.employment, Some(Employment::SelfEmployed));
    assert_eq!(client.monthly_income.unwrap().to_string(), "87450.00");
    assert_eq!(client.income_currency.as_deref(), Some("RUB"));
    assert_eq!(client.preferred_language.as_deref(), Some("ru"));
    assert_eq!(client.home_sales_point.as_deref(), Some("MSK-HO"));
    assert_eq!(client.digital_affinity, Some(DigitalAffinity::High));
    assert_eq!(client.lifestyle_tags, ["city_lover", "traveller"]);
    assert_eq!(client.products_held, ["CA_RUB", "ONLINE"]);
    assert!(client.islamic_banking && client.consent_to_offers);
}

#[test]
fn an_income_needs_its_currency() {
    let draft = ClientDraft {
        monthly_income: "1000".into(),
        ..minimal()
    };
    let errors = draft.parse(test_today()).unwrap_err();
    assert_eq!(
        errors
            .message_for("income_currency")
            .map(ToString::to_string)
            .as_deref(),
        Some("is required when an income is given")
    );
}

#[test]
fn zero_income_is_allowed_and_negative_zero_is_plain_zero() {
    let draft = ClientDraft {
        monthly_income: "-0.00".into(),
        income_currency: "RUB".into(),
        ..minimal()
    };
    assert_eq!(
        draft
            .parse(test_today())
            .unwrap()
            .monthly_income
            .unwrap()
            .to_string(),
        "0.00"
    );
}

#[test]
fn list_entries_and_attributes_cannot_hold_the_csv_separator() {
    let tags = ClientDraft {
        lifestyle_tags: strings(&["a|b"]),
        ..minimal()
    };
    assert!(
        tags.parse(test_today())
            .unwrap_err()
            .message_for("lifestyle_tags")
            .is_some()
    );
    let mut custom_attributes = BTreeMap::new();
    custom_attributes.insert("loyalty_tier".into(), "gold|silver".into());
    let attributes = ClientDraft {
        custom_attributes,
        ..minimal()
    };
    assert!(
        attributes
            .parse(test_today())
            .unwrap_err()
            .message_for("custom_attributes")
            .is_some()
    );
}

#[test]
fn attribute_keys_are_trimmed_and_must_stay_unique() {
    let mut custom_attributes = BTreeMap::new();
    custom_attributes.insert("tier".into(), "gold".into());
    custom_attributes.insert(" tier".into(), "silver".into());
    let errors = ClientDraft {
        custom_attributes,
        ..minimal()
    }
    .parse(test_today())
    .unwrap_err();
    assert_eq!(
        errors
            .message_for("custom_attributes")
            .map(ToString::to_string)
            .as_deref(),
        Some("key \"tier\" appears twice")
    );
}

#[test]
fn json_numbers_booleans_and_nulls_are_read_as_text() {
    let json = r#"{"crm_id": "CRM-7", "full_name": "Petrov Ivan", "children": 2,
        "city_population": 1630000, "monthly_income": 87450.50, "income_currency": "RUB",
        "islamic_banking": true, "region": null, "lifestyle_tags": ["Family"]}"#;
    let draft: ClientDraft = serde_json::from_str(json).unwrap();
    let client = draft.parse(test_today()).unwrap();
    assert_eq!(client.children, Some(2));
    assert_eq!(client.city_population, Some(1_630_000));
    assert_eq!(client.monthly_income.unwrap().to_string(), "87450.50");
    assert!(client.islamic_banking);
    assert_eq!(client.region, None);
    assert_eq!(client.lifestyle_tags, ["family"]);
}

#[test]
fn json_with_an_invalid_field_names_it() {
    let draft: ClientDraft =
        serde_json::from_str(r#"{"crm_id": "CRM-7", "full_name": "X", "children": -1}"#).unwrap();
    let errors = draft.parse(test_today()).unwrap_err();
    assert_eq!(
        errors
            .message_for("children")
            .map(ToString::to_string)
            .as_deref(),
        Some("-1 is outside 0..=30")
    );
}

#[test]
fn json_with_an_unknown_key_is_refused() {
    let json = r#"{"crm_id": "CRM-7", "full_name": "X", "childern": 2}"#;
    let error = serde_json::from_str::<ClientDraft>(json)
        .unwrap_err()
        .to_string();
    assert!(error.contains("unknown field `childern`"), "{error}");
}

#[test]
fn a_client_survives_json_and_text_round_trips() {
    let mut custom_attributes = BTreeMap::new();
    custom_attributes.insert("loyalty_tier".into(), "gold".into());
    let draft = ClientDraft {
        birth_date: "1984-02-29".into(),
        gender: "male".into(),
        monthly_income: "120000.00".into(),
        income_currency: "RUB".into(),
        city: "Novosibirsk".into(),
        city_population: "1630000".into(),
        children: "2".into(),
        products_held: strings(&["CA_RUB"]),
        data_verified_on: "2025-01-15".into(),
        phone: "8 (916) 123-45-67".into(),
        custom_attributes,
        ..minimal()
    };
    let client = draft.parse(test_today()).unwrap();
    let json = serde_json::to_string(&client).unwrap();
    assert!(json.contains(r#""monthly_income":"120000.00""#), "{json}");
    assert!(json.contains(r#""phone":"+79161234567""#), "{json}");
    let read_back: ClientDraft = serde_json::from_str(&json).unwrap();
    assert_eq!(read_back.parse(test_today()).unwrap(), client);
    assert_eq!(
        ClientDraft::from(&client).parse(test_today()).unwrap(),
        client
    );
    assert_eq!(client.clone().revalidated(test_today()).unwrap(), client);
}

#[test]
fn iso_dates_are_read_strictly_and_agree_with_chrono() {
    use crate::domain::client::iso_date;
    for text in ["2026-11-23", "1900-01-01", "9999-12-31", "2024-02-29"] {
        assert_eq!(iso_date(text), text.parse().ok(), "{text}");
        assert!(iso_date(text).is_some(), "{text}");
    }
    for text in [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-1-05",
        "2026/01/05",
        "20a6-01-05",
        "+2026-01-5",
        "2026-01-05 ",
        "",
    ] {
        assert_eq!(iso_date(text), None, "{text}");
    }
}

#[test]
fn birth_dates_after_today_are_refused() {
    for (raw, accepted) in [
        ("2026-11-30", true),
        ("2026-12-01", false),
        ("2999-01-01", false),
    ] {
        let draft = ClientDraft {
            birth_date: raw.into(),
            ..minimal()
        };
        let result = draft.parse(test_today());
        assert_eq!(result.is_ok(), accepted, "{raw}: {result:?}");
        if !accepted {
            let errors = result.unwrap_err();
            let message = errors.message_for("birth_date").unwrap().to_string();
            assert!(message.contains("in the future"), "{message}");
        }
    }
}

#[test]
fn a_phone_number_is_stored_in_its_international_form() {
    for (raw, stored) in [
        ("", None),
        ("  ", None),
        ("+7 (916) 123-45-67", Some("+79161234567")),
        ("8 916 123 45 67", Some("+79161234567")),
        ("9161234567", Some("+79161234567")),
        ("0044 20 7946 0958", Some("+442079460958")),
    ] {
        let draft = ClientDraft {
            phone: raw.into(),
            ..minimal()
        };
        let client = draft.parse(test_today()).unwrap();
        assert_eq!(client.phone.as_deref(), stored, "{raw:?}");
    }
    let json = r#"{"crm_id": "CRM-7", "full_name": "X", "phone": 89161234567}"#;
    let draft: ClientDraft = serde_json::from_str(json).unwrap();
    assert_eq!(
        draft.parse(test_today()).unwrap().phone.as_deref(),
        Some("+79161234567")
    );
}

#[test]
fn a_number_in_no_known_form_is_refused_on_the_phone_field() {
    for raw in [
        "7916123456",
        "123-45-67",
        "+7 916 CALL-ME",
        "+1234567890123456",
    ] {
        let draft = ClientDraft {
            phone: raw.into(),
            ..minimal()
        };
        let errors = draft.parse(test_today()).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["phone"], "{raw:?}");
        let message = errors.message_for("phone").unwrap();
        assert_eq!(message.key, "phone-malformed");
        assert!(message.to_string().contains(raw), "{message}");
    }
}

#[test]
fn a_client_without_a_name_is_shown_by_crm_id() {
    let draft = ClientDraft {
        crm_id: "A-17".into(),
        full_name: "   ".into(),
        ..Default::default()
    };
    let client = draft.parse(test_today()).unwrap();
    assert_eq!(client.full_name, "");
    assert_eq!(client.name_or_id(), "A-17");
}
