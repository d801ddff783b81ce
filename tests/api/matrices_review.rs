//! Four eyes on matrices, through the service a page calls, on SQLite and PostgreSQL: a
//! submitted version is frozen, nobody approves their own submission (not even after a change
//! of role), approval is refused while a blocking verdict fails, a rejection needs a reason and
//! gives the draft back, and every step leaves its review row and its audit entry.

use chrono::NaiveDate;
use rust_decimal_macros::dec;
use sea_orm::DatabaseConnection;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::audit::{Action, Actor, Author, Filter, Subject};
use kombi::domain::matrix::{PublishError, ReviewRefusal, ReviewStep, Scope};
use kombi::domain::product::Figure;
use kombi::domain::user::Role;
use kombi::persistence::matrices::{self, StoredVersion, VersionStatus};
use kombi::persistence::{StoreError, audit, users};
use kombi::service::review::{self, ReviewFailure};

use crate::helpers::fresh_database;

const SEGMENT: &str = "URBAN_MALE_35";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

async fn demo() -> (DatabaseConnection, crate::helpers::TestDatabaseHandle) {
    let (db, _url, guard) = fresh_database().await;
    seed_demo(&db, &DemoOptions { clients: 0 }).await.unwrap();
    (db, guard)
}

async fn author(db: &DatabaseConnection, username: &str) -> Author {
    let user = users::find_by_username(db, username)
        .await
        .unwrap()
        .expect("a demo user");
    Author {
        actor: Actor::User {
            id: user.id,
            username: username.to_owned(),
        },
        origin: "127.0.0.1".into(),
    }
}

async fn version(db: &DatabaseConnection, number: i32) -> StoredVersion {
    matrices::find_version(db, SEGMENT, number)
        .await
        .unwrap()
        .expect("the version exists")
}

/// Version 2 of the segment with the deposit's client rate at `rate` everywhere.
async fn draft_with_deposit_rate(db: &DatabaseConnection, rate: rust_decimal::Decimal) -> i32 {
    let info = matrices::start_draft(db, SEGMENT, "manager").await.unwrap();
    let current = version(db, info.number).await;
    let mut patch = (current.content.cells.iter())
        .find(|c| c.product == "DEP_PLUS" && c.scope == Scope::AllPoints)
        .unwrap()
        .patch
        .clone();
    patch.terms.insert(Figure::ClientRate, rate);
    matrices::save_cell(
        db,
        info.id,
        current.info.lock,
        "DEP_PLUS",
        &Scope::AllPoints,
        &patch,
    )
    .await
    .unwrap()
}

