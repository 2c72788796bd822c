//! Operations: `/health` (store reachable, quad count) and `/metrics` (Prometheus text).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::AppState;
use crate::error::ApiError;
use crate::scope::Visible;
use crate::store_protocol::blocking;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/metrics", get(metrics))
}

async fn health(
    State(state): State<AppState>,
    Visible(scope): Visible,
) -> Result<Response, ApiError> {
    let store = state.store.clone();
    // The quads of the graphs this request may see (without --demo, not the demo graph's).
    let quads = blocking(move || store.visible_quad_count(&scope)).await?;
    Ok(Json(json!({
        "status": "ok",
        "store": "reachable",
        "quads": quads,
        "writable": state.config.write_token.is_some(),
        "queries_in_flight": state.store.evaluator().in_flight(),
        "demo": state.config.demo,
    }))
    .into_response())
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut response = state.metrics.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}
