//! The bank's set-up as the administrator (on the web) or a script (the command line) does it:
//! each change stored with its audit entry in one transaction; each import checked whole before
//! anything is written, then written whole or not at all.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use crate::domain::audit::{Action, Author, Fields, Subject};
use crate::domain::bank::SalesPoint;
use crate::domain::message::Message;
use crate::domain::profitability::SalesPointCosts;
use crate::domain::setup::{BankDetails, Company, OpenableKinds, SalesPointDraft, StaffRow};
use crate::domain::user::NewPassword;
use crate::import::RowError;
use crate::persistence::catalog::sales_points;
use crate::persistence::settings_changes::bank_is_live;
use crate::persistence::setup::{self, BankSaved};
use crate::persistence::{StoreError, audit, in_transaction, users};

fn bank_fields(bank: &BankDetails) -> Fields {
    Fields::new()
        .with("name", &bank.name)
        .with("reporting_currency", bank.reporting_currency)
        .with("legal_name", &bank.legal.legal_name)
        .with("address", &bank.legal.address)
        .with("tax_id", &bank.legal.tax_id)
        .with("licence", &bank.legal.licence)
        .with("phone", &bank.legal.phone)
}

/// Sets the bank up or changes its details.
///
/// # Errors
/// See [`setup::save_bank`].
pub async fn save_bank(
    db: &DatabaseConnection,
    details: &BankDetails,
    author: &Author,
) -> Result<BankSaved, StoreError> {
    audit::audited(db, async |txn| {
        let saved = setup::save_bank(txn, details).await?;
        // A new bank's group starts with the bank itself, so products can be created at once.
        if saved == BankSaved::Created && setup::companies(txn).await?.is_empty() {
            let own = Company {
                code: "BANK".to_owned(),
                name: details.name.clone(),
                kind: crate::domain::setup::CompanyKind::Bank,
            };
            setup::save_company(txn, &own).await?;
            let entry = author
                .entry(Action::Created, Subject::Company, &own.code)
                .after(company_fields(&own));
            audit::record(txn, &entry).await?;
        }
        let entry = match &saved {
            BankSaved::Created => author
                .entry(Action::Created, Subject::Bank, &details.name)
                .after(bank_fields(details)),
            BankSaved::Updated { before } => author
                .entry(Action::Changed, Subject::Bank, &details.name)
                .before(bank_fields(before))
                .after(bank_fields(details)),
        };
        Ok((saved, entry))
    })
    .await
}

fn company_fields(company: &Company) -> Fields {
    Fields::new()
        .with("name", &company.name)
        .with("kind", company.kind.as_str())
}

/// Adds a group company or changes one.
///
/// # Errors
/// Database errors only.
pub async fn save_company(
    db: &DatabaseConnection,
    company: &Company,
    author: &Author,
) -> Result<(), StoreError> {
    audit::audited(db, async |txn| {
        let before = setup::save_company(txn, company).await?;
        let entry = match before {
            None => author.entry(Action::Created, Subject::Company, &company.code),
            Some(before) => author
                .entry(Action::Changed, Subject::Company, &company.code)
                .before(company_fields(&before)),
        }
        .after(company_fields(company));
        Ok(((), entry))
    })
    .await
}

/// A point's description and costs as the audit trail shows them.
fn described(
    fields: Fields,
    (name, city, region, format): (&str, &str, &str, &str),
    kinds: &OpenableKinds,
    costs: &SalesPointCosts,
) -> Fields {
    fields
        .with("name", name)
        .with("city", city)
        .with("region", region)
        .with("format", format)
        .with("product_kinds", kinds)
        .with(
            "branch_cost_per_minute",
            costs.branch_cost_per_minute.normalize(),
        )
        .with(
            "visit_overhead_minutes",
            costs.visit_overhead_minutes.normalize(),
        )
        .with(
            "visit_limit_minutes",
            costs
                .visit_limit_minutes
                .map_or_else(|| "none".to_owned(), |v| v.normalize().to_string()),
        )
}

fn draft_fields(p: &SalesPointDraft) -> Fields {
    let names = (
        p.name.as_str(),
        p.city.as_str(),
        p.region.as_str(),
        p.format.as_str(),
    );
    described(Fields::new(), names, &p.product_kinds, &p.costs)
}