fn refusal(result: Result<(), ReviewFailure>) -> ReviewRefusal {
    match result {
        Err(ReviewFailure::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn conflict(result: Result<impl std::fmt::Debug, impl Into<ReviewFailure>>) -> &'static str {
    match result.map_err(Into::into) {
        Err(ReviewFailure::Store(StoreError::Conflict { field, .. })) => field,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_losing_draft_is_rejected_with_a_reason_then_fixed_and_approved_by_someone_else() {
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let finance = author(&db, "finance").await;
    let first = version(&db, 1).await;
    // A deposit paying the client more than its funds earn: every deposit bundle loses money.
    let lock = draft_with_deposit_rate(&db, dec!(0.30)).await;
    review::submit(&db, SEGMENT, (2, lock), today(), "dearer deposit", &manager)
        .await
        .unwrap();
    let submitted = version(&db, 2).await;
    assert_eq!(submitted.info.status, VersionStatus::Submitted);
    assert_eq!(submitted.info.effective_from, Some(today()));

    // Frozen: no edit reaches a submitted version.
    let patch = submitted.content.cells[0].patch.clone();
    let cell = &submitted.content.cells[0];
    let (id, lock) = (submitted.info.id, submitted.info.lock);
    assert_eq!(
        conflict(matrices::save_cell(&db, id, lock, &cell.product, &cell.scope, &patch).await),
        "submitted"
    );
    assert_eq!(
        conflict(matrices::set_package_fee(&db, id, lock, None).await),
        "submitted"
    );
    assert_eq!(
        matrices::start_draft(&db, SEGMENT, "manager")
            .await
            .unwrap()
            .number,
        2,
        "no second version in the making"
    );

    // The submitter cannot approve, and finance cannot while a bundle loses money.
    assert_eq!(
        refusal(review::approve(&db, SEGMENT, (2, lock), "", &manager, today()).await),
        ReviewRefusal::OwnSubmission
    );
    match refusal(review::approve(&db, SEGMENT, (2, lock), "", &finance, today()).await) {
        ReviewRefusal::Publish(PublishError::Blocked(reasons)) => {
            assert!(
                reasons
                    .iter()
                    .any(|r| r.arg("reason_key") == Some("verdict-bundle-loses")),
                "{reasons:?}"
            );
            assert!(
                reasons
                    .iter()
                    .all(|r| r.arg("point").is_some() && r.arg("main").is_some()),
                "each names its bundle"
            );
        }
        other => panic!("expected the losing bundles to block, got {other:?}"),
    }

    // A rejection says why, and gives the draft back as it was.
    let reject = |comment: &'static str| {
        let (db, finance) = (&db, &finance);
        async move {
            review::send_back(
                db,
                SEGMENT,
                (2, lock),
                ReviewStep::Rejected,
                comment,
                finance,
            )
            .await
        }
    };
    assert_eq!(refusal(reject("  ").await), ReviewRefusal::CommentRequired);
    reject("Deposit bundles lose money at every point")
        .await
        .unwrap();
    let rejected = version(&db, 2).await;
    assert_eq!(rejected.info.status, VersionStatus::Draft);
    assert_eq!(rejected.content, submitted.content, "unchanged");
    assert_eq!(rejected.info.submitted_by_id, None);

    // Fixed and submitted again; a stale approval page (the old lock) is refused.
    let mut patch = (rejected.content.cells.iter())
        .find(|c| c.product == "DEP_PLUS" && c.scope == Scope::AllPoints)
        .unwrap()
        .patch
        .clone();
    patch.terms.insert(Figure::ClientRate, dec!(0.132));
    let lock = matrices::save_cell(
        &db,
        id,
        rejected.info.lock,
        "DEP_PLUS",
        &Scope::AllPoints,
        &patch,
    )
    .await
    .unwrap();
    review::submit(&db, SEGMENT, (2, lock), today(), "", &manager)
        .await
        .unwrap();
    let stale = review::approve(&db, SEGMENT, (2, lock - 1), "", &finance, today()).await;
    assert_eq!(conflict(stale), "version");
    let lock = version(&db, 2).await.info.lock;
    review::approve(&db, SEGMENT, (2, lock), "fine now", &finance, today())
        .await
        .unwrap();

    let second = version(&db, 2).await;
    assert_eq!(second.info.status, VersionStatus::Published);
    assert_eq!(second.info.published_by.as_deref(), Some("finance"));
    assert_eq!(
        second.frozen_terms["DEP_PLUS"].client_rate,
        dec!(0.13),
        "catalog terms frozen"
    );
    assert_eq!(
        version(&db, 1).await,
        first,
        "version 1 is still there, unchanged"
    );
    // Once approved, it is read against the version it replaced.
    let bank = kombi::service::matrices::BankView::load(&db, today())
        .await
        .unwrap();
    let compared = review::compare(&db, &bank, &second).await.unwrap();
    assert_eq!(compared.live.map(|v| v.info.number), Some(1));
    assert!(!compared.diff.cells.is_empty(), "the deposit's new rate");
    let again = review::approve(&db, SEGMENT, (2, lock + 1), "", &finance, today()).await;
    assert_eq!(conflict(again), "published");

    let steps: Vec<_> = matrices::reviews(&db, second.info.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.step, s.username, s.comment))
        .collect();
    assert_eq!(
        steps,
        vec![
            (
                ReviewStep::Submitted,
                "manager".into(),
                Some("dearer deposit".into())
            ),
            (
                ReviewStep::Rejected,
                "finance".into(),
                Some("Deposit bundles lose money at every point".into())
            ),
            (ReviewStep::Submitted, "manager".into(), None),
            (
                ReviewStep::Approved,
                "finance".into(),
                Some("fine now".into())
            ),
        ]
    );

    // The audit trail has each step, with the status before and after.
    let filter = Filter {
        subject: Some(Subject::Matrix),
        object: Some(format!("{SEGMENT} v2")),
        ..Filter::default()
    };
    let mut entries = audit::page(&db, &filter, None, 50).await.unwrap();
    entries.reverse();
    let steps: Vec<_> = entries
        .iter()
        .filter(|e| e.entry.action != Action::Created && e.entry.action != Action::Changed)
        .map(|e| {
            let status = |f: &Option<kombi::domain::audit::Fields>| {
                f.as_ref().and_then(|f| f.get("status")).map(str::to_owned)
            };
            (
                e.entry.action,
                e.entry.actor.name().to_owned(),
                status(&e.entry.before),
                status(&e.entry.after),
            )
        })
        .collect();
    let step = |action, who: &str, before: &str, after: &str| {
        (
            action,
            who.to_owned(),
            Some(before.to_owned()),
            Some(after.to_owned()),
        )
    };
    assert_eq!(
        steps,
        vec![
            step(Action::Submitted, "manager", "draft", "submitted"),
            step(Action::Rejected, "finance", "submitted", "draft"),
            step(Action::Submitted, "manager", "draft", "submitted"),
            step(Action::Approved, "finance", "submitted", "published"),
        ]
    );
    let rejection = &entries
        .iter()
        .find(|e| e.entry.action == Action::Rejected)
        .unwrap()
        .entry;
    assert_eq!(
        rejection.after.as_ref().and_then(|f| f.get("comment")),
        Some("Deposit bundles lose money at every point")
    );
}

#[tokio::test]
async fn a_submitter_who_moves_to_finance_still_cannot_approve_their_own_version() {
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let lock = draft_with_deposit_rate(&db, dec!(0.132)).await;
    review::submit(&db, SEGMENT, (2, lock), today(), "", &manager)
        .await
        .unwrap();
    let Actor::User { id, .. } = manager.actor else {
        unreachable!()
    };
    users::set_role_and_point(&db, id, Role::Finance, None)
        .await
        .unwrap();
    let lock = version(&db, 2).await.info.lock;
    assert_eq!(
        refusal(review::approve(&db, SEGMENT, (2, lock), "", &manager, today()).await),
        ReviewRefusal::OwnSubmission
    );
    assert_eq!(version(&db, 2).await.info.status, VersionStatus::Submitted);

    // The manager may take it back instead; it is a draft again.
    let manager = author(&db, "manager").await;
    review::send_back(&db, SEGMENT, (2, lock), ReviewStep::Recalled, "", &manager)
        .await
        .unwrap();
    assert_eq!(version(&db, 2).await.info.status, VersionStatus::Draft);
}

#[tokio::test]
async fn a_submission_needs_a_cell_and_a_date_not_before_the_live_version() {
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let lock = draft_with_deposit_rate(&db, dec!(0.132)).await;
    let live_from = version(&db, 1).await.info.effective_from.unwrap();
    let early = live_from.pred_opt().unwrap();
    assert!(matches!(
        refusal(review::submit(&db, SEGMENT, (2, lock), early, "", &manager).await),
        ReviewRefusal::Publish(PublishError::EffectiveBeforePrevious { .. })
    ));
    // A segment without a matrix starts from an empty draft: nothing to submit.
    let empty = matrices::start_draft(&db, "YOUTH", "manager")
        .await
        .unwrap();
    assert_eq!(
        refusal(review::submit(&db, "YOUTH", (1, empty.lock), today(), "", &manager).await),
        ReviewRefusal::Publish(PublishError::Empty)
    );
    assert_eq!(version(&db, 2).await.info.status, VersionStatus::Draft);
}

#[tokio::test]
async fn a_review_step_once_written_cannot_be_changed_or_deleted() {
    use sea_orm::ConnectionTrait;
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let lock = draft_with_deposit_rate(&db, dec!(0.132)).await;
    review::submit(&db, SEGMENT, (2, lock), today(), "first try", &manager)
        .await
        .unwrap();
    for statement in [
        "UPDATE matrix_reviews SET comment = 'rewritten'",
        "DELETE FROM matrix_reviews",
    ] {
        assert!(
            db.execute_unprepared(statement).await.is_err(),
            "{statement} is refused"
        );
    }
    let id = version(&db, 2).await.info.id;
    let steps = matrices::reviews(&db, id).await.unwrap();
    assert_eq!(steps[0].comment.as_deref(), Some("first try"));
}
