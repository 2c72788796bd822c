//! The search page: filters and search by words over the organisations, through the same
//! function as `GET /api/v1/organisations`; each result says where its words were found.

use axum::http::StatusCode;
use axum::response::Response;
use maillage_i18n::Arg;
use maillage_model::{OrgKind, vocab};
use maud::{Markup, PreEscaped, html};

use super::{Ctx, Section, badge, error_page, kind_label, role_label, slug};
use crate::error::ApiError;
use crate::rest::organisations::search;
use crate::rest::organisations::{Matched, OrganizationHit};
use crate::rest::wire::OrganizationQuery;
use crate::search_index::Field;

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

pub(crate) async fn page(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let eco = &snapshot.eco;
    // The form's values become the JSON route's query, parsed by the same type.
    let mut encoded = form_urlencoded::Serializer::new(String::new());
    for key in FILTERS {
        if let Some(v) = ctx.param(key) {
            encoded.append_pair(key, v.trim());
        }
    }
    encoded.append_pair("limit", &PAGE_SIZE.to_string());
    // A bad filter value is said in the page's language, naming the filter and its values.
    let query = match crate::params::query_from_str::<OrganizationQuery>(&encoded.finish()) {
        Ok(q) => q,
        Err(e) => {
            return Ok(error_page(
                &ctx,
                StatusCode::BAD_REQUEST,
                &e.detail(ctx.locale),
            ));
        }
    };
    let result = search(&snapshot, &query, ctx.lang);
    // With the demo served, the total says how many of the matches are illustrative.
    let illustrative = match &result {
        Ok(found) if ctx.demo.is_some() => {
            let real = OrganizationQuery {
                include_demo: Some(false),
                ..query.clone()
            };
            search(&snapshot, &real, ctx.lang).map_or(0, |r| found.total.saturating_sub(r.total))
        }
        _ => 0,
    };
    let title = match ctx.param("q") {
        Some(q) => ctx.t_args("web-search-title-query", &[("query", Arg::from(q))]),
        None => ctx.t("web-search-title"),
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
        h1 { (ctx.t("web-search-heading")) }
        form.filters #search-form method="get" action="/recherche" role="search" {
            div.field.wide {
                label for="q" { (ctx.t("web-search-keywords")) }
                input #q type="search" name="q" value=(ctx.param("q").unwrap_or_default());
            }
            div.field {
                label for="kind" { (ctx.t("web-type")) }
                select #kind name="kind" {
                    option value="" { (ctx.t("web-search-all-masculine")) }
                    @for k in OrgKind::ALL {
                        option value=(k.slug()) selected[selected("kind", k.slug())] { (kind_label(&ctx, k)) }
                    }
                }
            }
            div.field {
                label for="role" { (ctx.t("web-search-role")) }
                select #role name="role" {
                    option value="" { (ctx.t("web-search-all-masculine")) }
                    option value="supplier" selected[selected("role", "supplier")] { (role_label(&ctx, "supplier")) }
                    option value="adopter" selected[selected("role", "adopter")] { (role_label(&ctx, "adopter")) }
                }
            }
            div.field {
                label for="expertise" { (ctx.t("web-search-expertise")) }
                select #expertise name="expertise" {
                    option value="" { (ctx.t("web-search-all-feminine")) }
                    @for c in &concepts {
                        option value=(slug(&c.iri)) selected[selected("expertise", slug(&c.iri)) || selected("expertise", &c.iri)] { (c.label.get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="sector" { (ctx.t("web-search-sector")) }
                select #sector name="sector" {
                    option value="" { (ctx.t("web-search-all-masculine")) }
                    @for s in &sectors {
                        option value=(s.code) selected[selected("sector", &s.code)] { (s.code) " — " (crate::labels::sector_title(s, ctx.locale)) }
                    }
                }
            }
            div.field {
                label for="municipality" { (ctx.t("web-search-municipality")) }
                select #municipality name="municipality" {
                    option value="" { (ctx.t("web-search-all-feminine")) }
                    @for m in &municipalities {
                        option value=(m.code) selected[selected("municipality", &m.code)] { (m.label.get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="in_zem" { (ctx.t("web-in-zem")) }
                select #in_zem name="in_zem" {
                    option value="" { (ctx.t("web-search-any")) }
                    option value="true" selected[selected("in_zem", "true")] { (ctx.t("web-search-yes")) }
                    option value="false" selected[selected("in_zem", "false")] { (ctx.t("web-search-no")) }
                }
            }
            (ctx.lang_field())
            div.actions {
                button type="submit" { (ctx.t("web-search-button")) }
                " "
                a href=(ctx.href("/recherche")) { (ctx.t("web-search-clear")) }
            }
        }
        @match &result {
            Err(e) => { p.error role="alert" { (e.detail(ctx.locale)) } }
            Ok(page) => {
                h2 #results-h aria-live="polite" {
                    (ctx.t_args("web-search-results", &[("count", Arg::from(page.total))]))
                    (ctx.illustrative_note(illustrative))
                }
                @if page.items.is_empty() {
                    p { (ctx.t("web-search-no-result")) }
                }
                ol.results #results start=(page.offset + 1) {
                    @for item in &page.items { (result_item(&ctx, item)) }
                }
                (pager(&ctx, page.offset, page.items.len(), page.total))
            }
        }
    };
    Ok(ctx.page(Section::Search, &title, body))
}

