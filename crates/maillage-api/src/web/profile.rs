//! An organisation's profile: facts with sources, expertise and needs, location, projects,
//! relations, and its best partners (the explained matches of the analytics, rendered here).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maillage_model::{Ecosystem, Organization, vocab};
use maud::{Markup, html};

use super::{Ctx, Section, badge, error_page, iri_href, layout, meter, respond, role_label, slug};
use crate::AppState;
use crate::error::{ApiError, ApiPath};
use crate::rest::analytics::{Direction, MatchOut, match_out, ranked_matches};
use crate::rest::wire::{self, NeedsSource, ProjectSummary, Ref};

pub(crate) async fn page(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&format!("/organisations/{id}"), &raw, &headers)?;
    let snapshot = state.snapshot.get();
    let eco = &snapshot.eco;
    let iri = vocab::id("org", &id);
    let Some(o) = eco.organizations.get(&iri) else {
        let message = format!(
            "{} « {id} ».",
            ctx.t(
                "Aucune organisation n'a l'identifiant",
                "No organisation has the id"
            )
        );
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, &message));
    };
    let summary = wire::summary(eco, o, ctx.lang);
    let is_adopter = eco.is_adopter(o);
    let matches: Option<Result<Vec<MatchOut>, String>> =
        (is_adopter || o.is_supplier()).then(|| {
            ranked_matches(&snapshot.graph, &iri, Direction::Auto, 10, false)
                .map(|found| found.iter().map(|m| match_out(eco, m, ctx.lang)).collect())
                .map_err(|e| e.to_string())
        });
    let name = o.label.get(ctx.lang);
    let children: Vec<String> = eco
        .organizations
        .values()
        .filter(|c| c.parents.contains(&o.iri))
        .map(|c| c.iri.clone())
        .collect();
    let projects: Vec<ProjectSummary> = eco
        .projects
        .values()
        .filter(|p| p.supplier.as_ref() == Some(&o.iri) || p.adopter.as_ref() == Some(&o.iri))
        .map(|p| ProjectSummary::new(eco, p, ctx.lang))
        .collect();
    let description = o.description.get(ctx.lang);
    let body = html! {
        nav.crumbs aria-label=(ctx.t("Fil d'Ariane", "Breadcrumb")) {
            a href=(ctx.href("/")) { (ctx.t("Accueil", "Home")) } " › "
            a href=(ctx.href("/recherche")) { (ctx.t("Organisations", "Organisations")) } " › "
            span aria-current="page" { (name) }
        }
        h1 { (name) }
        p.facts {
            @if let Some(k) = &summary.kind_label { span { (k) } }
            @if let Some(m) = &summary.municipality { span { (m.label) } }
            @if summary.in_zem { (badge("zem", ctx.t("Dans la ZEM", "In the ZEM"))) }
            @for r in &summary.roles { (badge(r, &role_label(&ctx, r))) }
            @if o.illustrative { (badge("demo", ctx.t("démo — organisation fictive", "demo — fictional organisation"))) }
        }
        @if !description.is_empty() { p.lead { (description) } }
        div.columns {
            section aria-labelledby="facts-h" {
                h2 #facts-h { (ctx.t("Fiche", "Facts")) }
                dl.facts-list {
                    @if let Some(k) = &summary.kind_label { dt { (ctx.t("Type", "Type")) } dd { (k) } }
                    @if !o.alt_labels.is_empty() { dt { (ctx.t("Autres noms", "Other names")) } dd { (o.alt_labels.join(", ")) } }
                    @if let Some(w) = &o.website { dt { (ctx.t("Site web", "Website")) } dd { a href=(w) rel="external noopener" { (w) } } }
                    @if !summary.sectors.is_empty() {
                        dt { (ctx.t("Secteurs (SCIAN)", "Sectors (NAICS)")) }
                        dd { (ref_list(&ctx, &summary.sectors)) }
                    }
                    dt { (ctx.t("Localisation", "Location")) }
                    dd #location {
                        @match &summary.municipality {
                            Some(m) => {
                                a href=(ctx.href_with("/recherche", &[("municipality", slug(&m.iri))])) { (m.label) }
                                @if summary.in_zem { " (" (ctx.t("Zone économique métropolitaine", "metropolitan economic zone")) ")" }
                                @else { " (" (ctx.t("hors ZEM", "outside the ZEM")) ")" }
                            }
                            None => { (ctx.t("inconnue", "unknown")) }
                        }
                        @if let Some((lat, long)) = eco.coordinates(o) {
                            br;
                            small { (ctx.dec(lat, 4)) ", " (ctx.dec(long, 4))
                                @if o.lat.is_none() { " — " (ctx.t("centre de la municipalité", "centre of the municipality")) } }
                        }
                    }
                    @if let Some(c) = o.capacity { dt { (ctx.t("Capacité (projets simultanés)", "Capacity (simultaneous projects)")) } dd { (c) } }
                }
                h3 { (ctx.t("Sources", "Sources")) }
                @if o.sources.is_empty() {
                    p { (ctx.t("Aucune source indiquée.", "No source given.")) }
                } @else {
                    ul.sources #sources {
                        @for s in &o.sources {
                            li { @if s.starts_with("http") { a href=(s) rel="external noopener" { (s) } } @else { (s) } }
                        }
                    }
                }
                p.small {
                    a href=(ctx.href(&format!("/id/org/{id}"))) { (ctx.t("Données liées (RDF)", "Linked data (RDF)")) }
                    " · "
                    a href={ "/api/v1/organisations/" (id) "?lang=" (ctx.lang.code()) } { "JSON" }
                    " · "
                    code { (iri) }
                }
            }
            section aria-labelledby="exp-h" {
                h2 #exp-h { (ctx.t("Expertises et besoins", "Expertise and needs")) }
                (concept_block(&ctx, ctx.t("Expertises offertes", "Expertise offered"), &summary.expertise, "offers"))
                (concept_block(&ctx, ctx.t("Domaines de recherche", "Research areas"), &Ref::list(eco, &o.research_areas, ctx.lang), "research"))
                (concept_block(&ctx, ctx.t("Formations en", "Trains in"), &Ref::list(eco, &o.trains_in, ctx.lang), "trains"))
                @match summary.needs_source {
                    NeedsSource::Explicit => {
                        (concept_block(&ctx, ctx.t("Besoins déclarés", "Stated needs"), &summary.needs, "needs"))
                    }
                    NeedsSource::SectorTypical => {
                        h3 { (ctx.t("Besoins typiques du secteur", "Needs typical of the sector")) " " (badge("typical", ctx.t("déduits, non déclarés", "inferred, not stated"))) }
                        p.note { (ctx.t(
                            "L'organisation n'a pas déclaré de besoins : ceux-ci sont typiques de son secteur d'activité.",
                            "The organisation has stated no needs: these are typical of its sector.",
                        )) }
                        (chips(&ctx, &summary.needs))
                    }
                    NeedsSource::None => {}
                }
                @if summary.expertise.is_empty() && o.research_areas.is_empty() && o.trains_in.is_empty() && summary.needs.is_empty() {
                    p { (ctx.t("Aucune expertise ni aucun besoin connu.", "No known expertise or need.")) }
                }
                h2 { (ctx.t("Relations", "Relations")) }
                (relation(&ctx, ctx.t("Organisation mère", "Parent organisation"), &Ref::list(eco, &o.parents, ctx.lang)))
                (relation(&ctx, ctx.t("Sous-organisations", "Sub-organisations"), &Ref::list(eco, &children, ctx.lang)))
                (relation(&ctx, ctx.t("Partenaires", "Partners"), &Ref::list(eco, &o.partners, ctx.lang)))
                @if o.parents.is_empty() && children.is_empty() && o.partners.is_empty() {
                    p { (ctx.t("Aucune relation connue.", "No known relation.")) }
                }
            }
        }
        section aria-labelledby="projects-h" {
            h2 #projects-h { (ctx.t("Projets", "Projects")) }
            @if projects.is_empty() {
                p { (ctx.t("Aucun projet connu.", "No known project.")) }
            } @else {
                (projects_table(&ctx, &projects))
            }
        }
        @if let Some(found) = &matches {
            (matches_section(&ctx, eco, o, is_adopter, found))
        }
    };
    Ok(respond(layout(&ctx, Section::None, name, body)))
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

