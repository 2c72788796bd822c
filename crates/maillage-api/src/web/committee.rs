//! The regional AI committee's dossier (`/comite`, `/committee`): one printable page (print
//! stylesheet in `app.css`, A4 or Letter, a page break before each part) that the committee
//! reads on paper — the envelopes and the pipeline's totals, the gap chart and the unmet needs
//! with the adopters concerned, the region's specialisation against the rest of Québec
//! (location quotient) with the caveat on inferred needs, the brokers and isolated actors, and
//! the data's sources and date.
//!
//! Every figure comes from the functions the other pages and the REST API use (the envelope's
//! accounting, the gap report, the network report), on the snapshot of the graphs the reader
//! may see: an anonymous reader gets the version that can be shared as is (public facts and
//! totals of public projects only: for them the candidates do not exist), a signed-in reader
//! the confidential one (the candidates by status, with their verdicts).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use maillage_graph::GapOptions;
use maillage_i18n::Arg;
use maillage_model::{ProjectStatus, vocab};
use maud::html;

use super::eligibility::verdict_badge;
use super::pipeline::{balance_chart, balance_list};
use super::{Ctx, Section, badge, iri_href, slug};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::gaps::{GapOut, gap_out};

/// How many expertise areas the dossier's gap chart and table show.
const GAP_ROWS: usize = 12;
/// How many brokers it lists.
const BROKERS: usize = 10;

