//! SPARQL 1.1 Protocol: queries at `/sparql` (GET, POST form, POST `application/sparql-query`),
//! updates at `/update` (with `using-graph-uri`/`using-named-graph-uri`) and at `/sparql` too
//! (POST `application/sparql-update` or a form with `update=`, same write access: clients that
//! use one URL for both), and the service description. Relative IRIs resolve against the
//! endpoint's URL; bodies must be UTF-8. Answers go through the result cache
//! ([`crate::answer_cache`]); evaluations beyond the bound queue fairly per client (a user, or
//! the client's address) before any is refused.
//!
//! The default graph is the union of all named graphs unless the request names graphs
//! (`default-graph-uri`, `named-graph-uri`) or the query has `FROM`/`FROM NAMED`.

use std::convert::Infallible;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maillage_store::oxigraph::sparql::CancellationToken;
use maillage_store::{
    Budget, GraphFormat, GraphScope, QueryOutput, QueryRequest, ResultsFormat, StoreError,
    UpdateRequest,
};

use crate::AppState;
use crate::access::WriteAccess;
use crate::answer_cache::{Answer, AnswerKey};
use crate::error::{ApiError, Message, SparqlText};
use crate::identity::{Identity, client_address};
use crate::negotiate;
use crate::params::{Params, essence, read_body, require_utf8};
use crate::scope::Visible;
use maillage_store::Origin;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sparql", get(query_get).post(query_post))
        .route("/update", post(update_post))
}

/// Cancels the evaluation if the handler is dropped before it finishes (the client went away).
pub(crate) struct CancelOnDrop(pub CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Who asks, for the evaluator's fair queue: the signed-in user, else the client's address.
pub(crate) struct Client(pub String);

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let identity = Identity::from_request_parts(parts, state).await?;
        Ok(Client(match identity.member() {
            Some(member) => format!("user:{}", member.name),
            None => format!("address:{}", client_address(&parts.extensions)),
        }))
    }
}

async fn query_get(
    State(state): State<AppState>,
    Visible(scope): Visible,
    Client(client): Client,
    QueryString(params): QueryString,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if params.has("update") {
        // An update must not change the store through a safe method (SPARQL 1.1 Protocol 2.2).
        return Err(ApiError::bad_request(Message::new("err-update-by-get")));
    }
    match params.one("query")? {
        Some(query) => execute(&state, &scope, client, query, &params, &headers).await,
        None => Ok(service_description(&state, &headers)),
    }
}

async fn query_post(
    State(state): State<AppState>,
    Visible(scope): Visible,
    Client(client): Client,
    QueryString(mut params): QueryString,
    mut parts: Parts,
    body: Body,
) -> Result<Response, ApiError> {
    let headers = parts.headers.clone();
    let content_type = essence(headers.get(header::CONTENT_TYPE));
    require_utf8(&headers)?;
    let body = read_body(body, state.config.max_body_bytes).await?;
    // The form, read once: it holds the query, or an update.
    let form = (content_type.as_deref() == Some("application/x-www-form-urlencoded"))
        .then(|| Params::parse(&String::from_utf8_lossy(&body)));
    // An update sent to the query endpoint: the same write access and handling as `/update`.
    let form_update = form.as_ref().is_some_and(|f| f.has("update"));
    if content_type.as_deref() == Some("application/sparql-update") || form_update {
        let access = WriteAccess::from_request_parts(&mut parts, &state).await?;
        return run_update(&state, access, params, &headers, body, "/sparql").await;
    }
    let query = match content_type.as_deref() {
        Some("application/sparql-query") => {
            if params.has("query") {
                return Err(ApiError::bad_request(Message::new("err-query-twice")));
            }
            String::from_utf8(body.to_vec()).map_err(|_| {
                ApiError::bad_request(Message::new("err-not-utf8").arg("what", "query"))
            })?
        }
        Some("application/x-www-form-urlencoded") => {
            if params.has("query") {
                return Err(ApiError::bad_request(Message::new("err-query-twice")));
            }
            params.extend(form.unwrap_or_default());
            params.one("query")?.ok_or_else(|| form_missing("query"))?
        }
        other => {
            return Err(wrong_media_type(
                "/sparql",
                "application/sparql-query",
                other,
            ));
        }
    };
    execute(&state, &scope, client, query, &params, &headers).await
}

