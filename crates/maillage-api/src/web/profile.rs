//! An organisation's profile: facts with sources, expertise and needs, location, projects,
//! relations, and its best partners (the explained matches of the analytics, rendered here).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maillage_i18n::Arg;
use maillage_model::{Ecosystem, Organization, vocab};
use maud::{Markup, html};

use super::terms::{info, term};
use super::{Ctx, Section, badge, error_page, iri_href, meter, role_label, slug};
use crate::AppState;
use crate::error::{ApiError, ApiPath};
use crate::rest::matches::{BandOut, EvidenceKind, MatchOut, match_out};
use crate::rest::wire::{self, NeedsSource, ProjectSummary, Ref};

pub(crate) async fn page(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ctx: Ctx,
) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let iri = vocab::id("org", &id);
    let Some(o) = eco.organizations.get(&iri) else {
        let message = ctx.t_args("web-profile-not-found", &[("id", Arg::from(id.as_str()))]);
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, &message));
    };
    let summary = wire::summary(eco, o, ctx.lang);
    let is_adopter = eco.is_adopter(o);
    let matches: Option<Result<Vec<MatchOut>, String>> =
        (is_adopter || o.is_supplier()).then(|| {
            let options = maillage_graph::Options::default();
            snapshot
                .graph
                .matches_for(&iri, maillage_graph::Direction::Auto, &options)
                .map(|found| {
                    found
                        .iter()
                        .map(|m| match_out(eco, m, ctx.locale))
                        .collect()
                })
                .map_err(|e| crate::words::graph_error(&e).render(ctx.locale))
        });
    let name = o.label.get(ctx.lang);
    let children: Vec<String> = eco.children_of(&o.iri).map(|c| c.iri.clone()).collect();
    let projects: Vec<ProjectSummary> = eco
        .projects_with(&o.iri)
        .map(|p| ProjectSummary::new(eco, p, ctx.lang))
        .collect();
    let description = o.description.get(ctx.lang);
    let last_change = crate::rest::changes::last_change_for(&state, &ctx.identity, &iri).await?;
    let body = html! {
        nav.crumbs aria-label=(ctx.t("web-profile-breadcrumb")) {
            a href=(ctx.href("/")) { (ctx.t("web-nav-home")) } " › "
            a href=(ctx.href("/recherche")) { (ctx.t("web-organisations")) } " › "
            span aria-current="page" { (name) }
        }
        h1 { (name) }
        p.facts {
            @if let Some(k) = &summary.kind_label { span { (k) } }
            @if let Some(m) = &summary.municipality { span { (m.label) } }
            @if summary.in_zem { (badge("zem", &ctx.t("web-in-zem"))) }
            @for r in &summary.roles { (badge(r, &role_label(&ctx, r))) }
            @if o.illustrative { (badge("demo", &ctx.t("web-profile-demo"))) }
        }
        @if !description.is_empty() { p.lead { (description) } }
        @if let Some(change) = &last_change {
            p.note #last-change {
                (ctx.t_args("web-last-change", &[
                    ("actor", Arg::from(change.actor.as_str())),
                    ("at", Arg::from(super::human_time(&change.at).as_str())),
                    ("id", Arg::from(change.id.to_string())),
                ]))
            }
        }
        div.columns {
            section aria-labelledby="facts-h" {
                h2 #facts-h { (ctx.t("web-profile-facts")) }
                dl.facts-list {
                    @if let Some(k) = &summary.kind_label { dt { (ctx.t("web-type")) } dd { (k) } }
                    @if !o.alt_labels.is_empty() { dt { (ctx.t("web-profile-other-names")) } dd { (o.alt_labels.join(", ")) } }
                    @if let Some(w) = &o.website { dt { (ctx.t("web-profile-website")) } dd { a href=(w) rel="external noopener" { (w) } } }
                    @if !summary.sectors.is_empty() {
                        dt { (ctx.t("web-profile-sectors")) }
                        dd { (ref_list(&ctx, &summary.sectors)) }
                    }
                    dt { (ctx.t("web-profile-location")) }
                    dd #location {
                        @match &summary.municipality {
                            Some(m) => {
                                a href=(ctx.href_with("/recherche", &[("municipality", slug(&m.iri))])) { (m.label) }
                                @if summary.in_zem { " (" (ctx.t("web-profile-zem")) ")" }
                                @else { " (" (ctx.t("web-profile-outside-zem")) ")" }
                            }
                            None => { (ctx.t("web-profile-location-unknown")) }
                        }
                        @if let Some((lat, long)) = eco.coordinates(o) {
                            br;
                            small { (ctx.dec(lat, 4)) ", " (ctx.dec(long, 4))
                                @if o.lat.is_none() { " — " (ctx.t("web-profile-municipality-centre")) } }
                        }
                    }
                    @if let Some(c) = o.capacity { dt { (ctx.t("web-profile-capacity")) } dd { (c) } }
                }
                h3 { (ctx.t("web-profile-sources")) }
                @if o.sources.is_empty() {
                    p { (ctx.t("web-profile-no-source")) }
                } @else {
                    ul.sources #sources {
                        @for s in &o.sources {
                            li { @if s.starts_with("http") { a href=(s) rel="external noopener" { (s) } } @else { (s) } }
                        }
                    }
                }
                p.small {
                    a href=(ctx.href(&format!("/id/org/{id}"))) { (ctx.t("web-profile-linked-data")) }
                    " · "
                    a href=(ctx.api_href(&format!("/api/v1/organisations/{id}"), &[])) { "JSON" }
                    " · "
                    code { (iri) }
                }
            }
            section aria-labelledby="exp-h" {
                h2 #exp-h { (ctx.t("web-profile-expertise-needs")) }
                (concept_block(&ctx, &ctx.t("web-profile-offers"), &summary.expertise, "offers"))
                (concept_block(&ctx, &ctx.t("web-profile-research"), &Ref::list(eco, &o.research_areas, ctx.lang), "research"))
                (concept_block(&ctx, &ctx.t("web-profile-trains"), &Ref::list(eco, &o.trains_in, ctx.lang), "trains"))
                @match summary.needs_source {
                    NeedsSource::Explicit => {
                        (concept_block(&ctx, &ctx.t("web-profile-stated-needs"), &summary.needs, "needs"))
                    }
                    NeedsSource::SectorTypical => {
                        h3 { (ctx.t("web-profile-typical-needs")) " " (badge("typical", &ctx.t("web-profile-inferred"))) }
                        p.note { (ctx.t("web-profile-typical-needs-note")) }
                        (chips(&ctx, &summary.needs))
                    }
                    NeedsSource::None => {}
                }
                @if summary.expertise.is_empty() && o.research_areas.is_empty() && o.trains_in.is_empty() && summary.needs.is_empty() {
                    p { (ctx.t("web-profile-no-expertise")) }
                }
                h2 { (ctx.t("web-profile-relations")) }
                (relation(&ctx, &ctx.t("web-profile-parents"), &Ref::list(eco, &o.parents, ctx.lang)))
                (relation(&ctx, &ctx.t("web-profile-children"), &Ref::list(eco, &children, ctx.lang)))
                (relation(&ctx, &ctx.t("web-profile-partners"), &Ref::list(eco, &o.partners, ctx.lang)))
                @if o.parents.is_empty() && children.is_empty() && o.partners.is_empty() {
                    p { (ctx.t("web-profile-no-relation")) }
                }
            }
        }
        section aria-labelledby="projects-h" {
            h2 #projects-h { (ctx.t("web-profile-projects")) }
            @if projects.is_empty() {
                p { (ctx.t("web-profile-no-project")) }
            } @else {
                (projects_table(&ctx, &projects))
            }
        }
        @if let Some(found) = &matches {
            (matches_section(&ctx, eco, o, is_adopter, found))
        }
    };
    Ok(ctx.page(Section::None, name, body))
}

