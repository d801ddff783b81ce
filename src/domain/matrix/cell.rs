//! A matrix cell: what one scope says about one product, and how a sales point's cell is
//! resolved from the cells that reach it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::scope::{PointPlace, Scope};
use crate::domain::message::Message;
use crate::domain::product::{Figure, FigureGroup};
use crate::domain::validation::FieldError;

/// What a product may be in the combined product at a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Offered as the product the client came for.
    Main,
    /// Offered beside another main product.
    AddOn,
    /// Either: the current account is the main product for a client who came for an account,
    /// and an add-on when the client came for the deposit.
    MainOrAddOn,
    NotOffered,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Main, Self::AddOn, Self::MainOrAddOn, Self::NotOffered];

    /// The name in forms, the database and the API (`main_or_add_on`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::AddOn => "add_on",
            Self::MainOrAddOn => "main_or_add_on",
            Self::NotOffered => "not_offered",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub const fn may_be_main(self) -> bool {
        matches!(self, Self::Main | Self::MainOrAddOn)
    }

    pub const fn may_be_add_on(self) -> bool {
        matches!(self, Self::AddOn | Self::MainOrAddOn)
    }
}

/// The fields one cell sets; every other field is inherited from a broader scope.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellPatch {
    pub role: Option<Role>,
    /// Bundle terms replacing the product's standalone ones (`Terms` figures only).
    pub terms: BTreeMap<Figure, Decimal>,
    /// The segment's expected usage of the product bought alone (`Usage` figures only).
    pub usage_alone: BTreeMap<Figure, Decimal>,
    /// The same, inside the combined product; the uplift is derived, never stored.
    pub usage_in_bundle: BTreeMap<Figure, Decimal>,
    /// Share of clients offered this add-on who take it, 0 to 1.
    pub take_up: Option<Decimal>,
    /// As a main product: its share of the segment's visits, 0 to 1.
    pub visit_share: Option<Decimal>,
    /// Place in the offer, first shown first.
    pub order: Option<u16>,
    /// The benefit in the client's words, shown to advisors.
    pub talking_points: Option<String>,
}

impl CellPatch {
    pub const MAX_TALKING_POINTS_CHARS: usize = 2_000;

    /// The values the cell sets, each under its field name (`role`, `terms.monthly_fee`,
    /// `take_up`) as exact text: what the audit trail and the approver's comparison show.
    pub fn values(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(role) = self.role {
            out.push(("role".to_owned(), role.as_str().to_owned()));
        }
        for (group, figures) in [
            ("terms", &self.terms),
            ("usage_alone", &self.usage_alone),
            ("usage_in_bundle", &self.usage_in_bundle),
        ] {
            for (figure, value) in figures {
                let name = format!("{group}.{}", figure.name());
                out.push((name, value.normalize().to_string()));
            }
        }
        for (name, value) in [("take_up", self.take_up), ("visit_share", self.visit_share)] {
            if let Some(value) = value {
                out.push((name.to_owned(), value.normalize().to_string()));
            }
        }
        if let Some(order) = self.order {
            out.push(("order".to_owned(), order.to_string()));
        }
        if let Some(text) = &self.talking_points {
            out.push(("talking_points".to_owned(), text.clone()));
        }
        out
    }

    /// Every problem of the patch, each naming its field (`terms.monthly_fee`, `take_up`).
    ///
    /// # Errors
    /// Figures of the wrong group, negative amounts, shares outside 0–1, over-long text.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let figures = [
            ("terms", FigureGroup::Terms, &self.terms),
            ("usage_alone", FigureGroup::Usage, &self.usage_alone),
            ("usage_in_bundle", FigureGroup::Usage, &self.usage_in_bundle),
        ];
        for (part, group, values) in figures {
            for (figure, value) in values {
                let field = format!("{part}.{}", figure.name());
                if figure.group() != group {
                    let key = match group {
                        FigureGroup::Terms => "matrix-not-a-term",
                        _ => "matrix-not-usage",
                    };
                    errors.push(FieldError::new(field, Message::new(key)));
                } else if *value < Decimal::ZERO {
                    let message = Message::new("field-not-negative").with("value", value);
                    errors.push(FieldError::new(field, message));
                }
            }
        }
        for (field, share) in [("take_up", self.take_up), ("visit_share", self.visit_share)] {
            if share.is_some_and(|s| s < Decimal::ZERO || s > Decimal::ONE) {
                errors.push(FieldError::new(field, Message::new("matrix-share-range")));
            }
        }
        if let Some(text) = &self.talking_points
            && text.chars().count() > Self::MAX_TALKING_POINTS_CHARS
        {
            let message = Message::new("matrix-talking-points-long")
                .with("max", Self::MAX_TALKING_POINTS_CHARS);
            errors.push(FieldError::new("talking_points", message));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A product's cell at one sales point, every field taken from the most specific cell that
/// sets it. Terms and usage hold only what cells set: the product's standalone figures apply
/// to the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedCell {
    /// `NotOffered` when no cell gives the product a role here.
    pub role: Role,
    pub terms: BTreeMap<Figure, Decimal>,
    pub usage_alone: BTreeMap<Figure, Decimal>,
    pub usage_in_bundle: BTreeMap<Figure, Decimal>,
    pub take_up: Option<Decimal>,
    pub visit_share: Option<Decimal>,
    pub order: Option<u16>,
    pub talking_points: Option<String>,
    /// Which scope each set field came from (`role`, `terms.monthly_fee` …), for a page to
    /// show a value as inherited.
    pub from: BTreeMap<String, Scope>,
}

