//! The command line: `kombi [serve]`, `migrate`, `seed-demo`, `user add`, `token create`,
//! `matrices evaluate`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

use crate::config::{CookieSecure, DEFAULT_BIND, DEFAULT_DATABASE_URL, Settings};
use crate::domain::audit::{Action, Actor, Author, Fields, Subject};
use crate::domain::user::{NewPassword, Role, Username};
use crate::persistence::audit;
use crate::persistence::{db, tokens, users};
use crate::{demo, security, startup, telemetry};

#[derive(Parser, Debug)]
#[command(
    name = "kombi",
    version,
    about = "Kombi: combined products for retail banks"
)]
pub struct Cli {
    /// Database to use: `sqlite://FILE` (created if missing) or `postgres://USER@HOST/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application and the API (the default command).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo bank (idempotent: existing records are kept).
    SeedDemo {
        /// Synthetic CRM clients to add (0 for the bank without clients).
        #[arg(long, default_value_t = 5_000)]
        clients: usize,
    },
    /// Evaluate a profitability document (the format of docs/EVALUATE.md) and print the report
    /// as JSON. Needs no database.
    Evaluate {
        /// The document, e.g. examples/worked-example.json.
        file: std::path::PathBuf,
    },
    /// Write a deterministic synthetic CRM extract (the canonical columns) for demos and
    /// benchmarks: the same seed always gives the same file.
    GenerateCrm {
        /// How many clients.
        #[arg(long)]
        clients: usize,
        #[arg(long, default_value_t = crate::demo::seed::DEMO_CRM_SEED)]
        seed: u64,
        /// The date the data are "as of" (verification dates are drawn before it).
        #[arg(long, default_value = "2026-11-01")]
        as_of: chrono::NaiveDate,
        /// Output CSV file.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Import a CRM extract (CSV) into the clients, by CRM id: new clients are added, changed
    /// ones updated, unchanged ones left alone; bad rows are skipped and reported.
    ImportCrm {
        /// The CSV file (`,` `;` or tab; UTF-8 with or without BOM; a header row).
        file: std::path::PathBuf,
        /// Column mapping (TOML, see docs/CRM_IMPORT.md); default: Kombi's canonical columns.
        #[arg(long)]
        mapping: Option<std::path::PathBuf>,
        /// Write every rejected row (line, column, reason) to this CSV file (all of them: they
        /// are kept in memory until written).
        #[arg(long)]
        errors_csv: Option<std::path::PathBuf>,
        /// Exit with an error when more than N rows were rejected (the good rows are stored
        /// all the same). Without it, only an import where every row was rejected fails.
        #[arg(long, value_name = "N")]
        max_rejected: Option<u64>,
        /// Import nothing: print a starting mapping (TOML) for the file, from its header and
        /// first rows, to edit and pass to --mapping. What only you can decide is said on
        /// standard error.
        #[arg(long, conflicts_with_all = ["mapping", "errors_csv", "max_rejected"])]
        suggest_mapping: bool,
    },
    /// Client segments, for scripts.
    #[command(subcommand)]
    Segment(SegmentCommand),
    /// Product matrices, for finance's scripts.
    #[command(subcommand)]
    Matrices(MatricesCommand),
    /// The bank itself: `kombi bank init --name … --currency RUB`.
    #[command(subcommand)]
    Bank(crate::cli_setup::BankCommand),
    /// Sales points: `add` one, or `import` a CSV list.
    #[command(subcommand)]
    SalesPoint(crate::cli_setup::SalesPointCommand),
    /// Exchange rates: `import` a CSV file (date, currency, rate).
    #[command(subcommand)]
    Rates(crate::cli_setup::RatesCommand),
    /// Manage staff users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API bearer tokens for integrations.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "KOMBI_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
    /// When to mark the session cookie `Secure`.
    #[arg(long, env = "KOMBI_COOKIE_SECURE", value_enum, default_value = "auto")]
    pub cookie_secure: CookieSecure,
    /// Connections in the database pool.
    #[arg(long, env = "KOMBI_DB_MAX_CONNECTIONS", default_value_t = 8)]
    pub max_connections: u32,
    /// Do not load the demo bank into an empty embedded database on first start.
    /// `KOMBI_NO_DEMO` takes 1/0, true/false, yes/no, on/off.
    #[arg(long, env = "KOMBI_NO_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_demo: bool,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user. The password is asked for on a terminal, or read as one line from stdin.
    Add {
        #[arg(long)]
        username: String,
        /// advisor, product_manager, finance or admin.
        #[arg(long)]
        role: Role,
        /// Name shown in the application (defaults to the username).
        #[arg(long)]
        display_name: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SegmentCommand {
    /// Print how many clients match a rule today, e.g. --rule 'age >= 35 and gender = male'.
    Count {
        #[arg(long)]
        rule: String,
    },
    /// Print every active segment's size, counted in one scan of the clients.
    Sizes,
}

#[derive(Subcommand, Debug)]
pub enum MatricesCommand {
    /// Re-price the whole bank: every published matrix × sales point × main product, against
    /// today's catalog, costs and rates. Exits 1 when a published bundle fails a blocking
    /// verdict.
    Evaluate {
        /// Drafts too (they never make the exit status fail).
        #[arg(long)]
        all_versions: bool,
        /// JSON instead of a table (money as decimal strings).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Issue an API bearer token acting as USERNAME; it is printed once.
    Create {
        #[arg(long)]
        username: String,
        /// What the token is for, e.g. "CRM sync".
        #[arg(long, default_value = "integration")]
        name: String,
    },
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.database_url.clone();
    match cli.command {
        Some(Command::Evaluate { file }) => evaluate_file(&file),
        Some(Command::ImportCrm {
            file,
            mapping,
            errors_csv,
            max_rejected,
            suggest_mapping,
        }) => {
            if suggest_mapping {
                return crate::cli_import::suggest(&file);
            }
            let db = open(&database_url, 2).await?;
            crate::cli_import::import_crm(
                &db,
                &file,
                mapping.as_deref(),
                errors_csv.as_deref(),
                max_rejected,
            )
            .await
        }
        Some(Command::GenerateCrm {
            clients,
            seed,
            as_of,
            out,
        }) => {
            let file = std::fs::File::create(&out)
                .with_context(|| format!("creating {}", out.display()))?;
            let writer = std::io::BufWriter::new(file);
            let rows = crate::import::canonical::write_clients_csv(
                crate::demo::crm_generator::generate_clients(clients, seed, as_of),
                writer,
            )
            .with_context(|| format!("writing {}", out.display()))?;
            println!("Wrote {rows} clients to {}", out.display());
            Ok(())
        }
        None => serve(&database_url, cli.serve).await,
        Some(Command::Serve(args)) => serve(&database_url, args).await,
        Some(Command::Migrate) => {
            open(&database_url, 2).await?;
            println!("Migrations applied to {}", redact(&database_url));
            Ok(())
        }
        Some(Command::SeedDemo { clients }) => {
            let db = open(&database_url, 2).await?;
            let report = demo::seed::seed_demo(&db, &demo::seed::DemoOptions { clients }).await?;
            println!("{report}");
            Ok(())
        }
        Some(Command::Segment(SegmentCommand::Count { rule })) => {
            let rule = crate::domain::segment::SegmentRule::parse(&rule)
                .map_err(|e| anyhow::anyhow!("rule: {e}"))?;
            let db = open(&database_url, 2).await?;
            let today = chrono::Utc::now().date_naive();
            println!(
                "{}",
                crate::persistence::segments::count_matching(&db, &rule, today).await?
            );
            Ok(())
        }
        Some(Command::Segment(SegmentCommand::Sizes)) => {
            let db = open(&database_url, 2).await?;
            let segments = crate::persistence::segments::active_ranked(&db).await?;
            let rules: Vec<_> = segments
                .iter()
                .map(|s| s.rule.scoped_to(s.sales_point.as_deref()))
                .collect();
            let started = std::time::Instant::now();
            let sizes =
                crate::persistence::segments::sizes(&db, &rules, chrono::Utc::now().date_naive())
                    .await?;
            // On stderr, so that scripts reading the sizes are not disturbed.
            eprintln!(
                "sizes of {} segments and their overlaps computed in {:.2} s",
                rules.len(),
                started.elapsed().as_secs_f64()
            );
            println!("{:>10}  all clients", sizes.total);
            for (segment, size) in segments.iter().zip(&sizes.sizes) {
                println!("{size:>10}  {} ({})", segment.name, segment.code);
            }
            Ok(())
        }
        Some(Command::Bank(command)) => {
            let db = open(&database_url, 2).await?;
            crate::cli_setup::bank(&db, command).await
        }
        Some(Command::SalesPoint(command)) => {
            let db = open(&database_url, 2).await?;
            crate::cli_setup::sales_point(&db, command).await
        }
        Some(Command::Rates(command)) => {
            let db = open(&database_url, 2).await?;
            crate::cli_setup::rates(&db, command).await
        }
        Some(Command::Matrices(MatricesCommand::Evaluate { all_versions, json })) => {
            let db = open(&database_url, 2).await?;
            crate::cli_matrices::evaluate(&db, all_versions, json).await
        }
        Some(Command::User(UserCommand::Add {
            username,
            role,
            display_name,
        })) => {
            let username = Username::parse(&username).context("--username")?;
            let password = read_new_password()?;
            let db = open(&database_url, 2).await?;
            let hash = security::hash_password(password.expose())
                .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
            let display = display_name.unwrap_or_else(|| username.as_str().to_string());
            let user = audit::audited(&db, async |txn| {
                let user = users::create(txn, &username, &display, role, hash).await?;
                let entry = os_author()
                    .entry(Action::Created, Subject::User, &user.username)
                    .after(user.audit_fields());
                Ok((user, entry))
            })
            .await?;
            println!("Added user {} ({})", user.username, user.role.label());
            Ok(())
        }
        Some(Command::Token(TokenCommand::Create { username, name })) => {
            let db = open(&database_url, 2).await?;
            let user = users::find_by_username(&db, &username)
                .await?
                .with_context(|| format!("no user named '{username}'"))?;
            let token = audit::audited(&db, async |txn| {
                let token = tokens::create(txn, user.id, &name).await?;
                let entry = os_author()
                    .entry(Action::Created, Subject::Token, &user.username)
                    .after(Fields::new().with("name", &name));
                Ok((token, entry))
            })
            .await?;
            eprintln!(
                "Token for {} ({}); it is shown only once:",
                user.username,
                user.role.label()
            );
            println!("{token}");
            Ok(())
        }
    }
}

/// The operating-system user running this command, as the author of its audit entries.
pub fn os_author() -> Author {
    let name = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .or_else(user_of_this_process)
        .unwrap_or_else(|| "unknown".to_owned());
    Author {
        actor: Actor::OperatingSystem { name },
        origin: "command line".to_owned(),
    }
}

/// The name of the user this process runs as, from the system's user list (cron jobs and
/// containers often run without `USER` set).
#[cfg(unix)]
fn user_of_this_process() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let users = std::fs::read_to_string("/etc/passwd").ok()?;
    users.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_owned())
    })
}

