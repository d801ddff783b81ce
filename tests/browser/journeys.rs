//! What staff do, in a real browser: each journey asserts what the person sees, checks every
//! page it visits with axe, and saves screenshots of the key pages to `target/journeys/`.

use kombi::demo::seed::{DemoOptions, seed_demo};
use kombi::domain::user::Role;
use thirtyfour::Key;

use crate::browser::{Browser, Result};
use crate::helpers::{PASSWORD, TestApp, spawn_app};

/// A fresh Kombi with the demo bank and a few hundred generated clients.
async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    seed_demo(&app.db, &DemoOptions { clients: 300 })
        .await
        .expect("demo bank");
    app
}

async fn sign_in(browser: &Browser, username: &str) -> Result<()> {
    browser.goto("/signin").await?;
    browser.fill("input[name=username]", username).await?;
    browser.fill("input[name=password]", PASSWORD).await?;
    browser
        .click("form[action='/signin'] button[type=submit]")
        .await?;
    Ok(())
}

/// The surname of some generated client, to search for as an advisor would.
async fn some_client(app: &TestApp) -> (String, String) {
    let found = kombi::persistence::clients::search(&app.db, "a", 1)
        .await
        .expect("search");
    let client = found.clients.first().expect("the demo has clients");
    let surname = client.full_name.split(' ').next().unwrap_or_default();
    (client.crm_id.clone(), surname.to_string())
}

/// An advisor signs in, finds a client by surname with the keyboard alone, and opens the card.
pub async fn advisor(language: &'static str) -> Result<()> {
    let app = demo_app().await;
    let username = app.add_user(Role::Advisor).await;
    let (crm_id, surname) = some_client(&app).await;
    let journey = if language == "ru" {
        "advisor-ru"
    } else {
        "advisor"
    };
    let browser = Browser::open(&app.address, journey).await?;
    browser.prefer_language(language).await?;

    browser.goto("/signin").await?;
    browser.check_accessibility("sign-in").await?;
    browser.screenshot("1-sign-in").await?;
    sign_in(&browser, &username).await?;
    browser.wait_for_path("/desk").await?;
    let (find, segments) = if language == "ru" {
        ("Найти клиента", "Сегменты")
    } else {
        ("Find a client", "Segments")
    };
    browser.wait_for_text("main", find).await?;
    browser.check_accessibility("desk").await?;

    // Keyboard only: the search field has the focus; type, Enter, Tab to the first result, Enter.
    let search = browser.find("#q").await?;
    search.send_keys(surname.as_str()).await?;
    // Results come as the advisor types (the page's small script), before any Enter.
    browser.wait_for_text("#results", &crm_id).await?;
    search.send_keys(Key::Enter).await?;
    browser.wait_for_path(&format!("/desk?q={surname}")).await?;
    let results = browser.wait_for_text("main", &crm_id).await?;
    assert!(results.contains(&surname), "{results}");
    browser.check_accessibility("search results").await?;
    browser.screenshot("2-search-results").await?;
    let card_path = format!("/desk/clients/{crm_id}?");
    let first_result = format!("a[href^='{card_path}']");
    for _ in 0..10 {
        let active = browser.driver.active_element().await?;
        if active
            .attr("href")
            .await?
            .is_some_and(|h| h.contains(&card_path))
        {
            break;
        }
        active.send_keys(Key::Tab).await?;
    }
    let active = browser.driver.active_element().await?;
    assert_eq!(
        active.attr("href").await?.unwrap_or_default(),
        browser
            .find(&first_result)
            .await?
            .attr("href")
            .await?
            .unwrap_or_default(),
        "the client's row is reachable with Tab"
    );
    active.send_keys(Key::Enter).await?;

    let card = browser.wait_for_text("h1", &crm_id).await?;
    assert!(card.contains(&surname), "{card}");
    let page = browser.page_text().await?;
    assert!(page.contains(segments), "{page}");
    browser.check_accessibility("client card").await?;
    browser.screenshot("3-client-card").await?;
    browser.quit().await
}

