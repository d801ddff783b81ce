//! Custom attributes in SQL: values of the JSON object in `clients.custom_attributes`.
//!
//! Design decision, numbers: a rule compares a custom attribute as a number when the rule's
//! value is a number and the stored text is a plain decimal (`-?[0-9]+(\.[0-9]+)?`) of at most
//! [`CustomName::MAX_NUMBER_DIGITS`] (28) digits, all a decimal holds; the in-memory evaluation
//! uses the same shape test. PostgreSQL casts both sides to `numeric` (exact). SQLite has no
//! decimal type and its `REAL` would round float noise such as `1000.0000000000002` to 1000, so
//! there both sides become a key that orders as text exactly as the decimals order (sign apart:
//! see `sqlite_exact`). Longer numbers are text, never equal to a number and Unknown for `<`,
//! `>`, `between`.
//!
//! - Missing key: NULL, like the in-memory Unknown.
//! - The stored text is checked for the shape before any cast, so a cast never sees text that
//!   is not a number (`CAST('12abc' AS REAL)` would be 12 in SQLite; PostgreSQL would fail).

use rust_decimal::Decimal;
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
    let numeric = if postgres {
        compare(number(postgres, stored()), op, number(postgres, threshold))
    } else {
        sqlite_exact(op, &stored, *n)
    };
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

/// Fraction digits a key keeps: every digit a stored number of at most
/// [`CustomName::MAX_NUMBER_DIGITS`] digits can have.
const KEY_FRACTION: usize = CustomName::MAX_NUMBER_DIGITS;

fn f(name: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Func::cust(name.to_owned()).args(args).into()
}

/// `a || b` on SQLite (`?` is its placeholder for the two expressions): sea-query writes its
/// concatenation operator for PostgreSQL only.
fn cat(a: Expr, b: impl Into<Expr>) -> Expr {
    Expr::cust_with_exprs("(? || ?)", [a, b.into()])
}

fn when(condition: Expr, then: Expr, otherwise: Expr) -> Expr {
    Expr::Case(Box::new(
        CaseStatement::new()
            .case(condition, then)
            .finally(otherwise),
    ))
}

/// SQLite has no exact decimal type: a stored number and the rule's are compared by sign, then
/// by a key of their magnitude that orders as text exactly as the decimals order
/// (`length of the integer part (3 digits) · integer part · '.' · fraction padded to
/// KEY_FRACTION`), leading and trailing zeros dropped, so `-0` is zero and `0012` is 12.
fn sqlite_exact(op: CompareOp, stored: &impl Fn() -> Expr, threshold: Decimal) -> Expr {
    use CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let x = stored;
    let negative = || f("substr", [x(), Expr::val(1), Expr::val(1)]).eq("-");
    let body = || when(negative(), f("substr", [x(), Expr::val(2)]), x());
    let dot = || f("instr", [body(), Expr::val(".")]);
    let whole = || {
        when(
            dot().gt(0),
            f("substr", [body(), Expr::val(1), dot().sub(1)]),
            body(),
        )
    };
    let whole = || f("ltrim", [whole(), Expr::val("0")]);
    let fraction = || {
        when(
            dot().gt(0),
            f(
                "rtrim",
                [f("substr", [body(), dot().add(1)]), Expr::val("0")],
            ),
            Expr::val(""),
        )
    };
    let zero = || whole().eq("").and(fraction().eq(""));
    let below_zero = negative().and(zero().not());
    let padding = "0".repeat(KEY_FRACTION);
    let length = f(
        "substr",
        [
            cat(Expr::val("000"), f("length", [whole()])),
            Expr::val(-3),
            Expr::val(3),
        ],
    );
    let padded = f(
        "substr",
        [
            cat(fraction(), Expr::val(padding.as_str())),
            Expr::val(1),
            Expr::val(KEY_FRACTION as i64),
        ],
    );
    let key = cat(cat(cat(length, whole()), Expr::val(".")), padded);
    let (t_negative, t_key) = magnitude_key(threshold);
    // Both on the same side of zero: magnitudes compare (reversed below zero); else the sign
    // decides.
    let same_side = if t_negative {
        below_zero.clone()
    } else {
        below_zero.clone().not()
    };
    let by_magnitude = |op| compare(key.clone(), op, t_key.clone());
    let reversed = |op| match op {
        Gt => Lt,
        Ge => Le,
        Lt => Gt,
        Le => Ge,
        other => other,
    };
    let on_same_side = by_magnitude(if t_negative { reversed(op) } else { op });
    // On different sides of zero, the one below is the smaller: the stored number when the
    // threshold is not below zero, else the threshold.
    let stored_smaller = !t_negative;
    let across = Expr::val(match op {
        Eq => false,
        Ne => true,
        Gt | Ge => !stored_smaller,
        Lt | Le => stored_smaller,
    });
    when(same_side, on_same_side, across)
}

/// Whether `value` is below zero, and the key of its magnitude (as [`sqlite_exact`] writes it).
fn magnitude_key(value: Decimal) -> (bool, String) {
    let negative = value.is_sign_negative() && !value.is_zero();
    let text = value.abs().normalize().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = whole.trim_start_matches('0');
    let mut fraction = fraction.trim_end_matches('0').to_owned();
    while fraction.len() < KEY_FRACTION {
        fraction.push('0');
    }
    (negative, format!("{:03}{whole}.{fraction}", whole.len()))
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
