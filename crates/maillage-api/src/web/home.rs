//! The home page: counts, the Scale AI envelope, the map of the region, top expertise areas
//! and a search box.

use axum::response::Response;
use maillage_i18n::Arg;
use maillage_model::{OrgKind, vocab};
use maud::html;

use super::{Ctx, Section, meter, slug, svg};
use crate::error::ApiError;
use crate::rest::{funding, stats};

pub(crate) async fn page(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    let counts = stats::compute(&snapshot, ctx.locale);
    let envelope = eco
        .envelopes
        .get(vocab::ZEM_ENVELOPE)
        .map(|e| funding::balance(eco, e, ctx.lang));
    let map = svg::zem_map(&ctx, eco);
    let top_expertise: Vec<_> = counts
        .by_expertise
        .iter()
        .filter(|c| {
            c.iri
                .as_deref()
                .and_then(|i| eco.concepts.get(i))
                .is_some_and(|c| c.scheme == maillage_model::ConceptScheme::AiExpertise)
        })
        .take(10)
        .collect();
    let top_max = top_expertise.first().map(|c| c.count).unwrap_or(1).max(1) as f64;
    let demo_orgs = eco
        .organizations
        .values()
        .filter(|o| o.illustrative)
        .count();
    let title = ctx.t("web-home-title");
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t("web-home-lead"))
        }
        form.search-box role="search" method="get" action="/recherche" {
            label for="home-q" { (ctx.t("web-home-search-label")) }
            div.row {
                input #home-q type="search" name="q" placeholder=(ctx.t("web-home-search-placeholder"));
                (ctx.lang_field())
                button type="submit" { (ctx.t("web-search-button")) }
            }
        }
        section aria-labelledby="counts-h" {
            h2 #counts-h { (ctx.t("web-home-counts")) }
            ul.cards {
                li { a href=(ctx.href("/recherche")) { strong { (ctx.int(counts.organisations as f64)) } span { (ctx.t_args("web-home-card-organisations", &[("count", Arg::from(counts.organisations))])) (ctx.illustrative_note(counts.illustrative.organisations)) } } }
                li { a href=(ctx.href_with("/recherche", &[("role", "supplier")])) { strong { (ctx.int(counts.suppliers as f64)) } span { (ctx.t_args("web-home-card-suppliers", &[("count", Arg::from(counts.suppliers))])) (ctx.illustrative_note(counts.illustrative.suppliers)) } } }
                li { a href=(ctx.href_with("/recherche", &[("role", "adopter")])) { strong { (ctx.int(counts.adopters as f64)) } span { (ctx.t_args("web-home-card-adopters", &[("count", Arg::from(counts.adopters))])) (ctx.illustrative_note(counts.illustrative.adopters)) } } }
                li { a href=(ctx.href_with("/recherche", &[("in_zem", "true")])) { strong { (ctx.int(counts.in_zem as f64)) } span { (ctx.t("web-home-card-in-zem")) (ctx.illustrative_note(counts.illustrative.in_zem)) } } }
            }
        }
        div.columns {
            section aria-labelledby="kinds-h" {
                h2 #kinds-h { (ctx.t("web-home-by-kind")) }
                table.compact #by-kind {
                    caption.visually-hidden { (ctx.t("web-home-by-kind")) }
                    thead { tr { th scope="col" { (ctx.t("web-type")) } th.num scope="col" { (ctx.t("web-home-count")) } } }
                    tbody {
                        @for c in &counts.by_kind {
                            tr {
                                th scope="row" {
                                    span.swatch style={ "background:" (svg::kind_colour(OrgKind::from_slug(&c.key))) } aria-hidden="true" {}
                                    a href=(ctx.href_with("/recherche", &[("kind", c.key.as_str())])) { (c.label) }
                                }
                                td.num { (c.count) }
                            }
                        }
                    }
                }
                @if demo_orgs > 0 {
                    p.note { (ctx.t_args("web-home-demo-organisations", &[("count", Arg::from(demo_orgs))])) }
                }
            }
            @if let Some(env) = &envelope {
                section #envelope aria-labelledby="env-h" {
                    h2 #env-h { (env.name) }
                    @let committed = if env.amount > 0.0 { env.committed / env.amount } else { 0.0 };
                    @let pipeline = if env.amount > 0.0 { env.requested / env.amount } else { 0.0 };
                    p {
                        (ctx.t_markup("web-home-envelope-of", &[], &[("amount", html! { strong { (ctx.money(env.amount)) } })]))
                        @if let Some(f) = &env.funder { " " (ctx.t_args("web-home-envelope-funder", &[("funder", Arg::from(f.label.as_str()))])) }
                        @if let Some(r) = &env.recipient { " " (ctx.t_args("web-home-envelope-recipient", &[("recipient", Arg::from(r.label.as_str()))])) }
                    }
                    div.budget-bar role="img" aria-label=(ctx.t_args("web-home-budget-bar", &[
                        ("committed", Arg::from(ctx.money(env.committed))),
                        ("pipeline", Arg::from(ctx.money(env.requested))),
                        ("remaining", Arg::from(ctx.money(env.remaining))),
                    ])) {
                        span.committed style={ "width:" (svg::r1(committed * 100.0)) "%" } {}
                        span.pipeline style={ "width:" (svg::r1(pipeline.min(1.0 - committed) * 100.0)) "%" } {}
                    }
                    dl.amounts {
                        div { dt { span.swatch.committed aria-hidden="true" {} (ctx.t("web-home-committed")) } dd #env-committed { (ctx.money(env.committed)) } }
                        div { dt { span.swatch.pipeline aria-hidden="true" {} (ctx.t("web-home-pipeline")) } dd { (ctx.money(env.requested)) } }
                        div { dt { span.swatch.remaining aria-hidden="true" {} (ctx.t("web-home-remaining")) } dd #env-remaining { (ctx.money(env.remaining)) } }
                    }
                    @let demo: Vec<_> = env.projects.iter().filter(|p| p.illustrative).collect();
                    @if !demo.is_empty() {
                        div.demo-box {
                            p {
                                strong { (ctx.t("web-home-demo-projects")) }
                                " "
                                (ctx.t_args("web-home-demo-projects-detail", &[
                                    ("count", Arg::from(demo.len())),
                                    ("amount", Arg::from(ctx.money(demo.iter().filter_map(|p| p.amount).sum::<f64>()))),
                                ]))
                            }
                        }
                    }
                }
            }
        }
        section #map aria-labelledby="map-h" {
            h2 #map-h { (ctx.t("web-home-map")) }
            p.note #map-how { (ctx.t("web-map-how")) }
            @if map.counts.places > 0 {
                a.skip-inline #map-skip href="#map-after" { (ctx.t("web-map-skip")) }
            }
            figure.map-figure { (map.figure) }
            div #map-after tabindex="-1" { (map.list) }
        }
        section aria-labelledby="exp-h" {
            h2 #exp-h { (ctx.t("web-home-top-expertise")) }
            table.compact.bars {
                caption.visually-hidden { (ctx.t("web-home-top-expertise-caption")) }
                thead { tr { th scope="col" { (ctx.t("web-expertise")) } th.num scope="col" { (ctx.t("web-organisations")) } } }
                tbody {
                    @for c in &top_expertise {
                        tr {
                            th scope="row" { a href=(ctx.href_with("/recherche", &[("expertise", c.iri.as_deref().map(slug).unwrap_or(&c.key))])) { (c.label) } }
                            td.num { (meter(c.count as f64 / top_max, "")) " " (c.count) }
                        }
                    }
                }
            }
        }
    };
    Ok(ctx.page(Section::Home, &title, body))
}
