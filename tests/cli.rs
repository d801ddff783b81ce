//! The `kombi` binary as an operator uses it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

fn kombi(args: &[&str], stdin: &str, database_url: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kombi"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("KOMBI_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kombi");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("kombi runs")
}

fn worked_example_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/worked-example.json").to_string()
}

#[test]
fn evaluate_reproduces_the_worked_example_to_the_kopeck() {
    let path = worked_example_path();
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let expected = &document["expected"];

    let output = kombi(&["evaluate", &path], "", "sqlite://unused.db");

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    for (code, profit) in expected["standalone_profit"].as_object().unwrap() {
        assert_eq!(
            &report["products"][code]["standalone"]["profit"], profit,
            "{code}"
        );
    }
    let bundle = &report["bundle"];
    for figure in ["visit_total", "revenue", "profit"] {
        assert_eq!(bundle[figure], expected["bundle"][figure], "{figure}");
    }
    let margin: rust_decimal::Decimal = bundle["margin"].as_str().unwrap().parse().unwrap();
    let percent = (margin * rust_decimal::Decimal::ONE_HUNDRED)
        .round_dp(2)
        .to_string();
    assert_eq!(
        percent,
        expected["bundle"]["margin_percent"].as_str().unwrap()
    );
    assert_eq!(
        bundle["positions"]["ONLINE"]["profit"],
        expected["bundle"]["ONLINE_profit"]
    );
    assert_eq!(
        report["products"]["CC_GRACE"]["price"]["recommended"],
        "0.00"
    );
    assert_eq!(
        report["products"]["DEP_PLUS"]["price"]["solved"],
        expected["DEP_PLUS_client_rate_for_15pct_margin"]
    );
}

#[test]
fn evaluate_names_the_field_of_a_malformed_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut document: Value =
        serde_json::from_str(&std::fs::read_to_string(worked_example_path()).unwrap()).unwrap();
    document["products"]["CC_GRACE"]["ftp_rate"] = serde_json::json!(0.16);
    std::fs::write(&path, document.to_string()).unwrap();

    let output = kombi(
        &["evaluate", path.to_str().unwrap()],
        "",
        "sqlite://unused.db",
    );

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("products.CC_GRACE.ftp_rate"), "{stderr}");
}

#[test]
fn evaluate_reports_invalid_json_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"bank\": ").unwrap();

    let output = kombi(
        &["evaluate", path.to_str().unwrap()],
        "",
        "sqlite://unused.db",
    );

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not valid JSON") && stderr.contains("line 1"),
        "{stderr}"
    );
}

#[test]
fn an_operator_adds_a_user_and_issues_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ops.db").display());

    let added = kombi(
        &["user", "add", "--username", "Irina", "--role", "finance"],
        "irina-long-password\n",
        &url,
    );
    let token = kombi(&["token", "create", "--username", "irina"], "", &url);
    let duplicate = kombi(
        &["user", "add", "--username", "irina", "--role", "advisor"],
        "another-password\n",
        &url,
    );
    let weak = kombi(
        &["user", "add", "--username", "weak", "--role", "advisor"],
        "short\n",
        &url,
    );

    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("Added user irina (Finance)"));
    assert!(token.status.success());
    assert!(
        String::from_utf8_lossy(&token.stdout)
            .trim()
            .starts_with("kombi_")
    );
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already taken"));
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 10 characters"));
}

#[test]
fn an_unknown_role_is_refused_with_the_list_of_roles() {
    let output = kombi(
        &["user", "add", "--username", "x-user", "--role", "teller"],
        "",
        "sqlite://unused.db",
    );

    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("advisor, product_manager, finance, admin")
    );
}

