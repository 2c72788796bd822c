//! Linked data: every IRI under `https://w3id.org/maillage/id/` is served at `/id/...` on this
//! server — HTML for browsers (labels in the requested language, French by default, links to
//! neighbours), Turtle, N-Triples, JSON-LD and RDF/XML for RDF clients.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::ApiPath;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use maillage_i18n::{Arg, Locale};
use maillage_model::{Label, Lang, vocab};
use maillage_store::oxigraph::model::{NamedNode, Quad, Term, Triple};
use maillage_store::{GraphFormat, GraphScope, QueryOutput};
use maud::{DOCTYPE, Markup, html};

use crate::AppState;
use crate::error::{ApiError, Message};
use crate::extract::Language;
use crate::negotiate;
use crate::scope::Visible;
use crate::sparql::with_type;
use crate::store_protocol::blocking;

pub fn routes() -> Router<AppState> {
    Router::new().route("/id/{*path}", get(resource))
}

const RDF_TYPES: [(&str, GraphFormat); 4] = [
    ("text/turtle", GraphFormat::Turtle),
    ("application/ld+json", GraphFormat::JsonLd),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/rdf+xml", GraphFormat::RdfXml),
];

async fn resource(
    State(state): State<AppState>,
    ApiPath(path): ApiPath<String>,
    Language(locale): Language,
    Visible(scope): Visible,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let iri = format!("{}{path}", vocab::ID);
    let subject = NamedNode::new(&iri).map_err(|e| {
        ApiError::bad_request(
            Message::new("err-invalid-iri")
                .arg("iri", &iri)
                .arg("detail", e),
        )
    })?;
    let store = state.store.clone();
    let node = subject.clone();
    // Only the statements of the graphs this request may see: a resource described only in a
    // hidden graph (a demo organisation without --demo) is unknown here.
    let visible = scope.clone();
    let (outgoing, incoming) = blocking(move || {
        Ok((
            store.describe_visible(&node, &visible)?,
            store.incoming_visible(&node, &visible)?,
        ))
    })
    .await?;
    if outgoing.is_empty() {
        return Err(ApiError::not_found(
            Message::new("err-unknown-resource").arg("iri", &iri),
        ));
    }
    let rdf_types = RDF_TYPES.map(|(m, _)| m);
    if negotiate::prefers_html(&headers, &rdf_types) {
        let labels = labels_for(&state, &scope, &outgoing, &incoming).await?;
        return Ok(
            Html(page(&state, &iri, &outgoing, &incoming, &labels, locale).into_string())
                .into_response(),
        );
    }
    let index = negotiate::choose(&headers, &rdf_types)
        .ok_or_else(|| ApiError::not_acceptable(Message::new("err-resource-not-acceptable")))?;
    let (media_type, format) = RDF_TYPES[index];
    let mut triples: Vec<Triple> = outgoing
        .into_iter()
        .map(|q| Triple::new(q.subject, q.predicate, q.object))
        .collect();
    triples.sort_by_key(|t| t.to_string());
    triples.dedup();
    let body = QueryOutput::Graph(triples).write_graph(format)?;
    Ok(with_type(body, media_type))
}

/// Labels (fr, en) of every IRI on the page, in one query.
async fn labels_for(
    state: &AppState,
    scope: &Arc<GraphScope>,
    outgoing: &[Quad],
    incoming: &[Quad],
) -> Result<BTreeMap<String, Label>, ApiError> {
    let mut iris: Vec<NamedNode> = Vec::new();
    for q in outgoing {
        iris.push(q.predicate.clone());
        if let Term::NamedNode(n) = &q.object {
            iris.push(n.clone());
        }
    }
    for q in incoming {
        iris.push(q.predicate.clone());
        if let maillage_store::oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject {
            iris.push(n.clone());
        }
    }
    if let Some(q) = outgoing.first()
        && let maillage_store::oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject
    {
        iris.push(n.clone());
    }
    iris.sort();
    iris.dedup();
    let store = state.store.clone();
    let scope = scope.clone();
    blocking(move || {
        let mut labels = BTreeMap::new();
        let label_predicates = [
            format!("{}label", vocab::RDFS),
            format!("{}prefLabel", vocab::SKOS),
        ];
        for iri in iris {
            for q in store.describe_visible(&iri, &scope)? {
                if !label_predicates.iter().any(|p| p == q.predicate.as_str()) {
                    continue;
                }
                if let Term::Literal(l) = &q.object {
                    // English labels for English; French and untagged ones for French.
                    let lang = match l.language() {
                        Some(t) if t.starts_with("en") => Lang::En,
                        _ => Lang::Fr,
                    };
                    let entry: &mut Label = labels.entry(iri.as_str().to_owned()).or_default();
                    entry.set_if_empty(lang, l.value());
                }
            }
        }
        Ok(labels)
    })
    .await
}