/// A product manager writes a segment's rule, sees the live count, saves, finds it listed.
pub async fn product_manager() -> Result<()> {
    let app = demo_app().await;
    let username = app.add_user(Role::ProductManager).await;
    let browser = Browser::open(&app.address, "product-manager").await?;
    sign_in(&browser, &username).await?;
    browser.wait_for_path("/catalog").await?;

    browser.goto("/segments/new").await?;
    browser.fill("input[name=code]", "YOUNG_URBAN").await?;
    browser
        .fill("input[name=name]", "Young urban clients")
        .await?;
    browser.fill("input[name=priority]", "20").await?;
    browser
        .fill(
            "#rule",
            "age between 18 and 30 and city_population >= 1000000",
        )
        .await?;
    let count = browser
        .wait_for_text("#count", "clients match this rule today")
        .await?;
    let matching: u64 = count
        .split(' ')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()?;
    assert!(matching > 0 && matching < 300, "{count}");
    browser.check_accessibility("new segment").await?;
    browser.screenshot("1-new-segment-live-count").await?;

    browser.click("button[name=intent][value=save]").await?;
    let notice = browser.wait_for_text("main", "Segment saved.").await?;
    assert!(notice.contains("Segment YOUNG_URBAN"), "{notice}");
    browser.check_accessibility("saved segment").await?;
    browser.screenshot("2-saved").await?;

    browser.goto("/segments").await?;
    let overview = browser.page_text().await?;
    assert!(overview.contains("Young urban clients"), "{overview}");
    assert!(
        overview.contains(&matching.to_string()),
        "the overview counts the same: {overview}"
    );
    browser.check_accessibility("segments overview").await?;
    browser.screenshot("3-overview").await?;
    browser.quit().await
}

