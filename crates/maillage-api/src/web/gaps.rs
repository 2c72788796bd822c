//! The gaps page: demand against local supply per expertise area (inline SVG bars), the table
//! of unmet demand with the adopters concerned, and the CSV export.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maillage_graph::GapOptions;
use maud::{Markup, html};

use super::svg::r1;
use super::{Ctx, Section, iri_href, layout, respond, slug};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::analytics::{GapOut, gap_out};

/// How many expertise areas the chart shows.
const CHART_ROWS: usize = 25;

pub(crate) async fn page(
    State(state): State<AppState>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new("/lacunes", &raw, &headers)?;
    let snapshot = state.snapshot.get();
    let options = GapOptions::default();
    let rows: Vec<GapOut> = snapshot
        .graph
        .gap_report(&options)
        .iter()
        .map(|r| gap_out(&snapshot.eco, r, ctx.lang))
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
    let title = ctx.t("Lacunes d'expertise", "Expertise gaps");
    let csv = format!("/api/v1/export/gaps.csv?lang={}", ctx.lang.code());
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t(
                "Demande des adoptants de la ZEM (besoins déclarés : 1 ; besoins typiques du secteur : 0,5) comparée à l'offre locale (fournisseurs, centres de recherche, établissements de la ZEM), par domaine d'expertise.",
                "Demand of the ZEM's adopters (stated needs: 1; needs typical of the sector: 0.5) against local supply (suppliers, research centres and schools of the ZEM), by expertise area.",
            ))
        }
        p {
            a.button #gaps-csv href=(csv) download="maillage-gaps.csv" { (ctx.t("Télécharger le tableau (CSV)", "Download the table (CSV)")) }
            " "
            a href={ "/api/v1/gaps?lang=" (ctx.lang.code()) } { "JSON" }
        }
        section aria-labelledby="chart-h" {
            h2 #chart-h { (ctx.t("Demande et offre locale", "Demand and local supply")) }
            (bar_chart(&ctx, &chart))
        }
        section aria-labelledby="unmet-h" {
            h2 #unmet-h { (ctx.t("Demande non satisfaite", "Unmet demand")) }
            p.note {
                (ctx.t(
                    "Un besoin est satisfait quand un fournisseur admissible de la ZEM le couvre à au moins ",
                    "A need is met when an eligible ZEM supplier covers it at least ",
                ))
                (ctx.percent(options.coverage_threshold))
                (ctx.t(". Quotient de localisation : spécialisation de la ZEM par rapport au reste du Québec (> 1 : plus spécialisée).", ". Location quotient: specialisation of the ZEM against the rest of Québec (> 1: more specialised)."))
            }
            @if unmet.is_empty() {
                p { (ctx.t("Toute la demande connue est couverte localement.", "All known demand is met locally.")) }
            } @else {
                div.table-wrap {
                    table.compact #unmet-table {
                        thead { tr {
                            th scope="col" { (ctx.t("Expertise", "Expertise")) }
                            th.num scope="col" { (ctx.t("Demande", "Demand")) }
                            th.num scope="col" { (ctx.t("Offre locale", "Local supply")) }
                            th.num scope="col" { (ctx.t("Non satisfaite", "Unmet")) }
                            th.num scope="col" { (ctx.t("Quotient de localisation", "Location quotient")) }
                            th scope="col" { (ctx.t("Adoptants concernés", "Adopters concerned")) }
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
    Ok(respond(layout(&ctx, Section::Gaps, title, body)))
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
            li { span.swatch.demand aria-hidden="true" {} (ctx.t("Demande (ZEM)", "Demand (ZEM)")) }
            li { span.swatch.supply aria-hidden="true" {} (ctx.t("Offre locale (ZEM)", "Local supply (ZEM)")) }
        }
        svg.chart #gap-chart viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby="gap-chart-title gap-chart-desc" {
            title #gap-chart-title { (ctx.t("Demande et offre locale par expertise", "Demand and local supply by expertise")) }
            desc #gap-chart-desc {
                @for r in rows {
                    (r.label) " : " (ctx.t("demande ", "demand ")) (ctx.dec(r.demand, 1)) ", " (ctx.t("offre ", "supply ")) (ctx.dec(r.supply, 1)) ". "
                }
            }
            @for (i, r) in rows.iter().enumerate() {
                @let y = TOP + ROW_H * i as f64;
                g {
                    title { (r.label) " — " (ctx.t("demande ", "demand ")) (ctx.dec(r.demand, 1)) ", " (ctx.t("offre ", "supply ")) (ctx.dec(r.supply, 1)) }
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

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}