/// The label of `iri` in the reader's language — in the other language marked as such (never
/// silently), the IRI itself without one.
fn label(labels: &BTreeMap<String, Label>, iri: &str, locale: Locale) -> String {
    labels
        .get(iri)
        .and_then(|l| crate::labels::label(l, locale))
        .unwrap_or_else(|| iri.to_owned())
}

/// A link to this server's copy of a Maillage IRI, the IRI itself otherwise.
fn local_href(state: &AppState, iri: &str) -> String {
    match iri.strip_prefix(vocab::ID) {
        Some(rest) => format!("{}/id/{rest}", state.config.base_url.trim_end_matches('/')),
        None => iri.to_owned(),
    }
}

fn term_cell(
    state: &AppState,
    term: &Term,
    labels: &BTreeMap<String, Label>,
    locale: Locale,
) -> Markup {
    match term {
        Term::NamedNode(n) => html! {
            a href=(local_href(state, n.as_str())) title=(n.as_str()) { (label(labels, n.as_str(), locale)) }
        },
        Term::Literal(l) => html! {
            (l.value())
            @if let Some(tag) = l.language() { " " small.lang { "@" (tag) } }
        },
        other => html! { code { (other.to_string()) } },
    }
}

fn page(
    state: &AppState,
    iri: &str,
    outgoing: &[Quad],
    incoming: &[Quad],
    labels: &BTreeMap<String, Label>,
    locale: Locale,
) -> Markup {
    let title = label(labels, iri, locale);
    let mut outgoing: Vec<&Quad> = outgoing.iter().collect();
    outgoing.sort_by_key(|q| (q.predicate.as_str().to_owned(), q.object.to_string()));
    html! {
        (DOCTYPE)
        html lang=(locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (locale.t_args("web-page-title", &[("page", Arg::from(title.as_str()))])) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/" { "Maillage" }
                    @for other in Locale::all().filter(|l| *l != locale) {
                        " · "
                        a href={ "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code()) { (other.t("web-lang-name")) }
                    }
                }
                main {
                    h1 { (title) }
                    p { code { (iri) } }
                    h2 { (locale.t("ld-properties")) }
                    table {
                        thead { tr { th scope="col" { (locale.t("ld-property")) } th scope="col" { (locale.t("ld-value")) } th scope="col" { (locale.t("ld-graph")) } } }
                        tbody {
                            @for q in &outgoing {
                                tr {
                                    td { a href=(local_href(state, q.predicate.as_str())) title=(q.predicate.as_str()) { (label(labels, q.predicate.as_str(), locale)) } }
                                    td { (term_cell(state, &q.object, labels, locale)) }
                                    td { small { (q.graph_name.to_string().trim_start_matches('<').trim_end_matches('>').rsplit('/').next().unwrap_or_default()) } }
                                }
                            }
                        }
                    }
                    @if !incoming.is_empty() {
                        h2 { (locale.t("ld-incoming")) }
                        ul {
                            @for q in incoming.iter().take(500) {
                                li {
                                    (term_cell(state, &Term::from(q.subject.clone()), labels, locale))
                                    " — "
                                    (label(labels, q.predicate.as_str(), locale))
                                }
                            }
                        }
                    }
                    h2 { (locale.t("ld-formats")) }
                    p {
                        (locale.t("ld-formats-hint")) " "
                        code { "Accept: text/turtle" }
                    }
                }
            }
        }
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}\
header{background:#003366;color:#fff;padding:.6rem 1rem}header a{color:#fff}\
main{max-width:70rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ccc;padding:.35rem;text-align:left;vertical-align:top}\
a{color:#0b5394}small{color:#555}code{word-break:break-all}";