fn chips(ctx: &Ctx, refs: &[Ref]) -> Markup {
    html! {
        ul.chips {
            @for r in refs {
                li { a.chip href=(ctx.href_with("/recherche", &[("expertise", slug(&r.iri))])) { (r.label) } }
            }
        }
    }
}

/// A titled list of concepts; nothing when the list is empty.
fn concept_block(ctx: &Ctx, title: &str, refs: &[Ref], id: &str) -> Markup {
    html! {
        @if !refs.is_empty() {
            h3 id={ "c-" (id) } { (title) }
            (chips(ctx, refs))
        }
    }
}

fn ref_list(ctx: &Ctx, refs: &[Ref]) -> Markup {
    html! {
        @for (i, r) in refs.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(iri_href(ctx, &r.iri)) { (r.label) }
        }
    }
}

/// A titled list of related organisations; nothing when the list is empty.
fn relation(ctx: &Ctx, title: &str, refs: &[Ref]) -> Markup {
    html! {
        @if !refs.is_empty() {
            h3 { (title) }
            ul { @for r in refs { li { a href=(iri_href(ctx, &r.iri)) { (r.label) } } } }
        }
    }
}

fn status_label(ctx: &Ctx, status: crate::rest::wire::PipelineStatus) -> String {
    ctx.t(maillage_model::ProjectStatus::from(status).label_id())
}

