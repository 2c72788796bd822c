//! Linked data: every IRI under `https://w3id.org/maillage/id/` is served at `/id/...` on this
//! server — HTML for browsers (labels in the requested language, French by default, links to
//! neighbours), Turtle, N-Triples, JSON-LD and RDF/XML for RDF clients — and the home page.

use std::collections::BTreeMap;

use crate::error::{ApiPath, ApiQuery};
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use maillage_model::{Lang, vocab};
use maillage_store::oxigraph::model::{NamedNode, Quad, Term, Triple};
use maillage_store::{GraphFormat, QueryOutput};
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::error::ApiError;
use crate::negotiate;
use crate::sparql::with_type;
use crate::store_protocol::blocking;

pub fn routes() -> Router<AppState> {
    Router::new().route("/id/{*path}", get(resource))
}

#[derive(Debug, Deserialize)]
pub struct LangParam {
    lang: Option<String>,
}

/// `?lang=` first, then `Accept-Language`, then French.
pub fn language(param: Option<&str>, headers: &HeaderMap) -> Result<Lang, ApiError> {
    if let Some(code) = param {
        return code
            .parse()
            .map_err(|e| ApiError::bad_request(format!("{e}")));
    }
    Ok(headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default())
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
    ApiQuery(query): ApiQuery<LangParam>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let iri = format!("{}{path}", vocab::ID);
    let subject = NamedNode::new(&iri)
        .map_err(|e| ApiError::bad_request(format!("{iri:?} is not a valid IRI: {e}")))?;
    let store = state.store.clone();
    let node = subject.clone();
    let (outgoing, incoming) =
        blocking(move || Ok((store.describe(&node)?, store.incoming(&node)?))).await?;
    if outgoing.is_empty() {
        return Err(ApiError::not_found(format!(
            "nothing is known about <{iri}>"
        )));
    }
    let rdf_types = RDF_TYPES.map(|(m, _)| m);
    if negotiate::prefers_html(&headers, &rdf_types) {
        let lang = language(query.lang.as_deref(), &headers)?;
        let labels = labels_for(&state, &outgoing, &incoming).await?;
        return Ok(
            Html(page(&state, &iri, &outgoing, &incoming, &labels, lang).into_string())
                .into_response(),
        );
    }
    let index = negotiate::choose(&headers, &rdf_types).ok_or_else(|| {
        ApiError::not_acceptable(
            "resources are available as text/html, text/turtle, application/ld+json, application/n-triples or application/rdf+xml",
        )
    })?;
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
    outgoing: &[Quad],
    incoming: &[Quad],
) -> Result<BTreeMap<String, (Option<String>, Option<String>)>, ApiError> {
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
    blocking(move || {
        let mut labels = BTreeMap::new();
        let label_predicates = [
            format!("{}label", vocab::RDFS),
            format!("{}prefLabel", vocab::SKOS),
        ];
        for iri in iris {
            for q in store.describe(&iri)? {
                if !label_predicates.iter().any(|p| p == q.predicate.as_str()) {
                    continue;
                }
                if let Term::Literal(l) = &q.object {
                    let entry: &mut (Option<String>, Option<String>) =
                        labels.entry(iri.as_str().to_owned()).or_default();
                    match l.language() {
                        Some(t) if t.starts_with("fr") => {
                            entry.0.get_or_insert_with(|| l.value().to_owned());
                        }
                        Some(t) if t.starts_with("en") => {
                            entry.1.get_or_insert_with(|| l.value().to_owned());
                        }
                        _ => {
                            entry.0.get_or_insert_with(|| l.value().to_owned());
                        }
                    }
                }
            }
        }
        Ok(labels)
    })
    .await
}