#[test]
fn generate_crm_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.csv"),
        dir.path().join("b.csv"),
        dir.path().join("c.csv"),
    );
    for (path, seed) in [(&a, "11"), (&b, "11"), (&c, "12")] {
        let out = kombi(
            &[
                "generate-crm",
                "--clients",
                "300",
                "--seed",
                seed,
                "--out",
                path.to_str().unwrap(),
            ],
            "",
            "sqlite://unused.db",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let (a, b, c) = (
        std::fs::read(a).unwrap(),
        std::fs::read(b).unwrap(),
        std::fs::read(c).unwrap(),
    );

    assert_eq!(a, b);
    assert_ne!(a, c);
    let text = String::from_utf8(a).unwrap();
    assert!(text.starts_with("crm_id,full_name,"));
    assert_eq!(text.lines().count(), 301, "header and 300 clients");
}

#[test]
fn segment_count_prints_a_number_and_refuses_a_bad_rule_with_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("seg.db").display());
    let seeded = kombi(&["seed-demo", "--clients", "200"], "", &url);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let all = kombi(
        &[
            "segment",
            "count",
            "--rule",
            "gender = male or gender = female",
        ],
        "",
        &url,
    );
    let men = kombi(&["segment", "count", "--rule", "gender = male"], "", &url);
    let bad = kombi(&["segment", "count", "--rule", "age >= male"], "", &url);

    let number = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .parse::<u64>()
            .unwrap()
    };
    assert_eq!(number(&all), 200);
    assert!(number(&men) > 0 && number(&men) < 200);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("column 8"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn matrices_evaluate_reprices_the_bank_and_fails_when_a_published_bundle_no_longer_passes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("matrices.db").display());
    let seeded = kombi(&["seed-demo", "--clients", "0"], "", &url);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let table = kombi(&["matrices", "evaluate"], "", &url);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.status.success(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let example = text
        .lines()
        .find(|l| l.starts_with("URBAN_MALE_35") && l.contains("MSK-HO") && l.contains("DEP_PLUS"))
        .unwrap_or_else(|| panic!("the seed bundle is listed: {text}"));
    assert!(
        example.contains("18968.00") && example.contains("11148.00"),
        "{example}"
    );

    let json = kombi(&["matrices", "evaluate", "--json"], "", &url);
    let rows: Value = serde_json::from_slice(&json.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(
        rows.len(),
        text.lines().count() - 1,
        "one row per bundle, as in the table"
    );
    assert!(
        rows.iter()
            .all(|r| r["status"] == "published" && r["blocking"] == Value::Array(vec![]))
    );

    // The deposit's funding gets dear: the published deposit bundles now lose money.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sea_orm::ConnectionTrait;
        let db = kombi::persistence::db::connect(&url, 1).await.unwrap();
        db.execute_unprepared("UPDATE products SET ftp_rate = 0 WHERE code = 'DEP_PLUS'")
            .await
            .unwrap();
    });
    let failing = kombi(&["matrices", "evaluate"], "", &url);
    assert_eq!(failing.status.code(), Some(1));
    let text = String::from_utf8_lossy(&failing.stdout);
    assert!(text.contains("BLOCKED: the bundle loses"), "{text}");
    assert!(
        String::from_utf8_lossy(&failing.stderr).contains("published bundle(s) fail"),
        "{}",
        String::from_utf8_lossy(&failing.stderr)
    );
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// On the backend under test (a schema of its own on PostgreSQL when `TEST_DATABASE_URL` is
/// set): the issue's "another fresh database, through the CLI alone".
#[test]
fn a_bank_is_set_up_by_script_alone_refusing_bad_input_field_by_field() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (_, url, _database) = runtime.block_on(helpers::fresh_database());
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };

    let no_bank = kombi(
        &["sales-point", "import", &file("early.csv", "code\n")],
        "",
        &url,
    );
    assert!(!no_bank.status.success());
    assert!(
        stderr(&no_bank).contains("kombi bank init"),
        "{}",
        stderr(&no_bank)
    );

    let bad = kombi(
        &["bank", "init", "--name", " ", "--currency", "roubles"],
        "",
        &url,
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--name:"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("--currency:") && stderr(&bad).contains("nothing was changed"));

    let init = kombi(
        &[
            "bank",
            "init",
            "--name",
            "Volga Savings Bank",
            "--currency",
            "RUB",
        ],
        "",
        &url,
    );
    assert!(init.status.success(), "{}", stderr(&init));

    let bad_point = kombi(
        &[
            "sales-point",
            "add",
            "--code",
            "SAM-HO",
            "--name",
            "Head office",
            "--city",
            "Samara",
            "--format",
            "kiosk",
            "--cost-per-minute",
            "-3",
            "--visit-overhead-minutes",
            "15",
        ],
        "",
        &url,
    );
    assert!(!bad_point.status.success());
    assert!(
        stderr(&bad_point).contains("--format:")
            && stderr(&bad_point).contains("--cost-per-minute:")
    );

    let point = kombi(
        &[
            "sales-point",
            "add",
            "--code",
            "SAM-HO",
            "--name",
            "Head office",
            "--city",
            "Samara",
            "--format",
            "head_office",
            "--cost-per-minute",
            "22.5",
            "--visit-overhead-minutes",
            "15",
        ],
        "",
        &url,
    );
    assert!(point.status.success(), "{}", stderr(&point));

    let bad_list = file(
        "bad.csv",
        "code,name,city,format,branch_cost_per_minute,visit_overhead_minutes\nTLT-1,Tolyatti,Tolyatti,branch,14,10\nTLT-2,,Tolyatti,branch,abc,10\n",
    );
    let refused = kombi(&["sales-point", "import", &bad_list], "", &url);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("line 3, column \"name\""),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("line 3, column \"branch_cost_per_minute\""));

    let list = file(
        "points.csv",
        "code,name,city,format,branch_cost_per_minute,visit_overhead_minutes\nTLT-1,Tolyatti,Tolyatti,branch,14,10\n",
    );
    let imported = kombi(&["sales-point", "import", &list], "", &url);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(String::from_utf8_lossy(&imported.stdout).contains("1 added"));

    let bad_rates = file("bad-rates.csv", "date,currency,rate\n2026-12-01,USD,0\n");
    let refused = kombi(&["rates", "import", &bad_rates], "", &url);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("line 2, column \"rate\""),
        "{}",
        stderr(&refused)
    );
    let rates = file("rates.csv", "date;currency;rate\n01.12.2026;USD;78,23\n");
    let imported = kombi(&["rates", "import", &rates], "", &url);
    assert!(imported.status.success(), "{}", stderr(&imported));

    // What the scripts did, as the database and the audit trail hold it.
    runtime.block_on(async {
        let db = kombi::persistence::db::connect(&url, 1).await.unwrap();
        let points = kombi::persistence::catalog::sales_points(&db)
            .await
            .unwrap();
        let codes: Vec<&str> = points.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(
            codes,
            ["SAM-HO", "TLT-1"],
            "the refused TLT-2 was not stored"
        );
        let entries = kombi::persistence::audit::page(
            &db,
            &kombi::domain::audit::Filter::default(),
            None,
            50,
        )
        .await
        .unwrap();
        let objects: Vec<&str> = entries.iter().map(|e| e.entry.object.as_str()).collect();
        for object in [
            "Volga Savings Bank",
            "BANK",
            "SAM-HO",
            "TLT-1",
            "USD@2026-12-01",
        ] {
            assert!(objects.contains(&object), "{object} audited: {objects:?}");
        }
        assert!(entries.iter().all(|e| matches!(
            e.entry.actor,
            kombi::domain::audit::Actor::OperatingSystem { .. }
        )));
    });
}

