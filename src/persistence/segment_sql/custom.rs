//! Custom attributes in SQL: values of the JSON object in `clients.custom_attributes`.
//!
//! Design decision, numbers: a rule compares a custom attribute as a number when the rule's
//! value is a number and the stored text is a plain decimal (`-?[0-9]+(\.[0-9]+)?`) of at most
//! [`CustomName::MAX_NUMBER_DIGITS`] (15) digits; the in-memory evaluation uses the same shape
//! test. Both sides are then cast: PostgreSQL to `numeric` (exact); SQLite has no decimal
//! type, only `REAL`, but every decimal of at most 15 significant digits converts to a distinct
//! double and the conversion keeps order, so equality and order agree with exact decimals. Longer
//! numbers are refused in rules and are not numbers in data (text that is never equal to a
//! number, and Unknown for `<`, `>`, `between`): a documented limit, not a silent float.
//!
//! - Missing key: NULL, like the in-memory Unknown.
//! - The stored text is checked for the shape before any cast, so a cast never sees text that
//!   is not a number (`CAST('12abc' AS REAL)` would be 12 in SQLite; PostgreSQL would fail).

use sea_orm::sea_query::extension::postgres::PgBinOper;
use sea_orm::sea_query::extension::sqlite::SqliteExpr;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, Func};

use super::{column, compare};
use crate::domain::segment::{CompareOp, CustomName, Value};

/// PostgreSQL's spelling of the same shape test.
const NUMBER_PATTERN: &str = "^-?[0-9]+([.][0-9]+)?$";

/// `name op value`, NULL when the client lacks the attribute.
pub(super) fn condition(postgres: bool, name: &CustomName, op: CompareOp, value: &Value) -> Expr {
    let stored = || stored(postgres, name);
    let n = match value {
        Value::Number(n) => n,
        // Text compares as text (parsing allows only = and != for it).
        Value::Text(text) => return compare(stored(), op, Expr::val(text.clone())),
        other => return compare(stored(), op, Expr::val(other.to_string())),
    };
    // The threshold is bound as text and cast like the stored text; on PostgreSQL through
    // `text` first, so the parameter's type is text however the driver declares it.
    let threshold = Expr::val(n.to_string());
    let threshold = if postgres {
        threshold.cast_as("text")
    } else {
        threshold
    };
    let numeric = compare(number(postgres, stored()), op, number(postgres, threshold));
    let when_number = CaseStatement::new().case(is_number(postgres, stored), numeric);
    // Text that is not a number is simply not equal to one; it has no order against one.
    let otherwise = match op {
        CompareOp::Eq => Some(false),
        CompareOp::Ne => Some(true),
        _ => None,
    };
    let statement = match otherwise {
        Some(answer) => when_number.case(stored().is_not_null(), Expr::val(answer)),
        None => when_number,
    };
    Expr::Case(Box::new(statement))
}

/// The attribute's text, NULL when the client has no such key.
fn stored(postgres: bool, name: &CustomName) -> Expr {
    if postgres {
        column("custom_attributes")
            .cast_as("jsonb")
            .binary(PgBinOper::CastJsonField, Expr::val(name.as_str()))
    } else {
        // Quoted, so that `.` and `-` in the name are part of the key, not path syntax.
        Func::cust("json_extract")
            .arg(column("custom_attributes"))
            .arg(format!("$.\"{}\"", name.as_str()))
            .into()
    }
}

fn number(postgres: bool, text: Expr) -> Expr {
    text.cast_as(if postgres { "numeric" } else { "REAL" })
}

fn digits(postgres: bool, text: Expr) -> Expr {
    let only_digits: Expr = if postgres {
        Func::cust("translate").arg(text).arg("-.").arg("").into()
    } else {
        let no_minus = Func::cust("replace").arg(text).arg("-").arg("");
        Func::cust("replace").arg(no_minus).arg(".").arg("").into()
    };
    Func::cust("length").arg(only_digits).into()
}

/// Whether `text` is a plain decimal of at most 15 digits (NULL for NULL).
fn is_number(postgres: bool, text: impl Fn() -> Expr) -> Expr {
    let short = digits(postgres, text()).lte(CustomName::MAX_NUMBER_DIGITS as i64);
    if postgres {
        return text()
            .binary(PgBinOper::Regex, Expr::val(NUMBER_PATTERN))
            .and(short);
    }
    // GLOB has no repetition: a digit (after an optional '-') first, then only digits and at
    // most one '.', not at the end.
    let rest: Expr = Func::cust("substr").arg(text()).arg(2).into();
    text()
        .glob("[0-9]*")
        .or(text().glob("-[0-9]*"))
        .and(rest.glob("*[^0-9.]*").not())
        .and(text().glob("*.*.*").not())
        .and(text().glob("*.").not())
        .and(short)
}