#[cfg(not(unix))]
fn user_of_this_process() -> Option<String> {
    None
}

/// `kombi evaluate FILE`: the report on stdout; every problem on stderr, named by field.
fn evaluate_file(file: &std::path::Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid JSON", file.display()))?;
    match crate::domain::evaluation::evaluate_document(&document) {
        Ok(report) => {
            let text = serde_json::to_string_pretty(&report)?;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{text}") {
                // `kombi evaluate … | head` closing the pipe early is not an error.
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
                _ => Ok(()),
            }
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{}: {error}", file.display());
            }
            bail!("{} problem(s) in {}", errors.len(), file.display())
        }
    }
}

async fn open(
    database_url: &str,
    max_connections: u32,
) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = db::connect(database_url, max_connections)
        .await
        .with_context(|| format!("connecting to {}", redact(database_url)))?;
    db::migrate(&db).await.context("applying migrations")?;
    Ok(db)
}

async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    let settings = Settings {
        bind: args.bind,
        database_url: database_url.to_string(),
        max_connections: args.max_connections.max(1),
        cookie_secure: args.cookie_secure,
    };
    let db = open(database_url, settings.max_connections).await?;
    if db::is_sqlite_url(database_url) && !args.no_demo && users::count(&db).await? == 0 {
        tracing::info!("empty embedded database: loading the demo bank");
        let report = demo::seed::seed_demo(&db, &demo::seed::DemoOptions::default()).await?;
        tracing::info!(%report, "demo bank loaded");
    }
    let app = startup::Application::build(&settings, db).await?;
    println!("Kombi is serving at http://{}", app.address());
    let demo_users = demo::seed::demo_sign_ins(app.db()).await?;
    if !demo_users.is_empty() {
        println!(
            "Demo sign-ins (demo only): {}; password 'demo'.",
            demo_users.join(", ")
        );
    }
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

/// The password for a new user: prompted twice on a terminal, else one line of stdin.
fn read_new_password() -> anyhow::Result<NewPassword> {
    let raw = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Repeat password: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    NewPassword::parse(&raw).context("password")
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_in_database_urls() {
        assert_eq!(
            redact("postgres://kombi:s3cret@db/kombi"),
            "postgres://kombi:***@db/kombi"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redact("sqlite://kombi.db"), "sqlite://kombi.db");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
