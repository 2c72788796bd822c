//! SPARQL 1.1 Graph Store Protocol at `/store` (`?graph=IRI` or `?default`; GET, HEAD, PUT,
//! POST, DELETE) and write authorisation. Every write is SHACL-validated and atomic.

use axum::Router;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maillage_store::oxigraph::model::{GraphName, GraphNameRef, NamedNode};
use maillage_store::{GraphFormat, StoreError};

use crate::AppState;
use crate::error::ApiError;
use crate::negotiate;
use crate::params::{Params, essence, read_body};
use crate::sparql::with_type;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/store",
        get(read_graph)
            .head(read_graph)
            .put(write_graph)
            .post(write_graph)
            .delete(delete_graph),
    )
}

/// Writes need `Authorization: Bearer TOKEN`. Without a configured token the service is
/// read-only (403); a missing or wrong token is 401.
pub fn require_write_access(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &state.config.write_token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Read-only service",
            "this Maillage server is read-only: it was started without a write token (--write-token / MAILLAGE_WRITE_TOKEN)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(token) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => {
            let mut e = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "the bearer token is not valid for writes",
            );
            e.www_authenticate = true;
            Err(e)
        }
        None => {
            let mut e = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "writes need an `Authorization: Bearer TOKEN` header",
            );
            e.www_authenticate = true;
            Err(e)
        }
    }
}

/// Compares secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Which graph a request targets.
enum Target {
    Default,
    Named(NamedNode),
    Dataset,
}

fn target(params: &Params) -> Result<Target, ApiError> {
    match (params.one("graph")?, params.has("default")) {
        (Some(_), true) => Err(ApiError::bad_request(
            "give either ?graph=IRI or ?default, not both",
        )),
        (Some(iri), false) => NamedNode::new(&iri)
            .map(Target::Named)
            .map_err(|e| ApiError::bad_request(format!("?graph={iri:?} is not a valid IRI: {e}"))),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::Dataset),
    }
}

const READ_TYPES: [(&str, GraphFormat); 4] = [
    ("text/turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/rdf+xml", GraphFormat::RdfXml),
    ("application/ld+json", GraphFormat::JsonLd),
];

const DATASET_TYPES: [(&str, GraphFormat); 2] = [
    ("application/n-quads", GraphFormat::NQuads),
    ("application/trig", GraphFormat::TriG),
];

async fn read_graph(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    method: Method,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref().unwrap_or(""));
    let target = target(&params)?;
    let store = state.store.clone();
    let (media_type, body) = match target {
        Target::Dataset => {
            let index =
                negotiate::choose(&headers, &DATASET_TYPES.map(|(m, _)| m)).ok_or_else(|| {
                    ApiError::not_acceptable(
                        "the whole dataset is available as application/n-quads or application/trig",
                    )
                })?;
            let (media_type, format) = DATASET_TYPES[index];
            let body = blocking(move || {
                let mut out = Vec::new();
                store.dump(format, None, &mut out)?;
                Ok(out)
            })
            .await?;
            (media_type, body)
        }
        Target::Default | Target::Named(_) => {
            let index = negotiate::choose(&headers, &READ_TYPES.map(|(m, _)| m)).ok_or_else(
                || {
                    ApiError::not_acceptable(
                        "graphs are available as text/turtle, application/n-triples, application/rdf+xml or application/ld+json",
                    )
                },
            )?;
            let (media_type, format) = READ_TYPES[index];
            let graph = match &target {
                Target::Named(g) => Some(g.clone()),
                _ => None,
            };
            let body = blocking(move || {
                if let Some(g) = &graph
                    && !store.oxigraph().contains_named_graph(g)?
                {
                    return Ok(None);
                }
                let mut out = Vec::new();
                store.dump_graph(format, graph.as_ref(), &mut out)?;
                Ok(Some(out))
            })
            .await?
            .ok_or_else(|| ApiError::not_found("no such graph in the store"))?;
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
    RawQuery(raw): RawQuery,
    method: Method,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    require_write_access(&state, &headers)?;
    let params = Params::parse(raw.as_deref().unwrap_or(""));
    let target = target(&params)?;
    let content_type = essence(headers.get(header::CONTENT_TYPE));
    let format = content_type
        .as_deref()
        .and_then(GraphFormat::from_media_type)
        .ok_or_else(|| {
            ApiError::unsupported_media_type(format!(
                "send RDF as text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml or application/ld+json, not {}",
                content_type.as_deref().unwrap_or("a body without Content-Type")
            ))
        })?;
    if matches!(target, Target::Dataset) && !format.supports_datasets() {
        return Err(ApiError::bad_request(
            "without ?graph=IRI or ?default, send a dataset (application/n-quads or application/trig)",
        ));
    }
    let body = read_body(body, state.config.max_body_bytes).await?;
    let replace = method == Method::PUT;
    let store = state.store.clone();
    let outcome = blocking(move || {
        let graph: Option<GraphName> = match &target {
            Target::Named(g) => Some(g.clone().into()),
            Target::Default => Some(GraphName::DefaultGraph),
            Target::Dataset => None,
        };
        let existed = match &graph {
            Some(GraphName::NamedNode(g)) => store.oxigraph().contains_named_graph(g)?,
            _ => true,
        };
        let named = match &graph {
            Some(GraphName::NamedNode(g)) => Some(g.clone()),
            _ => None,
        };
        let mut quads =
            maillage_store::parse(body.as_ref(), format, "request body", named.as_ref())?;
        if let Some(GraphName::DefaultGraph) = graph {
            for q in &mut quads {
                q.graph_name = GraphName::DefaultGraph;
            }
        }
        let target_graph = graph.clone();
        store.write(|tx| {
            if replace {
                match &target_graph {
                    Some(g) => tx.clear_graph(g.as_ref())?,
                    None => tx.clear()?,
                }
            }
            for q in &quads {
                tx.insert(q.as_ref());
            }
            if let Some(GraphName::NamedNode(g)) = &target_graph {
                tx.insert_named_graph(g.as_ref());
            }
            Ok(())
        })?;
        Ok(existed)
    })
    .await;
    match outcome {
        Ok(true) => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(false) => Ok(StatusCode::CREATED.into_response()),
        Err(e) => {
            if !e.violations.is_empty() {
                state.metrics.write_rejected();
            }
            Err(e)
        }
    }
}

async fn delete_graph(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    require_write_access(&state, &headers)?;
    let params = Params::parse(raw.as_deref().unwrap_or(""));
    let target = target(&params)?;
    if matches!(target, Target::Dataset) {
        return Err(ApiError::bad_request("DELETE needs ?graph=IRI or ?default"));
    }
    let store = state.store.clone();
    let found = blocking(move || match target {
        Target::Named(g) => {
            if !store.oxigraph().contains_named_graph(&g)? {
                return Ok(false);
            }
            store.drop_graph(GraphNameRef::NamedNode(g.as_ref()))?;
            Ok(true)
        }
        Target::Default => {
            store.drop_graph(GraphNameRef::DefaultGraph)?;
            Ok(true)
        }
        Target::Dataset => Ok(false),
    })
    .await;
    match found {
        Ok(true) => Ok(StatusCode::NO_CONTENT.into_response()),
        Ok(false) => Err(ApiError::not_found("no such graph in the store")),
        Err(e) => {
            if !e.violations.is_empty() {
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