pub(crate) async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let member = ctx.identity.sees_confidential();
    let title = ctx.t("web-committee-title");
    // The date of the data: today's page over the last recorded change (members only: an
    // anonymous reader learns nothing of confidential activity).
    let last_change = if member {
        let store = state.store.clone();
        crate::store_protocol::blocking(move || store.history(1))
            .await?
            .into_iter()
            .next()
            .map(|c| c.at)
    } else {
        None
    };
    let today = time::OffsetDateTime::now_utc().date().to_string();

    let rows: Vec<GapOut> = snapshot
        .graph
        .gap_report(&GapOptions::default())
        .iter()
        .map(|r| gap_out(eco, r, ctx.locale))
        .collect();
    let gaps: Vec<&GapOut> = rows
        .iter()
        .filter(|r| r.rank.is_some())
        .take(GAP_ROWS)
        .collect();
    let mut specialised: Vec<&GapOut> = rows
        .iter()
        .filter(|r| !r.root && r.location_quotient.is_some())
        .collect();
    specialised.sort_by(|a, b| {
        b.location_quotient
            .unwrap_or(0.0)
            .total_cmp(&a.location_quotient.unwrap_or(0.0))
            .then_with(|| a.concept.cmp(&b.concept))
    });
    let network = crate::rest::network::network_out(&snapshot.graph, ctx.locale);

    let mut by_status: BTreeMap<ProjectStatus, (usize, f64, f64)> = BTreeMap::new();
    for p in eco.projects.values().filter(|p| !p.illustrative) {
        if let Some(s) = p.status {
            let e = by_status.entry(s).or_default();
            e.0 += 1;
            e.1 += p.requested().unwrap_or(0.0);
            e.2 += p.granted().unwrap_or(0.0);
        }
    }
    let mut envelopes: Vec<&maillage_model::Envelope> = eco.envelopes.values().collect();
    envelopes.sort_by(|a, b| {
        (a.iri != vocab::ZEM_ENVELOPE, &a.iri).cmp(&(b.iri != vocab::ZEM_ENVELOPE, &b.iri))
    });
    let mut candidates: Vec<&maillage_model::Project> = eco
        .projects
        .values()
        .filter(|p| !p.illustrative && p.status.is_some_and(ProjectStatus::is_open))
        .collect();
    candidates
        .sort_by(|a, b| (a.status, a.label.get(ctx.lang)).cmp(&(b.status, b.label.get(ctx.lang))));
    let sources = data_sources(&snapshot);

    let body = html! {
        header.dossier-head {
            p.kicker { (ctx.t("web-committee-kicker")) }
            h1 { (title) }
            p.lead { (ctx.t("web-committee-lead")) }
            p #dossier-version {
                @if member {
                    (badge("confidential", &ctx.t("web-committee-confidential")))
                    " " (ctx.t("web-committee-confidential-note"))
                } @else {
                    (badge("public", &ctx.t("web-committee-public")))
                    " " (ctx.t("web-committee-public-note"))
                }
            }
            p #dossier-date {
                (ctx.t_args("web-committee-date", &[("date", Arg::from(today.as_str()))]))
                @if let Some(at) = &last_change {
                    " " (ctx.t_args("web-committee-last-change", &[("at", Arg::from(super::human_time(at)))]))
                }
            }
            p.no-print { button.print type="button" data-print="" { (ctx.t("web-committee-print")) } " " (ctx.t("web-committee-print-hint")) }
        }
        nav.dossier-toc aria-labelledby="toc-h" {
            h2 #toc-h { (ctx.t("web-committee-contents")) }
            ol {
                li { a href="#part-envelope" { (ctx.t("web-committee-part-envelope")) } }
                li { a href="#part-gaps" { (ctx.t("web-committee-part-gaps")) } }
                li { a href="#part-specialisation" { (ctx.t("web-committee-part-specialisation")) } }
                li { a href="#part-network" { (ctx.t("web-committee-part-network")) } }
                li { a href="#part-sources" { (ctx.t("web-committee-part-sources")) } }
            }
        }
        section.dossier-part #part-envelope aria-labelledby="part-envelope-h" {
            h2 #part-envelope-h { "1. " (ctx.t("web-committee-part-envelope")) }
            p { (ctx.t("web-committee-envelope-intro")) }
            @for e in &envelopes {
                @let b = eco.balance(e);
                div.envelope-block {
                    h3 { (e.label.get(ctx.lang)) }
                    (balance_chart(&ctx, e, &b))
                    (balance_list(&ctx, e, &b))
                }
            }
            h3 { (ctx.t("web-committee-pipeline-totals")) }
            div.table-wrap {
                table.compact #dossier-totals {
                    thead { tr {
                        th scope="col" { (ctx.t("web-pipeline-status")) }
                        th.num scope="col" { (ctx.t("web-pipeline-count")) }
                        th.num scope="col" { (ctx.t("web-pipeline-requested")) }
                        th.num scope="col" { (ctx.t("web-pipeline-granted")) }
                    } }
                    tbody {
                        @for (s, (n, requested, granted)) in &by_status {
                            tr data-status=(s.slug()) {
                                th scope="row" { (ctx.t(s.label_id())) }
                                td.num { (ctx.int(*n as f64)) }
                                td.num { (ctx.money(*requested)) }
                                td.num { (ctx.money(*granted)) }
                            }
                        }
                        @if by_status.is_empty() {
                            tr { td colspan="4" { (ctx.t("web-pipeline-empty")) } }
                        }
                    }
                }
            }
            @if member {
                h3 { (ctx.t("web-committee-candidates")) }
                @if candidates.is_empty() {
                    p { (ctx.t("web-pipeline-empty")) }
                } @else {
                    div.table-wrap {
                        table.compact #dossier-candidates {
                            thead { tr {
                                th scope="col" { (ctx.t("web-pipeline-project")) }
                                th scope="col" { (ctx.t("web-pipeline-status")) }
                                th scope="col" { (ctx.t("web-role-supplier")) }
                                th scope="col" { (ctx.t("web-role-adopter")) }
                                th.num scope="col" { (ctx.t("web-pipeline-requested")) }
                                th scope="col" { (ctx.t("web-pipeline-eligibility")) }
                            } }
                            tbody {
                                @for p in &candidates {
                                    @let eligible = maillage_graph::check_project(eco, &p.iri).ok().and_then(|e| e.eligible);
                                    tr {
                                        th scope="row" { a href=(ctx.href(&format!("/projets/{}", slug(&p.iri)))) { (p.label.get(ctx.lang)) } }
                                        td { (p.status.map(|s| ctx.t(s.label_id())).unwrap_or_default()) }
                                        td { (p.supplier.as_deref().map(|s| crate::labels::name(eco, s, ctx.locale)).unwrap_or_default()) }
                                        td { (p.adopter.as_deref().map(|s| crate::labels::name(eco, s, ctx.locale)).unwrap_or_default()) }
                                        td.num { (p.requested().map(|a| ctx.money(a)).unwrap_or_else(|| "—".into())) }
                                        td { (verdict_badge(&ctx, eligible)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.dossier-part #part-gaps aria-labelledby="part-gaps-h" {
            h2 #part-gaps-h { "2. " (ctx.t("web-committee-part-gaps")) }
            p { (ctx.t("web-committee-gaps-intro")) }
            @if gaps.is_empty() {
                p { (ctx.t("web-gaps-no-demand")) }
            } @else {
                figure.dossier-figure {
                    (super::gaps::bar_chart(&ctx, &gaps))
                    figcaption { (ctx.t_args("web-gaps-chart", &[("count", Arg::from(gaps.len()))])) }
                }
                div.table-wrap {
                    table.compact #dossier-unmet {
                        caption { (ctx.t("web-committee-unmet")) }
                        thead { tr {
                            th.num scope="col" { (ctx.t("web-gaps-rank")) }
                            th scope="col" { (ctx.t("web-expertise")) }
                            th.num scope="col" { (ctx.t("web-gaps-demand")) }
                            th.num scope="col" { (ctx.t("web-gaps-supply")) }
                            th.num scope="col" { (ctx.t("web-gaps-unmet-column")) }
                            th scope="col" { (ctx.t("web-gaps-adopters")) }
                        } }
                        tbody {
                            @for r in &gaps {
                                tr {
                                    td.num { (r.rank.map(|n| ctx.int(n as f64)).unwrap_or_default()) }
                                    th scope="row" { (r.label) }
                                    td.num { (ctx.dec(r.demand, 1)) }
                                    td.num { (ctx.dec(r.supply, 1)) }
                                    td.num { (ctx.dec(r.unmet, 1)) }
                                    td {
                                        @if r.unmet_adopter_refs.is_empty() { "—" }
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
        section.dossier-part #part-specialisation aria-labelledby="part-spec-h" {
            h2 #part-spec-h { "3. " (ctx.t("web-committee-part-specialisation")) }
            p { (ctx.t("web-gaps-quotient-note")) }
            p.caveat #inferred-caveat role="note" {
                strong { (ctx.t("web-committee-caveat")) } " " (ctx.t("web-gaps-def-inferred"))
            }
            div.table-wrap {
                table.compact #dossier-quotients {
                    thead { tr {
                        th scope="col" { (ctx.t("web-expertise")) }
                        th.num scope="col" { (ctx.t("web-gaps-quotient")) }
                        th.num scope="col" { (ctx.t("web-gaps-demand")) }
                        th.num scope="col" { (ctx.t("web-gaps-of-which-inferred-column")) }
                        th.num scope="col" { (ctx.t("web-gaps-supply")) }
                    } }
                    tbody {
                        @for r in specialised.iter().take(GAP_ROWS) {
                            tr {
                                th scope="row" { (r.label) }
                                td.num { (r.location_quotient.map(|q| ctx.dec(q, 2)).unwrap_or_else(|| "—".into())) }
                                td.num { (ctx.dec(r.demand, 1)) }
                                td.num { (ctx.dec(r.demand_inferred, 1)) }
                                td.num { (ctx.dec(r.supply, 1)) }
                            }
                        }
                    }
                }
            }
        }
        section.dossier-part #part-network aria-labelledby="part-network-h" {
            h2 #part-network-h { "4. " (ctx.t("web-committee-part-network")) }
            p { (ctx.t("web-committee-network-intro")) }
            h3 { (ctx.t("web-committee-brokers")) }
            ol #dossier-brokers {
                @for b in network.brokers.iter().take(BROKERS) {
                    li {
                        a href=(iri_href(&ctx, &b.org.iri)) { (b.org.label) }
                        " — " (ctx.t_args("web-committee-betweenness", &[("value", Arg::from(ctx.dec(b.betweenness, 3)))]))
                        @if b.articulation_point { " " (badge("ko", &ctx.t("web-committee-articulation"))) }
                    }
                }
            }
            h3 { (ctx.t_args("web-committee-isolated", &[("count", Arg::from(network.isolated.len()))])) }
            @if network.isolated.is_empty() {
                p { (ctx.t("web-committee-isolated-none")) }
            } @else {
                ul.columns-list #dossier-isolated {
                    @for o in &network.isolated {
                        li { a href=(iri_href(&ctx, &o.iri)) { (o.label) } }
                    }
                }
            }
        }
        section.dossier-part #part-sources aria-labelledby="part-sources-h" {
            h2 #part-sources-h { "5. " (ctx.t("web-committee-part-sources")) }
            p { (ctx.t_args("web-committee-sources-intro", &[
                ("organisations", Arg::from(eco.organizations.len())),
                ("organisations_n", Arg::from(ctx.int(eco.organizations.len() as f64))),
            ])) }
            @if let Some(version) = &eco.rule_set.version {
                p { (ctx.t_args("web-project-rule-set", &[("version", Arg::from(version.as_str()))])) }
            }
            h3 { (ctx.t("web-committee-rule-sources")) }
            ul #dossier-rule-sources {
                @for (address, rules) in &sources.rules {
                    li { a href=(address) { (address) } " — " (rules.join(", ")) }
                }
            }
            h3 { (ctx.t("web-committee-organisation-sources")) }
            ul.columns-list #dossier-source-sites {
                @for (site, n) in &sources.sites {
                    li { (site) " (" (ctx.int(*n as f64)) ")" }
                }
            }
            p.note { (ctx.t("web-committee-open-data")) " " a href="/api/v1/export/dataset" { (ctx.t("web-footer-dataset")) } }
        }
    };
    Ok(ctx.page(Section::Committee, &title, body))
}

/// Where the dossier's data come from: the documents stating the eligibility rules (with the
/// rules each states), and the web sites the organisations' facts are sourced from (with how
/// many organisations cite each).
struct Sources {
    rules: BTreeMap<String, Vec<String>>,
    sites: Vec<(String, usize)>,
}

fn data_sources(snapshot: &crate::Snapshot) -> Sources {
    let eco = &snapshot.eco;
    let mut rules: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in &eco.rule_set.rules {
        for s in &r.sources {
            rules.entry(s.clone()).or_default().push(r.notation.clone());
        }
    }
    let mut sites: BTreeMap<String, usize> = BTreeMap::new();
    for o in eco.organizations.values() {
        let mut seen: Vec<String> = o.sources.iter().filter_map(|s| host(s)).collect();
        seen.sort();
        seen.dedup();
        for h in seen {
            *sites.entry(h).or_default() += 1;
        }
    }
    let mut sites: Vec<(String, usize)> = sites.into_iter().collect();
    sites.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sites.truncate(24);
    Sources { rules, sites }
}

/// The host of a web address, without `www.`.
fn host(address: &str) -> Option<String> {
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.trim_start_matches("www.").to_owned()).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts_drop_the_scheme_path_and_www() {
        assert_eq!(
            host("https://www.ulaval.ca/a?b").as_deref(),
            Some("ulaval.ca")
        );
        assert_eq!(host("http://inrs.ca").as_deref(), Some("inrs.ca"));
        assert_eq!(host("urn:x"), None);
    }
}