fn point_fields(p: &SalesPoint) -> Fields {
    let names = (
        p.name.as_str(),
        p.city.as_str(),
        p.region.as_str(),
        p.format.as_str(),
    );
    described(
        Fields::new().with("active", p.active),
        names,
        &p.opens,
        &p.costs,
    )
}

async fn find_point(
    txn: &DatabaseTransaction,
    code: &str,
) -> Result<Option<SalesPoint>, StoreError> {
    Ok(sales_points(txn)
        .await?
        .into_iter()
        .find(|p| p.code == code))
}

/// Adds a sales point, its costs included (the initial values need no approval).
///
/// # Errors
/// `Conflict { field: "code" }` when the code is taken.
pub async fn add_point(
    db: &DatabaseConnection,
    draft: &SalesPointDraft,
    author: &Author,
) -> Result<(), StoreError> {
    audit::audited(db, async |txn| {
        setup::add_point(txn, draft).await?;
        let entry = author
            .entry(Action::Created, Subject::SalesPoint, &draft.code)
            .after(draft_fields(draft));
        Ok(((), entry))
    })
    .await
}

/// Whether an edit of a point's costs is the administrator's to make: only before the bank is
/// live; after, costs change through finance's settings, with approval.
///
/// # Errors
/// Database errors only.
pub async fn costs_are_editable(db: &DatabaseConnection) -> Result<bool, StoreError> {
    Ok(!bank_is_live(db).await?)
}

/// Changes a point's description, and its costs while the bank is not live. Returns whether the
/// costs were left for finance.
///
/// # Errors
/// `NotFound` for an unknown point.
pub async fn update_point(
    db: &DatabaseConnection,
    draft: &SalesPointDraft,
    author: &Author,
) -> Result<bool, StoreError> {
    audit::audited(db, async |txn| {
        let before = find_point(txn, &draft.code)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("sales point {}", draft.code),
            })?;
        let with_costs = !bank_is_live(txn).await?;
        setup::update_point(txn, draft, with_costs).await?;
        let after = find_point(txn, &draft.code).await?;
        let costs_left = !with_costs && after.as_ref().map(|p| p.costs) != Some(draft.costs);
        let entry = author
            .entry(Action::Changed, Subject::SalesPoint, &draft.code)
            .before(point_fields(&before))
            .after(after.as_ref().map(point_fields).unwrap_or_default());
        Ok((costs_left, entry))
    })
    .await
}

/// What happened to a point that was to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointClosed {
    /// Nothing named it: it is gone.
    Deleted,
    /// Clients, matrices, offers or staff name it: it stays, inactive.
    Deactivated,
}

/// Closes a point: deleted when nothing names it, else deactivated (its records keep it).
///
/// # Errors
/// `NotFound` for an unknown point.
pub async fn close_point(
    db: &DatabaseConnection,
    code: &str,
    author: &Author,
) -> Result<PointClosed, StoreError> {
    audit::audited(db, async |txn| {
        let before = find_point(txn, code)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("sales point {code}"),
            })?;
        let uses = setup::point_uses(txn, code).await?;
        let (closed, action) = if uses.is_empty() {
            setup::delete_point(txn, code).await?;
            (PointClosed::Deleted, Action::Deleted)
        } else {
            setup::set_point_active(txn, code, false).await?;
            (PointClosed::Deactivated, Action::Deactivated)
        };
        let entry = author
            .entry(action, Subject::SalesPoint, code)
            .before(point_fields(&before))
            .after(
                Fields::new()
                    .with("active", false)
                    .with("used_by", uses.join(", ")),
            );
        Ok((closed, entry))
    })
    .await
}

/// Opens a deactivated point again.
///
/// # Errors
/// `NotFound` for an unknown point.
pub async fn reopen_point(
    db: &DatabaseConnection,
    code: &str,
    author: &Author,
) -> Result<(), StoreError> {
    audit::audited(db, async |txn| {
        setup::set_point_active(txn, code, true).await?;
        let entry = author
            .entry(Action::Reactivated, Subject::SalesPoint, code)
            .before(Fields::new().with("active", false))
            .after(Fields::new().with("active", true));
        Ok(((), entry))
    })
    .await
}

/// What a list of points did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PointsImported {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    /// Existing points whose costs in the file differ from the live ones: once the bank is
    /// live, costs are finance's, so these were kept.
    pub costs_kept: Vec<String>,
}

