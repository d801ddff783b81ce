//! Segment rules as SQL over the `clients` table, so the database counts and lists a segment's
//! clients exactly as [`SegmentRule::truth`] judges them one by one.
//!
//! Design decisions:
//! - Every value from the rule is a bound parameter; the SQL text holds only identifiers and
//!   operators.
//! - SQL's NULL is the rule's Unknown. Plain comparisons give NULL on a NULL column by
//!   themselves; wherever SQL would turn an Unknown into True or False, the translation keeps it
//!   NULL instead (`not` is a plain `NOT`, so one such slip would let `not` match clients the
//!   in-memory evaluation refuses). The three places that need care:
//!   - `age` of a client born after `today` is Unknown, as in [`Client::age_on`]: the date ages
//!     count from (`age_basis`: the birth date, or a stated age's basis) is read through
//!     `CASE WHEN age_basis <= today THEN age_basis END`.
//!   - `home_sales_point_id IN (SELECT id FROM sales_points WHERE code = ?)` is False, not NULL,
//!     for a client without a home sales point when the code does not exist; it is guarded by
//!     `CASE WHEN home_sales_point_id IS NOT NULL THEN … END`.
//!   - A comparison that holds for every known value, or for none (`monthly_income = 1.00005`
//!     cannot hold at scale 4), is written `x = x` or `x <> x`: True or False, but NULL on NULL.
//! - `age >= n` becomes `age_basis <= cutoff(n)`, the last birth date that has turned `n` by
//!   `today`: the same day `n` years back, or 28 February when that would be 29 February (a
//!   leap-day baby turns a year older on 1 March in common years, as `Client::age_on` says).
//! - `monthly_income` is stored floored to units of 1/10,000, beside the exact text the CRM sent
//!   (`monthly_income_exact`). An income compares exactly, at any number of decimals: first by
//!   its units, then, where the units are equal, by its digits beyond the fourth decimal
//!   (`stored::income`), so `monthly_income > 14.8909` holds for 14.890999999999998 as the
//!   in-memory evaluation says.
//! - Custom attributes: see [`custom`].
//! - Backends: PostgreSQL, and SQLite for everything else (Kombi compiles no other driver).
//!
//! [`Client::age_on`]: crate::domain::client::Client::age_on

mod custom;
mod stored;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, NaiveDate};
use sea_orm::DbBackend;
use sea_orm::sea_query::{Alias, CaseStatement, Condition, Expr, ExprTrait};

use stored::{home_sales_point, income, member};

use crate::domain::segment::{
    Attribute, CompareOp, Condition as Test, RuleExpr, SegmentRule, Value,
};

const CLIENTS: &str = "clients";

/// The WHERE condition selecting the clients `rule` matches on `today`.
#[must_use]
pub fn rule_condition(rule: &SegmentRule, backend: DbBackend, today: NaiveDate) -> Condition {
    let sql = Sql {
        postgres: backend == DbBackend::Postgres,
        today,
    };
    Condition::all().add(sql.rule(rule.expr()))
}

struct Sql {
    postgres: bool,
    today: NaiveDate,
}

fn column(name: &str) -> Expr {
    Expr::col((Alias::new(CLIENTS), Alias::new(name)))
}

fn compare(left: Expr, op: CompareOp, right: impl Into<Expr>) -> Expr {
    match op {
        CompareOp::Eq => left.eq(right),
        CompareOp::Ne => left.ne(right),
        CompareOp::Lt => left.lt(right),
        CompareOp::Le => left.lte(right),
        CompareOp::Gt => left.gt(right),
        CompareOp::Ge => left.gte(right),
    }
}

/// True for every known value of `x`, NULL for NULL.
fn always(x: Expr) -> Expr {
    x.clone().eq(x)
}

/// False for every known value of `x`, NULL for NULL.
fn never(x: Expr) -> Expr {
    x.clone().ne(x)
}

fn case(when: Expr, then: Expr) -> Expr {
    Expr::Case(Box::new(CaseStatement::new().case(when, then)))
}

/// The value as the column stores it: enums as their snake_case code.
fn bind(value: &Value) -> Expr {
    match value {
        // Only whole-number attributes reach here (parsing guarantees it).
        Value::Number(n) => i64::try_from(*n).map_or_else(|_| Expr::val(n.to_string()), Expr::val),
        Value::Text(text) => Expr::val(text.clone()),
        Value::Flag(flag) => Expr::val(*flag),
        Value::Date(date) => Expr::val(*date),
        Value::Gender(v) => Expr::val(v.as_str()),
        Value::Employment(v) => Expr::val(v.as_str()),
        Value::MaritalStatus(v) => Expr::val(v.as_str()),
        Value::DigitalAffinity(v) => Expr::val(v.as_str()),
    }
}

fn whole(value: &Value) -> i64 {
    match value {
        Value::Number(n) => i64::try_from(*n).unwrap_or_default(),
        _ => 0,
    }
}

