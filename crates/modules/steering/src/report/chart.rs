//! Charts of a review report as inline SVG (no JavaScript): horizontal bars of this period
//! against the previous one, with a title and a text alternative for screen readers
//! (WCAG 2.1 AA); the same numbers are always in the table beside it.

use super::figures::{FigureRow, show_number};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart of one indicator: this period and the previous, or "no data" written out.
pub fn bars(row: &FigureRow, id: &str, now_label: &str, prev_label: &str) -> String {
    let max = [row.value, row.previous]
        .into_iter()
        .flatten()
        .fold(if row.unit == "%" { 100.0 } else { 0.0_f64 }, f64::max);
    let width = 300.0;
    let bar = |v: Option<f64>| -> f64 {
        match v {
            Some(v) if max > 0.0 => (v.max(0.0) / max * width).max(1.0),
            _ => 0.0,
        }
    };
    let now = show_number(row.value, &row.unit);
    let prev = show_number(row.previous, &row.unit);
    let alt = format!("{}: {now_label} {now}, {prev_label} {prev}", row.name_vi);
    let line = |y: u32, label: &str, v: Option<f64>, text: &str, class: &str| {
        let w = bar(v);
        let shown = if v.is_none() {
            "không có số liệu"
        } else {
            text
        };
        format!(
            r#"<text x="0" y="{ty}" font-size="12">{label}</text><rect class="{class}" x="70" y="{y}" width="{w:.1}" height="16" fill="{fill}"/><text x="{tx:.1}" y="{ty}" font-size="12">{shown}</text>"#,
            ty = y + 12,
            label = escape(label),
            fill = if class == "now" { "#1f5fa8" } else { "#8a8a8a" },
            tx = 74.0 + w,
            shown = escape(shown),
        )
    };
    format!(
        r#"<svg role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 460 44" width="100%" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{a}{b}</svg>"#,
        title = escape(&row.name_vi),
        desc = escape(&alt),
        a = line(2, now_label, row.value, &now, "now"),
        b = line(24, prev_label, row.previous, &prev, "prev"),
    )
}
