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
    // Named for assistive technology; the title is escaped like the chart's own text.
    let name = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    Some(svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{name}\" "),
        1,
    ))
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
}