fn label<'a>(
    labels: &'a BTreeMap<String, (Option<String>, Option<String>)>,
    iri: &'a str,
    lang: Lang,
) -> &'a str {
    match labels.get(iri) {
        Some((fr, en)) => {
            let (first, second) = match lang {
                Lang::Fr => (fr, en),
                Lang::En => (en, fr),
            };
            first.as_deref().or(second.as_deref()).unwrap_or(iri)
        }
        None => iri,
    }
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
    labels: &BTreeMap<String, (Option<String>, Option<String>)>,
    lang: Lang,
) -> Markup {
    match term {
        Term::NamedNode(n) => html! {
            a href=(local_href(state, n.as_str())) title=(n.as_str()) { (label(labels, n.as_str(), lang)) }
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
    labels: &BTreeMap<String, (Option<String>, Option<String>)>,
    lang: Lang,
) -> Markup {
    let title = label(labels, iri, lang);
    let (t_props, t_incoming, t_formats, t_property, t_value, t_graph, t_other) = match lang {
        Lang::Fr => (
            "Propriétés",
            "Liens entrants",
            "Autres formats",
            "Propriété",
            "Valeur",
            "Graphe",
            "English",
        ),
        Lang::En => (
            "Properties",
            "Incoming links",
            "Other formats",
            "Property",
            "Value",
            "Graph",
            "Français",
        ),
    };
    let other_lang = match lang {
        Lang::Fr => "en",
        Lang::En => "fr",
    };
    let mut outgoing: Vec<&Quad> = outgoing.iter().collect();
    outgoing.sort_by_key(|q| (q.predicate.as_str().to_owned(), q.object.to_string()));
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Maillage" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/" { "Maillage" }
                    " · "
                    a href={ "?lang=" (other_lang) } lang=(other_lang) { (t_other) }
                }
                main {
                    h1 { (title) }
                    p { code { (iri) } }
                    h2 { (t_props) }
                    table {
                        thead { tr { th scope="col" { (t_property) } th scope="col" { (t_value) } th scope="col" { (t_graph) } } }
                        tbody {
                            @for q in &outgoing {
                                tr {
                                    td { a href=(local_href(state, q.predicate.as_str())) title=(q.predicate.as_str()) { (label(labels, q.predicate.as_str(), lang)) } }
                                    td { (term_cell(state, &q.object, labels, lang)) }
                                    td { small { (q.graph_name.to_string().trim_start_matches('<').trim_end_matches('>').rsplit('/').next().unwrap_or_default()) } }
                                }
                            }
                        }
                    }
                    @if !incoming.is_empty() {
                        h2 { (t_incoming) }
                        ul {
                            @for q in incoming.iter().take(500) {
                                li {
                                    (term_cell(state, &Term::from(q.subject.clone()), labels, lang))
                                    " — "
                                    (label(labels, q.predicate.as_str(), lang))
                                }
                            }
                        }
                    }
                    h2 { (t_formats) }
                    p {
                        "Turtle, JSON-LD, N-Triples, RDF/XML: "
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

/// The home page: what this server offers, counts from the store, and a SPARQL form.
pub async fn home(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LangParam>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = language(query.lang.as_deref(), &headers)?;
    let store = state.store.clone();
    let counts = blocking(move || {
        let q = format!(
            "{}SELECT ?class (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o a ?class . ?class rdfs:subClassOf mo:Organization }} GROUP BY ?class ORDER BY DESC(?n)",
            vocab::sparql_prologue()
        );
        let out = store.query(
            &maillage_store::QueryRequest::new(q),
            &maillage_store::Budget::new(std::time::Duration::from_secs(10)),
        )?;
        let mut rows = Vec::new();
        if let QueryOutput::Solutions { rows: r, .. } = out {
            for row in r {
                if let [Some(Term::NamedNode(c)), Some(Term::Literal(n))] = row.as_slice() {
                    rows.push((c.as_str().to_owned(), n.value().to_owned()));
                }
            }
        }
        Ok(rows)
    })
    .await?;
    let (title, intro, t_sparql, t_run, t_counts, t_other, other_lang) = match lang {
        Lang::Fr => (
            "Maillage — l'écosystème de l'IA de la région de Québec",
            "Graphe de connaissances ouvert des fournisseurs et adoptants d'IA, centres de recherche, établissements et programmes de financement de la Zone économique métropolitaine de Québec.",
            "Interroger le graphe (SPARQL 1.1)",
            "Exécuter",
            "Organisations par type",
            "English",
            "en",
        ),
        Lang::En => (
            "Maillage — the AI ecosystem of the Québec City region",
            "Open knowledge graph of the AI suppliers and adopters, research centres, schools and funding programmes of the Québec metropolitan economic zone.",
            "Query the graph (SPARQL 1.1)",
            "Run",
            "Organisations by type",
            "Français",
            "fr",
        ),
    };
    let example = "PREFIX mo: <https://w3id.org/maillage/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?name ?municipality WHERE {\n  ?org mo:offersExpertise ?e ; rdfs:label ?name ; mo:locatedIn/rdfs:label ?municipality .\n  ?org mo:locatedIn/mo:inZone <https://w3id.org/maillage/id/zone/zem-quebec> .\n  FILTER(lang(?name) = \"fr\" && lang(?municipality) = \"fr\")\n} ORDER BY ?name LIMIT 50";
    let class_label = |iri: &str| -> String {
        iri.strip_prefix(vocab::MO)
            .and_then(|local| maillage_model::OrgKind::from_class_iri(&vocab::mo(local)))
            .map(|k| k.label().get(lang).to_owned())
            .unwrap_or_else(|| iri.to_owned())
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header { strong { "Maillage" } " · " a href={ "?lang=" (other_lang) } lang=(other_lang) { (t_other) } }
                main {
                    h1 { (title) }
                    p { (intro) }
                    h2 { (t_counts) }
                    table {
                        tbody {
                            @for (class, n) in &counts {
                                tr { td { (class_label(class)) } td { (n) } }
                            }
                        }
                    }
                    h2 { (t_sparql) }
                    form method="get" action="/sparql" {
                        label for="query" { "SPARQL" }
                        br;
                        textarea id="query" name="query" rows="9" cols="90" { (example) }
                        input type="hidden" name="format" value="csv";
                        br;
                        button type="submit" { (t_run) }
                    }
                    h2 { "API" }
                    ul {
                        li { a href="/sparql" { "/sparql" } " — SPARQL 1.1 Protocol (service description on GET)" }
                        li { code { "/update" } " — SPARQL 1.1 Update (bearer token)" }
                        li { a href="/store" { "/store" } " — Graph Store Protocol (N-Quads of the whole dataset)" }
                        li { a href="/id/zone/zem-quebec" { "/id/…" } " — linked data" }
                        li { a href="/health" { "/health" } " · " a href="/metrics" { "/metrics" } }
                    }
                }
            }
        }
    };
    Ok(Html(markup.into_string()).into_response())
}