#[test]
fn import_crm_fails_when_every_row_or_too_many_are_rejected_and_writes_every_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("crm.db").display());
    let mapping = dir.path().join("mapping.toml");
    std::fs::write(
        &mapping,
        "[columns]\nid = \"crm_id\"\nname = \"full_name\"\nborn = \"birth_date\"\n",
    )
    .unwrap();
    let mapping = mapping.display().to_string();
    let mut text = String::from("id,name,born\nGOOD-1,Anna,1990-05-01\n");
    for i in 0..1_205 {
        text.push_str(&format!("BAD-{i},Boris,31.02.1990\n"));
    }
    let file = dir.path().join("extract.csv");
    std::fs::write(&file, &text).unwrap();
    let file = file.display().to_string();
    let errors = dir.path().join("errors.csv").display().to_string();

    let some_bad = kombi(
        &[
            "import-crm",
            &file,
            "--mapping",
            &mapping,
            "--errors-csv",
            &errors,
        ],
        "",
        &url,
    );
    assert!(some_bad.status.success(), "{}", stderr(&some_bad));
    let written = std::fs::read_to_string(&errors).unwrap();
    assert_eq!(
        written.lines().count(),
        1 + 1_205,
        "a header and every rejected row, not the first thousand"
    );

    let too_many = kombi(
        &[
            "import-crm",
            &file,
            "--mapping",
            &mapping,
            "--max-rejected",
            "10",
        ],
        "",
        &url,
    );
    assert!(!too_many.status.success());
    assert!(
        stderr(&too_many).contains("more than --max-rejected 10"),
        "{}",
        stderr(&too_many)
    );

    let all_bad_file = dir.path().join("all-bad.csv");
    std::fs::write(&all_bad_file, "id,name,born\nBAD-X,Boris,31.02.1990\n").unwrap();
    let all_bad = kombi(
        &[
            "import-crm",
            &all_bad_file.display().to_string(),
            "--mapping",
            &mapping,
        ],
        "",
        &url,
    );
    assert!(!all_bad.status.success());
    assert!(
        stderr(&all_bad).contains("every row"),
        "{}",
        stderr(&all_bad)
    );
}