fn projects_table(ctx: &Ctx, projects: &[ProjectSummary]) -> Markup {
    html! {
        table.compact {
            thead { tr {
                th scope="col" { (ctx.t("web-project")) }
                th scope="col" { (ctx.t("web-project-supplier")) }
                th scope="col" { (ctx.t("web-project-adopter")) }
                th scope="col" { (ctx.t("web-project-status")) }
                th.num scope="col" { (ctx.t("web-project-amount")) }
            } }
            tbody {
                @for p in projects {
                    tr {
                        th scope="row" {
                            a href=(ctx.href(&format!("/projets/{}", p.id))) { (p.name) }
                            @if p.illustrative { " " (badge("demo", &ctx.t("web-demo"))) }
                        }
                        td { @if let Some(s) = &p.supplier { a href=(iri_href(ctx, &s.iri)) { (s.label) } } }
                        td { @if let Some(a) = &p.adopter { a href=(iri_href(ctx, &a.iri)) { (a.label) } } }
                        td { @if let Some(s) = p.status { (status_label(ctx, s)) } }
                        td.num { @if let Some(a) = p.amount { (ctx.money(a)) } }
                    }
                }
            }
        }
    }
}

fn component_label(ctx: &Ctx, name: &str) -> String {
    crate::words::component_named(ctx.locale, name)
}

fn matches_section(
    ctx: &Ctx,
    eco: &Ecosystem,
    o: &Organization,
    is_adopter: bool,
    found: &Result<Vec<MatchOut>, String>,
) -> Markup {
    let title = if is_adopter {
        ctx.t("web-matches-suppliers")
    } else {
        ctx.t("web-matches-adopters")
    };
    html! {
        section #matches aria-labelledby="matches-h" {
            h2 #matches-h { (title) }
            p.note {
                (ctx.t("web-matches-note"))
                " "
                a href=(ctx.api_href(&format!("/api/v1/organisations/{}/matches", slug(&o.iri)), &[("limit", "10")])) { "JSON" }
            }
            @match found {
                Err(e) => { p.error role="alert" { (e) } }
                Ok(list) if list.is_empty() => { p { (ctx.t("web-matches-none")) } }
                Ok(list) => {
                    @if list.iter().any(|m| m.needs_source == NeedsSource::SectorTypical) {
                        div.note { (badge("typical", &ctx.t("web-matches-typical"))) " "
                            (ctx.t("web-matches-typical-note")) " "
                            (info(ctx, &ctx.t("web-term-inferred"), &inferred_text(ctx))) }
                    }
                    ol.matches #match-list {
                        @for m in list { (match_item(ctx, eco, o, m)) }
                    }
                }
            }
        }
    }
}

