use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::persistence::{catalog, clients, segments, users};

use crate::helpers::{fresh_database, spawn_app};

#[tokio::test]
async fn seeding_the_demo_twice_adds_nothing_the_second_time() {
    let (db, _url, _guard) = fresh_database().await;
    let options = DemoOptions { clients: 120 };

    let first = seed_demo(&db, &options).await.unwrap();
    let second = seed_demo(&db, &options).await.unwrap();

    assert_eq!(first.users, 4);
    assert_eq!(first.clients, 120);
    assert!(first.products >= 9 && first.segments >= 6);
    assert_eq!(second, Default::default(), "second run: {second}");
    assert_eq!(clients::count(&db).await.unwrap(), 120);
    assert_eq!(users::count(&db).await.unwrap(), 4);
}

#[tokio::test]
async fn the_demo_bank_has_the_worked_example_and_the_seed_segment_first() {
    let (db, _url, _guard) = fresh_database().await;

    seed_demo(&db, &DemoOptions { clients: 50 }).await.unwrap();

    let products = catalog::list_products(
        &db,
        &Default::default(),
        kombi::persistence::paging::PageRequest::new(None, 1000),
    )
    .await
    .unwrap();
    let codes: Vec<_> = products.items.iter().map(|p| p.code.as_str()).collect();
    for code in [
        "CA_RUB",
        "CA_EUR",
        "CA_USD",
        "DEP_PLUS",
        "CC_GRACE",
        "ONLINE",
        "TRANSFERS",
        "VCARD",
        "VENDOR_PAY",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let segments = segments::list(&db).await.unwrap();
    assert_eq!(segments[0].name, "Working urban male 35+");
    let points = catalog::sales_points(&db).await.unwrap();
    assert_eq!(
        points.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
        ["MSK-HO", "NSK-KKO"]
    );
}

#[tokio::test]
async fn demo_users_sign_in_with_the_documented_password() {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 10 })
        .await
        .unwrap();

    let response = app.sign_in("advisor", "demo").await;

    assert_eq!(crate::helpers::location(&response), "/desk");
    let desk = app.get("/desk?q=CRM-0000001").await.text().await.unwrap();
    assert!(
        desk.contains("/desk/clients/CRM-0000001"),
        "the first demo client is found by id"
    );
}