/// A product manager opens the seed segment's matrix (the worked example's bundle at the head
/// office), starts a draft, raises the card's expected spend in the bundle and watches the
/// panel's profit follow while typing, makes the deposit dearer at the head office and submits
/// the draft. Finance sees it fail the margin target there, rejects it with a reason; the
/// manager reads the reason, fixes the rate and submits again; finance approves, which
/// publishes it; version 1 is still there, unchanged, and the audit trail has each step.
pub async fn matrix_four_eyes() -> Result<()> {
    let app = demo_app().await;
    let manager = app.add_user(Role::ProductManager).await;
    let finance = app.add_user(Role::Finance).await;
    let browser = Browser::open(&app.address, "matrix-four-eyes").await?;
    sign_in(&browser, &manager).await?;
    browser.wait_for_path("/catalog").await?;

    browser.goto("/matrices").await?;
    browser.click("a[href='/matrices/URBAN_MALE_35']").await?;
    browser.wait_for_path("/matrices/URBAN_MALE_35").await?;
    let deposit_at_head_office = "article[data-point='MSK-HO'][data-main='DEP_PLUS']";
    let bundle = browser.text(deposit_at_head_office).await?;
    for figure in ["18,968.00", "11,148.00", "58.77"] {
        assert!(bundle.contains(figure), "{figure} in {bundle}");
    }
    let rows = browser
        .driver
        .find_all(thirtyfour::By::Css(".matrix-grid tbody tr"))
        .await?;
    assert_eq!(rows.len(), 7, "seven products");
    browser.check_accessibility("published matrix").await?;
    browser.screenshot("1-published").await?;

    browser
        .click("form[action='/matrices/URBAN_MALE_35/draft'] button")
        .await?;
    browser
        .wait_for_text("main", "The draft is ready to edit.")
        .await?;
    browser
        .goto("/matrices/URBAN_MALE_35/versions/2/cell?product=CC_GRACE&scope=all")
        .await?;
    browser
        .wait_for_text(deposit_at_head_office, "11,148.00")
        .await?;
    // Interchange of 1.5 % on 88,000 more of card spend a year: 1,320.00 more profit.
    browser
        .fill("input[name='usage_in_bundle.annual_spend']", "400000")
        .await?;
    browser
        .wait_for_text(deposit_at_head_office, "12,468.00")
        .await?;
    browser.check_accessibility("cell editor").await?;
    browser.screenshot("2-live-panel").await?;
    browser.click("button[name=intent][value=save]").await?;
    browser.wait_for_text("main", "The cell was saved.").await?;

    // 17.4 % to the client at the head office: still profitable, but under the 15 % margin.
    let deposit_rate = |rate: &'static str| {
        let browser = &browser;
        async move {
            browser
                .goto("/matrices/URBAN_MALE_35/versions/2/cell?product=DEP_PLUS&scope=point:MSK-HO")
                .await?;
            browser
                .fill("input[name='terms.client_rate']", rate)
                .await?;
            browser.click("button[name=intent][value=save]").await?;
            browser.wait_for_text("main", "The cell was saved.").await?;
            Result::Ok(())
        }
    };
    deposit_rate("0.174").await?;
    let submit = |note: &'static str| {
        let browser = &browser;
        async move {
            browser.fill("#f-submit-comment", note).await?;
            browser.click("#submit-form button").await?;
            browser
                .wait_for_text("main", "The version was submitted for approval.")
                .await?;
            Result::Ok(())
        }
    };
    submit("Dearer deposit at the head office").await?;
    browser.check_accessibility("submitted version").await?;
    browser.screenshot("3-submitted").await?;
    browser.click("form[action='/signout'] button").await?;

    sign_in(&browser, &finance).await?;
    browser.wait_for_path("/finance").await?;
    browser
        .click("a[href='/matrices/URBAN_MALE_35/versions/2/review']")
        .await?;
    browser
        .wait_for_path("/matrices/URBAN_MALE_35/versions/2/review")
        .await?;
    let checks = browser.text("#checks-fail").await?;
    assert!(
        checks.contains("MSK-HO") && checks.contains("is below the 15"),
        "{checks}"
    );
    let changes = browser.text("table.changes-table").await?;
    assert!(changes.contains("Client rate"), "{changes}");
    browser.check_accessibility("review").await?;
    browser.screenshot("4-review-fails-margin").await?;
    browser
        .fill(
            "#f-reject-comment",
            "Margin under target at the head office: keep the rate at 14 %",
        )
        .await?;
    browser.click("#reject-form button").await?;
    browser
        .wait_for_text("main", "The version was rejected")
        .await?;
    browser.click("form[action='/signout'] button").await?;

    sign_in(&browser, &manager).await?;
    browser.wait_for_path("/catalog").await?;
    browser.goto("/matrices/URBAN_MALE_35").await?;
    browser
        .wait_for_text("#rejection", "keep the rate at 14 %")
        .await?;
    browser.screenshot("5-rejected-draft").await?;
    deposit_rate("0.14").await?;
    submit("Rate at 14 % as agreed").await?;
    browser.click("form[action='/signout'] button").await?;

    sign_in(&browser, &finance).await?;
    browser.wait_for_path("/finance").await?;
    browser
        .goto("/matrices/URBAN_MALE_35/versions/2/review")
        .await?;
    browser.find("#checks-pass").await?;
    browser.click("#approve-form button").await?;
    browser
        .wait_for_text("main", "The version was approved and published.")
        .await?;
    browser.check_accessibility("approved version 2").await?;
    browser.screenshot("6-approved").await?;

    browser.goto("/matrices/URBAN_MALE_35?version=1").await?;
    browser
        .wait_for_text(deposit_at_head_office, "11,148.00")
        .await?;
    browser
        .goto("/audit?object=URBAN_MALE_35+v2&subject=matrix")
        .await?;
    let trail = browser.text("main").await?;
    for step in ["submitted for approval", "rejected", "approved"] {
        assert!(trail.contains(step), "{step} in {trail}");
    }
    assert!(
        trail.contains("keep the rate at 14 %"),
        "the reason: {trail}"
    );
    browser.screenshot("7-audit").await?;

    // The portfolio now has the new version's figures, and its workbook agrees with the page.
    browser.goto("/finance/dashboard").await?;
    let bundle = "tr[data-segment='URBAN_MALE_35'][data-point='MSK-HO'][data-main='DEP_PLUS']";
    let row = browser.text(bundle).await?;
    assert!(row.contains("Published"), "{row}");
    browser.find("figure.chart svg").await?;
    browser.check_accessibility("portfolio dashboard").await?;
    browser.screenshot("8-dashboard").await?;
    let cells = browser
        .driver
        .find_all(thirtyfour::By::Css(format!("{bundle} td.num")))
        .await?;
    let projected_profit = cells.last().expect("figures").text().await?;
    app.sign_in(&finance, PASSWORD).await;
    let workbook = app.get("/finance/dashboard.xlsx").await.bytes().await?;
    let mut book: calamine::Xlsx<_> =
        calamine::Reader::new(std::io::Cursor::new(workbook.to_vec()))?;
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).expect("a sheet")?;
    let exported = sheet
        .rows()
        .find(|r| {
            r[0] == "URBAN_MALE_35" && r[2] == "published" && r[3] == "MSK-HO" && r[4] == "DEP_PLUS"
        })
        .and_then(|r| calamine::DataType::get_float(&r[11]))
        .expect("the bundle in the workbook");
    let on_page: f64 = projected_profit
        .trim_start_matches("RUB ")
        .replace(',', "")
        .parse()
        .unwrap_or(f64::NAN);
    assert!(
        (exported - on_page).abs() < 0.005,
        "{exported} in the workbook, {projected_profit} on the page"
    );

    // What if funds got 5 % cheaper? The deposit bundles would lose money.
    browser.click("a[href='/finance/what-if']").await?;
    browser.fill("#f-ftp_bp", "-500").await?;
    browser.click("#what-if-form button").await?;
    browser
        .wait_for_text("#what-if-bundles", "the bundle loses")
        .await?;
    browser.check_accessibility("what if").await?;
    browser.screenshot("9-what-if").await?;

    // The bank is live: a new target margin waits for a second finance user.
    browser.goto("/finance/settings").await?;
    browser.fill("#f-target_margin", "0.18").await?;
    browser.click("#bank-settings button").await?;
    browser
        .wait_for_text("main", "awaits a second finance user's approval")
        .await?;
    let pending = browser.text("#pending-settings").await?;
    assert!(pending.contains("target_margin = 0.18"), "{pending}");
    browser.check_accessibility("economics settings").await?;
    browser.screenshot("10-settings").await?;

    // The same pages in Russian.
    browser
        .click("form[action='/settings/language'] button[value='ru']")
        .await?;
    browser
        .wait_for_text("main", "Экономические настройки")
        .await?;
    browser.goto("/finance/dashboard").await?;
    browser.wait_for_text("main", "Портфель").await?;
    browser.check_accessibility("dashboard in Russian").await?;
    browser.screenshot("11-dashboard-ru").await?;
    browser
        .goto("/matrices/URBAN_MALE_35/versions/2/review")
        .await?;
    browser
        .wait_for_text("main", "История рассмотрения")
        .await?;
    browser.check_accessibility("review in Russian").await?;
    browser.screenshot("12-review-ru").await?;
    browser.quit().await
}