fn relation(ctx: &Ctx, title: &str, refs: &[Ref]) -> Markup {
    html! {
        @if !refs.is_empty() {
            h3 { (title) }
            ul { @for r in refs { li { a href=(iri_href(ctx, &r.iri)) { (r.label) } } } }
        }
    }
}

fn status_label(ctx: &Ctx, status: &str) -> String {
    match status {
        "proposed" => ctx.t("proposé", "proposed"),
        "selected" => ctx.t("sélectionné", "selected"),
        "funded" => ctx.t("financé", "funded"),
        "completed" => ctx.t("terminé", "completed"),
        other => other,
    }
    .to_owned()
}

fn projects_table(ctx: &Ctx, projects: &[ProjectSummary]) -> Markup {
    html! {
        table.compact {
            thead { tr {
                th scope="col" { (ctx.t("Projet", "Project")) }
                th scope="col" { (ctx.t("Fournisseur", "Supplier")) }
                th scope="col" { (ctx.t("Adoptant", "Adopter")) }
                th scope="col" { (ctx.t("Statut", "Status")) }
                th.num scope="col" { (ctx.t("Montant", "Amount")) }
            } }
            tbody {
                @for p in projects {
                    tr {
                        th scope="row" {
                            a href=(iri_href(ctx, &p.iri)) { (p.name) }
                            @if p.illustrative { " " (badge("demo", ctx.t("démo", "demo"))) }
                        }
                        td { @if let Some(s) = &p.supplier { a href=(iri_href(ctx, &s.iri)) { (s.label) } } }
                        td { @if let Some(a) = &p.adopter { a href=(iri_href(ctx, &a.iri)) { (a.label) } } }
                        td { @if let Some(s) = &p.status { (status_label(ctx, s)) } }
                        td.num { @if let Some(a) = p.amount { (ctx.money(a)) } }
                    }
                }
            }
        }
    }
}

