//! The web application for QI staff and the committee: server-rendered HTML (maud escapes
//! everything), French first (`?lang=en` or `Accept-Language`), no CDN and nothing to build.
//! Every page works without JavaScript; one small script (`/assets/app.js`) only enhances the
//! SPARQL editor. Charts and maps are inline SVG computed here from the analytics snapshot.

mod committee;
mod eligibility;
mod gaps;
mod home;
mod network;
mod pipeline;
mod profile;
mod search;
mod signin;
mod sparql_editor;
mod svg;
mod terms;

use std::sync::OnceLock;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maillage_i18n::{Arg, Locale};
use maillage_model::{Lang, OrgKind};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::AppState;
use crate::error::ApiError;
use crate::extract;
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
        .route("/projets", get(pipeline::board))
        .route("/projects", get(pipeline::board))
        .route(
            "/projets/nouveau",
            get(pipeline::new_form).post(pipeline::create),
        )
        .route(
            "/projects/new",
            get(pipeline::new_form).post(pipeline::create),
        )
        .route("/projets/{id}", get(pipeline::project))
        .route("/projects/{id}", get(pipeline::project))
        .route("/projets/{id}/statut", post(pipeline::move_status))
        .route("/projects/{id}/status", post(pipeline::move_status))
        .route("/enveloppe", get(pipeline::envelope))
        .route("/envelope", get(pipeline::envelope))
        .route("/comite", get(committee::page))
        .route("/committee", get(committee::page))
        .route("/sparql-editeur", get(sparql_editor::page))
        .route("/sparql-editor", get(sparql_editor::page))
        .route("/connexion", get(signin::form).post(signin::submit))
        .route("/login", get(signin::form).post(signin::submit))
        .route("/deconnexion", post(signin::sign_out))
        .route("/logout", post(signin::sign_out))
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
    Projects,
    Committee,
    Sparql,
    None,
}

/// What every page knows about its request: the reader's language (and whether the user chose
/// it with `?lang=`, in which case links keep it), the path and the query parameters. An
/// extractor: a handler takes `ctx: Ctx`; a repeated or unsupported `?lang=` is a 400, as for
/// [`crate::extract::Language`].
#[derive(Debug)]
pub(crate) struct Ctx {
    /// The reader's language: every text of the page comes from its catalogue.
    pub locale: Locale,
    /// The language of the data's labels (`locale.lang()`).
    pub lang: Lang,
    explicit: bool,
    path: String,
    pub params: Params,
    /// The illustrative records the pages show, when the server serves the demo graph
    /// (`serve --demo`): every page then carries a banner and counts say how many of theirs
    /// are illustrative ([`Ctx::illustrative_note`]). `None` without the demo.
    pub demo: Option<DemoCounts>,
    /// Who is reading (the header names a signed-in user and their role).
    pub identity: crate::identity::Identity,
    /// The analytics snapshot of the graphs this reader may see.
    pub snapshot: std::sync::Arc<crate::Snapshot>,
    /// The session's CSRF token, for a user signed in by session (the header's sign-out form).
    pub csrf: Option<String>,
}

/// How many illustrative (demo, fictional) records the pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DemoCounts {
    /// Illustrative organisations.
    pub organisations: usize,
    /// Illustrative projects.
    pub projects: usize,
    /// Every organisation the pages count (real and illustrative).
    pub all_organisations: usize,
}

