//! A bank set up from an empty database, in a browser: the administrator is led through the
//! set-up (a mistake first, named by field), adds a second sales point; a product manager then
//! creates a product and reads its P&L at both points. Every page is checked with axe.

use kombi::domain::user::Role;

use crate::browser::{Browser, Result};
use crate::helpers::{PASSWORD, spawn_app};

async fn sign_in(browser: &Browser, username: &str) -> Result<()> {
    browser.goto("/signin").await?;
    browser.fill("input[name=username]", username).await?;
    browser.fill("input[name=password]", PASSWORD).await?;
    browser
        .click("form[action='/signin'] button[type=submit]")
        .await
}

async fn choose(browser: &Browser, select: &str, value: &str) -> Result<()> {
    browser
        .click(&format!("select[name={select}] option[value='{value}']"))
        .await
}

pub async fn bank_set_up_from_an_empty_database() -> Result<()> {
    let app = spawn_app().await;
    let admin = app.add_user(Role::Admin).await;
    let manager = app.add_user(Role::ProductManager).await;
    let browser = Browser::open(&app.address, "bank-set-up").await?;

    sign_in(&browser, &admin).await?;
    browser.wait_for_path("/admin/setup").await?;
    let page = browser.page_text().await?;
    assert!(page.contains("The bank is not fully set up yet"), "{page}");
    browser.check_accessibility("first-run set-up").await?;
    browser.screenshot("1-set-up").await?;

    // A slip first: the page says which fields and why, and keeps what was typed.
    browser.fill("#f-name", "Volga Savings Bank").await?;
    browser.fill("#f-point_code", "sam ho").await?;
    browser
        .click("form[action='/admin/setup'] button[type=submit]")
        .await?;
    browser
        .wait_for_text("#e-point_code", "not a sales point code")
        .await?;
    browser.wait_for_text("#e-point_name", "required").await?;
    browser.check_accessibility("set-up with mistakes").await?;
    browser.screenshot("2-set-up-mistakes").await?;

    browser
        .fill("#f-legal_name", "Volga Savings Bank (JSC)")
        .await?;
    browser.fill("#f-point_code", "SAM-HO").await?;
    browser.fill("#f-point_name", "Head office, Samara").await?;
    browser.fill("#f-point_city", "Samara").await?;
    browser.fill("#f-point_region", "Volga").await?;
    browser
        .fill("#f-point_branch_cost_per_minute", "22,50")
        .await?;
    browser.fill("#f-point_visit_limit_minutes", "90").await?;
    browser
        .click("form[action='/admin/setup'] button[type=submit]")
        .await?;
    browser
        .wait_for_text("main", "The bank is set up with its first sales point")
        .await?;
    browser.check_accessibility("sales points").await?;

    // The second point: a small credit-and-cash office that opens accounts and deposits only.
    browser.click("a[href='/admin/sales-points/new']").await?;
    browser.wait_for_path("/admin/sales-points/new").await?;
    browser.fill("#f-code", "TLT-KKO").await?;
    browser.fill("#f-name", "Tolyatti, Lenina 12").await?;
    browser.fill("#f-city", "Tolyatti").await?;
    choose(&browser, "format", "credit_cash_office").await?;
    browser.fill("#f-branch_cost_per_minute", "14").await?;
    browser.fill("#f-visit_overhead_minutes", "10").await?;
    browser.fill("#f-visit_limit_minutes", "45").await?;
    for kind in ["credit_card", "insurance", "investment", "fx_brokerage"] {
        browser
            .click(&format!("input[name=kinds][value={kind}]"))
            .await?;
    }
    browser.check_accessibility("new sales point").await?;
    browser.screenshot("3-second-point").await?;
    browser
        .click("form[action='/admin/sales-points/new'] button[type=submit]")
        .await?;
    browser
        .wait_for_text("main", "Sales point TLT-KKO added.")
        .await?;
    let list = browser.page_text().await?;
    assert!(
        list.contains("Head office, Samara") && list.contains("Tolyatti, Lenina 12"),
        "{list}"
    );
    assert!(
        !list.contains("The bank is not fully set up yet"),
        "the admin's part is done"
    );
    browser.screenshot("4-sales-points").await?;
    browser.click("form[action='/signout'] button").await?;

    // The product manager lands on an empty catalog that says what to do, and does it.
    sign_in(&browser, &manager).await?;
    browser.wait_for_path("/catalog").await?;
    let catalog = browser.page_text().await?;
    assert!(
        catalog.contains("The catalog has no active product: a product manager adds one."),
        "{catalog}"
    );
    browser.check_accessibility("empty catalog").await?;
    browser.screenshot("5-empty-catalog").await?;
    browser
        .click(".setup-notice a[href='/catalog/new']")
        .await?;
    browser.wait_for_path("/catalog/new").await?;
    for (field, value) in [
        ("code", "VOLGA_DEP"),
        ("name", "Volga Deposit"),
        ("currency", "RUB"),
        ("market_price", "0.13"),
        ("ftp_rate", "0.15"),
        ("reserve_ratio", "0.04"),
        ("servicing_cost", "400"),
        ("acquisition_cost", "1500"),
        ("lifetime_years", "3"),
        ("opening_minutes", "10"),
        ("overhead_rate", "0.20"),
        ("client_rate", "0.13"),
        ("avg_balance", "300000"),
    ] {
        browser.fill(&format!("#f-{field}"), value).await?;
    }
    choose(&browser, "kind", "deposit").await?;
    choose(&browser, "company", "BANK").await?;
    choose(&browser, "status", "active").await?;
    choose(&browser, "price_parameter", "client_rate").await?;
    browser
        .click("form.product-form button[type=submit]")
        .await?;
    browser.wait_for_path("/catalog/VOLGA_DEP?saved=1").await?;
    let at_head_office = browser.page_text().await?;
    assert!(
        at_head_office.contains("Head office, Samara"),
        "{at_head_office}"
    );
    browser
        .check_accessibility("product at the head office")
        .await?;
    browser.screenshot("6-pnl-head-office").await?;
    browser.goto("/catalog/VOLGA_DEP?point=TLT-KKO").await?;
    let at_tolyatti = browser.page_text().await?;
    assert!(at_tolyatti.contains("Tolyatti, Lenina 12"), "{at_tolyatti}");
    assert_ne!(
        at_head_office, at_tolyatti,
        "each point's costs give its own P&L"
    );
    browser
        .check_accessibility("product at the second point")
        .await?;
    browser.screenshot("7-pnl-second-point").await?;
    browser.quit().await
}