/// Adds the file's new points and updates the known ones, all in one transaction, each audited.
///
/// # Errors
/// Database errors; nothing is stored then.
pub async fn import_points(
    db: &DatabaseConnection,
    points: &[(u64, SalesPointDraft)],
    author: &Author,
) -> Result<PointsImported, StoreError> {
    in_transaction(db, async |txn| -> Result<PointsImported, StoreError> {
        let live = bank_is_live(txn).await?;
        let known = sales_points(txn).await?;
        let mut done = PointsImported::default();
        for (_, draft) in points {
            match known.iter().find(|p| p.code == draft.code) {
                None => {
                    setup::add_point(txn, draft).await?;
                    audit::record(
                        txn,
                        &author
                            .entry(Action::Created, Subject::SalesPoint, &draft.code)
                            .after(draft_fields(draft)),
                    )
                    .await?;
                    done.added.push(draft.code.clone());
                }
                Some(before) => {
                    setup::update_point(txn, draft, !live).await?;
                    if live && before.costs != draft.costs {
                        done.costs_kept.push(draft.code.clone());
                    }
                    let after = find_point(txn, &draft.code).await?;
                    let entry = author
                        .entry(Action::Changed, Subject::SalesPoint, &draft.code)
                        .before(point_fields(before))
                        .after(after.as_ref().map(point_fields).unwrap_or_default());
                    if entry.changes_something() {
                        done.updated.push(draft.code.clone());
                    }
                    audit::record(txn, &entry).await?;
                }
            }
        }
        Ok(done)
    })
    .await
}

/// A staff member added by an import, with the one-time password to hand over (shown once).
pub struct StaffAdded {
    pub row: StaffRow,
    pub one_time_password: NewPassword,
}

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportRefused {
    /// Rows that contradict what is stored (a taken username, an unknown sales point).
    #[error("{} problem(s)", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adds every staff member of the file, each with a one-time password and required to choose
/// their own at first sign-in; all or none.
///
/// # Errors
/// `Rows` naming each taken username and unknown or closed sales point; nothing is stored then.
pub async fn import_staff(
    db: &DatabaseConnection,
    rows: &[(u64, StaffRow)],
    author: &Author,
) -> Result<Vec<StaffAdded>, ImportRefused> {
    let points = sales_points(db).await?;
    let mut problems = Vec::new();
    for (line, row) in rows {
        if let Some(code) = &row.sales_point
            && !points.iter().any(|p| &p.code == code && p.active)
        {
            problems.push(RowError {
                line: *line,
                column: Some("sales_point".into()),
                reason: Message::new("sales-point-unknown").with("code", code),
            });
        }
        if users::find_by_username(db, row.username.as_str())
            .await?
            .is_some()
        {
            problems.push(RowError {
                line: *line,
                column: Some("username".into()),
                reason: Message::new("setup-username-taken"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ImportRefused::Rows(problems));
    }
    // One-time passwords are long and random: a light hash is enough for them (see
    // `security::hash_one_time_password`), which keeps an import of hundreds quick.
    let mut added = Vec::with_capacity(rows.len());
    let mut hashes = Vec::with_capacity(rows.len());
    for (_, row) in rows {
        let password = crate::security::one_time_password();
        let hash = crate::security::hash_one_time_password(password.expose())
            .map_err(|e| StoreError::Invalid(format!("hashing a password: {e}")))?;
        hashes.push(hash);
        added.push(StaffAdded {
            row: row.clone(),
            one_time_password: password,
        });
    }
    in_transaction(db, async |txn| -> Result<(), StoreError> {
        for (staff, hash) in added.iter().zip(hashes) {
            let row = &staff.row;
            let user = users::create(
                txn,
                &row.username,
                &row.display_name,
                row.role,
                hash.clone(),
            )
            .await?;
            users::set_role_and_point(txn, user.id, row.role, row.sales_point.as_deref()).await?;
            users::set_password(txn, user.id, hash, true).await?;
            let entry = author
                .entry(Action::Imported, Subject::User, row.username.as_str())
                .after(
                    Fields::new()
                        .with("display_name", &row.display_name)
                        .with("role", row.role.as_str())
                        .with("sales_point", row.sales_point.as_deref().unwrap_or("none"))
                        .with("password", "one-time, to be changed at first sign-in"),
                );
            audit::record(txn, &entry).await?;
        }
        Ok(())
    })
    .await?;
    Ok(added)
}
