//! Four eyes on a product's economics, through the service the catalog page calls, on SQLite
//! and PostgreSQL: a proposal leaves the live figures alone until approved, a rejection needs
//! a reason, a withdrawal ends it, and its proposer cannot approve it even as finance.

use rust_decimal_macros::dec;
use sea_orm::DatabaseConnection;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::audit::{Action, Actor, Author, Filter, Subject};
use kombi::domain::matrix::ReviewRefusal;
use kombi::domain::user::Role;
use kombi::persistence::product_changes::{self, ChangeStatus};
use kombi::persistence::{StoreError, audit, products, users};
use kombi::service::product_change::{self, Saved};
use kombi::service::review::ReviewFailure;

use crate::helpers::fresh_database;

async fn demo() -> (DatabaseConnection, crate::helpers::TestDatabaseHandle) {
    let (db, _url, guard) = fresh_database().await;
    seed_demo(&db, &DemoOptions { clients: 0 }).await.unwrap();
    (db, guard)
}

async fn author(db: &DatabaseConnection, username: &str) -> Author {
    let user = users::find_by_username(db, username)
        .await
        .unwrap()
        .unwrap();
    Author {
        actor: Actor::User {
            id: user.id,
            username: username.to_owned(),
        },
        origin: "127.0.0.1".into(),
    }
}

/// Proposes a servicing cost of `cost` for the online bank (an economics figure).
async fn propose(db: &DatabaseConnection, cost: rust_decimal::Decimal, by: &Author) -> Saved {
    let stored = products::find(db, "ONLINE").await.unwrap().unwrap();
    let mut proposed = stored.product.clone();
    proposed.economics.servicing_cost = cost;
    product_change::save(db, "ONLINE", stored.version, &proposed, "", by)
        .await
        .unwrap()
}

async fn servicing_cost(db: &DatabaseConnection) -> rust_decimal::Decimal {
    let stored = products::find(db, "ONLINE").await.unwrap().unwrap();
    stored.product.economics.servicing_cost
}

fn refusal(result: Result<(), ReviewFailure>) -> ReviewRefusal {
    match result {
        Err(ReviewFailure::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_rejected_or_withdrawn_change_never_reaches_the_catalog() {
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let finance = author(&db, "finance").await;
    let live = servicing_cost(&db).await;

    assert_eq!(
        propose(&db, live + dec!(100), &manager).await,
        Saved::Proposed
    );
    assert_eq!(servicing_cost(&db).await, live, "the live figure stays");
    let reject = |comment: &'static str| {
        let (db, finance) = (&db, &finance);
        async move {
            product_change::send_back(db, "ONLINE", ChangeStatus::Rejected, comment, finance).await
        }
    };
    assert_eq!(refusal(reject("").await), ReviewRefusal::CommentRequired);
    reject("Servicing costs were just renegotiated")
        .await
        .unwrap();
    assert_eq!(servicing_cost(&db).await, live);
    assert!(product_changes::all_pending(&db).await.unwrap().is_empty());

    assert_eq!(
        propose(&db, live + dec!(50), &manager).await,
        Saved::Proposed
    );
    product_change::send_back(&db, "ONLINE", ChangeStatus::Withdrawn, "", &manager)
        .await
        .unwrap();
    assert_eq!(servicing_cost(&db).await, live);
    match product_change::approve(&db, "ONLINE", "", &finance).await {
        Err(ReviewFailure::Store(StoreError::Conflict { field, .. })) => {
            assert_eq!(field, "not-pending");
        }
        other => panic!("nothing waits: {other:?}"),
    }

    let filter = Filter {
        subject: Some(Subject::Product),
        object: Some("ONLINE".into()),
        ..Filter::default()
    };
    let mut actions: Vec<Action> = audit::page(&db, &filter, None, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.entry.action)
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        vec![
            Action::Submitted,
            Action::Rejected,
            Action::Submitted,
            Action::Recalled
        ]
    );
}

#[tokio::test]
async fn a_proposer_who_moves_to_finance_cannot_approve_their_own_change() {
    let (db, _guard) = demo().await;
    let manager = author(&db, "manager").await;
    let live = servicing_cost(&db).await;
    propose(&db, live + dec!(10), &manager).await;
    let Actor::User { id, .. } = manager.actor else {
        unreachable!()
    };
    users::set_role_and_point(&db, id, Role::Finance, None)
        .await
        .unwrap();
    assert_eq!(
        refusal(product_change::approve(&db, "ONLINE", "", &manager).await),
        ReviewRefusal::OwnSubmission
    );
    let finance = author(&db, "finance").await;
    product_change::approve(&db, "ONLINE", "", &finance)
        .await
        .unwrap();
    assert_eq!(servicing_cost(&db).await, live + dec!(10));
}
