//! The demo bank's published matrices: four segments at the Moscow head office and the
//! Novosibirsk credit-and-cash office. The first is the worked example's bundle (deposit as
//! main: revenue 18 968.00, profit 11 148.00, margin 58.77 % at the head office); the
//! credit-and-cash office offers fewer products (no credit decision there, a 60-minute visit).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::matrix::{CellPatch, Link, MatrixContent, Role, Scope};
use crate::domain::product::Figure;

/// One cell: (product, scope, role, bundle terms, usage alone, usage in the bundle, take-up,
/// share of visits, order, talking points). Scope `*` is every point, `format:…`/`region:…` a
/// group, anything else a point's code.
pub struct DemoCell {
    pub product: &'static str,
    pub scope: &'static str,
    pub role: Option<&'static str>,
    pub terms: &'static [(&'static str, &'static str)],
    pub alone: &'static [(&'static str, &'static str)],
    pub in_bundle: &'static [(&'static str, &'static str)],
    pub take_up: Option<&'static str>,
    pub visit_share: Option<&'static str>,
    pub order: Option<u16>,
    pub talking_points: &'static str,
}

const CELL: DemoCell = DemoCell {
    product: "",
    scope: "*",
    role: None,
    terms: &[],
    alone: &[],
    in_bundle: &[],
    take_up: None,
    visit_share: None,
    order: None,
    talking_points: "",
};

pub struct DemoMatrix {
    pub segment: &'static str,
    /// Per month, in roubles: a service package instead of the products' own fees.
    pub package_fee: Option<&'static str>,
    pub cells: &'static [DemoCell],
    pub links: fn() -> Vec<Link>,
}

/// Where the credit card and online banking are not offered: no credit decision at a
/// credit-and-cash office, and their minutes would not fit its 60-minute visit.
const KKO: &str = "format:credit_cash_office";