fn component_label(ctx: &Ctx, name: &str) -> String {
    match name {
        "need_coverage" => ctx.t("Couverture des besoins", "Need coverage"),
        "sector_experience" => ctx.t("Expérience du secteur", "Sector experience"),
        "network_proximity" => ctx.t("Proximité dans le réseau", "Network proximity"),
        "zem_axis_alignment" => ctx.t("Alignement sur les axes de la ZEM", "ZEM axis alignment"),
        other => other,
    }
    .to_owned()
}

fn rule_label(ctx: &Ctx, rule: &str) -> String {
    match rule {
        "supplier-in-zem" => ctx.t("Fournisseur dans la ZEM", "Supplier in the ZEM"),
        "adopter-in-zem" => ctx.t("Adoptant dans la ZEM", "Adopter in the ZEM"),
        "supplier-offers-ai" => ctx.t("Le fournisseur offre de l'IA", "Supplier offers AI"),
        "distinct-organisations" => ctx.t("Organisations distinctes", "Distinct organisations"),
        "not-parent-subsidiary" => ctx.t("Pas de lien mère–filiale", "Not parent and subsidiary"),
        "project-addresses-axis" => ctx.t(
            "Le projet vise un axe de la ZEM",
            "Project addresses a ZEM axis",
        ),
        other => other,
    }
    .to_owned()
}

fn matches_section(
    ctx: &Ctx,
    eco: &Ecosystem,
    o: &Organization,
    is_adopter: bool,
    found: &Result<Vec<MatchOut>, String>,
) -> Markup {
    let title = if is_adopter {
        ctx.t("Meilleurs fournisseurs", "Best suppliers")
    } else {
        ctx.t("Meilleurs adoptants", "Best adopters")
    };
    html! {
        section #matches aria-labelledby="matches-h" {
            h2 #matches-h { (title) }
            p.note {
                (ctx.t(
                    "Classement calculé à partir des expertises, des besoins, de l'expérience sectorielle, de la proximité dans le réseau et des axes de la ZEM. L'admissibilité à l'enveloppe de la ZEM est vérifiée règle par règle.",
                    "Ranking computed from expertise, needs, sector experience, network proximity and the ZEM axes. Eligibility for the ZEM envelope is checked rule by rule.",
                ))
                " "
                a href={ "/api/v1/organisations/" (slug(&o.iri)) "/matches?limit=10&lang=" (ctx.lang.code()) } { "JSON" }
            }
            @match found {
                Err(e) => { p.error role="alert" { (e) } }
                Ok(list) if list.is_empty() => { p { (ctx.t("Aucun partenaire trouvé.", "No partner found.")) } }
                Ok(list) => {
                    @if list.iter().any(|m| m.needs_source == "sector-typical") {
                        p.note { (badge("typical", ctx.t("besoins typiques", "typical needs"))) " "
                            (ctx.t("Les besoins de l'adoptant sont ceux typiques de son secteur (non déclarés).", "The adopter's needs are those typical of its sector (not stated).")) }
                    }
                    ol.matches #match-list {
                        @for m in list { (match_item(ctx, eco, o, m)) }
                    }
                }
            }
        }
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
    html! {
        li.match {
            div.match-head {
                h3 { a href=(iri_href(ctx, other_iri)) { (other_name) } }
                @if other_demo { (badge("demo", ctx.t("démo", "demo"))) }
                span.score {
                    span.visually-hidden { (ctx.t("Score : ", "Score: ")) }
                    (meter(m.score, "score-bar")) " " strong { (ctx.percent(m.score)) }
                }
                @if m.eligible {
                    (badge("ok", ctx.t("✓ Admissible (ZEM)", "✓ Eligible (ZEM)")))
                } @else {
                    (badge("ko", ctx.t("✗ Non admissible (ZEM)", "✗ Not eligible (ZEM)")))
                }
            }
            @if !m.explanation.is_empty() {
                ul.explanation {
                    @for x in &m.explanation {
                        li { span.comp { (component_label(ctx, &x.component)) (ctx.t("\u{a0}: ", ": ")) } (x.text) }
                    }
                }
            }
            details {
                summary { (ctx.t("Détail du score et de l'admissibilité", "Score breakdown and eligibility")) }
                div.columns {
                    table.compact {
                        caption { (ctx.t("Composantes du score", "Score components")) }
                        tbody {
                            @for (name, v) in &m.components {
                                tr { th scope="row" { (component_label(ctx, name)) } td.num { (meter(*v, "")) " " (ctx.percent(*v)) } }
                            }
                        }
                    }
                    table.compact.rules {
                        caption { (ctx.t("Règles d'admissibilité", "Eligibility rules")) }
                        tbody {
                            @for r in &m.rules {
                                tr {
                                    th scope="row" { (rule_label(ctx, &r.rule)) }
                                    td { @if r.passed { span.pass { "✓ " (ctx.t("respectée", "passed")) } } @else { span.fail { "✗ " (ctx.t("non respectée", "failed")) } } }
                                    td { (r.reason) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
