//! A product manager, in Russian, imports an anonymised extract in Windows-1251 (no ids, no
//! names, ages): Kombi suggests a mapping from the file, the manager decides what only a person
//! can (the id, the ages' date), saves it, imports, and reads the run's report. Every page is
//! checked with axe.

use kombi::domain::user::Role;

use crate::browser::{Browser, Result};
use crate::helpers::{PASSWORD, spawn_app};

const EXTRACT: &str = "Филиал;Счёт;Пол;Возраст;Город;Долг\n\
                       MSK;001;М;41;Москва;1234,5\n\
                       MSK;002;Ж;29;Новосибирск;нет\n\
                       NSK;001;Ж;35;Екатеринбург;0\n";

pub async fn anonymised_extract_in_russian() -> Result<()> {
    let app = spawn_app().await;
    let manager = app.add_user(Role::ProductManager).await;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("выгрузка-опрос.csv");
    std::fs::write(&file, encoding_rs::WINDOWS_1251.encode(EXTRACT).0)?;
    let browser = Browser::open(&app.address, "import-anonymised").await?;
    browser.prefer_language("ru").await?;

    browser.goto("/signin").await?;
    browser.fill("input[name=username]", &manager).await?;
    browser.fill("input[name=password]", PASSWORD).await?;
    browser
        .click("form[action='/signin'] button[type=submit]")
        .await?;
    // Signed in only once the product manager's landing page is there.
    browser.wait_for_path("/catalog").await?;
    browser.goto("/clients/mappings").await?;
    browser.check_accessibility("mappings").await?;

    browser
        .attach(
            "form[action^='/clients/mappings/suggest'] input[type=file]",
            &file,
        )
        .await?;
    browser
        .click("form[action^='/clients/mappings/suggest'] button[type=submit]")
        .await?;
    browser
        .wait_for_text("#mapping-form", "Решите до импорта с ним")
        .await?;
    let suggested = browser.value("textarea[name=toml]").await?;
    for line in [
        "\"Пол\" = \"gender\"",
        "\"Возраст\" = \"age\"",
        "encoding = \"windows-1251\"",
    ] {
        assert!(suggested.contains(line), "{line:?} missing:\n{suggested}");
    }
    assert_eq!(browser.value("input[name=name]").await?, "выгрузка-опрос");
    browser.check_accessibility("a suggested mapping").await?;
    browser.scroll_to("#mapping-form").await?;
    browser.screenshot("1-suggested").await?;

    let decided = suggested
        .replace(
            "# template = \"{branch}-{account_no}\"",
            "template = \"{Филиал}-{Счёт}\"",
        )
        .replace("age_as_of = \"", "age_as_of = \"2026-06-30\" # было \"");
    browser.paste("textarea[name=toml]", &decided).await?;
    browser
        .click("form[action='/clients/mappings'] button[type=submit]")
        .await?;
    browser.wait_for_path("/clients/mappings?saved=1").await?;

    browser.goto("/clients/import").await?;
    browser.attach("input[name=file]", &file).await?;
    let saved = kombi::persistence::import_runs::mappings(&app.db).await?[0].id;
    browser
        .click(&format!("select[name=mapping] option[value='{saved}']"))
        .await?;
    browser
        .click("form[action^='/clients/import'] button[type=submit]")
        .await?;
    // The import runs in the background; its page refreshes itself until it ends. Waited for
    // in the database, so a slow machine does not outlast the page's five seconds.
    let mut finished = None;
    for _ in 0..300 {
        let runs = kombi::persistence::import_runs::recent(&app.db, 1).await?;
        finished = runs
            .first()
            .filter(|r| r.finished_at.is_some())
            .map(|r| r.id);
        if finished.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let run = finished.ok_or("the import did not finish within 30 s")?;
    browser.goto(&format!("/clients/imports/{run}")).await?;
    let report = browser
        .wait_for_text("main", "Прочитан в кодировке windows-1251")
        .await?;
    assert!(report.contains("Дополнительные атрибуты"), "{report}");
    assert!(
        report.contains("числа и текст"),
        "the debt column is mixed: {report}"
    );
    assert!(
        report.contains("dolg") && report.contains("Долг"),
        "a Cyrillic column's attribute is spelt in Latin, beside its column: {report}"
    );
    browser.check_accessibility("the import's report").await?;
    browser.screenshot("2-report").await?;

    let client = kombi::persistence::clients::load(&app.db, "NSK-001")
        .await?
        .expect("the id made of branch and account");
    assert_eq!(client.stated_age.map(|a| a.years()), Some(35));
    assert_eq!(client.city.as_deref(), Some("Екатеринбург"));
    browser.quit().await
}
