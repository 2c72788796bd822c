//! The gaps page: demand against local supply per expertise area (inline SVG bars), the table
//! of unmet demand with the adopters concerned, and the CSV export.

use axum::extract::State;
use axum::response::Response;
use maillage_graph::GapOptions;
use maillage_i18n::Arg;
use maud::{Markup, html};

use super::svg::r1;
use super::{Ctx, Section, iri_href, slug};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::gaps::{GapOut, gap_out};

/// How many expertise areas the chart shows.
const CHART_ROWS: usize = 25;

pub(crate) async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = state.snapshot.get();
    let options = GapOptions::default();
    let rows: Vec<GapOut> = snapshot
        .graph
        .gap_report(&options)
        .iter()
        .map(|r| gap_out(&snapshot.eco, r, ctx.locale))
        .collect();
    let mut chart: Vec<&GapOut> = rows
        .iter()
        .filter(|r| r.demand > 0.0 || r.supply > 0.0)
        .collect();
    chart.sort_by(|a, b| {
        b.demand
            .total_cmp(&a.demand)
            .then_with(|| b.supply.total_cmp(&a.supply))
            .then_with(|| a.label.cmp(&b.label))
    });
    chart.truncate(CHART_ROWS);
    let unmet: Vec<&GapOut> = rows.iter().filter(|r| r.unmet > 0.0).collect();
    let title = ctx.t("web-gaps-title");
    let csv = ctx.api_href("/api/v1/export/gaps.csv", &[]);
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t("web-gaps-lead"))
        }
        p {
            a.button #gaps-csv href=(csv) download="maillage-gaps.csv" { (ctx.t("web-gaps-csv")) }
            " "
            a href=(ctx.api_href("/api/v1/gaps", &[])) { "JSON" }
        }
        section aria-labelledby="chart-h" {
            h2 #chart-h { (ctx.t("web-gaps-chart")) }
            (bar_chart(&ctx, &chart))
        }
        section aria-labelledby="unmet-h" {
            h2 #unmet-h { (ctx.t("web-gaps-unmet")) }
            p.note {
                (ctx.t_args("web-gaps-met-rule", &[("threshold", Arg::from(ctx.percent(options.coverage_threshold)))]))
                " " (ctx.t("web-gaps-quotient-note"))
            }
            @if unmet.is_empty() {
                p { (ctx.t("web-gaps-all-met")) }
            } @else {
                div.table-wrap {
                    table.compact #unmet-table {
                        thead { tr {
                            th scope="col" { (ctx.t("web-expertise")) }
                            th.num scope="col" { (ctx.t("web-gaps-demand")) }
                            th.num scope="col" { (ctx.t("web-gaps-supply")) }
                            th.num scope="col" { (ctx.t("web-gaps-unmet-column")) }
                            th.num scope="col" { (ctx.t("web-gaps-quotient")) }
                            th scope="col" { (ctx.t("web-gaps-adopters")) }
                        } }
                        tbody {
                            @for r in &unmet {
                                tr {
                                    th scope="row" { a href=(ctx.href_with("/recherche", &[("expertise", slug(&r.concept))])) { (r.label) } }
                                    td.num { (ctx.dec(r.demand, 1)) }
                                    td.num { (ctx.dec(r.supply, 1)) }
                                    td.num { strong { (ctx.dec(r.unmet, 1)) } }
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
    };
    Ok(ctx.page(Section::Gaps, &title, body))
}

/// Two horizontal bars per expertise area (demand, local supply) on one scale.
fn bar_chart(ctx: &Ctx, rows: &[&GapOut]) -> Markup {
    const LABEL_W: f64 = 260.0;
    const BAR_W: f64 = 380.0;
    const ROW_H: f64 = 34.0;
    const TOP: f64 = 8.0;
    let width = LABEL_W + BAR_W + 60.0;
    let height = TOP + ROW_H * rows.len() as f64 + 8.0;
    let max = rows
        .iter()
        .map(|r| r.demand.max(r.supply))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let w = |v: f64| r1(v / max * BAR_W);
    html! {
        ul.legend {
            li { span.swatch.demand aria-hidden="true" {} (ctx.t("web-gaps-legend-demand")) }
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
            @for (i, r) in rows.iter().enumerate() {
                @let y = TOP + ROW_H * i as f64;
                g {
                    title { (ctx.t_args("web-gaps-chart-bar", &bar_args(ctx, r))) }
                    text.label x=(LABEL_W - 8.0) y=(r1(y + 19.0)) text-anchor="end" { (truncate(&r.label, 30)) }
                    rect.demand x=(LABEL_W) y=(r1(y + 3.0)) width=(w(r.demand)) height="12" {}
                    text.value x=(r1(LABEL_W + w(r.demand) + 4.0)) y=(r1(y + 13.0)) { (ctx.dec(r.demand, 1)) }
                    rect.supply x=(LABEL_W) y=(r1(y + 16.0)) width=(w(r.supply)) height="12" {}
                    text.value x=(r1(LABEL_W + w(r.supply) + 4.0)) y=(r1(y + 26.0)) { (ctx.dec(r.supply, 1)) }
                }
            }
        }
    }
}

/// The arguments of the chart's sentences about one expertise area.
fn bar_args<'a>(ctx: &Ctx, r: &'a GapOut) -> [(&'static str, Arg<'a>); 3] {
    [
        ("label", Arg::from(r.label.as_str())),
        ("demand", Arg::from(ctx.dec(r.demand, 1))),
        ("supply", Arg::from(ctx.dec(r.supply, 1))),
    ]
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}
