use chrono::NaiveDate;
use kombi::demo::crm_generator::generate_clients;
use kombi::domain::segment::SegmentRule;
use kombi::persistence::{clients, segments};

use crate::clients_store::sales_points;
use crate::helpers::fresh_database;

#[tokio::test]
async fn sizes_and_overlaps_from_one_scan_agree_with_counting_in_memory() {
    let (db, _url, _guard) = fresh_database().await;
    let points = sales_points(&db).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let generated: Vec<_> = generate_clients(800, 99, today).collect();
    clients::insert_new(&db, &generated, &points).await.unwrap();
    let rules: Vec<SegmentRule> = [
        "age >= 35 and gender = male and employment = employed and city_population >= 1000000",
        "gender = female",
        "age >= 60 or has tag \"pensioner_single\"",
        "not consent_to_offers = true",
    ]
    .iter()
    .map(|text| SegmentRule::parse(text).unwrap())
    .collect();

    let sizes = segments::sizes(&db, &rules, today).await.unwrap();

    assert_eq!(sizes.total, 800);
    for (i, rule) in rules.iter().enumerate() {
        let expected = generated.iter().filter(|c| rule.matches(c, today)).count() as u64;
        assert_eq!(sizes.sizes[i], expected, "{rule}");
        assert_eq!(
            segments::count_matching(&db, rule, today).await.unwrap(),
            expected,
            "{rule}"
        );
        for (j, other) in rules.iter().enumerate().skip(i + 1) {
            let both = generated
                .iter()
                .filter(|c| rule.matches(c, today) && other.matches(c, today))
                .count() as u64;
            assert_eq!(sizes.overlaps[i][j], both, "{rule} & {other}");
        }
    }
    assert!(
        sizes.sizes.iter().all(|&s| s > 0),
        "every rule matches someone: {:?}",
        sizes.sizes
    );
}

#[tokio::test]
async fn sizes_over_no_clients_are_zero() {
    let (db, _url, _guard) = fresh_database().await;
    let rules = vec![SegmentRule::parse("gender = male").unwrap()];

    let sizes = segments::sizes(&db, &rules, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        .await
        .unwrap();

    assert_eq!((sizes.total, sizes.sizes.clone()), (0, vec![0]));
}