/// Whole points out of 100 for parts in 0..1 that add up to `total`: each part rounded so that
/// the rounded parts add up to the rounded total (largest remainders get the missing points).
fn points(parts: &[f64], total: f64) -> Vec<i64> {
    let scaled: Vec<f64> = parts.iter().map(|p| (p * 100.0).max(0.0)).collect();
    let mut out: Vec<i64> = scaled.iter().map(|p| p.floor() as i64).collect();
    let target = (total * 100.0).round() as i64;
    let mut order: Vec<usize> = (0..scaled.len()).collect();
    order.sort_by(|&a, &b| {
        (scaled[b] - scaled[b].floor())
            .total_cmp(&(scaled[a] - scaled[a].floor()))
            .then(a.cmp(&b))
    });
    let missing = usize::try_from(target - out.iter().sum::<i64>()).unwrap_or(0);
    for &i in order.iter().take(missing) {
        out[i] += 1;
    }
    out
}

/// The explanation of a jargon word behind a piece of evidence, if it has one.
fn evidence_term(ctx: &Ctx, kind: EvidenceKind) -> Option<Markup> {
    let (about, text) = match kind {
        EvidenceKind::BroaderOffer | EvidenceKind::NarrowerOffer | EvidenceKind::RelatedOffer => (
            "web-term-levels",
            ctx.t_args(
                "web-term-levels-text",
                &[
                    (
                        "broader",
                        Arg::from(ctx.dec(maillage_graph::BROADER_DECAY, 1)),
                    ),
                    (
                        "narrower",
                        Arg::from(ctx.dec(maillage_graph::NARROWER_DECAY, 1)),
                    ),
                ],
            ),
        ),
        EvidenceKind::NetworkPath => (
            "web-term-network-steps",
            ctx.t("web-term-network-steps-text"),
        ),
        EvidenceKind::SectorTypicalNeeds => ("web-term-inferred", inferred_text(ctx)),
        _ => return None,
    };
    Some(info(ctx, &ctx.t(about), &text))
}

/// What needs inferred from the sector are.
fn inferred_text(ctx: &Ctx) -> String {
    ctx.t_args(
        "web-term-inferred-text",
        &[(
            "discount",
            Arg::from(ctx.percent(maillage_graph::SECTOR_TYPICAL_DISCOUNT)),
        )],
    )
}

/// What a component measures, for its explanation.
fn component_text(ctx: &Ctx, name: &str) -> String {
    ctx.t(&format!("web-term-{}-text", name.replace('_', "-")))
}

fn band_class(band: BandOut) -> &'static str {
    match band {
        BandOut::Strong => "band band-strong",
        BandOut::Possible => "band band-possible",
        BandOut::Weak => "band band-weak",
    }
}

