//! SPARQL 1.1 Graph Store Protocol at `/store` (`?graph=IRI` or `?default`; GET, HEAD, PUT,
//! POST, DELETE), and direct graph identification under `/store/…` (the graph's IRI is the
//! request's own address, `{base}/store/…`), with write authorisation. Every write is SHACL-validated and atomic.
//! Writes take one RDF document or several as `multipart/form-data`; a POST of a graph to
//! `/store` itself creates a new graph (`201 Created`, `Location:` its IRI).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maillage_model::vocab;
use maillage_store::oxigraph::model::{GraphName, GraphNameRef, NamedNode};
use maillage_store::{GraphFormat, StoreError};

use crate::AppState;
use crate::access::WriteAccess;
use crate::error::{ApiError, Message};
use crate::params::{Params, essence, read_body};
use crate::scope::Visible;
use crate::sparql::{GRAPH_TYPES, QueryString, negotiated, with_type};
use maillage_store::Origin;

pub fn routes() -> Router<AppState> {
    let methods = || {
        get(read_graph)
            .head(read_graph)
            .put(write_graph)
            .post(write_graph)
            .delete(delete_graph)
    };
    Router::new()
        .route("/store", methods())
        .route("/store/{*path}", methods())
}

enum Target {
    Default,
    Named(NamedNode),
    Dataset,
}

/// The graph a request names: indirectly (`/store?graph=IRI`, `/store?default`, or the whole
/// dataset), or directly by its own address (`/store/…`: the graph `{base}/store/…`).
fn target(state: &AppState, uri: &Uri, params: &Params) -> Result<Target, ApiError> {
    let path = uri.path();
    if path.len() > "/store/".len() && path.starts_with("/store/") {
        if params.has("graph") || params.has("default") {
            return Err(ApiError::bad_request(
                Message::new("err-direct-and-indirect").arg("path", path),
            ));
        }
        let iri = format!("{}{path}", state.config.base_url.trim_end_matches('/'));
        return NamedNode::new(&iri).map(Target::Named).map_err(|e| {
            ApiError::bad_request(
                Message::new("err-graph-iri")
                    .arg("iri", &iri)
                    .arg("detail", e),
            )
        });
    }
    match (params.one("graph")?, params.has("default")) {
        (Some(_), true) => Err(ApiError::bad_request(Message::new("err-graph-and-default"))),
        (Some(iri), false) => NamedNode::new(&iri).map(Target::Named).map_err(|e| {
            ApiError::bad_request(
                Message::new("err-graph-iri")
                    .arg("iri", &iri)
                    .arg("detail", e),
            )
        }),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::Dataset),
    }
}

/// A graph is read in the triple formats of the SPARQL endpoint (all but N-Quads).
const READ_TYPES: &[(&str, GraphFormat)] = GRAPH_TYPES.split_at(4).0;

const DATASET_TYPES: [(&str, GraphFormat); 2] = [
    ("application/n-quads", GraphFormat::NQuads),
    ("application/trig", GraphFormat::TriG),
];

async fn read_graph(
    State(state): State<AppState>,
    Visible(scope): Visible,
    QueryString(params): QueryString,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let target = target(&state, &uri, &params)?;
    let store = state.store.clone();
    let (media_type, body) = match target {
        Target::Dataset => {
            let (media_type, format) = negotiated(&headers, &DATASET_TYPES).ok_or_else(|| {
                ApiError::not_acceptable(Message::new("err-dataset-not-acceptable"))
            })?;
            let body = blocking(move || {
                let mut out = Vec::new();
                store.dump_visible(format, None, &scope, &mut out)?;
                Ok(out)
            })
            .await?;
            (media_type, body)
        }
        Target::Default | Target::Named(_) => {
            let (media_type, format) = negotiated(&headers, READ_TYPES).ok_or_else(|| {
                ApiError::not_acceptable(Message::new("err-graph-not-acceptable"))
            })?;
            let graph = match &target {
                Target::Named(g) => Some(g.clone()),
                _ => None,
            };
            let body = blocking(move || {
                // A graph the request may not see answers like one that does not exist.
                if let Some(g) = &graph
                    && !store.contains_visible_graph(g, &scope)?
                {
                    return Ok(None);
                }
                let mut out = Vec::new();
                let graph = graph
                    .as_ref()
                    .map_or(GraphNameRef::DefaultGraph, |g| g.as_ref().into());
                store.dump_graph(format, graph, &mut out)?;
                Ok(Some(out))
            })
            .await?
            .ok_or_else(|| ApiError::not_found(Message::new("err-no-such-graph")))?;
            (media_type, body)
        }
    };
    let mut response = with_type(body, media_type);
    if method == Method::HEAD {
        *response.body_mut() = Body::empty();
    }
    Ok(response)
}

