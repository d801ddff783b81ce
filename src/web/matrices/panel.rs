//! The live profitability panel: for each sales point and each main-product candidate, the
//! bundle an advisor would offer, with its figures and every verdict in the reader's language.

use crate::domain::bank::SalesPoint;
use crate::domain::matrix::{BundleResult, PointEvaluation};
use crate::domain::money::Currency;
use crate::domain::profitability::{Check, Outcome, Reason};
use crate::i18n::Lang;
use crate::service::matrices::BankView;
use crate::web::format::{margin, money};

pub struct PanelView {
    pub points: Vec<PointPanel>,
}

pub struct PointPanel {
    pub code: String,
    pub name: String,
    /// Why nothing can be offered here (cells that disagree).
    pub problem: Option<String>,
    pub bundles: Vec<BundlePanel>,
}

pub struct BundlePanel {
    pub main_code: String,
    pub main_name: String,
    /// `ok`, `warn` or `blocked`: the badge and its colour.
    pub status: &'static str,
    pub problem: Option<String>,
    pub revenue: String,
    pub profit: String,
    pub margin: String,
    pub package: Option<String>,
    pub client_separate: String,
    pub client_bundled: String,
    pub client_saving: String,
    pub visit: String,
    pub positions: Vec<PositionLine>,
    pub blocking: Vec<String>,
    pub warnings: Vec<String>,
    pub passed: Vec<String>,
}

impl BundlePanel {
    pub fn status_key(&self) -> &'static str {
        match self.status {
            "ok" => "matrix-status-ok",
            "warn" => "matrix-status-warn",
            _ => "matrix-status-blocked",
        }
    }
}

pub struct PositionLine {
    pub code: String,
    pub name: String,
    pub revenue: String,
    pub profit: String,
    pub subsidized: bool,
}

impl PanelView {
    pub fn new(lang: Lang, bank: &BankView, evaluations: &[PointEvaluation]) -> Self {
        let currency = bank.settings.reporting_currency;
        let name_of = |code: &str| {
            (bank.products.iter())
                .find(|p| p.code == code)
                .map_or_else(|| code.to_owned(), |p| p.name.clone())
        };
        let points = evaluations
            .iter()
            .map(|evaluation| {
                let point = bank.points.iter().find(|p| p.code == evaluation.point);
                point_panel(lang, currency, point, evaluation, &name_of)
            })
            .collect();
        Self { points }
    }

    /// Whether any bundle anywhere fails a blocking verdict.
    pub fn any_blocked(&self) -> bool {
        self.points
            .iter()
            .any(|p| p.problem.is_some() || p.bundles.iter().any(|b| b.status == "blocked"))
    }
}

fn point_panel(
    lang: Lang,
    currency: Currency,
    point: Option<&SalesPoint>,
    evaluation: &PointEvaluation,
    name_of: &dyn Fn(&str) -> String,
) -> PointPanel {
    let mut panel = PointPanel {
        code: evaluation.point.clone(),
        name: point.map_or_else(|| evaluation.point.clone(), |p| p.name.clone()),
        problem: None,
        bundles: Vec::new(),
    };
    match &evaluation.bundles {
        Err(problem) => panel.problem = Some(lang.message(problem)),
        Ok(bundles) => {
            for bundle in bundles {
                let mut view = BundlePanel {
                    main_code: bundle.main.clone(),
                    main_name: name_of(&bundle.main),
                    status: "blocked",
                    problem: None,
                    revenue: String::new(),
                    profit: String::new(),
                    margin: String::new(),
                    package: None,
                    client_separate: String::new(),
                    client_bundled: String::new(),
                    client_saving: String::new(),
                    visit: String::new(),
                    positions: Vec::new(),
                    blocking: Vec::new(),
                    warnings: Vec::new(),
                    passed: Vec::new(),
                };
                match &bundle.result {
                    Err(problem) => view.problem = Some(lang.message(problem)),
                    Ok(result) => fill(&mut view, lang, currency, result, name_of),
                }
                panel.bundles.push(view);
            }
        }
    }
    panel
}

fn fill(
    view: &mut BundlePanel,
    lang: Lang,
    currency: Currency,
    result: &BundleResult,
    name_of: &dyn Fn(&str) -> String,
) {
    let b = &result.breakdown;
    let m = |value| money(lang, value, currency);
    view.revenue = m(b.revenue);
    view.profit = m(b.profit);
    view.margin = b.margin.map_or_else(|| "—".to_owned(), |x| margin(lang, x));
    view.package = (!b.package_revenue.is_zero()).then(|| m(b.package_revenue));
    view.client_separate = m(result.checks.client_separate);
    view.client_bundled = m(result.checks.client_bundled);
    view.client_saving = m(result.checks.client_saving);
    let subsidized: Vec<&str> = (result.checks.verdicts.iter())
        .filter(|v| v.reason == Reason::Subsidized)
        .filter_map(|v| v.product.as_deref())
        .collect();
    view.positions = result
        .products
        .iter()
        .zip(&b.lines)
        .map(|(product, line)| PositionLine {
            code: product.code.clone(),
            name: name_of(&product.code),
            revenue: m(line.breakdown.revenue),
            profit: m(line.breakdown.profit),
            subsidized: subsidized.contains(&product.code.as_str()),
        })
        .collect();
    view.visit = (result.checks.verdicts.iter())
        .find(|v| v.check == Check::SingleVisit)
        .map(|v| lang.message(&v.message))
        .unwrap_or_default();
    view.blocking = result.blocking().iter().map(|x| lang.message(x)).collect();
    view.warnings = result.warnings().iter().map(|x| lang.message(x)).collect();
    view.passed = (result.checks.verdicts.iter())
        .filter(|v| v.outcome == Outcome::Pass && v.check != Check::SingleVisit)
        .map(|v| lang.message(&v.message))
        .chain(
            (result.links.iter())
                .filter(|l| l.holds)
                .map(|l| lang.message(&l.message)),
        )
        .collect();
    view.status = if !view.blocking.is_empty() {
        "blocked"
    } else if !view.warnings.is_empty() {
        "warn"
    } else {
        "ok"
    };
}
