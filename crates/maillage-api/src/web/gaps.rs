//! The gaps page: what demand, local supply and unmet demand mean, then the expertise areas
//! ranked by the gap report's one order (unmet demand, then demand beyond the local supply) —
//! the chart draws the first rows of the table below it, in the same order — then the areas
//! supplied without local demand, and the CSV export.

use axum::response::Response;
use maillage_graph::GapOptions;
use maillage_i18n::Arg;
use maud::{Markup, html};

use super::svg::r1;
use super::terms::term;
use super::{Ctx, Section, iri_href, slug};
use crate::error::ApiError;
use crate::rest::gaps::{GapOut, gap_out};

/// How many expertise areas the chart shows (the table's first rows).
const CHART_ROWS: usize = 20;

pub(crate) async fn page(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let options = GapOptions::default();
    let rows: Vec<GapOut> = snapshot
        .graph
        .gap_report(&options)
        .iter()
        .map(|r| gap_out(&snapshot.eco, r, ctx.locale))
        .collect();
    // The report's order: the ranked gaps first. The chart and the table both read this list.
    let gaps: Vec<&GapOut> = rows.iter().filter(|r| r.rank.is_some()).collect();
    let chart: Vec<&GapOut> = gaps.iter().take(CHART_ROWS).copied().collect();
    let supplied_only: Vec<&GapOut> = rows
        .iter()
        .filter(|r| r.rank.is_none() && !r.root && r.supply > 0.0)
        .collect();
    let totals: Vec<&GapOut> = rows.iter().filter(|r| r.root).collect();
    let threshold = ctx.percent(options.coverage_threshold);
    let title = ctx.t("web-gaps-title");
    let csv = ctx.api_href("/api/v1/export/gaps.csv", &[]);
    let xlsx = ctx.api_href("/api/v1/export/gaps.xlsx", &[]);
    let demand_text = ctx.t("web-gaps-def-demand");
    let supply_text = ctx.t("web-gaps-def-supply");
    let unmet_text = ctx.t_args(
        "web-gaps-def-unmet",
        &[("threshold", Arg::from(threshold.as_str()))],
    );
    let shortfall_text = ctx.t("web-gaps-def-shortfall");
    let inferred_text = ctx.t("web-gaps-def-inferred");
    let body = html! {
        h1 { (title) }
        p.lead { (ctx.t("web-gaps-lead")) }
        p {
            a.button #gaps-csv href=(csv) download="maillage-gaps.csv" { (ctx.t("web-gaps-csv")) }
            " "
            a.button #gaps-xlsx href=(xlsx) download="maillage-gaps.xlsx" { (ctx.t("web-gaps-xlsx")) }
            " "
            a href=(ctx.api_href("/api/v1/gaps", &[])) { "JSON" }
        }
        section aria-labelledby="read-h" {
            h2 #read-h { (ctx.t("web-gaps-how-to-read")) }
            dl.definitions #gap-definitions {
                dt { (ctx.t("web-gaps-demand")) }
                dd { (demand_text) }
                dt { span.inferred-mark aria-hidden="true" { "◐ " } (ctx.t("web-gaps-inferred")) }
                dd { (inferred_text) }
                dt { (ctx.t("web-gaps-supply")) }
                dd { (supply_text) }
                dt { (ctx.t("web-gaps-unmet-column")) }
                dd { (unmet_text) }
                dt { (ctx.t("web-gaps-shortfall")) }
                dd { (shortfall_text) }
                dt { (ctx.t("web-gaps-order")) }
                dd { (ctx.t("web-gaps-def-order")) }
            }
            @for t in &totals {
                p.note #gap-total {
                    (ctx.t_args("web-gaps-total", &[
                        ("label", Arg::from(t.label.as_str())),
                        ("demand", Arg::from(ctx.dec(t.demand, 1))),
                        ("inferred", Arg::from(ctx.dec(t.demand_inferred, 1))),
                        ("supply", Arg::from(ctx.dec(t.supply, 1))),
                        ("unmet", Arg::from(ctx.dec(t.unmet, 1))),
                    ]))
                }
            }
        }
        @if gaps.is_empty() {
            p { (ctx.t("web-gaps-no-demand")) }
        } @else {
            section aria-labelledby="chart-h" {
                h2 #chart-h { (ctx.t_args("web-gaps-chart", &[("count", Arg::from(chart.len()))])) }
                (bar_chart(&ctx, &chart))
            }
            section aria-labelledby="unmet-h" {
                h2 #unmet-h { (ctx.t("web-gaps-table")) }
                p.note {
                    (ctx.t("web-gaps-quotient-note"))
                }
                div.table-wrap {
                    table.compact #gap-table {
                        thead { tr {
                            th.num scope="col" { (ctx.t("web-gaps-rank")) }
                            th scope="col" { (ctx.t("web-expertise")) }
                            th.num scope="col" { (term(&ctx.t("web-gaps-demand"), &demand_text)) }
                            th.num scope="col" { (term(&ctx.t("web-gaps-supply"), &supply_text)) }
                            th.num scope="col" { (term(&ctx.t("web-gaps-unmet-column"), &unmet_text)) }
                            th.num scope="col" { (term(&ctx.t("web-gaps-shortfall"), &shortfall_text)) }
                            th.num scope="col" { (term(&ctx.t("web-gaps-quotient"), &ctx.t("web-gaps-quotient-note"))) }
                            th scope="col" { (ctx.t("web-gaps-adopters")) }
                        } }
                        tbody {
                            @for r in &gaps {
                                tr data-concept=(r.concept) {
                                    td.num { (r.rank.map(|n| ctx.int(n as f64)).unwrap_or_default()) }
                                    th scope="row" { a href=(ctx.href_with("/recherche", &[("expertise", slug(&r.concept))])) { (r.label) } }
                                    td.num {
                                        (ctx.dec(r.demand, 1))
                                        @if r.demand_inferred > 0.0 {
                                            br;
                                            small.inferred {
                                                span aria-hidden="true" { "◐ " }
                                                (ctx.t_args("web-gaps-of-which-inferred", &[("inferred", Arg::from(ctx.dec(r.demand_inferred, 1)))]))
                                            }
                                        }
                                    }
                                    td.num { (ctx.dec(r.supply, 1)) }
                                    td.num { @if r.unmet > 0.0 { strong { (ctx.dec(r.unmet, 1)) } } @else { (ctx.dec(0.0, 1)) } }
                                    td.num { (ctx.dec(r.shortfall, 1)) }
                                    td.num { @match r.location_quotient { Some(q) => { (ctx.dec(q, 2)) } None => { "—" } } }
                                    td {
                                        @for (i, a) in r.unmet_adopter_refs.iter().enumerate() {
                                            @if i > 0 { ", " }
                                            a href=(iri_href(&ctx, &a.iri)) { (a.label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !supplied_only.is_empty() {
            section aria-labelledby="surplus-h" {
                h2 #surplus-h { (ctx.t("web-gaps-surplus")) }
                p.note { (ctx.t("web-gaps-surplus-note")) }
                ul.chips #gap-surplus {
                    @for r in &supplied_only {
                        li {
                            a.chip href=(ctx.href_with("/recherche", &[("expertise", slug(&r.concept))])) {
                                (r.label) " (" (ctx.dec(r.supply, 1)) ")"
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(ctx.page(Section::Gaps, &title, body))
}

/// Font size of the chart's labels (CSS `svg.chart .label`), and a generous estimate of the
/// width of one character at that size, so that the label column is wide enough for the
/// longest line of any label.
const LABEL_CHAR_W: f64 = 7.6;
/// Characters per line of a wrapped label.
const LABEL_LINE: usize = 26;
const LINE_H: f64 = 15.0;
const BAR_H: f64 = 11.0;

/// A label cut at spaces into lines of at most `width` characters (a longer word keeps its own
/// line). Nothing is dropped.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Per expertise area, the rank and label (wrapped, never cut), then three bars on one scale:
/// demand (the part inferred from sectors hatched), unmet demand (when there is some) and local
/// supply.
pub(crate) fn bar_chart(ctx: &Ctx, rows: &[&GapOut]) -> Markup {
    const BAR_W: f64 = 380.0;
    const TOP: f64 = 8.0;
    const VALUE_W: f64 = 56.0;
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let rank = r.rank.map(|n| ctx.int(n as f64)).unwrap_or_default();
            wrap(
                &ctx.t_args(
                    "web-gaps-chart-label",
                    &[
                        ("rank", Arg::from(rank)),
                        ("label", Arg::from(r.label.as_str())),
                    ],
                ),
                LABEL_LINE,
            )
        })
        .collect();
    let longest = labels
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = (longest as f64 * LABEL_CHAR_W + 16.0).max(120.0).ceil();
    let heights: Vec<f64> = labels
        .iter()
        .map(|l| (l.len() as f64 * LINE_H + 8.0).max(3.0 * (BAR_H + 2.0) + 10.0))
        .collect();
    let width = label_w + BAR_W + VALUE_W;
    let height = TOP + heights.iter().sum::<f64>() + 8.0;
    let max = rows
        .iter()
        .map(|r| r.demand.max(r.supply))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let w = |v: f64| r1(v / max * BAR_W);
    let mut tops = Vec::with_capacity(rows.len());
    let mut y = TOP;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    html! {
        ul.legend {
            li { span.swatch.demand aria-hidden="true" {} (ctx.t("web-gaps-legend-demand")) }
            li { span.swatch.demand-inferred aria-hidden="true" {} (ctx.t("web-gaps-legend-inferred")) }
            li { span.swatch.unmet aria-hidden="true" {} (ctx.t("web-gaps-legend-unmet")) }
            li { span.swatch.supply aria-hidden="true" {} (ctx.t("web-gaps-legend-supply")) }
        }
        svg.chart #gap-chart viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby="gap-chart-title gap-chart-desc" {
            title #gap-chart-title { (ctx.t("web-gaps-chart-title")) }
            desc #gap-chart-desc {
                @for (i, r) in rows.iter().enumerate() {
                    @if i > 0 { " " }
                    (ctx.t_args("web-gaps-chart-row", &bar_args(ctx, r)))
                }
            }
            defs {
                pattern #gap-hatch width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#f6d7b5" {}
                    rect width="3" height="6" fill="#c8751f" {}
                }
            }
            @for ((i, r), lines) in rows.iter().enumerate().zip(&labels) {
                @let y = tops[i];
                @let stated = (r.demand - r.demand_inferred).max(0.0);
                @let mid = y + heights[i] / 2.0;
                @let first = mid - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 4.5;
                g.gap-row data-concept=(r.concept) {
                    text.label x=(label_w - 8.0) y=(r1(first)) text-anchor="end" {
                        @for (k, line) in lines.iter().enumerate() {
                            tspan x=(label_w - 8.0) dy=(if k == 0 { 0.0 } else { LINE_H }) { (line) }
                        }
                    }
                    @let b1 = mid - 1.5 * BAR_H - 2.0;
                    rect.demand x=(label_w) y=(r1(b1)) width=(w(stated)) height=(BAR_H) {}
                    @if r.demand_inferred > 0.0 {
                        rect.demand-inferred x=(r1(label_w + w(stated))) y=(r1(b1)) width=(w(r.demand_inferred)) height=(BAR_H) fill="url(#gap-hatch)" {}
                    }
                    text.value x=(r1(label_w + w(r.demand) + 4.0)) y=(r1(b1 + 9.5)) { (ctx.dec(r.demand, 1)) }
                    @let b2 = b1 + BAR_H + 2.0;
                    @if r.unmet > 0.0 {
                        rect.unmet x=(label_w) y=(r1(b2)) width=(w(r.unmet)) height=(BAR_H) {}
                        text.value x=(r1(label_w + w(r.unmet) + 4.0)) y=(r1(b2 + 9.5)) { (ctx.dec(r.unmet, 1)) }
                    }
                    @let b3 = b2 + BAR_H + 2.0;
                    rect.supply x=(label_w) y=(r1(b3)) width=(w(r.supply)) height=(BAR_H) {}
                    text.value x=(r1(label_w + w(r.supply) + 4.0)) y=(r1(b3 + 9.5)) { (ctx.dec(r.supply, 1)) }
                }
            }
        }
    }
}

/// The arguments of the chart's sentence about one expertise area.
fn bar_args<'a>(ctx: &Ctx, r: &'a GapOut) -> [(&'static str, Arg<'a>); 6] {
    [
        (
            "rank",
            Arg::from(r.rank.map(|n| ctx.int(n as f64)).unwrap_or_default()),
        ),
        ("label", Arg::from(r.label.as_str())),
        ("demand", Arg::from(ctx.dec(r.demand, 1))),
        ("inferred", Arg::from(ctx.dec(r.demand_inferred, 1))),
        ("supply", Arg::from(ctx.dec(r.supply, 1))),
        ("unmet", Arg::from(ctx.dec(r.unmet, 1))),
    ]
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn labels_wrap_at_spaces_and_lose_nothing() {
        let label = "12. Optimisation de la chaîne d'approvisionnement";
        let lines = wrap(label, 26);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 26), "{lines:?}");
        assert_eq!(lines.join(" "), label);
        // A word longer than a line keeps its own line, whole.
        assert_eq!(
            wrap("a Intercompréhensibilitéssssssssssss b", 10),
            vec!["a", "Intercompréhensibilitéssssssssssss", "b"]
        );
        assert!(wrap("", 10).is_empty());
    }
}