async fn write_graph(
    State(state): State<AppState>,
    access: WriteAccess,
    QueryString(params): QueryString,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let mut target = target(&state, &uri, &params)?;
    let content_type = essence(headers.get(header::CONTENT_TYPE));
    let multipart = content_type.as_deref() == Some("multipart/form-data");
    let format = match content_type
        .as_deref()
        .and_then(GraphFormat::from_media_type)
    {
        Some(format) => Some(format),
        None if multipart => None,
        None => return Err(unsupported_rdf(content_type.as_deref())),
    };
    let body = read_body(body, state.config.max_body_bytes).await?;
    // The RDF documents of the request: the body, or each part of a multipart/form-data body
    // (merged into the target graph, as the Graph Store Protocol's POST says).
    let documents: Vec<(GraphFormat, Bytes)> = match format {
        Some(format) => vec![(format, body)],
        None => multipart_documents(&headers, &body)?,
    };
    let triples_only = documents.iter().all(|(f, _)| !f.supports_datasets());
    let mut location = None;
    if matches!(target, Target::Dataset) {
        if method == Method::POST && triples_only {
            // POST of a graph to the store itself creates a new graph (Graph Store Protocol, POST).
            let graph = new_graph_iri();
            location = Some(graph.as_str().to_owned());
            target = Target::Named(graph);
        } else if documents.iter().any(|(f, _)| !f.supports_datasets()) {
            return Err(ApiError::bad_request(Message::new("err-put-dataset")));
        }
    }
    let replace = method == Method::PUT;
    let store = state.store.clone();
    let context = access.context(Origin::Gsp);
    let endpoint = format!("{}/store", state.config.base_url.trim_end_matches('/'));
    let outcome = blocking(move || {
        let graph: Option<GraphName> = match &target {
            Target::Named(g) => Some(g.clone().into()),
            Target::Default => Some(GraphName::DefaultGraph),
            Target::Dataset => None,
        };
        let existed = match &graph {
            Some(GraphName::NamedNode(g)) => store.contains_graph(g)?,
            _ => true,
        };
        let named = match &graph {
            Some(GraphName::NamedNode(g)) => Some(g.clone()),
            _ => None,
        };
        // Relative IRIs resolve against the target graph's IRI (the protocol's own base for a
        // named graph, as in `oxigraph serve`), else against the endpoint's URL.
        let base = named
            .as_ref()
            .map_or(endpoint.clone(), |g| g.as_str().to_owned());
        let mut quads = Vec::new();
        for (format, body) in &documents {
            quads.extend(maillage_store::parse_with_base(
                body.as_ref(),
                *format,
                "request body",
                named.as_ref(),
                Some(&base),
            )?);
        }
        if let Some(GraphName::DefaultGraph) = graph {
            for q in &mut quads {
                q.graph_name = GraphName::DefaultGraph;
            }
        }
        let target_graph = graph.clone();
        store.write(&context, |tx| {
            if replace {
                match &target_graph {
                    Some(g) => tx.clear_graph(g.as_ref())?,
                    None => tx.clear_all()?,
                }
            }
            for q in &quads {
                tx.insert(q.as_ref())?;
            }
            if let Some(GraphName::NamedNode(g)) = &target_graph {
                tx.insert_named_graph(g.as_ref().into());
            }
            Ok(())
        })?;
        Ok(existed)
    })
    .await;
    if outcome.is_ok() {
        state.refresh_snapshot().await?;
    }
    match (outcome, location) {
        (Ok(false), Some(location)) => {
            Ok((StatusCode::CREATED, [(header::LOCATION, location)]).into_response())
        }
        (Ok(true), _) => Ok(StatusCode::NO_CONTENT.into_response()),
        (Ok(false), None) => Ok(StatusCode::CREATED.into_response()),
        (Err(e), _) => {
            if e.is_shape_rejection() {
                state.metrics.write_rejected();
            }
            Err(e)
        }
    }
}

