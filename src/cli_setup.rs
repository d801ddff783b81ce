//! `kombi bank init`, `kombi sales-point add|import`, `kombi rates import`: a bank's set-up as a
//! script does it. Each checks all its input first and refuses bad input with the field (or
//! line and column) named, changing nothing; each change is audited as the operating-system
//! user.

use std::path::Path;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use sea_orm::DatabaseConnection;

use crate::cli::os_author;
use crate::domain::setup::{BankDetails, BankForm, SalesPointDraft, SalesPointForm};
use crate::domain::validation::FieldError;
use crate::import::{RowError, reference};
use crate::persistence::setup::{self as store, BankSaved};
use crate::service::settings::{self, Done};
use crate::service::setup as service;

#[derive(Subcommand, Debug)]
pub enum BankCommand {
    /// Set the bank up (name, reporting currency, legal details), or change its details.
    Init(BankArgs),
}

#[derive(Args, Debug)]
pub struct BankArgs {
    #[arg(long)]
    pub name: String,
    /// Reporting currency, three letters.
    #[arg(long)]
    pub currency: String,
    #[arg(long, default_value = "")]
    pub legal_name: String,
    #[arg(long, default_value = "")]
    pub address: String,
    #[arg(long, default_value = "")]
    pub tax_id: String,
    #[arg(long, default_value = "")]
    pub licence: String,
    #[arg(long, default_value = "")]
    pub phone: String,
}

#[derive(Subcommand, Debug)]
pub enum SalesPointCommand {
    /// Add one sales point.
    Add(PointArgs),
    /// Add and update sales points from a CSV file (columns as on the web's import).
    Import { file: std::path::PathBuf },
}

#[derive(Args, Debug)]
pub struct PointArgs {
    #[arg(long)]
    pub code: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub city: String,
    #[arg(long, default_value = "")]
    pub region: String,
    /// head_office, branch, credit_cash_office, operations_office or remote.
    #[arg(long)]
    pub format: String,
    /// In the reporting currency. (Figures may start with `-`, so that a negative one is
    /// refused with its field named rather than read as a flag.)
    #[arg(long, allow_hyphen_values = true)]
    pub cost_per_minute: String,
    #[arg(long, allow_hyphen_values = true)]
    pub visit_overhead_minutes: String,
    /// Empty or absent: no limit.
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    pub visit_limit_minutes: String,
    /// `*` for every kind, else kinds separated by commas.
    #[arg(long, default_value = "*")]
    pub product_kinds: String,
}

#[derive(Subcommand, Debug)]
pub enum RatesCommand {
    /// Import exchange rates (date, currency, rate[, nominal]) from a CSV file.
    Import { file: std::path::PathBuf },
}

fn refuse_fields(errors: &[FieldError]) -> anyhow::Error {
    for e in errors {
        eprintln!("--{}: {}", e.field.replace('_', "-"), e.message);
    }
    anyhow::anyhow!("{} problem(s); nothing was changed", errors.len())
}

fn refuse_rows(file: &Path, errors: &[RowError]) -> anyhow::Error {
    for e in errors {
        eprintln!("{}: {e}", file.display());
    }
    anyhow::anyhow!(
        "{} problem(s) in {}; nothing was changed",
        errors.len(),
        file.display()
    )
}

fn read(file: &Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("reading {}", file.display()))?
        .len();
    if size > reference::MAX_BYTES as u64 {
        bail!(
            "{} is larger than {} MB; nothing was changed",
            file.display(),
            reference::MAX_BYTES >> 20
        );
    }
    std::fs::read(file).with_context(|| format!("reading {}", file.display()))
}