pub const MATRICES: &[DemoMatrix] = &[
    DemoMatrix {
        segment: "URBAN_MALE_35",
        package_fee: None,
        cells: &[
            DemoCell {
                product: "DEP_PLUS",
                role: Some("main_or_add_on"),
                terms: &[("client_rate", "0.135")],
                alone: &[("avg_balance", "300000")],
                in_bundle: &[("avg_balance", "300000")],
                take_up: Some("0.30"),
                visit_share: Some("0.55"),
                order: Some(0),
                talking_points: "Your savings earn 13.5 % instead of 13 % because you take the set; the credit card's limit is backed by the deposit.",
                ..CELL
            },
            DemoCell {
                product: "CA_RUB",
                role: Some("main_or_add_on"),
                terms: &[("monthly_fee", "0")],
                alone: &[("avg_balance", "40000")],
                in_bundle: &[("avg_balance", "60000")],
                take_up: Some("0.85"),
                visit_share: Some("0.45"),
                order: Some(1),
                talking_points: "An account without the 99-rouble monthly fee: your salary, transfers and cards all run through it.",
                ..CELL
            },
            DemoCell {
                product: "CC_GRACE",
                role: Some("add_on"),
                terms: &[("annual_fee", "490")],
                alone: &[("avg_balance", "25000"), ("annual_spend", "240000")],
                in_bundle: &[("avg_balance", "30000"), ("annual_spend", "312000")],
                take_up: Some("0.35"),
                order: Some(2),
                talking_points: "A credit card with a grace period for 490 roubles a year instead of 1 490; subject to approval.",
                ..CELL
            },
            DemoCell {
                product: "CC_GRACE",
                scope: KKO,
                role: Some("not_offered"),
                ..CELL
            },
            DemoCell {
                product: "ONLINE",
                role: Some("add_on"),
                terms: &[("setup_fee", "500")],
                take_up: Some("0.70"),
                order: Some(3),
                talking_points: "Manage everything from your phone, so you need not come back to the branch; set up before you leave.",
                ..CELL
            },
            DemoCell {
                product: "ONLINE",
                scope: KKO,
                role: Some("not_offered"),
                ..CELL
            },
            DemoCell {
                product: "TRANSFERS",
                role: Some("add_on"),
                terms: &[("transaction_fee", "15")],
                alone: &[("transactions", "24")],
                in_bundle: &[("transactions", "48")],
                take_up: Some("0.60"),
                order: Some(4),
                talking_points: "Transfers to anyone for 15 roubles instead of 30.",
                ..CELL
            },
            DemoCell {
                product: "VCARD",
                role: Some("add_on"),
                terms: &[("annual_fee", "0")],
                alone: &[("annual_spend", "60000")],
                in_bundle: &[("annual_spend", "90000")],
                take_up: Some("0.50"),
                order: Some(5),
                talking_points: "A free virtual card for paying online safely, topped up from your account.",
                ..CELL
            },
            DemoCell {
                product: "VENDOR_PAY",
                role: Some("add_on"),
                alone: &[("transactions", "36")],
                in_bundle: &[("transactions", "60")],
                take_up: Some("0.55"),
                order: Some(6),
                talking_points: "Pay utilities, phone and internet without commission, straight from your account.",
                ..CELL
            },
        ],
        links: urban_links,
    },
    DemoMatrix {
        segment: "SINGLE_PENSIONER",
        package_fee: None,
        cells: &[
            DemoCell {
                product: "DEP_PLUS",
                role: Some("main"),
                terms: &[("client_rate", "0.135")],
                alone: &[("avg_balance", "400000")],
                in_bundle: &[("avg_balance", "450000")],
                visit_share: Some("1"),
                order: Some(0),
                talking_points: "Your savings earn 13.5 %, and your pension comes to the account beside them.",
                ..CELL
            },
            DemoCell {
                product: "CA_RUB",
                role: Some("add_on"),
                terms: &[("monthly_fee", "0")],
                alone: &[("avg_balance", "20000")],
                in_bundle: &[("avg_balance", "30000")],
                take_up: Some("0.75"),
                order: Some(1),
                talking_points: "A free account for your pension: nothing to pay each month.",
                ..CELL
            },
            DemoCell {
                product: "VENDOR_PAY",
                role: Some("add_on"),
                alone: &[("transactions", "24")],
                in_bundle: &[("transactions", "48")],
                take_up: Some("0.65"),
                order: Some(2),
                talking_points: "Utilities and phone paid from the account, without queues or commission.",
                ..CELL
            },
            DemoCell {
                product: "TRANSFERS",
                role: Some("add_on"),
                terms: &[("transaction_fee", "15")],
                alone: &[("transactions", "12")],
                in_bundle: &[("transactions", "24")],
                take_up: Some("0.40"),
                order: Some(3),
                talking_points: "Send money to your children and grandchildren for 15 roubles.",
                ..CELL
            },
        ],
        links: no_links,
    },
    DemoMatrix {
        segment: "DIGITAL_HESITANT_45",
        package_fee: None,
        cells: &[
            DemoCell {
                product: "CA_RUB",
                role: Some("main_or_add_on"),
                terms: &[("monthly_fee", "49")],
                alone: &[("avg_balance", "50000")],
                in_bundle: &[("avg_balance", "70000")],
                take_up: Some("0.80"),
                visit_share: Some("0.60"),
                order: Some(0),
                talking_points: "Your account for 49 roubles a month instead of 99 once online banking is set up.",
                ..CELL
            },
            DemoCell {
                product: "DEP_PLUS",
                role: Some("main_or_add_on"),
                terms: &[("client_rate", "0.135")],
                alone: &[("avg_balance", "300000")],
                in_bundle: &[("avg_balance", "320000")],
                take_up: Some("0.25"),
                visit_share: Some("0.40"),
                order: Some(1),
                talking_points: "Savings at 13.5 %, which you can watch grow from your phone.",
                ..CELL
            },
            DemoCell {
                product: "ONLINE",
                role: Some("add_on"),
                terms: &[("setup_fee", "0")],
                take_up: Some("0.60"),
                order: Some(2),
                talking_points: "We set up online banking on your own phone now, free, and show you how it works.",
                ..CELL
            },
            DemoCell {
                product: "VENDOR_PAY",
                role: Some("add_on"),
                alone: &[("transactions", "24")],
                in_bundle: &[("transactions", "48")],
                take_up: Some("0.50"),
                order: Some(3),
                talking_points: "Utilities paid in two taps, without commission.",
                ..CELL
            },
        ],
        links: no_links,
    },
    DemoMatrix {
        segment: "AFFLUENT_DIGITAL",
        package_fee: Some("199"),
        cells: &[
            DemoCell {
                product: "CC_GRACE",
                role: Some("main_or_add_on"),
                alone: &[("avg_balance", "40000"), ("annual_spend", "480000")],
                in_bundle: &[("avg_balance", "45000"), ("annual_spend", "600000")],
                visit_share: Some("0.50"),
                order: Some(0),
                talking_points: "One package for 199 roubles a month: the card, the account and online banking without their own fees; subject to approval.",
                ..CELL
            },
            DemoCell {
                product: "CC_GRACE",
                scope: KKO,
                role: Some("not_offered"),
                ..CELL
            },
            DemoCell {
                product: "CA_RUB",
                role: Some("main_or_add_on"),
                alone: &[("avg_balance", "150000")],
                in_bundle: &[("avg_balance", "200000")],
                take_up: Some("0.90"),
                visit_share: Some("0.50"),
                order: Some(1),
                talking_points: "Your account inside the package, with no monthly fee of its own.",
                ..CELL
            },
            // The package is sold at the head office only: without the card it would cost the
            // client more than its parts.
            DemoCell {
                product: "CA_RUB",
                scope: KKO,
                role: Some("not_offered"),
                ..CELL
            },
            DemoCell {
                product: "ONLINE",
                role: Some("add_on"),
                take_up: Some("0.95"),
                order: Some(2),
                talking_points: "Everything from your phone; the branch only when you want it.",
                ..CELL
            },
            DemoCell {
                product: "ONLINE",
                scope: KKO,
                role: Some("not_offered"),
                ..CELL
            },
            DemoCell {
                product: "VCARD",
                role: Some("add_on"),
                alone: &[("annual_spend", "120000")],
                in_bundle: &[("annual_spend", "180000")],
                take_up: Some("0.60"),
                order: Some(3),
                talking_points: "A virtual card for online shopping, included in the package.",
                ..CELL
            },
        ],
        links: no_links,
    },
];