impl DemoCounts {
    /// The illustrative records of the current snapshot, when the server serves the demo.
    fn of(state: &AppState, snapshot: &crate::Snapshot) -> Option<DemoCounts> {
        if !state.config.demo {
            return None;
        }
        Some(DemoCounts {
            organisations: snapshot
                .eco
                .organizations
                .values()
                .filter(|o| o.illustrative)
                .count(),
            projects: snapshot
                .eco
                .projects
                .values()
                .filter(|p| p.illustrative)
                .count(),
            all_organisations: snapshot.eco.organizations.len(),
        })
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let params = Params::parse(parts.uri.query().unwrap_or(""));
        // A form may send an empty `lang`: the pages take it as absent.
        let param = params.one("lang")?.filter(|l| !l.trim().is_empty());
        let locale = extract::resolve(param.as_deref(), &parts.headers)?;
        let identity = crate::identity::Identity::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        let snapshot = state.snapshot_for(&identity).await?;
        let csrf = match (
            identity.member().map(|m| m.via),
            parts.extensions.get::<tower_sessions::Session>(),
        ) {
            (Some(crate::identity::Via::Session), Some(session)) => {
                Some(crate::identity::csrf_token(session).await?)
            }
            _ => None,
        };
        Ok(Ctx {
            csrf,
            locale,
            lang: locale.lang(),
            explicit: param.is_some(),
            path: parts.uri.path().to_owned(),
            params,
            demo: DemoCounts::of(state, &snapshot),
            identity,
            snapshot,
        })
    }
}