/// Two cells of the same specificity that reach one point disagree on a field (a point in two
/// groups that set its fee differently): the bank must say which applies.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field} is set differently by {first:?} and {second:?}, which both reach {point}")]
pub struct ResolveError {
    pub field: String,
    pub point: String,
    pub first: Scope,
    pub second: Scope,
}

impl ResolveError {
    pub fn message(&self) -> Message {
        let name = |scope: &Scope| match scope {
            Scope::AllPoints => String::new(),
            Scope::Group(name) | Scope::Point(name) => name.clone(),
        };
        Message::new("matrix-ambiguous")
            .with("field", &self.field)
            .with("point", &self.point)
            .with("first", name(&self.first))
            .with("second", name(&self.second))
    }
}

/// The cell of one product at `place`, from that product's cells in a version.
///
/// # Errors
/// When two equally specific cells reaching `place` set one field to different values.
pub fn resolve(
    cells: &[(Scope, CellPatch)],
    place: &PointPlace,
) -> Result<ResolvedCell, ResolveError> {
    let refs: Vec<(&Scope, &CellPatch)> = cells.iter().map(|(s, p)| (s, p)).collect();
    resolve_refs(&refs, place)
}

/// [`resolve`] on borrowed cells: what evaluating a whole version uses, copying no cell.
///
/// # Errors
/// As [`resolve`].
pub fn resolve_refs(
    cells: &[(&Scope, &CellPatch)],
    place: &PointPlace,
) -> Result<ResolvedCell, ResolveError> {
    let reaching: Vec<(&Scope, &CellPatch)> = cells
        .iter()
        .filter(|(s, _)| s.applies_to(place))
        .copied()
        .collect();
    let mut from = BTreeMap::new();
    // The field's name is only written out when it is recorded or reported.
    let mut pick = |field: &dyn Fn() -> String, set: &dyn Fn(&CellPatch) -> Option<Value>| {
        let setters: Vec<(&Scope, Value)> = reaching
            .iter()
            .filter_map(|(scope, patch)| Some((*scope, set(patch)?)))
            .collect();
        // Only the most specific setters count: a point's own cell settles its groups.
        let top = setters.iter().map(|(s, _)| s.specificity()).max();
        let mut at_top = setters
            .into_iter()
            .filter(|(s, _)| Some(s.specificity()) == top);
        let Some((scope, value)) = at_top.next() else {
            return Ok(None);
        };
        if let Some((other, _)) = at_top.find(|(_, v)| *v != value) {
            return Err(ResolveError {
                field: field(),
                point: place.code.clone(),
                first: (*scope).clone(),
                second: (*other).clone(),
            });
        }
        from.insert(field(), (*scope).clone());
        Ok(Some(value))
    };

    let role = pick(&|| "role".into(), &|p| p.role.map(Value::Role))?;
    let take_up = pick(&|| "take_up".into(), &|p| p.take_up.map(Value::Number))?;
    let visit_share = pick(&|| "visit_share".into(), &|p| {
        p.visit_share.map(Value::Number)
    })?;
    let order = pick(&|| "order".into(), &|p| p.order.map(Value::Order))?;
    let talking_points = pick(&|| "talking_points".into(), &|p| {
        p.talking_points.clone().map(Value::Text)
    })?;
    let mut maps: [BTreeMap<Figure, Decimal>; 3] = Default::default();
    let parts: [(&str, FiguresOf); 3] = [
        ("terms", |p| &p.terms),
        ("usage_alone", |p| &p.usage_alone),
        ("usage_in_bundle", |p| &p.usage_in_bundle),
    ];
    for ((part, of), resolved) in parts.into_iter().zip(&mut maps) {
        for figure in Figure::ALL {
            let field = || format!("{part}.{}", figure.name());
            if let Some(Value::Number(value)) =
                pick(&field, &|p| of(p).get(figure).copied().map(Value::Number))?
            {
                resolved.insert(*figure, value);
            }
        }
    }
    let [terms, usage_alone, usage_in_bundle] = maps;
    Ok(ResolvedCell {
        role: match role {
            Some(Value::Role(role)) => role,
            _ => Role::NotOffered,
        },
        terms,
        usage_alone,
        usage_in_bundle,
        take_up: number(take_up),
        visit_share: number(visit_share),
        order: match order {
            Some(Value::Order(order)) => Some(order),
            _ => None,
        },
        talking_points: match talking_points {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        },
        from,
    })
}

/// Reads one of a patch's maps of figures.
type FiguresOf = fn(&CellPatch) -> &BTreeMap<Figure, Decimal>;

/// One field's value, whatever its type, so that one picking rule serves every field.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Role(Role),
    Number(Decimal),
    Order(u16),
    Text(String),
}

fn number(value: Option<Value>) -> Option<Decimal> {
    match value {
        Some(Value::Number(n)) => Some(n),
        _ => None,
    }
}

/// How much more of a figure the segment is expected to use inside the combined product, as a
/// fraction (0.3 = 30 % more); `None` when nothing is used alone (no ratio to speak of) or the
/// ratio does not fit a decimal.
pub fn uplift(alone: Decimal, in_bundle: Decimal) -> Option<Decimal> {
    if alone.is_zero() {
        return None;
    }
    in_bundle.checked_sub(alone)?.checked_div(alone)
}