fn match_item(ctx: &Ctx, eco: &Ecosystem, o: &Organization, m: &MatchOut) -> Markup {
    let (other_iri, other_name) = if m.supplier == o.iri {
        (&m.adopter, &m.adopter_name)
    } else {
        (&m.supplier, &m.supplier_name)
    };
    let other_demo = eco
        .organizations
        .get(other_iri)
        .is_some_and(|x| x.illustrative);
    let names: Vec<&String> = m.components.keys().collect();
    let parts: Vec<f64> = names
        .iter()
        .map(|n| m.contributions.get(*n).copied().unwrap_or(0.0))
        .collect();
    let pts = points(&parts, m.score);
    let weight = |name: &str| ctx.dec(m.weights.get(name).copied().unwrap_or(0.0), 2);
    // The components that bring something, as "Need coverage 80 % × weight 0.55 = 44".
    let shown: Vec<String> = names
        .iter()
        .zip(&parts)
        .zip(&pts)
        .filter(|((_, share), _)| **share > 0.0)
        .map(|((name, _), p)| {
            ctx.t_args(
                "web-match-part",
                &[
                    ("component", Arg::from(component_label(ctx, name))),
                    (
                        "value",
                        Arg::from(ctx.percent(m.components.get(*name).copied().unwrap_or(0.0))),
                    ),
                    ("weight", Arg::from(weight(name))),
                    ("points", Arg::from(ctx.int(*p as f64))),
                ],
            )
        })
        .collect();
    let sum_points = ctx.int(pts.iter().sum::<i64>() as f64);
    let total = ctx.t_args(
        "web-match-total",
        &[("points", Arg::from(sum_points.as_str()))],
    );
    let thresholds = [
        (
            "strong",
            Arg::from(ctx.percent(maillage_graph::STRONG_FROM)),
        ),
        (
            "possible",
            Arg::from(ctx.percent(maillage_graph::POSSIBLE_FROM)),
        ),
    ];
    let band_text = ctx.t_args("web-term-band-text", &thresholds);
    html! {
        li.match {
            div.match-head {
                h3 { a href=(iri_href(ctx, other_iri)) { (other_name) } }
                @if other_demo { (badge("demo", &ctx.t("web-demo"))) }
                span.score {
                    span.visually-hidden { (ctx.t("web-match-score")) " " }
                    (meter(m.score, "score-bar")) " " strong { (ctx.percent(m.score)) }
                }
                (super::eligibility::verdict_badge(ctx, m.eligible))
            }
            div.standing {
                span class=(band_class(m.band)) { (term(&m.band_label, &band_text)) }
                @if let (Some(rank), Some(count)) = (m.rank, m.candidates) {
                    " " span.rank {
                        (ctx.t_args("web-match-rank", &[
                            ("position", Arg::from(rank)),
                            ("rank", Arg::from(ctx.int(rank as f64))),
                            ("count", Arg::from(ctx.int(count as f64))),
                            ("candidates", Arg::from(count)),
                        ]))
                    }
                }
            }
            p.breakdown {
                (ctx.t("web-match-breakdown")) " "
                @if shown.is_empty() { (ctx.t("web-match-breakdown-none")) }
                @else if shown.len() == 1 { (shown[0]) " " (ctx.t("web-match-total-one")) }
                @else { (shown.join(" + ")) " " (total) }
            }
            @if !m.explanation.is_empty() {
                ul.explanation {
                    @for x in &m.explanation {
                        li {
                            span.comp { (component_label(ctx, &x.component)) (ctx.t("analytics-label-colon")) }
                            (x.text)
                            @if let Some(t) = evidence_term(ctx, x.kind) { " " (t) }
                        }
                    }
                }
            }
            details.match-details {
                summary { (ctx.t("web-match-details")) }
                div.columns {
                    table.compact.components {
                        caption { (ctx.t("web-match-components")) }
                        thead { tr {
                            th scope="col" { (ctx.t("web-match-component")) }
                            th.num scope="col" { (ctx.t("web-match-value")) }
                            th.num scope="col" { (ctx.t("web-match-weight")) }
                            th.num scope="col" { (ctx.t("web-match-points")) }
                        } }
                        tbody {
                            @for ((name, v), p) in m.components.iter().zip(&pts) {
                                tr {
                                    th scope="row" { (term(&component_label(ctx, name), &component_text(ctx, name))) }
                                    td.num { (meter(*v, "")) " " (ctx.percent(*v)) }
                                    td.num { "× " (weight(name)) }
                                    td.num { "= " (ctx.int(*p as f64)) }
                                }
                            }
                        }
                        tfoot { tr {
                            th scope="row" colspan="3" { (ctx.t("web-match-score-total")) }
                            td.num { strong { (sum_points) } }
                        } }
                    }
                }
                // The rules take the whole width: name, verdict, reason and source.
                (super::eligibility::rules_table(ctx, &ctx.t("web-match-rules"), &m.rules, None))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_add_up_to_the_rounded_score() {
        assert_eq!(points(&[0.44, 0.0, 0.0, 0.0], 0.44), vec![44, 0, 0, 0]);
        // 37.4 + 7.5 = 44.9 → 45: the larger remainder takes the missing point.
        assert_eq!(points(&[0.374, 0.0, 0.0, 0.075], 0.449), vec![37, 0, 0, 8]);
        assert_eq!(
            points(&[0.333, 0.333, 0.334, 0.0], 1.0),
            vec![33, 33, 34, 0]
        );
        for parts in [[0.1234, 0.2345, 0.0456, 0.0789], [0.0, 0.0, 0.0, 0.0]] {
            let total: f64 = parts.iter().sum();
            let p = points(&parts, total);
            assert_eq!(p.iter().sum::<i64>(), (total * 100.0).round() as i64);
        }
    }
}