impl Ctx {
    /// The catalogue's text for `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.locale.t(id)
    }

    /// The catalogue's text for `id` with arguments (numbers formatted with [`Ctx::int`] and
    /// friends first; counts may be passed as numbers for the plural).
    pub fn t_args(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.locale.t_args(id, args)
    }

    /// A sentence of the catalogue with markup in it (a bold amount, a link): the text is
    /// escaped, each `markup` argument is put in place as is. The translator still sees one
    /// sentence and may move the arguments.
    pub fn t_markup(
        &self,
        id: &str,
        args: &[(&str, Arg<'_>)],
        markup: &[(&str, Markup)],
    ) -> Markup {
        // Private-use characters stand for the markup while Fluent formats the sentence.
        let holders: Vec<String> = (0..markup.len())
            .map(|i| format!("\u{e000}{i}\u{e001}"))
            .collect();
        let mut all: Vec<(&str, Arg<'_>)> = args.to_vec();
        for ((name, _), holder) in markup.iter().zip(&holders) {
            all.push((*name, Arg::from(holder.as_str())));
        }
        let mut out = html! { (self.locale.t_args(id, &all)) }.into_string();
        for ((_, m), holder) in markup.iter().zip(&holders) {
            out = out.replace(holder.as_str(), &m.0);
        }
        PreEscaped(out)
    }

    /// The language switch's link to this page in `other` (same parameters).
    fn language_href(&self, other: Locale) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.params.0 {
            if k != "lang" {
                query.append_pair(k, v);
            }
        }
        query.append_pair("lang", other.code());
        format!("{}?{}", self.path, query.finish())
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
            query.append_pair("lang", self.locale.code());
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

    /// A link to a JSON or CSV route of the API, in the page's language.
    pub fn api_href(&self, path: &str, pairs: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        query.append_pair("lang", self.locale.code());
        format!("{path}?{}", query.finish())
    }

    /// The hidden `lang` field of a form, when the user chose the language.
    pub fn lang_field(&self) -> Markup {
        html! {
            @if self.param("lang").is_some() { input type="hidden" name="lang" value=(self.locale.code()); }
        }
    }

    /// A whole number in the page's language (`1 234` / `1,234`).
    pub fn int(&self, n: f64) -> String {
        self.locale.int(n)
    }

    /// An amount of Canadian dollars (`4 348 000 $` / `$4,348,000`).
    pub fn money(&self, n: f64) -> String {
        self.locale.money(n)
    }

    /// A decimal number with `places` decimals (`0,75` / `0.75`).
    pub fn dec(&self, n: f64, places: usize) -> String {
        self.locale.dec(n, places)
    }

    /// A share in percent (`75 %` / `75%`).
    pub fn percent(&self, share: f64) -> String {
        self.locale.percent(share)
    }

    /// After a count on a page: « (dont 12 de démonstration) » when the server serves the demo
    /// graph and `illustrative` of the counted records are demo records; nothing otherwise.
    pub fn illustrative_note(&self, illustrative: usize) -> Markup {
        html! {
            @if self.demo.is_some() && illustrative > 0 {
                " "
                span.demo-count {
                    "(" (self.t_args("web-demo-of-which", &[
                        ("count", Arg::from(illustrative)),
                        ("n", Arg::from(self.int(illustrative as f64))),
                    ])) ")"
                }
            }
        }
    }

    /// The banner of every page when the server serves the demo graph; on the pages whose
    /// figures are computed over every organisation (gaps, network), how many of those are
    /// illustrative.
    fn demo_banner(&self, section: Section) -> Markup {
        html! {
            @if let Some(demo) = self.demo {
                aside.demo-banner #demo-banner aria-label=(self.t("web-demo-banner-label")) {
                    p {
                        strong { (self.t("web-demo-banner-title")) }
                        " "
                        (self.t_args("web-demo-banner", &[
                            ("organisations", Arg::from(demo.organisations)),
                            ("organisations_n", Arg::from(self.int(demo.organisations as f64))),
                            ("projects", Arg::from(demo.projects)),
                            ("projects_n", Arg::from(self.int(demo.projects as f64))),
                        ]))
                    }
                    @if matches!(section, Section::Gaps | Section::Network) {
                        p #demo-page-note {
                            (self.t_args("web-demo-page-note", &[
                                ("total", Arg::from(demo.all_organisations)),
                                ("total_n", Arg::from(self.int(demo.all_organisations as f64))),
                            ]))
                            (self.illustrative_note(demo.organisations))
                        }
                    }
                }
            }
        }
    }

    /// The page around `body` as an HTML response (see [`layout`]).
    pub fn page(&self, section: Section, title: &str, body: Markup) -> Response {
        respond(layout(self, section, title, body))
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
    let nav: [(Section, &str, String); 7] = [
        (Section::Home, "/", ctx.t("web-nav-home")),
        (Section::Search, "/recherche", ctx.t("web-nav-search")),
        (Section::Gaps, "/lacunes", ctx.t("web-nav-gaps")),
        (Section::Network, "/reseau", ctx.t("web-nav-network")),
        (Section::Projects, "/projets", ctx.t("web-nav-projects")),
        (Section::Committee, "/comite", ctx.t("web-nav-committee")),
        (Section::Sparql, "/sparql-editeur", ctx.t("web-nav-sparql")),
    ];
    let others: Vec<Locale> = Locale::all().filter(|l| *l != ctx.locale).collect();
    html! {
        (DOCTYPE)
        html lang=(ctx.locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (ctx.t_args("web-page-title", &[("page", Arg::from(title))])) }
                link rel="stylesheet" href={ "/assets/app.css?v=" (css_v) };
                script src={ "/assets/app.js?v=" (js_v) } defer {}
            }
            body {
                a.skip href="#main" { (ctx.t("web-skip")) }
                header.site {
                    div.bar {
                        a.brand href=(ctx.href("/")) {
                            span.logo aria-hidden="true" { "◆" }
                            " Maillage"
                        }
                        nav aria-label=(ctx.t("web-nav-label")) {
                            ul {
                                @for (s, path, name) in &nav {
                                    li {
                                        @if *s == section {
                                            a href=(ctx.href(path)) aria-current="page" { (name) }
                                        } @else {
                                            a href=(ctx.href(path)) { (name) }
                                        }
                                    }
                                }
                                li { a href="/docs" { (ctx.t("web-nav-api-docs")) } }
                            }
                        }
                        (account_bar(ctx))
                        // The other languages of the catalogue, each named in itself.
                        @for (i, other) in others.iter().enumerate() {
                            a.lang href=(ctx.language_href(*other)) lang=(other.code()) hreflang=(other.code())
                                id=[(i == 0).then_some("lang-switch")] { (other.t("web-lang-name")) }
                        }
                    }
                }
                (ctx.demo_banner(section))
                main #main tabindex="-1" { (body) }
                footer.site {
                    p {
                        (ctx.t("web-footer-open-data")) " "
                        a href="/api/v1/export/dataset" { (ctx.t("web-footer-dataset")) }
                        " · "
                        a href="/sparql" { (ctx.t("web-footer-sparql")) }
                        " · "
                        a href="/api/v1/export/organisations.csv" { (ctx.t("web-footer-csv")) }
                        " · "
                        a href="/api/v1/export/organisations.xlsx" { (ctx.t("web-footer-xlsx")) }
                        " · "
                        a href="/docs" { (ctx.t("web-footer-rest")) }
                    }
                    p.small { (ctx.t("web-footer-about")) }
                }
            }
        }
    }
}