pub async fn bank(db: &DatabaseConnection, command: BankCommand) -> anyhow::Result<()> {
    let BankCommand::Init(args) = command;
    let bank = BankDetails::parse(&BankForm {
        name: args.name,
        reporting_currency: args.currency,
        legal_name: args.legal_name,
        address: args.address,
        tax_id: args.tax_id,
        licence: args.licence,
        phone: args.phone,
    })
    .map_err(|errors| {
        let renamed: Vec<FieldError> = errors
            .into_iter()
            .map(|mut e| {
                if e.field == "reporting_currency" {
                    e.field = "currency".into();
                }
                e
            })
            .collect();
        refuse_fields(&renamed)
    })?;
    match service::save_bank(db, &bank, &os_author()).await {
        Ok(BankSaved::Created) => println!(
            "Set up {} (reporting currency {}); its group has the company BANK.",
            bank.name, bank.reporting_currency
        ),
        Ok(BankSaved::Updated { .. }) => println!("Updated the details of {}", bank.name),
        Err(crate::persistence::StoreError::InvalidField { field, message }) => {
            return Err(refuse_fields(&[FieldError::new(
                if field == "reporting_currency" {
                    "currency"
                } else {
                    &field
                },
                message,
            )]));
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

pub async fn sales_point(
    db: &DatabaseConnection,
    command: SalesPointCommand,
) -> anyhow::Result<()> {
    if store::bank_details(db).await?.is_none() {
        bail!("the bank is not set up: run `kombi bank init --name … --currency …` first");
    }
    match command {
        SalesPointCommand::Add(args) => {
            let draft = SalesPointDraft::parse(&SalesPointForm {
                code: args.code,
                name: args.name,
                city: args.city,
                region: args.region,
                format: args.format,
                branch_cost_per_minute: args.cost_per_minute,
                visit_overhead_minutes: args.visit_overhead_minutes,
                visit_limit_minutes: args.visit_limit_minutes,
                product_kinds: args.product_kinds,
            })
            .map_err(|errors| {
                let renamed: Vec<FieldError> = errors
                    .into_iter()
                    .map(|mut e| {
                        if e.field == "branch_cost_per_minute" {
                            e.field = "cost_per_minute".into();
                        }
                        e
                    })
                    .collect();
                refuse_fields(&renamed)
            })?;
            match service::add_point(db, &draft, &os_author()).await {
                Ok(()) => println!("Added sales point {} ({})", draft.code, draft.name),
                Err(crate::persistence::StoreError::Conflict { .. }) => bail!(
                    "--code: there is already a sales point {}; nothing was changed",
                    draft.code
                ),
                Err(other) => return Err(other.into()),
            }
        }
        SalesPointCommand::Import { file } => {
            let bytes = read(&file)?;
            let points = reference::sales_points(&bytes).map_err(|e| refuse_rows(&file, &e))?;
            let done = service::import_points(db, &points, &os_author()).await?;
            println!(
                "Imported {}: {} added, {} changed",
                file.display(),
                done.added.len(),
                done.updated.len()
            );
            if !done.costs_kept.is_empty() {
                println!(
                    "The bank is live: the costs of {} were kept (finance changes them with approval)",
                    done.costs_kept.join(", ")
                );
            }
        }
    }
    Ok(())
}

pub async fn rates(db: &DatabaseConnection, command: RatesCommand) -> anyhow::Result<()> {
    let RatesCommand::Import { file } = command;
    let Some(bank) = store::bank_details(db).await? else {
        bail!("the bank is not set up: run `kombi bank init --name … --currency …` first");
    };
    let bytes = read(&file)?;
    let rates =
        reference::rates(&bytes, bank.reporting_currency).map_err(|e| refuse_rows(&file, &e))?;
    match settings::import_rates(db, &rates, "", &os_author()).await {
        Ok(Done::Applied) => {
            println!(
                "Imported {} exchange rate(s) from {}",
                rates.len(),
                file.display()
            );
            Ok(())
        }
        Ok(Done::Proposed) => bail!("the rates were proposed instead of applied"),
        Err(settings_failure) => Err(anyhow::anyhow!("{settings_failure}; nothing was changed")),
    }
}
