//! Attributes stored in another form than the rule speaks of: income in scaled units, the home
//! sales point as a foreign key, tags and products as '|a|b|' lists.

use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LikeExpr, Query};

use super::{always, bind, case, column, compare, never};
use crate::domain::segment::{CompareOp, Value};

/// Digits of an income beyond its fourth decimal that a comparison reads: a stored income has
/// at most 28 decimals (`rust_decimal`'s scale), so 24.
const REST_DIGITS: usize = 24;

/// `monthly_income op amount`, exactly. Incomes are never negative (the import refuses them).
///
/// An income `x` is `u` whole units of 1/10,000 (the indexed BIGINT column) and a rest: its
/// digits beyond the fourth decimal, right-padded with zeros to [`REST_DIGITS`]. For two
/// non-negative decimals, comparing `(u, rest)` pairs in order (the rests as equal-length digit
/// strings, byte by byte) is comparing the decimals. The rest is read only where the units
/// equal the threshold's.
pub(super) fn income(op: CompareOp, amount: Decimal, postgres: bool) -> Expr {
    use CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let stored = || column("monthly_income");
    let above_all = |op| match op {
        Lt | Le | Ne => always(stored()),
        _ => never(stored()),
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        return match op {
            Gt | Ge | Ne => always(stored()),
            _ => never(stored()),
        };
    }
    let Some(scaled) = amount.checked_mul(Decimal::from(10_000)) else {
        return above_all(op);
    };
    let whole = scaled.trunc();
    let Ok(units) = i64::try_from(whole) else {
        return above_all(op);
    };
    let threshold_rest = rest_digits(scaled - whole);
    let rest = stored_rest(postgres);
    let same_units = || stored().eq(units);
    let by_rest = |op| same_units().and(compare(rest.clone(), op, threshold_rest.clone()));
    match op {
        Eq => by_rest(Eq),
        Ne => stored().ne(units).or(by_rest(Ne)),
        Gt => stored().gt(units).or(by_rest(Gt)),
        Ge => stored().gt(units).or(by_rest(Ge)),
        Lt => stored().lt(units).or(by_rest(Lt)),
        Le => stored().lt(units).or(by_rest(Le)),
    }
}

/// A fraction in `[0, 1)` as its first [`REST_DIGITS`] decimals.
fn rest_digits(fraction: Decimal) -> String {
    let text = fraction.normalize().to_string();
    let digits = text.split_once('.').map_or("", |(_, d)| d);
    let mut rest: String = digits.chars().take(REST_DIGITS).collect();
    while rest.len() < REST_DIGITS {
        rest.push('0');
    }
    rest
}

/// The stored income's digits beyond the fourth decimal, padded like [`rest_digits`]; all zeros
/// for an income without an exact text. Compared byte by byte (`COLLATE "C"` on PostgreSQL,
/// SQLite's default).
fn stored_rest(postgres: bool) -> Expr {
    let exact = r#""clients"."monthly_income_exact""#;
    let zeros = "0".repeat(REST_DIGITS);
    let position = if postgres {
        format!("strpos({exact}, '.')")
    } else {
        format!("instr({exact}, '.')")
    };
    let fraction =
        format!("CASE WHEN {position} > 0 THEN substr({exact}, {position} + 5) ELSE '' END");
    let padded = format!("substr(coalesce({fraction}, '') || '{zeros}', 1, {REST_DIGITS})");
    Expr::cust(if postgres {
        format!("({padded}) COLLATE \"C\"")
    } else {
        padded
    })
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