/// The header's account area: who is signed in, their role and a sign-out button; or a
/// sign-in link.
fn account_bar(ctx: &Ctx) -> Markup {
    html! {
        div.account {
            @if let Some(member) = ctx.identity.member() {
                span.who #signed-in {
                    (ctx.t_args("web-signed-in-as", &[("name", member.name.as_str().into()), ("role", account_role(ctx, member.role).into())]))
                }
                @if let Some(csrf) = &ctx.csrf {
                    " " (signin::sign_out_form(ctx, csrf))
                }
            } @else {
                a #signin-link href=(ctx.href_with("/connexion", &[("suivant", ctx.path.as_str())])) { (ctx.t("web-nav-signin")) }
            }
        }
    }
}

/// An RFC 3339 UTC time as people read it: `2026-12-02 05:10 UTC`.
pub(crate) fn human_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

/// An account role in the page's language.
pub(crate) fn account_role(ctx: &Ctx, role: maillage_accounts::Role) -> String {
    ctx.t(match role {
        maillage_accounts::Role::Reader => "web-role-reader",
        maillage_accounts::Role::Staff => "web-role-staff",
        maillage_accounts::Role::Admin => "web-role-admin",
    })
}

/// An HTML response.
pub(crate) fn respond(markup: Markup) -> Response {
    let mut response = axum::response::Html(markup.into_string()).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

/// An HTML error page (the web pages answer humans, not API clients).
pub(crate) fn error_page(ctx: &Ctx, status: StatusCode, message: &str) -> Response {
    let title = if status == StatusCode::NOT_FOUND {
        ctx.t("web-error-not-found")
    } else {
        ctx.t("web-error-invalid")
    };
    let body = html! {
        h1 { (title) }
        p role="alert" { (message) }
        p { a href=(ctx.href("/")) { (ctx.t("web-error-back")) } }
    };
    let mut response = ctx.page(Section::None, &title, body);
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
        "supplier" => ctx.t("web-role-supplier"),
        "adopter" => ctx.t("web-role-adopter"),
        other => other.to_owned(),
    }
}

/// The name of an organisation kind in the page's language.
pub(crate) fn kind_label(ctx: &Ctx, kind: OrgKind) -> String {
    ctx.t(kind.label_id())
}

/// A `<noscript>`-free way to say a script enhances a page.
pub(crate) fn noscript(text: &str) -> Markup {
    html! { noscript { p.note { (PreEscaped("&#9432; ")) (text) } } }
}

#[cfg(test)]
mod tests {
    use maillage_i18n::{Arg, Locale};
    use maillage_model::OrgKind;
    use maud::html;

    use super::{Ctx, Section, layout};
    use crate::params::Params;

    fn ctx(locale: Locale, query: &str) -> Ctx {
        let params = Params::parse(query);
        Ctx {
            locale,
            lang: locale.lang(),
            explicit: params.has("lang"),
            path: "/recherche".to_owned(),
            params,
            demo: None,
            identity: crate::identity::Identity::Anonymous,
            snapshot: std::sync::Arc::new(crate::Snapshot::empty()),
            csrf: None,
        }
    }

    #[test]
    fn markup_goes_into_the_sentence_and_text_is_escaped() {
        let fr = ctx(Locale::FRENCH, "");
        let amount = html! { strong { "<4 $>" } };
        assert_eq!(
            fr.t_markup("web-home-envelope-of", &[], &[("amount", amount)])
                .into_string(),
            "Enveloppe de <strong>&lt;4 $&gt;</strong>"
        );
        assert_eq!(
            fr.t_markup(
                "web-search-title-query",
                &[("query", Arg::from("<b>"))],
                &[]
            )
            .into_string(),
            "Recherche « &lt;b&gt; »"
        );
    }

