//! Journeys in a real browser (headless Chromium over WebDriver). Run with the rest of the
//! suite; where the browser or axe-core is missing they are reported as ignored, with the
//! reason, unless `KOMBI_REQUIRE_BROWSER=1` (CI) makes that a failure.
//! `scripts/install-browser` installs what they need.

mod browser;
mod import_journey;
mod journeys;
mod setup_journey;

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

use std::future::Future;

use libtest_mimic::{Arguments, Failed, Trial};

fn journey<F, Fut>(name: &'static str, run: F, missing: Option<&str>) -> Trial
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = browser::Result<()>>,
{
    let ignored = missing.is_some();
    Trial::test(name, move || {
        if let Some(why) = browser::missing() {
            return Err(Failed::from(why));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| Failed::from(e.to_string()))?;
        runtime
            .block_on(run())
            .map_err(|e| Failed::from(e.to_string()))
    })
    .with_ignored_flag(ignored)
}

fn main() {
    let mut arguments = Arguments::from_args();
    // One browser at a time: the machine has two cores, and each journey starts Kombi too.
    arguments.test_threads = Some(1);
    let missing = browser::missing();
    if let Some(why) = &missing {
        if std::env::var("KOMBI_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            eprintln!("KOMBI_REQUIRE_BROWSER=1, but {why}");
            std::process::exit(1);
        }
        eprintln!("browser journeys skipped (reported as ignored): {why}");
    }
    let missing = missing.as_deref();
    let trials = vec![
        journey(
            "advisor_finds_a_client_and_opens_the_card",
            || journeys::advisor("en"),
            missing,
        ),
        journey(
            "advisor_works_in_russian",
            || journeys::advisor("ru"),
            missing,
        ),
        journey(
            "product_manager_writes_a_segment_with_its_live_count",
            journeys::product_manager,
            missing,
        ),
        journey(
            "matrix_goes_live_with_four_eyes",
            journeys::matrix_four_eyes,
            missing,
        ),
        journey(
            "advisor_offers_a_combined_product_in_one_visit",
            journeys::advisor_offers_a_combined_product,
            missing,
        ),
        journey(
            "bank_set_up_from_an_empty_database",
            setup_journey::bank_set_up_from_an_empty_database,
            missing,
        ),
        journey(
            "product_manager_imports_an_anonymised_extract_in_russian",
            import_journey::anonymised_extract_in_russian,
            missing,
        ),
        journey(
            "administrator_adds_and_disables_a_user",
            journeys::administrator,
            missing,
        ),
    ];
    libtest_mimic::run(&arguments, trials).exit();
}
