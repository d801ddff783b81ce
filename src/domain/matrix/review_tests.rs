use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::message::Message;
use crate::domain::product::Figure;

const MANAGER: i32 = 7;
const FINANCE: i32 = 9;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn card(fee: rust_decimal::Decimal) -> CellPatch {
    CellPatch {
        role: Some(Role::AddOn),
        terms: BTreeMap::from([(Figure::MonthlyFee, fee)]),
        take_up: Some(dec!(0.4)),
        ..CellPatch::default()
    }
}

fn draft() -> Draft {
    let mut draft = Draft::default();
    draft
        .content
        .set_cell("CC_GRACE", Scope::AllPoints, card(dec!(300)));
    draft
}

#[test]
fn nobody_approves_their_own_submission() {
    let submitted = draft().submit(MANAGER, day(1), None).unwrap();
    assert_eq!(
        submitted
            .clone()
            .approve(MANAGER, 1, None, Vec::new(), BTreeMap::new()),
        Err(ReviewRefusal::OwnSubmission)
    );
    let published = submitted
        .approve(FINANCE, 1, None, Vec::new(), BTreeMap::new())
        .unwrap();
    assert_eq!(
        (published.number(), published.effective_from()),
        (1, day(1))
    );
}

#[test]
fn approval_is_refused_while_a_blocking_verdict_fails_and_says_which() {
    let reason = Message::new("matrix-bundle-blocked").with("point", "MSK-HO");
    let refused = draft().submit(MANAGER, day(1), None).unwrap().approve(
        FINANCE,
        1,
        None,
        vec![reason.clone()],
        BTreeMap::new(),
    );
    assert_eq!(
        refused,
        Err(ReviewRefusal::Publish(PublishError::Blocked(vec![reason])))
    );
}

#[test]
fn a_submission_needs_a_cell_and_a_date_not_before_the_live_version() {
    assert_eq!(
        Draft::default().submit(MANAGER, day(1), None),
        Err(PublishError::Empty)
    );
    let live = draft()
        .submit(MANAGER, day(10), None)
        .unwrap()
        .approve(FINANCE, 1, None, Vec::new(), BTreeMap::new())
        .unwrap();
    assert_eq!(
        Draft::copy_of(&live).submit(MANAGER, day(5), Some(&live)),
        Err(PublishError::EffectiveBeforePrevious { previous: day(10) })
    );
    assert!(
        Draft::copy_of(&live)
            .submit(MANAGER, day(10), Some(&live))
            .is_ok()
    );
}

#[test]
fn a_rejection_says_why_and_gives_the_draft_back_unchanged() {
    let submitted = draft().submit(MANAGER, day(1), None).unwrap();
    assert_eq!(
        submitted.clone().reject("   "),
        Err(ReviewRefusal::CommentRequired)
    );
    let long = "x".repeat(MAX_COMMENT_CHARS + 1);
    assert!(matches!(
        submitted.clone().reject(&long),
        Err(ReviewRefusal::CommentTooLong { .. })
    ));
    let (back, comment) = submitted.reject("  Margin under target at Kazan ").unwrap();
    assert_eq!(comment, "Margin under target at Kazan");
    assert_eq!(back, draft());
    assert_eq!(review_comment("", false), Ok(None));
}

#[test]
fn review_steps_read_back_from_their_names() {
    for step in ReviewStep::ALL {
        assert_eq!(ReviewStep::parse(step.as_str()), Some(step));
    }
    assert_eq!(ReviewStep::parse("published"), None);
}

#[test]
fn the_comparison_shows_each_changed_value_link_and_fee() {
    let live = draft().content;
    let mut changed = live.clone();
    changed.set_cell("CC_GRACE", Scope::AllPoints, card(dec!(250)));
    changed.set_cell(
        "CC_GRACE",
        Scope::Point("KZN".into()),
        CellPatch {
            take_up: Some(dec!(0.5)),
            ..CellPatch::default()
        },
    );
    changed.links.push(Link::Requires {
        product: "CC_GRACE".into(),
        needs: "CA_BASIC".into(),
    });
    changed.package_fee = Some(dec!(99));

    let diff = diff(&live, &changed);
    let cells: Vec<_> = diff
        .cells
        .iter()
        .map(|c| {
            (
                c.scope.key(),
                c.field.as_str(),
                c.before.as_deref(),
                c.after.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            (
                "all".to_owned(),
                "terms.monthly_fee",
                Some("300"),
                Some("250")
            ),
            ("point:KZN".to_owned(), "take_up", None, Some("0.5")),
        ]
    );
    assert_eq!(diff.links_added.len(), 1);
    assert!(diff.links_removed.is_empty());
    assert_eq!(diff.package_fee, Some((None, Some(dec!(99)))));
    assert!(super::diff(&live, &live.clone()).is_empty());
    let back = super::diff(&changed, &live);
    assert_eq!(back.links_removed.len(), 1);
    assert_eq!(back.cells[1].before.as_deref(), Some("0.5"));
}
