use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::message::Message;
use crate::domain::product::Figure;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn fee(value: rust_decimal::Decimal) -> CellPatch {
    CellPatch {
        role: Some(Role::AddOn),
        terms: BTreeMap::from([(Figure::MonthlyFee, value)]),
        ..CellPatch::default()
    }
}

fn draft_with_a_card() -> Draft {
    let mut draft = Draft::default();
    draft
        .content
        .set_cell("CC_GRACE", Scope::AllPoints, fee(dec!(300)));
    draft
        .content
        .set_cell("CC_GRACE", Scope::Point("MSK-HO".into()), fee(dec!(250)));
    draft
}

#[test]
fn a_draft_publishes_only_when_every_blocking_verdict_passes() {
    let blocked = draft_with_a_card().publish(
        1,
        day(1),
        None,
        vec![Message::new("verdict-bundle-loses")],
        BTreeMap::new(),
    );
    assert!(matches!(blocked, Err(PublishError::Blocked(reasons)) if reasons.len() == 1));
    assert_eq!(
        Draft::default().publish(1, day(1), None, Vec::new(), BTreeMap::new()),
        Err(PublishError::Empty)
    );

    let published = draft_with_a_card()
        .publish(1, day(1), None, Vec::new(), BTreeMap::new())
        .unwrap();
    assert_eq!(
        (published.number(), published.effective_from()),
        (1, day(1))
    );
    assert_eq!(published.content().cells_of("CC_GRACE").len(), 2);
}

#[test]
fn a_new_draft_copies_the_published_version_and_leaves_it_unchanged() {
    let first = draft_with_a_card()
        .publish(1, day(1), None, Vec::new(), BTreeMap::new())
        .unwrap();
    let before = first.clone();

    let mut next = Draft::copy_of(&first);
    next.content
        .set_cell("CC_GRACE", Scope::Point("MSK-HO".into()), fee(dec!(200)));
    let second = next
        .publish(2, day(10), Some(&first), Vec::new(), BTreeMap::new())
        .unwrap();

    assert_eq!(
        first, before,
        "publishing a copy leaves the original as it was"
    );
    let fee_at = |v: &Published| {
        let at = PointPlace {
            code: "MSK-HO".into(),
            groups: Vec::new(),
            opens: crate::domain::setup::OpenableKinds::All,
        };
        resolve(&v.content().cells_of("CC_GRACE"), &at)
            .unwrap()
            .terms[&Figure::MonthlyFee]
    };
    assert_eq!((fee_at(&first), fee_at(&second)), (dec!(250), dec!(200)));
    let early =
        Draft::copy_of(&second).publish(3, day(5), Some(&second), Vec::new(), BTreeMap::new());
    assert_eq!(
        early,
        Err(PublishError::EffectiveBeforePrevious { previous: day(10) })
    );
}

#[test]
fn offers_come_from_the_latest_version_in_force_and_none_once_withdrawn() {
    let first = draft_with_a_card()
        .publish(1, day(1), None, Vec::new(), BTreeMap::new())
        .unwrap();
    let second = Draft::copy_of(&first)
        .publish(2, day(10), Some(&first), Vec::new(), BTreeMap::new())
        .unwrap();
    let versions = [first.clone(), second.clone()];

    assert_eq!(
        in_force(&versions, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        None
    );
    assert_eq!(in_force(&versions, day(9)).map(Published::number), Some(1));
    assert_eq!(in_force(&versions, day(10)).map(Published::number), Some(2));

    let versions = [first, second.withdrawn(day(20)).withdrawn(day(25))];
    assert_eq!(
        versions[1].withdrawn_on(),
        Some(day(20)),
        "the first withdrawal stands"
    );
    assert_eq!(in_force(&versions, day(19)).map(Published::number), Some(2));
    assert_eq!(in_force(&versions, day(20)).map(Published::number), Some(1));
}

#[test]
fn copying_a_point_copies_each_of_its_own_cells_and_replaces_the_target_s() {
    let mut content = draft_with_a_card().content;
    content.set_cell("DEP_PLUS", Scope::Point("MSK-HO".into()), fee(dec!(0)));
    content.set_cell("CUR_ACC", Scope::Point("NSK-KKO".into()), fee(dec!(99)));

    content.copy_point("MSK-HO", "NSK-KKO");

    let own = |point: &str| {
        let mut cells: Vec<(String, CellPatch)> = content
            .cells
            .iter()
            .filter(|c| c.scope == Scope::Point(point.into()))
            .map(|c| (c.product.clone(), c.patch.clone()))
            .collect();
        cells.sort_by(|a, b| a.0.cmp(&b.0));
        cells
    };
    assert_eq!(own("NSK-KKO"), own("MSK-HO"));
    assert_eq!(
        own("NSK-KKO").len(),
        2,
        "the earlier CUR_ACC cell of NSK-KKO is replaced"
    );
    assert_eq!(
        content.cells_of("CC_GRACE").len(),
        3,
        "bank-wide cells stay"
    );
}
