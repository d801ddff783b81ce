//! Matrices in the database, on SQLite and PostgreSQL: a published version cannot be changed
//! through any repository function, drafts are optimistic, copies copy every cell, figures
//! come back exactly (publishing, through finance's approval, is `matrices_review.rs`).

use chrono::NaiveDate;
use rust_decimal_macros::dec;
use sea_orm::DatabaseConnection;

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::matrix::{CellPatch, Link, Role, Scope};
use kombi::domain::product::Figure;
use kombi::persistence::StoreError;
use kombi::persistence::matrices::{self, StoredVersion, VersionStatus};

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

async fn version(db: &DatabaseConnection, segment: &str, number: i32) -> StoredVersion {
    matrices::find_version(db, segment, number)
        .await
        .unwrap()
        .expect("the version exists")
}

fn published_conflict(result: Result<impl std::fmt::Debug, StoreError>) {
    match result {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "published"),
        other => panic!("expected the published version to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn no_repository_function_changes_a_published_version() {
    let (db, _guard) = demo().await;
    let before = version(&db, SEGMENT, 1).await;
    assert_eq!(before.info.status, VersionStatus::Published);
    let (id, lock) = (before.info.id, before.info.lock);
    let patch = CellPatch {
        role: Some(Role::NotOffered),
        ..CellPatch::default()
    };

    published_conflict(
        matrices::save_cell(&db, id, lock, "CA_RUB", &Scope::AllPoints, &patch).await,
    );
    published_conflict(matrices::set_links(&db, id, lock, &[]).await);
    published_conflict(matrices::set_package_fee(&db, id, lock, Some(dec!(1))).await);
    published_conflict(matrices::copy_point(&db, &before, lock, "MSK-HO", "NSK-KKO").await);
    let republished = before.published().unwrap();
    let someone = matrices::Reviewer {
        user_id: 1,
        username: "someone",
    };
    published_conflict(matrices::approve(&db, id, lock, &republished, someone, None).await);
    published_conflict(matrices::submit(&db, id, lock, someone, today(), None).await);

    assert_eq!(version(&db, SEGMENT, 1).await, before, "nothing changed");
}

#[tokio::test]
async fn a_draft_starts_as_the_published_copy_and_a_stale_edit_is_refused() {
    let (db, _guard) = demo().await;
    let published = version(&db, SEGMENT, 1).await;
    let info = matrices::start_draft(&db, SEGMENT, "manager")
        .await
        .unwrap();
    assert_eq!((info.number, info.status), (2, VersionStatus::Draft));
    let draft = version(&db, SEGMENT, 2).await;
    assert_eq!(
        draft.content, published.content,
        "every cell and link copied"
    );
    assert!(draft.frozen_terms.is_empty());
    // Starting again gives the same draft.
    assert_eq!(
        matrices::start_draft(&db, SEGMENT, "other")
            .await
            .unwrap()
            .id,
        info.id
    );

    let mut patch = CellPatch::default();
    patch
        .usage_in_bundle
        .insert(Figure::AnnualSpend, dec!(350000));
    let lock = matrices::save_cell(
        &db,
        info.id,
        info.lock,
        "CC_GRACE",
        &Scope::Point("MSK-HO".into()),
        &patch,
    )
    .await
    .unwrap();
    assert_eq!(lock, info.lock + 1);

    // A second editor still holding the first lock is told, and nothing of theirs is stored.
    let late = matrices::save_cell(
        &db,
        info.id,
        info.lock,
        "CC_GRACE",
        &Scope::AllPoints,
        &CellPatch::default(),
    )
    .await;
    match late {
        Err(StoreError::Conflict { field, value }) => {
            assert_eq!((field, value), ("version", lock.to_string()));
        }
        other => panic!("expected a stale-lock conflict, got {other:?}"),
    }
    let after = version(&db, SEGMENT, 2).await;
    assert!(
        after
            .content
            .cells
            .iter()
            .any(|c| c.product == "CC_GRACE" && c.scope == Scope::AllPoints)
    );
    let own = (after.content.cells.iter())
        .find(|c| c.product == "CC_GRACE" && c.scope == Scope::Point("MSK-HO".into()))
        .unwrap();
    assert_eq!(own.patch, patch);
    assert_eq!(
        version(&db, SEGMENT, 1).await,
        published,
        "the published version is untouched"
    );
}

#[tokio::test]
async fn figures_are_stored_exactly_and_an_unstorable_one_is_named() {
    let (db, _guard) = demo().await;
    let info = matrices::start_draft(&db, SEGMENT, "manager")
        .await
        .unwrap();
    let mut patch = CellPatch {
        take_up: Some(dec!(0.12345678)),
        visit_share: Some(dec!(0.5)),
        order: Some(7),
        talking_points: Some("Сбережения под 13,5 % — «без забот»".into()),
        ..CellPatch::default()
    };
    patch
        .usage_alone
        .insert(Figure::AvgBalance, dec!(123456.7891));
    patch.terms.insert(Figure::ClientRate, dec!(0.13579135));
    let scope = Scope::Group("region:Moscow".into());
    let lock = matrices::save_cell(&db, info.id, info.lock, "DEP_PLUS", &scope, &patch)
        .await
        .unwrap();
    let stored = version(&db, SEGMENT, 2).await;
    let cell = stored
        .content
        .cells
        .iter()
        .find(|c| c.scope == scope)
        .unwrap();
    assert_eq!(cell.patch, patch);

    patch.usage_alone.insert(Figure::AvgBalance, dec!(1.00001));
    match matrices::save_cell(&db, info.id, lock, "DEP_PLUS", &scope, &patch).await {
        Err(StoreError::InvalidField { field, .. }) => assert_eq!(field, "usage_alone.avg_balance"),
        other => panic!("expected the too precise balance to be named, got {other:?}"),
    }
    assert_eq!(
        version(&db, SEGMENT, 2).await,
        stored,
        "the refused save changed nothing"
    );
}

#[tokio::test]
async fn copying_a_point_copies_every_cell_and_a_matrix_copies_everything() {
    let (db, _guard) = demo().await;
    let info = matrices::start_draft(&db, SEGMENT, "manager")
        .await
        .unwrap();
    let mut lock = info.lock;
    for (product, fee) in [("CA_RUB", dec!(49)), ("TRANSFERS", dec!(10))] {
        let mut patch = CellPatch::default();
        patch.terms.insert(Figure::MonthlyFee, fee);
        lock = matrices::save_cell(
            &db,
            info.id,
            lock,
            product,
            &Scope::Point("MSK-HO".into()),
            &patch,
        )
        .await
        .unwrap();
    }
    let draft = version(&db, SEGMENT, 2).await;
    matrices::copy_point(&db, &draft, lock, "MSK-HO", "NSK-KKO")
        .await
        .unwrap();
    let copied = version(&db, SEGMENT, 2).await;
    let at = |code: &str| {
        let mut cells: Vec<_> = (copied.content.cells.iter())
            .filter(|c| c.scope == Scope::Point(code.into()))
            .map(|c| (c.product.clone(), c.patch.clone()))
            .collect();
        cells.sort_by(|a, b| a.0.cmp(&b.0));
        cells
    };
    assert_eq!(at("MSK-HO").len(), 2);
    assert_eq!(at("NSK-KKO"), at("MSK-HO"));

    // A whole matrix as the start of another segment's.
    let copy = matrices::copy_matrix(&db, "AFFLUENT_DIGITAL", "YOUTH", "manager")
        .await
        .unwrap();
    assert_eq!((copy.number, copy.status), (1, VersionStatus::Draft));
    let source = version(&db, "AFFLUENT_DIGITAL", 1).await;
    let target = version(&db, "YOUTH", 1).await;
    assert_eq!(target.content, source.content);
    assert_eq!(target.content.package_fee, Some(dec!(199)));
    match matrices::copy_matrix(&db, SEGMENT, "YOUTH", "manager").await {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "draft"),
        other => panic!("a segment with a draft is not overwritten, got {other:?}"),
    }
}

#[tokio::test]
async fn a_withdrawn_version_no_longer_keeps_its_products_in_a_bundle() {
    let (db, _guard) = demo().await;
    let in_bundles = matrices::products_in_published(&db).await.unwrap();
    for code in ["DEP_PLUS", "ONLINE", "CC_GRACE"] {
        assert!(in_bundles.contains(code), "{code}");
    }
    assert!(!in_bundles.contains("CA_EUR"));
    for segment in [
        "URBAN_MALE_35",
        "SINGLE_PENSIONER",
        "DIGITAL_HESITANT_45",
        "AFFLUENT_DIGITAL",
    ] {
        let v = version(&db, segment, 1).await;
        matrices::withdraw(&db, v.info.id, today()).await.unwrap();
    }
    assert!(
        matrices::products_in_published(&db)
            .await
            .unwrap()
            .is_empty()
    );
    let links = version(&db, SEGMENT, 1).await.content.links;
    assert!(
        matches!(links[0], Link::LimitWithinShare { .. }),
        "content kept: {links:?}"
    );
}