/// The column an attribute compared as-is lives in.
fn plain_column(attribute: &Attribute) -> Option<&'static str> {
    Some(match attribute {
        Attribute::BirthDate => "birth_date",
        Attribute::Gender => "gender",
        Attribute::Employment => "employment",
        Attribute::IncomeCurrency => "income_currency",
        Attribute::City => "city",
        Attribute::Region => "region",
        Attribute::CityPopulation => "city_population",
        Attribute::MaritalStatus => "marital_status",
        Attribute::Children => "children",
        Attribute::DigitalAffinity => "digital_affinity",
        Attribute::PreferredLanguage => "preferred_language",
        Attribute::IslamicBanking => "islamic_banking",
        Attribute::ConsentToOffers => "consent_to_offers",
        Attribute::DataVerifiedOn => "data_verified_on",
        _ => return None,
    })
}

impl Sql {
    fn rule(&self, rule: &RuleExpr) -> Expr {
        let join = |rules: &[RuleExpr], and: bool| {
            let mut parts = rules.iter().map(|r| self.rule(r));
            let first = parts.next().unwrap_or_else(|| Expr::val(and));
            parts.fold(
                first,
                |acc, part| if and { acc.and(part) } else { acc.or(part) },
            )
        };
        match rule {
            RuleExpr::Condition(test) => self.test(test),
            RuleExpr::Not(inner) => self.rule(inner).not(),
            RuleExpr::All(rules) => join(rules, true),
            RuleExpr::Any(rules) => join(rules, false),
        }
    }

    fn test(&self, test: &Test) -> Expr {
        match test {
            Test::HasTag(tag) => member("lifestyle_tags", tag),
            Test::Holds(code) => member("products_held", code),
            Test::Compare {
                attribute,
                op,
                value,
            } => self.compare(attribute, *op, value),
            Test::Between {
                attribute,
                low,
                high,
            } => match plain_column(attribute) {
                Some(name) => column(name).between(bind(low), bind(high)),
                None => self
                    .compare(attribute, CompareOp::Ge, low)
                    .and(self.compare(attribute, CompareOp::Le, high)),
            },
            Test::In { attribute, values } => match (plain_column(attribute), attribute) {
                (Some(name), _) => column(name).is_in(values.iter().map(bind)),
                (None, Attribute::HomeSalesPoint) => home_sales_point(values, false),
                _ => {
                    let mut tests = values
                        .iter()
                        .map(|v| self.compare(attribute, CompareOp::Eq, v));
                    let first = tests.next().unwrap_or_else(|| Expr::val(false));
                    tests.fold(first, ExprTrait::or)
                }
            },
        }
    }

    fn compare(&self, attribute: &Attribute, op: CompareOp, value: &Value) -> Expr {
        if let Some(name) = plain_column(attribute) {
            return compare(column(name), op, bind(value));
        }
        match attribute {
            Attribute::Age => self.age(op, whole(value)),
            Attribute::DataAgeDays => self.data_age(op, whole(value)),
            Attribute::MonthlyIncome => match value {
                Value::Number(amount) => income(op, *amount, self.postgres),
                other => compare(column("monthly_income"), op, bind(other)),
            },
            Attribute::HomeSalesPoint => {
                home_sales_point(std::slice::from_ref(value), op == CompareOp::Ne)
            }
            Attribute::Custom(name) => custom::condition(self.postgres, name, op, value),
            _ => compare(column(attribute.name()), op, bind(value)),
        }
    }

    /// The last birth date that has reached `years` of age by `today`.
    fn cutoff(&self, years: i64) -> NaiveDate {
        let year = i32::try_from(i64::from(self.today.year()) - years).unwrap_or(i32::MIN);
        NaiveDate::from_ymd_opt(year, self.today.month(), self.today.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .unwrap_or(NaiveDate::MIN)
    }

    fn age(&self, op: CompareOp, years: i64) -> Expr {
        // Born after today: no age yet, so Unknown (NULL) like `Client::age_on`'s `None`.
        // `age_basis` is the birth date, or a stated age's date that many years back.
        let born = || case(column("age_basis").lte(self.today), column("age_basis"));
        let reached = |n: i64| born().lte(self.cutoff(n));
        let not_reached = |n: i64| born().gt(self.cutoff(n));
        match op {
            CompareOp::Ge => reached(years),
            CompareOp::Gt => reached(years + 1),
            CompareOp::Le => not_reached(years + 1),
            CompareOp::Lt => not_reached(years),
            CompareOp::Eq => reached(years).and(not_reached(years + 1)),
            CompareOp::Ne => not_reached(years).or(reached(years + 1)),
        }
    }

    /// `data_age_days op n` is `data_verified_on op' (today - n days)`, the order reversed.
    fn data_age(&self, op: CompareOp, days: i64) -> Expr {
        let day = if days >= 0 {
            self.today.checked_sub_days(Days::new(days.unsigned_abs()))
        } else {
            self.today.checked_add_days(Days::new(days.unsigned_abs()))
        };
        let day = day.unwrap_or(self.today);
        let reversed = match op {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            same => same,
        };
        compare(column("data_verified_on"), reversed, day)
    }
}
