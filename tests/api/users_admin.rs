use crate::helpers::{location, spawn_app};
use kombi::domain::user::Role;
use kombi::persistence::users;
use reqwest::StatusCode;

#[tokio::test]
async fn an_admin_adds_a_user_who_can_then_sign_in() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;

    let response = app
        .post_form(
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", "olga"),
                ("display_name", "Olga Ivanova"),
                ("role", "advisor"),
                ("password", "olga-long-password"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let olga = users::find_by_username(&app.db, "olga")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(olga.role, Role::Advisor);
    let other_browser = crate::helpers::spawn_app_client(&app);
    let signed_in = other_browser.sign_in("olga", "olga-long-password").await;
    assert_eq!(location(&signed_in), "/desk");
}

#[tokio::test]
async fn invalid_new_user_fields_are_shown_next_to_the_fields() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;

    let response = app
        .post_form(
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", "x"),
                ("display_name", ""),
                ("role", "teller"),
                ("password", "short"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("the sign-in name must be 3 to 64 characters long"));
    assert!(html.contains("choose one of the roles in the list"));
    assert!(html.contains("The new password must be at least 10 characters long"));
    assert!(html.contains("enter the name to show, up to 200 characters"));
    let problems = &html[html.find(r#"id="problems""#).expect("a problem summary")..];
    assert!(
        problems.contains(r##"<a href="#f-username">"##),
        "{problems}"
    );
    assert!(
        problems.contains(r##"<a href="#f-password">"##),
        "{problems}"
    );
    assert!(html.contains(r#"id="f-username""#) && html.contains(r#"id="f-password""#));
    assert_eq!(users::count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn an_administrator_reading_russian_sees_the_field_problems_in_russian() {
    let app = spawn_app().await;
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;
    app.choose_language(&csrf, "ru").await;

    let response = app
        .post_form(
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", "Иван"),
                ("display_name", "Иван"),
                ("role", "advisor"),
                ("password", "short"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("имя для входа может содержать только строчные латинские буквы"),
        "{html}"
    );
    assert!(
        html.contains("Новый пароль должен быть не короче 10 символов"),
        "{html}"
    );
    assert!(!html.contains("password must be"), "{html}");
    assert_eq!(users::count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_taken_username_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;

    let response = app
        .post_form(
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", &admin),
                ("display_name", "Again"),
                ("role", "advisor"),
                ("password", "another-long-one"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("already taken"));
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions() {
    let app = spawn_app().await;
    let advisor_browser = crate::helpers::spawn_app_client(&app);
    let advisor = advisor_browser.signed_in_as(Role::Advisor).await;
    assert_eq!(advisor_browser.get("/desk").await.status(), StatusCode::OK);
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;
    let id = users::find_by_username(&app.db, &advisor)
        .await
        .unwrap()
        .unwrap()
        .id;

    let asked = app
        .post_form(
            &format!("/admin/users/{id}/active"),
            &[("csrf_token", &csrf), ("active", "false")],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::OK, "a confirmation comes first");
    assert!(asked.text().await.unwrap().contains("Disable Test User?"));
    assert_eq!(advisor_browser.get("/desk").await.status(), StatusCode::OK);

    let response = app
        .post_form(
            &format!("/admin/users/{id}/active"),
            &[
                ("csrf_token", &csrf),
                ("active", "false"),
                ("confirm", "yes"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        advisor_browser.get("/desk").await.status(),
        StatusCode::SEE_OTHER
    );
}

/// Another server on the database, or `kombi user disable`, changes the user behind this
/// server's back: a session this server read lately is trusted for at most a second
/// (`web::credentials::RECHECK`), then read again.
#[tokio::test]
async fn a_user_disabled_behind_this_server_s_back_is_refused_once_the_second_is_over() {
    let app = spawn_app().await;
    let advisor = app.signed_in_as(Role::Advisor).await;
    assert_eq!(app.get("/desk").await.status(), StatusCode::OK);
    let id = users::find_by_username(&app.db, &advisor)
        .await
        .unwrap()
        .unwrap()
        .id;

    users::set_active(&app.db, id, false).await.unwrap();
    tokio::time::sleep(kombi::web::credentials::RECHECK).await;

    assert_eq!(app.get("/desk").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_administrator_sets_a_user_s_role_and_home_sales_point() {
    let app = spawn_app().await;
    crate::clients_store::sales_points(&app.db).await;
    let advisor = app.add_user(Role::Advisor).await;
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;
    let id = users::find_by_username(&app.db, &advisor)
        .await
        .unwrap()
        .unwrap()
        .id;

    let unknown = app
        .post_form(
            &format!("/admin/users/{id}"),
            &[
                ("csrf_token", &csrf),
                ("role", "finance"),
                ("home_sales_point", "NOWHERE"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("there is no sales point NOWHERE")
    );

    let saved = app
        .post_form(
            &format!("/admin/users/{id}"),
            &[
                ("csrf_token", &csrf),
                ("role", "finance"),
                ("home_sales_point", "MSK-HO"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let user = users::find(&app.db, id).await.unwrap().unwrap();
    assert_eq!(
        (user.role, user.home_sales_point.as_deref()),
        (Role::Finance, Some("MSK-HO"))
    );
    let list = app.get("/admin/users").await.text().await.unwrap();
    assert!(list.contains("MSK-HO") && list.contains("never"), "{list}");
}

#[tokio::test]
async fn a_reset_password_must_be_replaced_at_the_next_sign_in() {
    let app = spawn_app().await;
    let advisor_browser = crate::helpers::spawn_app_client(&app);
    let advisor = advisor_browser.signed_in_as(Role::Advisor).await;
    app.signed_in_as(Role::Admin).await;
    let csrf = app.session_csrf("/admin/users").await;
    let id = users::find_by_username(&app.db, &advisor)
        .await
        .unwrap()
        .unwrap()
        .id;

    let reset = app
        .post_form(
            &format!("/admin/users/{id}/password"),
            &[("csrf_token", &csrf), ("password", "temporary-secret-1")],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        advisor_browser.get("/desk").await.status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );

    let signed_in = advisor_browser
        .sign_in(&advisor, "temporary-secret-1")
        .await;
    assert_eq!(location(&signed_in), "/account/password");
    let desk = advisor_browser.get("/desk").await;
    assert_eq!(
        location(&desk),
        "/account/password",
        "nothing else until it is changed"
    );
    let form = advisor_browser
        .get("/account/password")
        .await
        .text()
        .await
        .unwrap();
    assert!(form.contains("An administrator reset your password"));
    let csrf = crate::helpers::csrf_from(&form).unwrap();
    let mismatch = advisor_browser
        .post_form(
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current", "temporary-secret-1"),
                ("new", "my-own-passphrase"),
                ("repeat", "my-own-passphrase-typo"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = advisor_browser
        .post_form(
            "/account/password",
            &[
                ("csrf_token", &csrf),
                ("current", "temporary-secret-1"),
                ("new", "my-own-passphrase"),
                ("repeat", "my-own-passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/desk");
    assert_eq!(advisor_browser.get("/desk").await.status(), StatusCode::OK);
    assert!(
        !users::find(&app.db, id)
            .await
            .unwrap()
            .unwrap()
            .must_change_password
    );
}