fn urban_links() -> Vec<Link> {
    vec![
        Link::LimitWithinShare {
            card: "CC_GRACE".into(),
            deposit: "DEP_PLUS".into(),
            share: Decimal::new(5, 1),
        },
        Link::Requires {
            product: "VCARD".into(),
            needs: "CA_RUB".into(),
        },
    ]
}

fn no_links() -> Vec<Link> {
    Vec::new()
}

fn figures(
    pairs: &[(&str, &str)],
    what: &str,
) -> anyhow::Result<std::collections::BTreeMap<Figure, Decimal>> {
    pairs
        .iter()
        .map(|(name, value)| {
            let figure = Figure::from_name(name)
                .ok_or_else(|| anyhow::anyhow!("demo matrix {what}: unknown figure {name}"))?;
            Ok((figure, Decimal::from_str(value)?))
        })
        .collect()
}

fn decimal(value: Option<&str>) -> anyhow::Result<Option<Decimal>> {
    Ok(value.map(Decimal::from_str).transpose()?)
}

impl DemoMatrix {
    /// The matrix as a version's content.
    ///
    /// # Errors
    /// A figure, role or number in the demo data that does not parse.
    pub fn content(&self) -> anyhow::Result<MatrixContent> {
        let mut content = MatrixContent {
            package_fee: decimal(self.package_fee)?,
            links: (self.links)(),
            ..MatrixContent::default()
        };
        for cell in self.cells {
            let what = format!("{} {}", self.segment, cell.product);
            let scope = match cell.scope {
                "*" => Scope::AllPoints,
                group if group.contains(':') => Scope::Group(group.to_owned()),
                point => Scope::Point(point.to_owned()),
            };
            let role = cell
                .role
                .map(|r| Role::parse(r).ok_or_else(|| anyhow::anyhow!("{what}: role {r}")))
                .transpose()?;
            let patch = CellPatch {
                role,
                terms: figures(cell.terms, &what)?,
                usage_alone: figures(cell.alone, &what)?,
                usage_in_bundle: figures(cell.in_bundle, &what)?,
                take_up: decimal(cell.take_up)?,
                visit_share: decimal(cell.visit_share)?,
                order: cell.order,
                talking_points: (!cell.talking_points.is_empty())
                    .then(|| cell.talking_points.to_owned()),
            };
            content.set_cell(cell.product, scope, patch);
        }
        Ok(content)
    }
}
