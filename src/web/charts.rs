//! Charts as SVG, drawn on the server with `plotters` and embedded in the page: readable
//! without JavaScript and in print. Values come in as exact decimals and are turned into
//! drawing coordinates here only (a chart is a picture, never a figure anyone reads back).

use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Whole numbers with thin spaces between thousands: axis ticks, not figures.
fn tick(value: f64) -> String {
    let whole = format!("{:.0}", value.abs());
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{2009}');
        }
        out.push(*d);
    }
    if value < -0.5 {
        format!("−{out}")
    } else {
        out
    }
}

/// A horizontal bar per label, negative values to the left of zero; `None` without bars. The
/// title is the SVG's accessible name (the page shows it as the figure's caption).
pub fn bars(title: &str, rows: &[(String, Decimal)], unit: &str) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let values: Vec<f64> = rows
        .iter()
        .map(|(_, v)| v.to_f64().unwrap_or(0.0))
        .collect();
    let low = values.iter().copied().fold(0.0_f64, f64::min);
    let high = values.iter().copied().fold(0.0_f64, f64::max);
    let span = if high - low > 0.0 { high - low } else { 1.0 };
    let (low, high) = (low - span * 0.05, high + span * 0.05);
    let height = 60 + 28 * u32::try_from(rows.len()).unwrap_or(40);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let count = i32::try_from(rows.len()).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(220)
            .build_cartesian_2d(low..high, (0..count).into_segmented())
            .ok()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len())
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| rows.get(i))
                    .map(|(label, _)| label.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .x_label_formatter(&|v| tick(*v))
            .x_labels(6)
            .label_style(("sans-serif", 13))
            .x_desc(unit)
            .draw()
            .ok()?;
        chart
            .draw_series(values.iter().enumerate().map(|(i, v)| {
                let i = i32::try_from(i).unwrap_or(0);
                let colour = if *v < 0.0 {
                    RGBColor(196, 58, 49)
                } else {
                    RGBColor(31, 111, 178)
                };
                Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(i)),
                        (*v, SegmentValue::Exact(i + 1)),
                    ],
                    colour.filled(),
                )
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(named(svg, title))
}

/// A waterfall: a first bar from zero (`start`), a floating bar per step (up blue, down red)
/// from the running total, and a last bar from zero (`end`, which the steps reach exactly).
pub fn waterfall(
    title: &str,
    start: (&str, Decimal),
    steps: &[(String, Decimal)],
    end: (&str, Decimal),
    unit: &str,
) -> Option<String> {
    let value = |d: Decimal| d.to_f64().unwrap_or(0.0);
    // (label, from, to) for every bar, in order.
    let mut bars = vec![(start.0.to_owned(), 0.0, value(start.1))];
    let mut running = start.1;
    for (label, delta) in steps {
        let next = running.checked_add(*delta)?;
        bars.push((label.clone(), value(running), value(next)));
        running = next;
    }
    bars.push((end.0.to_owned(), 0.0, value(end.1)));
    let low = bars.iter().map(|b| b.1.min(b.2)).fold(0.0_f64, f64::min);
    let high = bars.iter().map(|b| b.1.max(b.2)).fold(0.0_f64, f64::max);
    let span = if high - low > 0.0 { high - low } else { 1.0 };
    let (low, high) = (low - span * 0.05, high + span * 0.08);
    let count = i32::try_from(bars.len()).ok()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d((0..count).into_segmented(), low..high)
            .ok()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(bars.len())
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| bars.get(i))
                    .map(|b| b.0.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| tick(*v))
            .label_style(("sans-serif", 12))
            .y_desc(unit)
            .draw()
            .ok()?;
        let last = bars.len() - 1;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, (_, from, to))| {
                let colour = if i == 0 || i == last {
                    RGBColor(60, 72, 88)
                } else if to >= from {
                    RGBColor(31, 111, 178)
                } else {
                    RGBColor(196, 58, 49)
                };
                let i = i32::try_from(i).unwrap_or(0);
                Rectangle::new(
                    [
                        (SegmentValue::Exact(i), *from),
                        (SegmentValue::Exact(i + 1), *to),
                    ],
                    colour.filled(),
                )
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(named(svg, title))
}

/// The SVG with `title` as its accessible name (escaped like the chart's own text).
fn named(svg: String, title: &str) -> String {
    let name = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{name}\" "),
        1,
    )
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn a_bar_chart_is_an_svg_with_each_label() {
        let rows = vec![
            ("Deposit Plus".to_owned(), dec!(2870.00)),
            ("Internet banking".to_owned(), dec!(-154.00)),
        ];
        let svg = bars("Profit by product", &rows, "RUB a year").unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Deposit Plus") && svg.contains("Internet banking"));
        assert!(svg.contains("aria-label=\"Profit by product\""));
        let hostile = vec![("<script>alert(1)</script>".to_owned(), dec!(1))];
        let svg = bars("a \"title\"", &hostile, "").unwrap();
        assert!(!svg.contains("<script>"), "labels are escaped: {svg}");
        assert!(svg.contains("aria-label=\"a &quot;title&quot;\""));
        assert_eq!(bars("nothing", &[], ""), None);
    }

    #[test]
    fn a_waterfall_has_a_bar_per_step_between_its_two_totals() {
        let steps = vec![
            ("DEP".to_owned(), dec!(-500)),
            ("visit".to_owned(), dec!(-90)),
        ];
        let svg = waterfall(
            "From separately to bundled",
            ("separately", dec!(1000)),
            &steps,
            ("bundled", dec!(410)),
            "RUB",
        )
        .unwrap();
        for label in ["separately", "DEP", "visit", "bundled"] {
            assert!(svg.contains(label), "{label}");
        }
        assert!(svg.contains("aria-label=\"From separately to bundled\""));
    }
}
