//! The cache of the analytics views: the complete answers of the anonymous reads that are
//! computed from the analytics snapshot — the pages (home, search, profiles, gaps, network) and
//! the REST analytics (statistics, matches, eligibility, gaps, network, portfolio, GraphML) —
//! so that a page or a report asked again costs a lookup, not a walk of the ecosystem.
//!
//! The key is the public snapshot's version and the store's generation (both read before the
//! answer is computed, and both only move on, so an answer is never kept under a newer version
//! than the one it was computed from), the path and query, and what the answer is negotiated
//! on (`Accept`, `Accept-Language`). Only anonymous `GET`s that succeed (200) and set no cookie
//! are kept: a member's answer may hold confidential graphs and is never cached here. The list
//! shares the byte cap of the SPARQL result cache's setting (`--query-cache-bytes`; 0 turns
//! both off).

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::answer_cache::{ByteLru, Weigh};
use crate::error::ApiError;
use crate::identity::Identity;

/// Everything that decides an anonymous view.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViewKey {
    pub snapshot: u64,
    pub generation: u64,
    pub path_and_query: String,
    pub accept: Option<String>,
    pub accept_language: Option<String>,
}

impl Weigh for ViewKey {
    fn weight(&self) -> usize {
        self.path_and_query.len()
            + self.accept.as_deref().map_or(0, str::len)
            + self.accept_language.as_deref().map_or(0, str::len)
            + 256
    }
}

/// A complete successful answer: its headers and body.
#[derive(Clone, Debug)]
pub struct View {
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Weigh for View {
    fn weight(&self) -> usize {
        self.body.len()
            + self
                .headers
                .iter()
                .map(|(k, v)| k.as_str().len() + v.len() + 16)
                .sum::<usize>()
    }
}

pub type ViewCache = ByteLru<ViewKey, View>;

/// The paths whose anonymous answers are views of the snapshot. The sign-in pages (a CSRF
/// token per session), the SPARQL editor (static), exports of the store and the history are
/// not among them.
fn is_view(path: &str) -> bool {
    const PAGES: [&str; 7] = [
        "/",
        "/recherche",
        "/search",
        "/lacunes",
        "/gaps",
        "/reseau",
        "/network",
    ];
    const REST: [&str; 8] = [
        "/api/v1/stats",
        "/api/v1/matches",
        "/api/v1/eligibility",
        "/api/v1/gaps",
        "/api/v1/network",
        "/api/v1/portfolio",
        "/api/v1/graphml",
        "/api/v1/organisations",
    ];
    PAGES.contains(&path)
        || path
            .strip_prefix("/organisations/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
        || REST.iter().any(|r| {
            path == *r
                || path
                    .strip_prefix(r)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The middleware (inside [`crate::identity::resolve`], which says who asks): answers an
/// anonymous view from the cache, or computes it and keeps it.
pub(crate) async fn cache_views(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let anonymous = matches!(
        request.extensions().get::<Identity>(),
        Some(Identity::Anonymous)
    );
    if request.method() != Method::GET
        || !anonymous
        || !state.views.is_enabled()
        || !is_view(request.uri().path())
    {
        return next.run(request).await;
    }
    let key = ViewKey {
        snapshot: state.snapshot.get().version,
        generation: state.store.generation(),
        path_and_query: request.uri().path_and_query().map_or_else(
            || request.uri().path().to_owned(),
            |p| p.as_str().to_owned(),
        ),
        accept: header_text(request.headers(), header::ACCEPT),
        accept_language: header_text(request.headers(), header::ACCEPT_LANGUAGE),
    };
    if let Some(view) = state.views.get(&key) {
        state.metrics.view_cache_hit();
        let mut response = Response::new(Body::from(view.body));
        *response.headers_mut() = view.headers;
        return response;
    }
    state.metrics.view_cache_miss();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The handlers build their answers in memory; collecting the body copies it once.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            return ApiError::internal(format!("reading a view's body for the cache: {error}"))
                .into_response();
        }
    };
    state.views.put(
        key,
        View {
            headers: parts.headers.clone(),
            body: body.clone(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::is_view;

    #[test]
    fn views_are_the_snapshot_reads_and_nothing_else() {
        for path in [
            "/",
            "/reseau",
            "/organisations/coveo",
            "/api/v1/matches",
            "/api/v1/network/path",
            "/api/v1/organisations",
            "/api/v1/organisations/coveo",
        ] {
            assert!(is_view(path), "{path}");
        }
        for path in [
            "/connexion",
            "/login",
            "/sparql",
            "/store",
            "/api/v1/changes",
            "/api/v1/session",
            "/api/v1/export/dataset",
            "/api/v1/statsx",
            "/organisations/",
            "/id/org/coveo",
            "/metrics",
            "/health",
        ] {
            assert!(!is_view(path), "{path}");
        }
    }
}
