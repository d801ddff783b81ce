//! Attributes stored in another form than the rule speaks of: income in scaled units, the home
//! sales point as a foreign key, tags and products as '|a|b|' lists.

use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LikeExpr, Query};

use super::{always, bind, case, column, compare, never};
use crate::domain::segment::{CompareOp, Value};

/// Where a rounded threshold falls among the storable units.
enum Units {
    BelowAll,
    At(i64),
    AboveAll,
}

/// `monthly_income op amount` on the BIGINT column of 1/10,000 units.
pub(super) fn income(op: CompareOp, amount: Decimal) -> Expr {
    use CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let stored = || column("monthly_income");
    let scaled = amount.checked_mul(Decimal::from(10_000));
    if matches!(op, Eq | Ne) {
        let exact = scaled
            .filter(|s| s.fract().is_zero())
            .and_then(|s| i64::try_from(s).ok());
        return match exact {
            Some(units) => compare(stored(), op, units),
            None if op == Eq => never(stored()),
            None => always(stored()),
        };
    }
    // Stored units are whole: u >= 10000.5 iff u >= 10001, and u > 10000.5 iff u > 10000.
    let rounded = scaled.map(|s| {
        if matches!(op, Ge | Lt) {
            s.ceil()
        } else {
            s.floor()
        }
    });
    let position = match rounded {
        Some(r) => i64::try_from(r).map_or(
            if r.is_sign_negative() {
                Units::BelowAll
            } else {
                Units::AboveAll
            },
            Units::At,
        ),
        // Beyond even Decimal's range: the sign says on which side.
        None if amount.is_sign_negative() => Units::BelowAll,
        None => Units::AboveAll,
    };
    match position {
        Units::At(units) => compare(stored(), op, units),
        Units::AboveAll if matches!(op, Lt | Le) => always(stored()),
        Units::BelowAll if matches!(op, Gt | Ge) => always(stored()),
        _ => never(stored()),
    }
}

/// `home_sales_point_id IN (SELECT id FROM sales_points WHERE code IN (…))`, NULL when the
/// client has no home sales point (the subquery alone would say False when no code exists).
pub(super) fn home_sales_point(codes: &[Value], negate: bool) -> Expr {
    let points = Alias::new("sales_points");
    let subquery = Query::select()
        .column((points.clone(), Alias::new("id")))
        .from(points.clone())
        .and_where(Expr::col((points, Alias::new("code"))).is_in(codes.iter().map(bind)))
        .to_owned();
    let id = || column("home_sales_point_id");
    let member = id().in_subquery(subquery);
    case(
        id().is_not_null(),
        if negate { member.not() } else { member },
    )
}

/// `column LIKE '%|item|%' ESCAPE '!'` on a '|a|b|' list column; never NULL, as the lists are
/// never missing (an empty list is stored as '').
pub(super) fn member(list: &str, item: &str) -> Expr {
    let mut pattern = String::from("%|");
    for c in item.chars() {
        if matches!(c, '%' | '_' | '!') {
            pattern.push('!');
        }
        pattern.push(c);
    }
    pattern.push_str("|%");
    column(list).like(LikeExpr::new(pattern).escape('!'))
}