/// Reasons shown under a result (the REST API gives them all).
const REASONS_SHOWN: usize = 3;

fn result_item(ctx: &Ctx, hit: &OrganizationHit) -> Markup {
    let o = &hit.summary;
    html! {
        li.result {
            h3 { a href=(ctx.href(&format!("/organisations/{}", o.id))) { (o.name) } }
            p.facts {
                @if let Some(k) = &o.kind_label { span { (k) } }
                @if let Some(m) = &o.municipality { span { (m.label) } }
                @if o.in_zem { (badge("zem", &ctx.t("web-zem"))) }
                @for r in &o.roles { (badge(r, &role_label(ctx, r))) }
                @if o.illustrative { (badge("demo", &ctx.t("web-search-demo"))) }
            }
            @if !o.expertise.is_empty() {
                p.chips {
                    span.visually-hidden { (ctx.t("web-search-expertise-list")) " " }
                    @for e in o.expertise.iter().take(8) { span.chip { (e.label) } }
                    @if o.expertise.len() > 8 { span.more { "+" (o.expertise.len() - 8) } }
                }
            }
            @if !hit.matched.is_empty() {
                div.why {
                    span.why-h { (ctx.t("web-search-why")) }
                    ul {
                        @for m in hit.matched.iter().take(REASONS_SHOWN) { li { (reason(ctx, m)) } }
                    }
                }
            }
        }
    }
}

/// One reason a result matched: the field, and its text with the matching words in `<mark>`.
fn reason(ctx: &Ctx, m: &Matched) -> Markup {
    let field = ctx.t(match m.field {
        Field::Name => "web-search-field-name",
        Field::AlternativeName => "web-search-field-alternative-name",
        Field::Description => "web-search-field-description",
        Field::Expertise => "web-search-field-expertise",
        Field::Need => "web-search-field-need",
        Field::ResearchArea => "web-search-field-research-area",
        Field::Training => "web-search-field-training",
        Field::Sector => "web-search-field-sector",
        Field::Municipality => "web-search-field-municipality",
    });
    // `highlighted` is escaped HTML built by the search index (only `<mark>` added).
    let text = html! { span.why-text { (PreEscaped(&m.highlighted)) } };
    let field = html! { span.why-field { (field) } };
    match (&m.value, &m.via) {
        (Some(value), Some(_)) => ctx.t_markup(
            "web-search-match-via",
            &[("value", Arg::from(value.label.as_str()))],
            &[("field", field), ("text", text)],
        ),
        (Some(value), None) if value.label != m.text => ctx.t_markup(
            "web-search-match-value",
            &[("value", Arg::from(value.label.as_str()))],
            &[("field", field), ("text", text)],
        ),
        _ => ctx.t_markup("web-search-match", &[], &[("field", field), ("text", text)]),
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
            nav.pager aria-label=(ctx.t("web-search-pages")) {
                @if offset > 0 {
                    a rel="prev" href=(link(offset.saturating_sub(PAGE_SIZE))) { "← " (ctx.t("web-search-previous")) }
                }
                span { (offset + 1) "–" (offset + shown) " / " (total) }
                @if offset + shown < total {
                    a rel="next" href=(link(offset + shown)) { (ctx.t("web-search-next")) " →" }
                }
            }
        }
    }
}