/// An administrator adds a user, disables them after confirming, and finds both steps in the
/// audit trail.
pub async fn administrator() -> Result<()> {
    let app = spawn_app().await;
    let username = app.add_user(Role::Admin).await;
    let browser = Browser::open(&app.address, "administrator").await?;
    sign_in(&browser, &username).await?;
    // An empty bank leads its administrator to the set-up first (the set-up journey's part).
    browser.wait_for_path("/admin/setup").await?;
    browser.goto("/admin/users").await?;
    browser.check_accessibility("users").await?;

    browser.fill("input[name=username]", "olga").await?;
    browser
        .fill("input[name=display_name]", "Olga Petrova")
        .await?;
    let role = browser.find("select[name=role]").await?;
    role.send_keys("Advisor").await?;
    browser
        .fill("input[name=password]", "a-long-enough-passphrase")
        .await?;
    browser.screenshot("1-add-user").await?;
    browser
        .click("form[action='/admin/users'] button[type=submit]")
        .await?;
    browser.wait_for_text("main", "User olga added.").await?;
    let page = browser.page_text().await?;
    assert!(page.contains("Olga Petrova"), "{page}");
    browser.check_accessibility("user added").await?;
    browser.screenshot("2-user-added").await?;

    let user = kombi::persistence::users::find_by_username(&app.db, "olga")
        .await?
        .ok_or("olga was not stored")?;
    browser
        .click(&format!(
            "form[action='/admin/users/{}/active'] button",
            user.id
        ))
        .await?;
    // Disabling is confirmed first.
    browser
        .wait_for_text("main", "Disable Olga Petrova?")
        .await?;
    browser.check_accessibility("confirm disabling").await?;
    browser.screenshot("3-confirm-disabling").await?;
    browser.click("button.danger").await?;
    browser.wait_for_text("main", "Disabled").await?;
    let stored = kombi::persistence::users::find_by_username(&app.db, "olga")
        .await?
        .ok_or("olga was not stored")?;
    assert!(!stored.active, "olga is disabled");
    browser.check_accessibility("user disabled").await?;
    browser.screenshot("4-user-disabled").await?;

    // The audit trail shows both steps, each with who and what changed.
    browser.click("nav a[href='/audit']").await?;
    browser.wait_for_path("/audit").await?;
    browser.fill("input[name=object]", "olga").await?;
    browser.click("#audit-filter button[type=submit]").await?;
    let trail = browser.wait_for_text("#audit", "deactivated").await?;
    assert!(trail.contains("created"), "{trail}");
    assert!(trail.contains(&username), "{trail}");
    assert!(trail.contains("active: true → false"), "{trail}");
    browser.check_accessibility("audit trail").await?;
    browser.screenshot("5-audit-trail").await?;
    browser.quit().await
}

