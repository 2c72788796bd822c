//! The web application for QI staff and the committee: server-rendered HTML (maud escapes
//! everything), French first (`?lang=en` or `Accept-Language`), no CDN and nothing to build.
//! Every page works without JavaScript; one small script (`/assets/app.js`) only enhances the
//! SPARQL editor. Charts and maps are inline SVG computed here from the analytics snapshot.

mod gaps;
mod home;
mod network;
mod profile;
mod search;
mod sparql_editor;
mod svg;

use std::sync::OnceLock;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maillage_model::Lang;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::AppState;
use crate::error::ApiError;
use crate::params::Params;

const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");

/// The routes of the web application (French paths, with English aliases).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/recherche", get(search::page))
        .route("/search", get(search::page))
        .route("/organisations/{id}", get(profile::page))
        .route("/lacunes", get(gaps::page))
        .route("/gaps", get(gaps::page))
        .route("/reseau", get(network::page))
        .route("/network", get(network::page))
        .route("/sparql-editeur", get(sparql_editor::page))
        .route("/sparql-editor", get(sparql_editor::page))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
}

/// A short content hash, so asset URLs change when the files do (long cache lifetimes are
/// then safe).
fn fingerprint(text: &str) -> String {
    // FNV-1a, 64 bits.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

fn asset_versions() -> &'static (String, String) {
    static VERSIONS: OnceLock<(String, String)> = OnceLock::new();
    VERSIONS.get_or_init(|| (fingerprint(CSS), fingerprint(JS)))
}

fn asset(
    body: &'static str,
    media_type: &'static str,
    etag: &str,
    headers: &HeaderMap,
) -> Response {
    let etag = format!("\"{etag}\"");
    let cache = HeaderValue::from_static("public, max-age=86400");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, cache);
        return response;
    }
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    h.insert(header::CACHE_CONTROL, cache);
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}

async fn css(headers: HeaderMap) -> Response {
    asset(
        CSS,
        "text/css; charset=utf-8",
        &asset_versions().0,
        &headers,
    )
}

async fn js(headers: HeaderMap) -> Response {
    asset(
        JS,
        "text/javascript; charset=utf-8",
        &asset_versions().1,
        &headers,
    )
}

/// The pages of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Home,
    Search,
    Gaps,
    Network,
    Sparql,
    None,
}

/// What every page knows about its request: the language (and whether the user chose it with
/// `?lang=`, in which case links keep it), the path and the query parameters.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub lang: Lang,
    explicit: bool,
    path: String,
    pub params: Params,
}

impl Ctx {
    pub fn new(path: &str, raw: &RawQuery, headers: &HeaderMap) -> Result<Ctx, ApiError> {
        let params = Params::parse(raw.0.as_deref().unwrap_or(""));
        let param = params.one("lang")?.filter(|l| !l.is_empty());
        let lang = crate::linked_data::language(param.as_deref(), headers)?;
        Ok(Ctx {
            lang,
            explicit: param.is_some(),
            path: path.to_owned(),
            params,
        })
    }

