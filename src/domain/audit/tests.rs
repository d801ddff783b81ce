use super::*;

fn product(fee: &str, name: &str) -> Fields {
    Fields::new()
        .with("name", name)
        .with("terms.monthly_fee", fee)
        .with("status", "active")
}

#[test]
fn changes_are_the_fields_that_differ_with_their_exact_texts() {
    let before = product("99.00", "Deposit Plus");
    let after = product("99.0", "Deposit Plus").with("terms.rate", "0.085");
    let found = changes(Some(&before), Some(&after));
    assert_eq!(
        found,
        vec![
            FieldChange {
                field: "terms.monthly_fee".into(),
                before: Some("99.00".into()),
                after: Some("99.0".into()),
            },
            FieldChange {
                field: "terms.rate".into(),
                before: None,
                after: Some("0.085".into()),
            },
        ],
        "a figure's text is compared as written: 99.00 and 99.0 differ"
    );
}

#[test]
fn a_creation_lists_every_field_and_a_removal_every_field_gone() {
    let fields = product("99", "Card");
    assert_eq!(changes(None, Some(&fields)).len(), 3);
    let gone = changes(Some(&fields), None);
    assert!(gone.iter().all(|c| c.after.is_none() && c.before.is_some()));
}

#[test]
fn an_edit_that_saved_the_same_values_changes_nothing() {
    let author = Author {
        actor: Actor::User {
            id: 1,
            username: "pm".into(),
        },
        origin: "127.0.0.1".into(),
    };
    let same = author
        .entry(Action::Changed, Subject::Product, "DEP")
        .before(product("1", "A"))
        .after(product("1", "A"));
    assert!(!same.changes_something());
    let edited = same.clone().after(product("2", "A"));
    assert!(edited.changes_something());
    let viewed = author.entry(Action::Viewed, Subject::Client, "CRM-1");
    assert!(
        viewed.changes_something(),
        "a view is worth an entry by itself"
    );
}

#[test]
fn every_code_reads_back_and_unknown_codes_do_not() {
    for action in Action::ALL {
        assert_eq!(Action::parse(action.code()), Some(*action));
        assert!(action.message_key().ends_with(action.code()));
    }
    for subject in Subject::ALL {
        assert_eq!(Subject::parse(subject.code()), Some(*subject));
        assert!(subject.message_key().ends_with(subject.code()));
    }
    assert_eq!(Action::parse("vanished"), None);
    assert_eq!(Subject::parse(""), None);
}

#[test]
fn actors_say_who_they_are() {
    let os = Actor::OperatingSystem {
        name: "deploy".into(),
    };
    assert_eq!((os.kind(), os.name(), os.user_id()), ("os", "deploy", None));
    let claimed = Actor::Claimed {
        username: "mallory".into(),
    };
    assert_eq!((claimed.kind(), claimed.user_id()), ("claimed", None));
    let user = Actor::User {
        id: 7,
        username: "finance".into(),
    };
    assert_eq!((user.kind(), user.user_id()), ("user", Some(7)));
}

#[test]
fn the_filter_form_reads_each_part_and_names_each_bad_field() {
    let form = FilterForm {
        actor: " advisor ".into(),
        action: "viewed".into(),
        subject: "client".into(),
        object: "CRM-0000419".into(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
    };
    let filter = form.parse().unwrap();
    assert_eq!(filter.actor.as_deref(), Some("advisor"));
    assert_eq!(filter.action, Some(Action::Viewed));
    assert_eq!(filter.subject, Some(Subject::Client));
    assert_eq!(filter.object.as_deref(), Some("CRM-0000419"));
    assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 11, 1));

    assert_eq!(FilterForm::default().parse().unwrap(), Filter::default());

    let bad = FilterForm {
        action: "erased".into(),
        subject: "planet".into(),
        from: "30.11.2026".into(),
        ..FilterForm::default()
    };
    let errors = bad.parse().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["action", "subject", "from"]);

    let reversed = FilterForm {
        from: "2026-11-30".into(),
        to: "2026-11-01".into(),
        ..FilterForm::default()
    };
    assert_eq!(reversed.parse().unwrap_err()[0].field, "to");
}

#[test]
fn a_serialized_value_becomes_dotted_fields_without_nulls() {
    let value = serde_json::json!({
        "crm_id": "CRM-1",
        "monthly_income": "120000.50",
        "children": 2,
        "consent": true,
        "phone": null,
        "products_held": ["CARD", "DEP"],
        "custom": {"segment_hint": "gold"}
    });
    let fields = Fields::from_json(&value);
    assert_eq!(fields.get("monthly_income"), Some("120000.50"));
    assert_eq!(fields.get("children"), Some("2"));
    assert_eq!(fields.get("consent"), Some("true"));
    assert_eq!(fields.get("phone"), None);
    assert_eq!(fields.get("products_held"), Some("CARD|DEP"));
    assert_eq!(fields.get("custom.segment_hint"), Some("gold"));
}

#[test]
fn a_matrix_shows_each_cell_value_and_link_under_its_own_name() {
    use crate::domain::matrix::{CellPatch, Link, MatrixContent, Role, Scope};
    use rust_decimal::Decimal;
    let mut content = MatrixContent::default();
    let patch = CellPatch {
        role: Some(Role::AddOn),
        take_up: Some(Decimal::new(3500, 4)),
        ..CellPatch::default()
    };
    content.set_cell("CARD", Scope::Point("MSK-HO".into()), patch.clone());
    content.links.push(Link::Requires {
        product: "VCARD".into(),
        needs: "CURRENT".into(),
    });
    let before = of::matrix(&content);
    assert_eq!(before.get("CARD @ point:MSK-HO · take_up"), Some("0.35"));
    assert_eq!(before.get("CARD @ point:MSK-HO · role"), Some("add_on"));
    assert_eq!(before.get("link · VCARD requires CURRENT"), Some("yes"));

    let mut edited = content.clone();
    edited.set_cell(
        "CARD",
        Scope::Point("MSK-HO".into()),
        CellPatch {
            take_up: Some(Decimal::new(40, 2)),
            ..patch
        },
    );
    let changed = changes(Some(&before), Some(&of::matrix(&edited)));
    assert_eq!(changed.len(), 1, "one cell value changed: {changed:?}");
    assert_eq!(changed[0].after.as_deref(), Some("0.4"));
}