/// An advisor of the head office offers the whole combined product in one visit: finds the
/// client by typing three letters of the surname, opens the card, asks for the deposit, sees
/// the worked example's bundle, drops an add-on (the page recomputes), records acceptance,
/// prints the offer, and finds it counted on the results page.
pub async fn advisor_offers_a_combined_product() -> Result<()> {
    let app = demo_app().await;
    let today = chrono::Utc::now().date_naive();
    let client = kombi::domain::client::ClientDraft {
        crm_id: "CRM-9900001".into(),
        full_name: "Zvyagintsev Dmitry Ivanovich".into(),
        birth_date: "1980-03-14".into(),
        gender: "male".into(),
        employment: "employed".into(),
        city: "Moscow".into(),
        city_population: "13100000".into(),
        consent_to_offers: "true".into(),
        data_verified_on: (today - chrono::Duration::days(30)).to_string(),
        home_sales_point: "MSK-HO".into(),
        ..Default::default()
    }
    .parse(today)
    .expect("a valid client");
    let points = kombi::persistence::clients::sales_point_ids(&app.db).await?;
    kombi::persistence::clients::upsert(&app.db, &[client], &points).await?;
    let username = app.add_user(Role::Advisor).await;
    let user = kombi::persistence::users::find_by_username(&app.db, &username)
        .await?
        .expect("the advisor");
    kombi::persistence::users::set_role_and_point(&app.db, user.id, Role::Advisor, Some("MSK-HO"))
        .await?;

    let browser = Browser::open(&app.address, "desk-offer").await?;
    sign_in(&browser, &username).await?;
    browser.wait_for_path("/desk").await?;
    browser.find("#q").await?.send_keys("Zvy").await?;
    browser.wait_for_text("#results", "CRM-9900001").await?;
    browser
        .click("a[href^='/desk/clients/CRM-9900001']")
        .await?;
    browser.wait_for_text("h1", "CRM-9900001").await?;
    browser
        .check_accessibility("client card with a proposal form")
        .await?;
    browser.screenshot("1-card").await?;

    browser
        .find("#f-main option[value='DEP_PLUS']")
        .await?
        .click()
        .await?;
    browser.click("#propose button[type=submit]").await?;
    let figures = browser.wait_for_text("#badge", "Profitable").await?;
    assert!(
        !figures.contains("18,968.00"),
        "the bank's figures are one click away"
    );
    browser.click("#badge summary").await?;
    browser.wait_for_text("#badge", "18,968.00").await?;
    let page = browser.page_text().await?;
    for expected in [
        "Deposit Plus",
        "subject to approval",
        "What the client pays",
        "Visit plan",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    browser.check_accessibility("proposal").await?;
    browser.screenshot("2-proposal").await?;

    // The client does not want internet banking: ticking it recomputes at once.
    browser.click("input[name=drop][value=ONLINE]").await?;
    browser
        .wait_for_text("#left-out", "does not want it")
        .await?;
    assert!(
        browser.find("#p-ONLINE").await.is_err(),
        "internet banking left the offer"
    );
    browser.screenshot("3-dropped").await?;

    browser
        .click("input[name=outcome][value=accepted_all]")
        .await?;
    browser.click("#outcome button[type=submit]").await?;
    browser
        .wait_for_text("main", "The offer is recorded.")
        .await?;
    browser.check_accessibility("recorded offer").await?;
    browser.click("#print-link").await?;
    let printout = browser
        .wait_for_text("body", "Your combined product")
        .await?;
    assert!(
        printout.contains("Zvyagintsev Dmitry Ivanovich"),
        "{printout}"
    );
    assert!(!printout.contains("Profit"), "no bank figures on paper");
    browser.check_accessibility("printout").await?;
    browser.screenshot("4-printout").await?;

    browser.goto("/results").await?;
    let total = browser.text("#total-offers").await?;
    assert_eq!(total, "1", "the results count the offer");
    browser.check_accessibility("results").await?;
    browser.screenshot("5-results").await?;

    // The same proposal in Russian, as the advisor's language switch gives it.
    browser.click("button[name=language][value=ru]").await?;
    // The choice is saved once the page comes back in Russian.
    browser.wait_for_text("nav", "Результаты").await?;
    browser
        .goto("/desk/clients/CRM-9900001/proposal?main=DEP_PLUS&drop=CA_RUB")
        .await?;
    let page = browser.wait_for_text("main", "Что платит клиент").await?;
    assert!(page.contains("План визита"), "{page}");
    browser.check_accessibility("proposal in Russian").await?;
    browser.screenshot("6-proposal-ru").await?;
    browser.quit().await
}