    /// The French or the English text.
    pub fn t<'a>(&self, fr: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// A single parameter, empty values as absent (the first one if repeated).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .0
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// A link to a page of this site with parameters, keeping a chosen language.
    pub fn href_with(&self, path: &str, pairs: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        if self.explicit {
            query.append_pair("lang", self.lang.code());
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }

    /// A link to a page of this site, keeping a chosen language.
    pub fn href(&self, path: &str) -> String {
        self.href_with(path, &[])
    }

    /// This page in the other language (same parameters).
    fn toggle_href(&self) -> String {
        let other = match self.lang {
            Lang::Fr => "en",
            Lang::En => "fr",
        };
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.params.0 {
            if k != "lang" {
                query.append_pair(k, v);
            }
        }
        query.append_pair("lang", other);
        format!("{}?{}", self.path, query.finish())
    }

    /// A number in the page's language (`1 234` / `1,234`).
    pub fn int(&self, n: f64) -> String {
        let rounded = n.round();
        let digits = format!("{:.0}", rounded.abs());
        let sep = self.t("\u{a0}", ",");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        if rounded < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    }

    /// An amount of Canadian dollars (`4 348 000 $` / `$4,348,000`).
    pub fn money(&self, n: f64) -> String {
        match self.lang {
            Lang::Fr => format!("{}\u{a0}$", self.int(n)),
            Lang::En => format!("${}", self.int(n)),
        }
    }

    /// A decimal number with `places` decimals (`0,75` / `0.75`).
    pub fn dec(&self, n: f64, places: usize) -> String {
        let s = format!("{n:.places$}");
        match self.lang {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A share in percent (`75 %` / `75%`).
    pub fn percent(&self, share: f64) -> String {
        let p = (share * 100.0).round();
        match self.lang {
            Lang::Fr => format!("{p:.0}\u{a0}%"),
            Lang::En => format!("{p:.0}%"),
        }
    }
}

/// The last segment of an IRI.
pub(crate) fn slug(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

/// A link to an organisation's profile page, or to the linked-data page of any other IRI.
pub(crate) fn iri_href(ctx: &Ctx, iri: &str) -> String {
    let org_prefix = format!("{}org/", maillage_model::vocab::ID);
    if let Some(id) = iri.strip_prefix(&org_prefix) {
        ctx.href(&format!("/organisations/{id}"))
    } else if let Some(rest) = iri.strip_prefix(maillage_model::vocab::ID) {
        ctx.href(&format!("/id/{rest}"))
    } else {
        iri.to_owned()
    }
}

/// The page around `body`: head, skip link, navigation, language switch and footer.
pub(crate) fn layout(ctx: &Ctx, section: Section, title: &str, body: Markup) -> Markup {
    let (css_v, js_v) = asset_versions();
    let nav: [(Section, &str, &str, &str); 5] = [
        (Section::Home, "/", "Accueil", "Home"),
        (Section::Search, "/recherche", "Recherche", "Search"),
        (Section::Gaps, "/lacunes", "Lacunes", "Gaps"),
        (Section::Network, "/reseau", "Réseau", "Network"),
        (Section::Sparql, "/sparql-editeur", "SPARQL", "SPARQL"),
    ];
    let (other_code, other_name) = match ctx.lang {
        Lang::Fr => ("en", "English"),
        Lang::En => ("fr", "Français"),
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Maillage" }
                link rel="stylesheet" href={ "/assets/app.css?v=" (css_v) };
                script src={ "/assets/app.js?v=" (js_v) } defer {}
            }
            body {
                a.skip href="#main" { (ctx.t("Aller au contenu", "Skip to content")) }
                header.site {
                    div.bar {
                        a.brand href=(ctx.href("/")) {
                            span.logo aria-hidden="true" { "◆" }
                            " Maillage"
                        }
                        nav aria-label=(ctx.t("Navigation principale", "Main navigation")) {
                            ul {
                                @for (s, path, fr, en) in nav {
                                    li {
                                        @if s == section {
                                            a href=(ctx.href(path)) aria-current="page" { (ctx.t(fr, en)) }
                                        } @else {
                                            a href=(ctx.href(path)) { (ctx.t(fr, en)) }
                                        }
                                    }
                                }
                                li { a href="/docs" { (ctx.t("Doc. de l'API", "API docs")) } }
                            }
                        }
                        a.lang href=(ctx.toggle_href()) lang=(other_code) hreflang=(other_code) id="lang-switch" { (other_name) }
                    }
                }
                main #main tabindex="-1" { (body) }
                footer.site {
                    p {
                        (ctx.t("Données ouvertes : ", "Open data: "))
                        a href="/api/v1/export/dataset" { (ctx.t("jeu de données complet (RDF)", "whole dataset (RDF)")) }
                        " · "
                        a href="/sparql" { (ctx.t("point d'accès SPARQL", "SPARQL endpoint")) }
                        " · "
                        a href="/api/v1/export/organisations.csv" { (ctx.t("organisations (CSV)", "organisations (CSV)")) }
                        " · "
                        a href="/docs" { (ctx.t("API REST", "REST API")) }
                    }
                    p.small {
                        (ctx.t(
                            "Maillage — l'écosystème de l'IA de la région de Québec. Les organisations marquées « démo » sont fictives.",
                            "Maillage — the AI ecosystem of the Québec City region. Organisations marked “demo” are fictional.",
                        ))
                    }
                }
            }
        }
    }
}

/// An HTML response.
pub(crate) fn respond(markup: Markup) -> Response {
    let mut response = axum::response::Html(markup.into_string()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// An HTML error page (the web pages answer humans, not API clients).
pub(crate) fn error_page(ctx: &Ctx, status: StatusCode, message: &str) -> Response {
    let title = if status == StatusCode::NOT_FOUND {
        ctx.t("Page introuvable", "Not found")
    } else {
        ctx.t("Requête invalide", "Invalid request")
    };
    let body = html! {
        h1 { (title) }
        p role="alert" { (message) }
        p { a href=(ctx.href("/")) { (ctx.t("Retour à l'accueil", "Back to the home page")) } }
    };
    let mut response = respond(layout(ctx, Section::None, title, body));
    *response.status_mut() = status;
    response
}

/// A small badge.
pub(crate) fn badge(class: &str, text: &str) -> Markup {
    html! { span class={ "badge " (class) } { (text) } }
}

/// A horizontal bar for a share in 0..1 (decorative: the number is always written next to it).
pub(crate) fn meter(share: f64, class: &str) -> Markup {
    let pct = (share.clamp(0.0, 1.0) * 100.0 * 10.0).round() / 10.0;
    html! {
        span class={ "meter " (class) } aria-hidden="true" {
            span style={ "width:" (pct) "%" } {}
        }
    }
}

/// Labels of the derived roles.
pub(crate) fn role_label(ctx: &Ctx, role: &str) -> String {
    match role {
        "supplier" => ctx.t("Fournisseur d'IA", "AI supplier").to_owned(),
        "adopter" => ctx.t("Adoptant", "Adopter").to_owned(),
        other => other.to_owned(),
    }
}

/// A `<noscript>`-free way to say a script enhances a page.
pub(crate) fn noscript(text: &str) -> Markup {
    html! { noscript { p.note { (PreEscaped("&#9432; ")) (text) } } }
}