    #[test]
    fn the_language_switch_lists_the_other_locales_and_links_keep_a_chosen_one() {
        let fr = ctx(Locale::FRENCH, "q=vision");
        let page = layout(&fr, Section::Search, "Recherche", html! {}).into_string();
        let others: Vec<Locale> = Locale::all().filter(|l| *l != Locale::FRENCH).collect();
        assert!(!others.is_empty());
        assert!(page.contains("id=\"lang-switch\""), "{page}");
        for other in others {
            let link = format!("href=\"/recherche?q=vision&amp;lang={}\"", other.code());
            assert!(page.contains(&link), "{link} in {page}");
            assert!(page.contains(&other.t("web-lang-name")));
        }
        assert!(page.contains("<html lang=\"fr\">"));
        assert!(page.contains("<title>Recherche — Maillage</title>"));
        // Not chosen: links stay bare. Chosen: they keep it.
        assert!(page.contains("href=\"/lacunes\""));
        let en = Locale::parse("en").expect("English");
        let chosen = ctx(en, "lang=en");
        assert_eq!(chosen.href("/lacunes"), "/lacunes?lang=en");
        assert_eq!(chosen.api_href("/api/v1/gaps", &[]), "/api/v1/gaps?lang=en");
        assert_eq!(fr.api_href("/api/v1/gaps", &[]), "/api/v1/gaps?lang=fr");
    }

    #[test]
    fn numbers_are_the_catalogue_s() {
        let fr = ctx(Locale::FRENCH, "");
        assert_eq!(fr.money(4_348_000.0), Locale::FRENCH.money(4_348_000.0));
        assert_eq!(fr.dec(0.75, 2), "0,75");
        assert_eq!(fr.percent(0.6), "60\u{a0}%");
    }

    #[test]
    fn the_demo_banner_and_notes_appear_only_with_the_demo() {
        let mut fr = ctx(Locale::FRENCH, "");
        let page = layout(&fr, Section::Home, "Accueil", html! {}).into_string();
        assert!(!page.contains("demo-banner"), "{page}");
        assert_eq!(fr.illustrative_note(12).into_string(), "");
        fr.demo = Some(super::DemoCounts {
            organisations: 27,
            projects: 5,
            all_organisations: 259,
        });
        let page = layout(&fr, Section::Home, "Accueil", html! {}).into_string();
        assert!(page.contains("id=\"demo-banner\""), "{page}");
        assert!(page.contains("27"), "{page}");
        assert!(page.contains("fictives"), "{page}");
        assert!(!page.contains("demo-page-note"), "{page}");
        let gaps = layout(&fr, Section::Gaps, "Lacunes", html! {}).into_string();
        assert!(gaps.contains("259 organisations"), "{gaps}");
        assert!(gaps.contains("dont 27 de démonstration"), "{gaps}");
        let note = fr.illustrative_note(12).into_string();
        assert!(note.contains("dont 12 de démonstration"), "{note}");
        assert_eq!(fr.illustrative_note(0).into_string(), "");
        let en = Locale::parse("en").expect("English");
        let mut en = ctx(en, "lang=en");
        en.demo = fr.demo;
        let page = layout(&en, Section::Home, "Home", html! {}).into_string();
        assert!(page.contains("fictional"), "{page}");
        assert!(
            en.illustrative_note(1)
                .into_string()
                .contains("1 is illustrative")
        );
    }

    /// The kinds' names are looked up by an id the model computes: every locale must have
    /// each of them (the catalogue's own check only sees literal ids).
    #[test]
    fn every_kind_is_named_in_every_locale() {
        for locale in Locale::all() {
            for kind in OrgKind::ALL {
                assert!(locale.has(kind.label_id()), "{locale}: {}", kind.label_id());
            }
        }
    }
}
