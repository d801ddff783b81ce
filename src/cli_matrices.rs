//! `kombi matrices evaluate`: whole-bank re-pricing from the command line, for finance's
//! scripts and CI. Exit status 1 when any published bundle fails a blocking verdict.

use std::io::Write;

use anyhow::bail;
use sea_orm::DatabaseConnection;

use crate::persistence::matrices;
use crate::service::matrices::BankView;
use crate::service::repricing::{RepricedBundle, reprice};

/// Evaluates every published matrix (with `all_versions`, drafts too) and prints a table, or
/// JSON with `json`.
///
/// # Errors
/// Database errors; a published bundle failing a blocking verdict.
pub async fn evaluate(
    db: &DatabaseConnection,
    all_versions: bool,
    json: bool,
) -> anyhow::Result<()> {
    let today = chrono::Utc::now().date_naive();
    let bank = BankView::load(db, today).await?;
    let versions = matrices::published_everywhere(db, all_versions).await?;
    let rows = reprice(&bank, &versions);
    let mut out = std::io::stdout().lock();
    let written = if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)
    } else {
        write_table(&mut out, &rows)
    };
    match written {
        // `… | head` closing the pipe early is not an error.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => return Err(err.into()),
        _ => {}
    }
    let failing = rows
        .iter()
        .filter(|r| r.status == "published" && !r.passes())
        .count();
    if failing > 0 {
        bail!("{failing} published bundle(s) fail a blocking verdict");
    }
    eprintln!(
        "{} bundle(s) in {} version(s) evaluated; every published one passes",
        rows.len(),
        versions.len()
    );
    Ok(())
}

fn write_table(out: &mut impl Write, rows: &[RepricedBundle]) -> std::io::Result<()> {
    let dash = || "-".to_owned();
    writeln!(
        out,
        "{:<20} {:>3} {:<9} {:<9} {:<10} {:>12} {:>12} {:>8} {:>10}  verdict",
        "segment", "v", "status", "point", "main", "revenue", "profit", "margin", "saving"
    )?;
    for row in rows {
        let margin = row.margin.map_or_else(dash, |m| {
            format!("{:.2}%", m * rust_decimal::Decimal::ONE_HUNDRED)
        });
        let verdict = match row.blocking.first() {
            None if row.warnings.is_empty() => "ok".to_owned(),
            None => format!("ok, {} warning(s)", row.warnings.len()),
            Some(first) => format!("BLOCKED: {first}"),
        };
        writeln!(
            out,
            "{:<20} {:>3} {:<9} {:<9} {:<10} {:>12} {:>12} {:>8} {:>10}  {verdict}",
            row.segment,
            row.version,
            row.status,
            row.point,
            row.main.as_deref().unwrap_or("-"),
            row.revenue.map_or_else(dash, |v| v.to_string()),
            row.profit.map_or_else(dash, |v| v.to_string()),
            margin,
            row.client_saving.map_or_else(dash, |v| v.to_string()),
        )?;
    }
    Ok(())
}
