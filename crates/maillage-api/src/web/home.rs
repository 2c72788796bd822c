//! The home page: counts, the Scale AI envelope, the map of the region, top expertise areas
//! and a search box.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maillage_model::{OrgKind, vocab};
use maud::html;

use super::{Ctx, Section, layout, meter, respond, slug, svg};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::{funding, stats};

pub(crate) async fn page(
    State(state): State<AppState>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new("/", &raw, &headers)?;
    let snapshot = state.snapshot.get();
    let eco = &snapshot.eco;
    let counts = stats::compute(&snapshot, ctx.lang);
    let envelope = eco
        .envelopes
        .get(vocab::ZEM_ENVELOPE)
        .map(|e| funding::balance(eco, e, ctx.lang));
    let (map, drawn, outside) = svg::zem_map(&ctx, eco);
    let kinds: Vec<OrgKind> = OrgKind::ALL
        .into_iter()
        .filter(|k| eco.organizations.values().any(|o| o.kind == Some(*k)))
        .collect();
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
    let title = ctx.t(
        "L'écosystème de l'IA de la région de Québec",
        "The AI ecosystem of the Québec City region",
    );
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t(
                "Fournisseurs et adoptants d'IA, centres de recherche, établissements et financement de la Zone économique métropolitaine (ZEM) de Québec.",
                "AI suppliers and adopters, research centres, schools and funding of the Québec metropolitan economic zone (ZEM).",
            ))
        }
        form.search-box role="search" method="get" action="/recherche" {
            label for="home-q" { (ctx.t("Rechercher une organisation ou une expertise", "Search an organisation or an expertise")) }
            div.row {
                input #home-q type="search" name="q" placeholder=(ctx.t("p. ex. vision, assurance, Lévis", "e.g. vision, insurance, Lévis"));
                @if ctx.param("lang").is_some() { input type="hidden" name="lang" value=(ctx.lang.code()); }
                button type="submit" { (ctx.t("Rechercher", "Search")) }
            }
        }
        section aria-labelledby="counts-h" {
            h2 #counts-h { (ctx.t("En chiffres", "At a glance")) }
            ul.cards {
                li { a href=(ctx.href("/recherche")) { strong { (counts.organisations) } span { (ctx.t("organisations", "organisations")) } } }
                li { a href=(ctx.href_with("/recherche", &[("role", "supplier")])) { strong { (counts.suppliers) } span { (ctx.t("fournisseurs d'IA", "AI suppliers")) } } }
                li { a href=(ctx.href_with("/recherche", &[("role", "adopter")])) { strong { (counts.adopters) } span { (ctx.t("adoptants (déclarés ou potentiels)", "adopters (stated or potential)")) } } }
                li { a href=(ctx.href_with("/recherche", &[("in_zem", "true")])) { strong { (counts.in_zem) } span { (ctx.t("dans la ZEM", "in the ZEM")) } } }
            }
        }
        div.columns {
            section aria-labelledby="kinds-h" {
                h2 #kinds-h { (ctx.t("Organisations par type", "Organisations by type")) }
                table.compact #by-kind {
                    caption.visually-hidden { (ctx.t("Organisations par type", "Organisations by type")) }
                    thead { tr { th scope="col" { (ctx.t("Type", "Type")) } th.num scope="col" { (ctx.t("Nombre", "Count")) } } }
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
                    p.note { (ctx.t("Dont ", "Including ")) (demo_orgs) (ctx.t(" organisations fictives de démonstration.", " fictional demo organisations.")) }
                }
            }
            @if let Some(env) = &envelope {
                section #envelope aria-labelledby="env-h" {
                    h2 #env-h { (env.name) }
                    @let committed = if env.amount > 0.0 { env.committed / env.amount } else { 0.0 };
                    @let pipeline = if env.amount > 0.0 { env.pipeline / env.amount } else { 0.0 };
                    p {
                        (ctx.t("Enveloppe de ", "Envelope of ")) strong { (ctx.money(env.amount)) }
                        @if let Some(f) = &env.funder { (ctx.t(" — bailleur : ", " — funder: ")) (f.label) }
                        @if let Some(r) = &env.recipient { (ctx.t(" — confiée à ", " — entrusted to ")) (r.label) }
                    }
                    div.budget-bar role="img" aria-label={
                        (ctx.t("Engagé : ", "Committed: ")) (ctx.money(env.committed)) ", "
                        (ctx.t("en préparation : ", "in the pipeline: ")) (ctx.money(env.pipeline)) ", "
                        (ctx.t("restant : ", "remaining: ")) (ctx.money(env.remaining))
                    } {
                        span.committed style={ "width:" (svg::r1(committed * 100.0)) "%" } {}
                        span.pipeline style={ "width:" (svg::r1(pipeline.min(1.0 - committed) * 100.0)) "%" } {}
                    }
                    dl.amounts {
                        div { dt { span.swatch.committed aria-hidden="true" {} (ctx.t("Engagé", "Committed")) } dd #env-committed { (ctx.money(env.committed)) } }
                        div { dt { span.swatch.pipeline aria-hidden="true" {} (ctx.t("En préparation (proposé, sélectionné)", "Pipeline (proposed, selected)")) } dd { (ctx.money(env.pipeline)) } }
                        div { dt { span.swatch.remaining aria-hidden="true" {} (ctx.t("Restant", "Remaining")) } dd #env-remaining { (ctx.money(env.remaining)) } }
                    }
                    @let demo: Vec<_> = env.projects.iter().filter(|p| p.illustrative).collect();
                    @if !demo.is_empty() {
                        div.demo-box {
                            p {
                                strong { (ctx.t("Projets fictifs de démonstration", "Fictional demo projects")) }
                                (ctx.t(" — montrés à part, jamais comptés dans l'enveloppe : ", " — shown apart, never counted in the envelope: "))
                                (demo.len()) " " (ctx.t("projets", "projects")) ", "
                                (ctx.money(demo.iter().filter_map(|p| p.amount).sum::<f64>()))
                                "."
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="map-h" {
            h2 #map-h { (ctx.t("Carte de la région", "Map of the region")) }
            p.note {
                (drawn) (ctx.t(" organisations sur la carte", " organisations on the map"))
                @if outside > 0 { (ctx.t(" ; ", "; ")) (outside) (ctx.t(" ailleurs au Québec, hors carte", " elsewhere in Québec, off the map")) }
                (ctx.t(". Survolez un point pour son nom ; cliquez pour son profil.", ". Hover a dot for its name; click for its profile."))
            }
            figure.map-figure {
                (map)
                figcaption { (svg::kind_legend(&ctx, &kinds)) }
            }
        }
        section aria-labelledby="exp-h" {
            h2 #exp-h { (ctx.t("Principales expertises", "Top expertise areas")) }
            table.compact.bars {
                caption.visually-hidden { (ctx.t("Nombre d'organisations qui offrent, étudient ou enseignent chaque expertise", "Number of organisations offering, researching or teaching each expertise")) }
                thead { tr { th scope="col" { (ctx.t("Expertise", "Expertise")) } th.num scope="col" { (ctx.t("Organisations", "Organisations")) } } }
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
    Ok(respond(layout(&ctx, Section::Home, title, body)))
}