#[test]
fn a_windows_1251_extract_imports_with_its_cyrillic_names_and_says_its_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cp1251.db").display());
    let text = "crm_id;full_name;gender;city\nR-1;Иванов Иван Петрович;male;Новосибирск\nR-2;Щукина Ёлка Юрьевна;female;Тверь\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let file = dir.path().join("export-1251.csv");
    std::fs::write(&file, &bytes).unwrap();

    let imported = kombi(&["import-crm", &file.display().to_string()], "", &url);

    assert!(imported.status.success(), "{}", stderr(&imported));
    let out = String::from_utf8_lossy(&imported.stdout);
    assert!(
        out.contains("(windows-1251)") && out.contains("2 imported"),
        "{out}"
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = kombi::persistence::db::connect(&url, 1).await.unwrap();
        let client = kombi::persistence::clients::load(&db, "R-2")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(client.full_name, "Щукина Ёлка Юрьевна");
        assert_eq!(client.city.as_deref(), Some("Тверь"));
    });
}

#[test]
fn suggest_mapping_prints_a_mapping_that_imports_the_file_once_edited() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("suggest.db").display());
    let file = dir.path().join("survey.csv");
    std::fs::write(&file, "Sex;Age;Income\nM;41;120000\nF;29;95000,5\n").unwrap();
    let file = file.display().to_string();

    let suggested = kombi(&["import-crm", &file, "--suggest-mapping"], "", &url);

    assert!(suggested.status.success(), "{}", stderr(&suggested));
    assert!(
        !dir.path().join("suggest.db").exists(),
        "a suggestion touches no database"
    );
    let toml = String::from_utf8(suggested.stdout.clone()).unwrap();
    assert!(toml.contains("Age = \"age\""), "{toml}");
    assert!(
        stderr(&suggested).contains("crm_id: no column looks like a client id"),
        "{}",
        stderr(&suggested)
    );
    let edited = toml
        .replace("# unstable_ids = true", "unstable_ids = true")
        .replace("age_as_of = \"", "age_as_of = \"2026-06-30\" # was \"");
    let mapping = dir.path().join("survey.toml");
    std::fs::write(&mapping, edited).unwrap();
    let mapping = mapping.display().to_string();
    let imported = kombi(&["import-crm", &file, "--mapping", &mapping], "", &url);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        String::from_utf8_lossy(&imported.stdout).contains("2 imported"),
        "{}",
        String::from_utf8_lossy(&imported.stdout)
    );
    // Row numbers name rows, not people: the same file is refused the second time.
    let again = kombi(&["import-crm", &file, "--mapping", &mapping], "", &url);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("imported once only"),
        "{}",
        stderr(&again)
    );
    let both = kombi(
        &[
            "import-crm",
            &file,
            "--suggest-mapping",
            "--mapping",
            &mapping,
        ],
        "",
        &url,
    );
    assert!(
        !both.status.success(),
        "a suggestion with a mapping makes no sense"
    );
}
