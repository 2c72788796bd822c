//! The search page: filters and accent-insensitive full text over the organisations, through
//! the same function as `GET /api/v1/organisations`.

use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use maillage_model::{OrgKind, vocab};
use maud::{Markup, html};

use super::{Ctx, Section, badge, error_page, layout, respond, role_label, slug};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::organisations::search;
use crate::rest::wire::{OrganizationQuery, OrganizationSummary};

const PAGE_SIZE: usize = 25;

/// The filter parameters the page reads (empty values are ignored).
const FILTERS: [&str; 8] = [
    "q",
    "kind",
    "role",
    "expertise",
    "sector",
    "municipality",
    "in_zem",
    "offset",
];

pub(crate) async fn page(
    State(state): State<AppState>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new("/recherche", &raw, &headers)?;
    let snapshot = state.snapshot.get();
    let eco = &snapshot.eco;
    // The form's values become the JSON route's query, parsed by the same type.
    let mut encoded = form_urlencoded::Serializer::new(String::new());
    for key in FILTERS {
        if let Some(v) = ctx.param(key) {
            encoded.append_pair(key, v.trim());
        }
    }
    encoded.append_pair("limit", &PAGE_SIZE.to_string());
    let uri: Uri = format!("/?{}", encoded.finish())
        .parse()
        .map_err(|e| ApiError::bad_request(format!("invalid parameters: {e}")))?;
    let query = match Query::<OrganizationQuery>::try_from_uri(&uri) {
        Ok(Query(q)) => q,
        Err(e) => {
            return Ok(error_page(&ctx, StatusCode::BAD_REQUEST, &e.body_text()));
        }
    };
    let result = search(&snapshot, &query, ctx.lang);
    let title = match ctx.param("q") {
        Some(q) => format!("{} « {q} »", ctx.t("Recherche", "Search for")),
        None => ctx.t("Recherche", "Search").to_owned(),
    };

    let mut concepts: Vec<_> = eco.expertise_concepts().collect();
    concepts.sort_by_key(|c| vocab::search_key(c.label.get(ctx.lang)));
    let mut sectors: Vec<_> = eco
        .sectors
        .values()
        .filter(|s| s.broader.is_none())
        .collect();
    sectors.sort_by(|a, b| a.code.cmp(&b.code));
    let mut municipalities: Vec<_> = eco
        .municipalities
        .values()
        .filter(|m| {
            eco.organizations
                .values()
                .any(|o| o.municipality.as_deref() == Some(m.iri.as_str()))
        })
        .collect();
    municipalities.sort_by_key(|m| vocab::search_key(m.label.get(ctx.lang)));

    let selected = |key: &str, value: &str| ctx.param(key) == Some(value);
    let body = html! {
        h1 { (ctx.t("Rechercher dans l'écosystème", "Search the ecosystem")) }
        form.filters #search-form method="get" action="/recherche" role="search" {
            div.field.wide {
                label for="q" { (ctx.t("Mots-clés (nom, description, expertise ; accents ignorés)", "Keywords (name, description, expertise; accents ignored)")) }
                input #q type="search" name="q" value=(ctx.param("q").unwrap_or_default());
            }
            div.field {
                label for="kind" { (ctx.t("Type", "Type")) }
                select #kind name="kind" {
                    option value="" { (ctx.t("Tous", "All")) }
                    @for k in OrgKind::ALL {
                        option value=(k.slug()) selected[selected("kind", k.slug())] { (k.label().get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="role" { (ctx.t("Rôle", "Role")) }
                select #role name="role" {
                    option value="" { (ctx.t("Tous", "All")) }
                    option value="supplier" selected[selected("role", "supplier")] { (role_label(&ctx, "supplier")) }
                    option value="adopter" selected[selected("role", "adopter")] { (role_label(&ctx, "adopter")) }
                }
            }
            div.field {
                label for="expertise" { (ctx.t("Expertise en IA", "AI expertise")) }
                select #expertise name="expertise" {
                    option value="" { (ctx.t("Toutes", "All")) }
                    @for c in &concepts {
                        option value=(slug(&c.iri)) selected[selected("expertise", slug(&c.iri)) || selected("expertise", &c.iri)] { (c.label.get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="sector" { (ctx.t("Secteur (SCIAN)", "Sector (NAICS)")) }
                select #sector name="sector" {
                    option value="" { (ctx.t("Tous", "All")) }
                    @for s in &sectors {
                        option value=(s.code) selected[selected("sector", &s.code)] { (s.code) " — " (s.label.get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="municipality" { (ctx.t("Municipalité", "Municipality")) }
                select #municipality name="municipality" {
                    option value="" { (ctx.t("Toutes", "All")) }
                    @for m in &municipalities {
                        option value=(m.code) selected[selected("municipality", &m.code)] { (m.label.get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="in_zem" { (ctx.t("Dans la ZEM", "In the ZEM")) }
                select #in_zem name="in_zem" {
                    option value="" { (ctx.t("Peu importe", "Any")) }
                    option value="true" selected[selected("in_zem", "true")] { (ctx.t("Oui", "Yes")) }
                    option value="false" selected[selected("in_zem", "false")] { (ctx.t("Non", "No")) }
                }
            }
            @if ctx.param("lang").is_some() { input type="hidden" name="lang" value=(ctx.lang.code()); }
            div.actions {
                button type="submit" { (ctx.t("Rechercher", "Search")) }
                " "
                a href=(ctx.href("/recherche")) { (ctx.t("Effacer les filtres", "Clear filters")) }
            }
        }
        @match &result {
            Err(e) => { p.error role="alert" { (e.detail) } }
            Ok(page) => {
                h2 #results-h aria-live="polite" {
                    (page.total) " "
                    (if page.total == 1 { ctx.t("résultat", "result") } else { ctx.t("résultats", "results") })
                }
                @if page.items.is_empty() {
                    p { (ctx.t("Aucune organisation ne correspond. Essayez moins de filtres ou un autre mot.", "No organisation matches. Try fewer filters or another word.")) }
                }
                ol.results #results start=(page.offset + 1) {
                    @for item in &page.items { (result_item(&ctx, item)) }
                }
                (pager(&ctx, page.offset, page.items.len(), page.total))
            }
        }
    };
    Ok(respond(layout(&ctx, Section::Search, &title, body)))
}

fn result_item(ctx: &Ctx, o: &OrganizationSummary) -> Markup {
    html! {
        li.result {
            h3 { a href=(ctx.href(&format!("/organisations/{}", o.id))) { (o.name) } }
            p.facts {
                @if let Some(k) = &o.kind_label { span { (k) } }
                @if let Some(m) = &o.municipality { span { (m.label) } }
                @if o.in_zem { (badge("zem", ctx.t("ZEM", "ZEM"))) }
                @for r in &o.roles { (badge(r, &role_label(ctx, r))) }
                @if o.illustrative { (badge("demo", ctx.t("démo (fictif)", "demo (fictional)"))) }
            }
            @if !o.expertise.is_empty() {
                p.chips {
                    span.visually-hidden { (ctx.t("Expertises : ", "Expertise: ")) }
                    @for e in o.expertise.iter().take(8) { span.chip { (e.label) } }
                    @if o.expertise.len() > 8 { span.more { "+" (o.expertise.len() - 8) } }
                }
            }
        }
    }
}

fn pager(ctx: &Ctx, offset: usize, shown: usize, total: usize) -> Markup {
    let link = |new_offset: usize| {
        let mut pairs: Vec<(&str, String)> = FILTERS
            .iter()
            .filter(|k| **k != "offset")
            .filter_map(|k| ctx.param(k).map(|v| (*k, v.to_owned())))
            .collect();
        pairs.push(("offset", new_offset.to_string()));
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ctx.href_with("/recherche", &refs)
    };
    html! {
        @if offset > 0 || offset + shown < total {
            nav.pager aria-label=(ctx.t("Pages de résultats", "Result pages")) {
                @if offset > 0 {
                    a rel="prev" href=(link(offset.saturating_sub(PAGE_SIZE))) { "← " (ctx.t("Précédents", "Previous")) }
                }
                span { (offset + 1) "–" (offset + shown) " / " (total) }
                @if offset + shown < total {
                    a rel="next" href=(link(offset + shown)) { (ctx.t("Suivants", "Next")) " →" }
                }
            }
        }
    }
}
