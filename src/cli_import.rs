//! `kombi import-crm`: a CRM extract into the database, with a progress bar on the terminal.

use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::DatabaseConnection;

use crate::domain::audit::{Action, Subject};
use crate::import::Mapping;
use crate::persistence::audit;
use crate::persistence::crm_import::import_file_keeping;

/// Errors printed on the terminal; the rest go to `--errors-csv`.
const ERRORS_SHOWN: usize = 20;

/// `kombi import-crm FILE --suggest-mapping`: the suggested mapping on standard output, what
/// to decide on standard error.
///
/// # Errors
/// A file that cannot be opened or read as CSV.
pub fn suggest(file: &Path) -> anyhow::Result<()> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("reading {}", file.display()))?;
    let suggestion = crate::import::suggest_mapping(
        std::io::BufReader::new(opened),
        chrono::Utc::now().date_naive(),
    )
    .with_context(|| format!("reading {}", file.display()))?;
    print!("{}", suggestion.toml);
    if !suggestion.decide.is_empty() {
        eprintln!("Decide before importing with this mapping:");
        for point in &suggestion.decide {
            eprintln!("  - {point}");
        }
    }
    Ok(())
}

/// # Errors
/// An unreadable mapping or file, a file that cannot be imported at all, a database failure;
/// and, after the rows that were good are stored, every row rejected, or more than
/// `max_rejected`.
pub async fn import_crm(
    db: &DatabaseConnection,
    file: &Path,
    mapping: Option<&Path>,
    errors_csv: Option<&Path>,
    max_rejected: Option<u64>,
) -> anyhow::Result<()> {
    let mapping = match mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Mapping::from_toml(&text).with_context(|| format!("mapping {}", path.display()))?
        }
        None => Mapping::canonical(),
    };
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (report, progress) = import_file_keeping(db, file, &mapping, errors_csv.is_some(), |p| {
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_read);
        bar.set_message(format!("{} rows, {} skipped", p.rows, p.skipped));
    })
    .await
    .with_context(|| format!("importing {}", file.display()))?;
    bar.finish_and_clear();
    let entry = crate::cli::os_author()
        .entry(
            Action::Imported,
            Subject::Import,
            file.display().to_string(),
        )
        .after(progress.audit_fields());
    audit::record(db, &entry).await?;

    println!(
        "{} ({}): {} rows read, {} imported ({} new or changed, the rest unchanged), {} skipped.",
        file.display(),
        report.encoding.unwrap_or("UTF-8"),
        report.rows,
        report.imported,
        progress.written,
        report.skipped
    );
    for (name, count) in &report.custom_attributes {
        let column = report
            .custom_columns
            .get(name)
            .map(|c| format!(" (column {c:?})"))
            .unwrap_or_default();
        println!(
            "  custom attribute {name}{column}: {} number(s), {} text(s)",
            count.numbers, count.texts
        );
    }
    for error in report.errors.iter().take(ERRORS_SHOWN) {
        println!("  {error}");
    }
    let not_shown =
        report.errors.len().saturating_sub(ERRORS_SHOWN) as u64 + report.errors_not_kept;
    if not_shown > 0 {
        println!("  … and {not_shown} more (use --errors-csv FILE to get them all)");
    }
    if let Some(path) = errors_csv {
        std::fs::write(path, report.to_csv())
            .with_context(|| format!("writing {}", path.display()))?;
        println!("Rejected rows written to {}", path.display());
    }
    // A script must see a failed import fail.
    if report.rows > 0 && report.imported == 0 {
        anyhow::bail!("every row of {} was rejected", file.display());
    }
    if let Some(limit) = max_rejected
        && report.skipped > limit
    {
        anyhow::bail!(
            "{} rows were rejected, more than --max-rejected {limit}",
            report.skipped
        );
    }
    Ok(())
}