fn unsupported_rdf(content_type: Option<&str>) -> ApiError {
    ApiError::unsupported_media_type(match content_type {
        Some(given) => Message::new("err-rdf-media-type").arg("given", given),
        None => Message::new("err-rdf-no-type"),
    })
}

/// A fresh IRI for a graph POSTed to the store itself, in Maillage's graph namespace.
fn new_graph_iri() -> NamedNode {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    NamedNode::new_unchecked(vocab::graph(&format!("posted/{nanos:x}-{n:x}")))
}

/// The RDF documents of a `multipart/form-data` body: each part's format comes from its
/// `Content-Type`, or else from its file name's extension.
fn multipart_documents(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Vec<(GraphFormat, Bytes)>, ApiError> {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(';').skip(1).find_map(|p| {
                let (name, value) = p.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("boundary")
                    .then(|| value.trim().trim_matches('"').to_owned())
            })
        })
        .filter(|b| !b.is_empty())
        .ok_or_else(|| ApiError::bad_request(Message::new("err-multipart-boundary")))?;
    let malformed = || ApiError::bad_request(Message::new("err-multipart-malformed"));
    let delimiter = format!("--{boundary}");
    let mut documents = Vec::new();
    let mut rest: &[u8] = body;
    // Skip the preamble up to the first delimiter.
    let start = find(rest, delimiter.as_bytes()).ok_or_else(malformed)?;
    rest = &rest[start + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            break; // the close delimiter
        }
        let rest_of_line = find(rest, b"\r\n").ok_or_else(malformed)?;
        rest = &rest[rest_of_line + 2..];
        let part_headers = if let Some(content) = rest.strip_prefix(b"\r\n") {
            rest = content;
            "" // a part without headers
        } else {
            let end = find(rest, b"\r\n\r\n").ok_or_else(malformed)?;
            let part_headers = std::str::from_utf8(&rest[..end]).map_err(|_| malformed())?;
            rest = &rest[end + 4..];
            part_headers
        };
        let next = find(rest, format!("\r\n{delimiter}").as_bytes()).ok_or_else(malformed)?;
        let content = body.slice_ref(&rest[..next]);
        rest = &rest[next + 2 + delimiter.len()..];
        let mut format = None;
        for line in part_headers.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-type") {
                format = Some(
                    GraphFormat::from_media_type(value)
                        .ok_or_else(|| unsupported_rdf(Some(value.trim())))?,
                );
            } else if name.trim().eq_ignore_ascii_case("content-disposition") && format.is_none() {
                format = value
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("filename="))
                    .and_then(|f| maillage_store::format_of_name(f.trim_matches('"')).ok());
            }
        }
        let format = format.ok_or_else(|| {
            ApiError::unsupported_media_type(Message::new("err-multipart-part-type"))
        })?;
        documents.push((format, content));
    }
    Ok(documents)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn delete_graph(
    State(state): State<AppState>,
    access: WriteAccess,
    QueryString(params): QueryString,
    uri: Uri,
) -> Result<Response, ApiError> {
    let target = target(&state, &uri, &params)?;
    if matches!(target, Target::Dataset) {
        return Err(ApiError::bad_request(Message::new("err-delete-target")));
    }
    let store = state.store.clone();
    let context = access.context(Origin::Gsp);
    let found = blocking(move || match target {
        Target::Named(g) => {
            if !store.contains_graph(&g)? {
                return Ok(false);
            }
            store.drop_graph(&context, GraphNameRef::NamedNode(g.as_ref()))?;
            Ok(true)
        }
        Target::Default => {
            store.drop_graph(&context, GraphNameRef::DefaultGraph)?;
            Ok(true)
        }
        Target::Dataset => Ok(false),
    })
    .await;
    if matches!(found, Ok(true)) {
        state.refresh_snapshot().await?;
    }
    match found {
        Ok(true) => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(false) => Err(ApiError::not_found(Message::new("err-no-such-graph"))),
        Err(e) => {
            if e.is_shape_rejection() {
                state.metrics.write_rejected();
            }
            Err(e)
        }
    }
}

/// Runs blocking store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("store task failed: {e}")))?
        .map_err(ApiError::from)
}