const RESULT_TYPES: [(&str, ResultsFormat); 4] = [
    ("application/sparql-results+json", ResultsFormat::Json),
    ("application/sparql-results+xml", ResultsFormat::Xml),
    ("text/csv", ResultsFormat::Csv),
    ("text/tab-separated-values", ResultsFormat::Tsv),
];

/// The RDF formats of a CONSTRUCT or DESCRIBE result: the triple formats first (the Graph
/// Store Protocol reads a graph in those), then N-Quads.
pub(crate) const GRAPH_TYPES: [(&str, GraphFormat); 5] = [
    ("text/turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/rdf+xml", GraphFormat::RdfXml),
    ("application/ld+json", GraphFormat::JsonLd),
    ("application/n-quads", GraphFormat::NQuads),
];

/// The parameters of the request's query string, read once for the protocol handlers.
pub(crate) struct QueryString(pub Params);

impl<S: Send + Sync> FromRequestParts<S> for QueryString {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(QueryString(Params::parse(parts.uri.query().unwrap_or(""))))
    }
}

/// The entry of a media-type table that the request's `Accept` header prefers.
pub(crate) fn negotiated<F: Copy>(
    headers: &HeaderMap,
    table: &[(&'static str, F)],
) -> Option<(&'static str, F)> {
    let offered: Vec<&str> = table.iter().map(|(m, _)| *m).collect();
    negotiate::choose(headers, &offered).map(|index| table[index])
}

/// The URL of one of this server's endpoints: the protocol leaves the base IRI of a query or
/// update to the service, and it is the endpoint's URL.
fn endpoint_iri(state: &AppState, endpoint: &str) -> String {
    format!("{}{endpoint}", state.config.base_url.trim_end_matches('/'))
}

async fn execute(
    state: &AppState,
    scope: &GraphScope,
    client: String,
    query: String,
    params: &Params,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let format_param = params.one("format")?;
    let scan = maillage_store::lexical::scan(&query);
    // NOW(), RAND(), UUID()…: each evaluation has its own answer, which is never kept.
    let cacheable = state.answers.is_enabled() && !scan.volatile;
    let key = AnswerKey {
        // Read before the evaluation: an answer is kept under the generation it started at.
        generation: state.store.generation(),
        query: scan.normalised,
        default_graphs: params.all("default-graph-uri"),
        named_graphs: params.all("named-graph-uri"),
        scope: scope.clone(),
        format: format_param.clone(),
        accept: headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    if cacheable {
        if let Some(answer) = state.answers.get(&key) {
            state.metrics.answer_cache_hit();
            return Ok(with_type(answer.body, answer.media_type));
        }
        state.metrics.answer_cache_miss();
    }
    let text = query.clone();
    let request = QueryRequest {
        query,
        base_iri: Some(endpoint_iri(state, "/sparql")),
        default_graphs: key.default_graphs.clone(),
        named_graphs: key.named_graphs.clone(),
        scope: scope.clone(),
        client: Some(client),
    };
    let budget = Budget::new(state.config.query_timeout);
    let _cancel_on_drop = CancelOnDrop(budget.cancel.clone());
    let store = state.store.clone();
    let outcome = tokio::task::spawn_blocking(move || store.query(&request, &budget))
        .await
        .map_err(|e| ApiError::internal(format!("query task failed: {e}")))?;
    let output = match outcome {
        Ok(output) => output,
        Err(error) => {
            match error {
                StoreError::Timeout(_) => state.metrics.query_timeout(),
                StoreError::Busy(_) => state.metrics.query_shed(),
                _ => {}
            }
            return Err(syntax_with_text(error, &text, SparqlText::Query));
        }
    };
    let (body, media_type) = serialize(&output, headers, format_param.as_deref())?;
    let body = Bytes::from(body);
    if cacheable {
        state.answers.put(
            key,
            Answer {
                media_type,
                body: body.clone(),
            },
        );
        state.metrics.answer_cache_size(state.answers.bytes());
    }
    Ok(with_type(body, media_type))
}

/// A complete result in the negotiated format, and that format's media type.
fn serialize(
    output: &QueryOutput,
    headers: &HeaderMap,
    format_param: Option<&str>,
) -> Result<(Vec<u8>, &'static str), ApiError> {
    if output.is_graph() {
        let named = format_param.map(graph_format_by_name).transpose()?;
        let (media_type, format) = pick(&GRAPH_TYPES, named, headers, "CONSTRUCT/DESCRIBE")?;
        Ok((output.write_graph(format)?, media_type))
    } else {
        let named = format_param.map(results_format_by_name).transpose()?;
        let (media_type, format) = pick(&RESULT_TYPES, named, headers, "SELECT/ASK")?;
        Ok((output.write_results(format)?, media_type))
    }
}

/// The entry of a media-type table for an answer: the one of the format `format=` named (the
/// table's first when it has none for it), else the one `Accept` prefers; 406 when the
/// request accepts none of the `kind` formats.
fn pick<F: Copy + PartialEq>(
    table: &[(&'static str, F)],
    named: Option<F>,
    headers: &HeaderMap,
    kind: &str,
) -> Result<(&'static str, F), ApiError> {
    match named {
        Some(format) => Some(
            table
                .iter()
                .copied()
                .find(|(_, f)| *f == format)
                .unwrap_or(table[0]),
        ),
        None => negotiated(headers, table),
    }
    .ok_or_else(|| {
        let offered: Vec<&str> = table.iter().map(|(m, _)| *m).collect();
        not_acceptable(kind, &offered)
    })
}

fn results_format_by_name(name: &str) -> Result<ResultsFormat, ApiError> {
    ResultsFormat::from_name(name)
        .or_else(|| ResultsFormat::from_media_type(name))
        .ok_or_else(|| unknown_format("SPARQL results", name, "json, xml, csv, tsv"))
}

fn graph_format_by_name(name: &str) -> Result<GraphFormat, ApiError> {
    match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" => Some(GraphFormat::Turtle),
        "ntriples" | "n-triples" | "nt" => Some(GraphFormat::NTriples),
        "rdfxml" | "rdf+xml" | "xml" | "rdf" => Some(GraphFormat::RdfXml),
        "jsonld" | "json-ld" | "json" => Some(GraphFormat::JsonLd),
        "nquads" | "n-quads" | "nq" => Some(GraphFormat::NQuads),
        other => GraphFormat::from_media_type(other),
    }
    .ok_or_else(|| unknown_format("RDF", name, "turtle, ntriples, rdfxml, jsonld, nquads"))
}

/// The problem of a store error; a syntax error is summarised with the token found in the
/// request's own `text` at the parser's position.
fn syntax_with_text(error: StoreError, text: &str, kind: SparqlText) -> ApiError {
    match error {
        StoreError::QuerySyntax(source) => {
            ApiError::sparql_syntax(&source.to_string(), Some(text), kind)
        }
        other => other.into(),
    }
}

fn form_missing(name: &'static str) -> ApiError {
    ApiError::bad_request(Message::new("err-form-missing").arg("name", name))
}

/// 415 for a POST whose body is neither `body_type` nor a form.
fn wrong_media_type(route: &str, body_type: &str, given: Option<&str>) -> ApiError {
    let accepted = format!("{body_type}, application/x-www-form-urlencoded");
    let message = match given {
        Some(given) => Message::new("err-sparql-media-type").arg("given", given),
        None => Message::new("err-sparql-no-type"),
    };
    ApiError::unsupported_media_type(message.arg("route", route).arg("accepted", accepted))
}

fn not_acceptable(kind: &str, offered: &[&str]) -> ApiError {
    ApiError::not_acceptable(
        Message::new("err-results-not-acceptable")
            .arg("kind", kind)
            .arg("formats", offered.join(", ")),
    )
}

fn unknown_format(kind: &str, name: &str, formats: &str) -> ApiError {
    ApiError::bad_request(
        Message::new("err-unknown-format")
            .arg("kind", kind)
            .arg("name", name)
            .arg("formats", formats),
    )
}

pub(crate) fn with_type(body: impl Into<Bytes>, media_type: &'static str) -> Response {
    let mut response = body.into().into_response();
    let value = if media_type.starts_with("text/") {
        HeaderValue::from_str(&format!("{media_type}; charset=utf-8"))
            .unwrap_or(HeaderValue::from_static("text/plain"))
    } else {
        HeaderValue::from_static(media_type)
    };
    response.headers_mut().insert(header::CONTENT_TYPE, value);
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// The SPARQL 1.1 Service Description of this endpoint.
fn service_description(state: &AppState, headers: &HeaderMap) -> Response {
    let base = state.config.base_url.trim_end_matches('/');
    let writable = state.config.write_token.is_some();
    let turtle = format!(
        r#"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{base}/sparql> a sd:Service ;
    rdfs:label "Maillage — point d'accès SPARQL"@fr , "Maillage — SPARQL endpoint"@en ;
    rdfs:comment "Sans FROM ni default-graph-uri, le graphe par défaut est l'union de tous les graphes nommés."@fr ,
                 "Without FROM or default-graph-uri, the default graph is the union of all named graphs."@en ;
    sd:endpoint <{base}/sparql> ;
    sd:supportedLanguage sd:SPARQL11Query{update} ;
    sd:feature sd:UnionDefaultGraph , sd:BasicFederatedQuery ;
    sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML , formats:SPARQL_Results_CSV ,
        formats:SPARQL_Results_TSV , formats:Turtle , formats:N-Triples , formats:RDF_XML , formats:JSON-LD , formats:N-Quads ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; rdfs:comment "Union of all named graphs"@en ]
    ] .
"#,
        update = if writable { " , sd:SPARQL11Update" } else { "" }
    );
    let (media_type, format) = negotiated(headers, &GRAPH_TYPES).unwrap_or(GRAPH_TYPES[0]);
    if format == GraphFormat::Turtle {
        return with_type(turtle.into_bytes(), media_type);
    }
    match maillage_store::convert(turtle.as_bytes(), GraphFormat::Turtle, format) {
        Ok(bytes) => with_type(bytes, media_type),
        Err(_) => with_type(turtle.into_bytes(), "text/turtle"),
    }
}

async fn update_post(
    State(state): State<AppState>,
    access: WriteAccess,
    QueryString(params): QueryString,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let body = read_body(body, state.config.max_body_bytes).await?;
    run_update(&state, access, params, &headers, body, "/update").await
}

/// Runs an update read from a request body (`application/sparql-update`, or a form with
/// `update=`) sent to `route`; the analytics see it at once.
async fn run_update(
    state: &AppState,
    access: WriteAccess,
    mut params: Params,
    headers: &HeaderMap,
    body: Bytes,
    route: &str,
) -> Result<Response, ApiError> {
    require_utf8(headers)?;
    let update = match essence(headers.get(header::CONTENT_TYPE)).as_deref() {
        Some("application/sparql-update") => String::from_utf8(body.to_vec()).map_err(|_| {
            ApiError::bad_request(Message::new("err-not-utf8").arg("what", "update"))
        })?,
        Some("application/x-www-form-urlencoded") => {
            params.extend(Params::parse(&String::from_utf8_lossy(&body)));
            params
                .one("update")?
                .ok_or_else(|| form_missing("update"))?
        }
        other => {
            return Err(wrong_media_type(route, "application/sparql-update", other));
        }
    };
    let text = update.clone();
    let request = UpdateRequest {
        update,
        base_iri: Some(endpoint_iri(state, route)),
        using_graphs: params.all("using-graph-uri"),
        using_named_graphs: params.all("using-named-graph-uri"),
    };
    let store = state.store.clone();
    let timeout = state.config.query_timeout;
    let context = access.context(Origin::Update);
    let outcome =
        tokio::task::spawn_blocking(move || store.update_request(&context, &request, timeout))
            .await
            .map_err(|e| ApiError::internal(format!("update task failed: {e}")))?;
    match outcome {
        Ok(_) => {
            // The analytics must see the committed write at once.
            state.refresh_snapshot().await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Err(error) => {
            if matches!(error, StoreError::ShapeViolations(_)) {
                state.metrics.write_rejected();
            }
            Err(syntax_with_text(error, &text, SparqlText::Update))
        }
    }
}
