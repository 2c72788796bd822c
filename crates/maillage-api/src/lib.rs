//! The HTTP surface of Maillage: the SPARQL 1.1 Protocol (`/sparql`, `/update`), the Graph Store
//! Protocol (`/store`), linked-data pages for every `https://w3id.org/maillage/id/` IRI
//! (`/id/...`), operations (`/health`, `/metrics`) and the web application (`web`: home,
//! search, profiles, gaps, network, SPARQL editor).
//!
//! This is the only crate that knows HTTP. Store calls are blocking: they run on
//! `spawn_blocking`, within a time budget, with a bound on evaluations in flight, and are
//! cancelled when the client goes away.

mod access;
pub mod answer_cache;
pub mod cookbook;
mod error;
mod extract;
mod identity;
pub mod labels;
mod linked_data;
mod metrics;
mod negotiate;
mod ops;
mod pages;
mod params;
pub mod rest;
mod scope;
mod search_index;
pub mod sessions;
mod snapshot;
mod sparql;
mod sparql_syntax;
mod store_protocol;
mod throttle;
pub mod view_cache;
mod web;
pub mod words;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method};
use maillage_accounts::Accounts;
use maillage_store::{GraphScope, MaillageStore};
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use error::{ApiError, Message, Problem, SparqlText, Violation};
pub use identity::{Identity, Member, Via};
pub use metrics::Metrics;
pub use scope::Visible;
pub use snapshot::{Snapshot, SnapshotCell};

/// Server settings (read by the binary from flags and `MAILLAGE_*` variables).
#[derive(Clone, Debug)]
pub struct ApiConfig {
    /// Public base URL of this server, e.g. `http://127.0.0.1:8080` (links in pages and in the
    /// service description).
    pub base_url: String,
    /// Bearer token that allows writes; `None` makes the service read-only.
    pub write_token: Option<String>,
    /// Time budget of one query or update.
    pub query_timeout: Duration,
    /// Largest request body accepted (bytes); beyond it the answer is 413.
    pub max_body_bytes: usize,
    /// Show the demo graph (fictional records): `serve --demo`. Off, the demo graph stays in
    /// the store but no read shows it; on, every page carries a banner.
    pub demo: bool,
    /// The bytes the SPARQL result cache may hold (0: no cache).
    pub query_cache_bytes: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            base_url: "http://127.0.0.1:8080".into(),
            write_token: None,
            query_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
            demo: false,
            query_cache_bytes: answer_cache::default_capacity(),
        }
    }
}

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: MaillageStore,
    /// Users, roles, API tokens and sessions: their own database, never a graph.
    pub accounts: Accounts,
    pub config: Arc<ApiConfig>,
    pub metrics: Arc<Metrics>,
    /// The analytics snapshot of the public graphs, rebuilt after every committed write.
    pub snapshot: Arc<SnapshotCell>,
    /// The analytics snapshot of the public and confidential graphs, for signed-in users;
    /// built when a signed-in user first reads it, rebuilt when one reads it after a write.
    pub member_snapshot: Arc<snapshot::LazySnapshotCell>,
    /// The named graphs anonymous readers may see (no confidential graph; the demo graph only
    /// with `demo`). Handlers take the scope of their request with the [`Visible`] extractor.
    pub scope: Arc<GraphScope>,
    /// The named graphs signed-in users may see (the public ones and the confidential ones).
    pub member_scope: Arc<GraphScope>,
    /// Failed sign-ins, per account and per address.
    pub throttle: Arc<throttle::Throttle>,
    /// The SPARQL result cache.
    pub answers: Arc<answer_cache::AnswerCache>,
    /// The anonymous analytics views (pages and REST reports) of the current snapshot.
    pub views: Arc<view_cache::ViewCache>,
    /// One decision of the selection pipeline at a time (creating a candidate, moving a
    /// status): each is checked against the envelope's balance of the latest snapshot.
    pub pipeline: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    /// Reads the first snapshot from the store, of the graphs the configuration shows to
    /// anonymous readers; `accounts` is the database of users beside the store.
    pub fn new(
        store: MaillageStore,
        config: ApiConfig,
        accounts: Accounts,
    ) -> Result<Self, maillage_store::StoreError> {
        let scope = GraphScope::public(config.demo);
        let member_scope = GraphScope::member(config.demo);
        let snapshot = Snapshot::build(&store, &scope, 1)?;
        Ok(AppState {
            store,
            accounts,
            metrics: Arc::new(Metrics::default()),
            snapshot: Arc::new(SnapshotCell::new(snapshot, scope.clone())),
            member_snapshot: Arc::new(snapshot::LazySnapshotCell::new(member_scope.clone())),
            scope: Arc::new(scope),
            member_scope: Arc::new(member_scope),
            throttle: Arc::new(throttle::Throttle::default()),
            answers: Arc::new(answer_cache::AnswerCache::new(config.query_cache_bytes)),
            views: Arc::new(view_cache::ViewCache::new(config.query_cache_bytes)),
            pipeline: Arc::new(tokio::sync::Mutex::new(())),
            config: Arc::new(config),
        })
    }

    /// Rebuilds the public snapshot after a committed write (off the async threads). The
    /// members' snapshot is brought up to date when a member next reads it
    /// ([`AppState::snapshot_for`]).
    pub async fn refresh_snapshot(&self) -> Result<(), ApiError> {
        let store = self.store.clone();
        let cell = self.snapshot.clone();
        store_protocol::blocking(move || cell.refresh(&store))
            .await
            .map(|_rebuilt| ())
    }

    /// The snapshot `identity` reads: of the public graphs for an anonymous request, of the
    /// public and confidential graphs (brought up to date with the last change) for a member.
    pub async fn snapshot_for(
        &self,
        identity: &identity::Identity,
    ) -> Result<Arc<Snapshot>, ApiError> {
        if !identity.sees_confidential() {
            return Ok(self.snapshot.get());
        }
        self.members_snapshot().await
    }

    /// The snapshot of the public and confidential graphs, up to date with the last change.
    pub async fn members_snapshot(&self) -> Result<Arc<Snapshot>, ApiError> {
        let store = self.store.clone();
        let cell = self.member_snapshot.clone();
        store_protocol::blocking(move || cell.current(&store)).await
    }
}

/// The whole application: every route, with CORS, request ids, tracing, body limits and metrics.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let max_body = state.config.max_body_bytes;
    let (rest_router, openapi) = utoipa_axum::router::OpenApiRouter::with_openapi(
        <rest::ApiDoc as utoipa::OpenApi>::openapi(),
    )
    .nest("/api/v1", rest::routes())
    .split_for_parts();
    Router::new()
        .merge(rest_router)
        .merge(
            utoipa_swagger_ui::SwaggerUi::new(pages::SWAGGER_UI)
                .url("/api-docs/openapi.json", openapi),
        )
        // The documentation inside the site's header; Swagger UI's own page stays at /docs/ui/.
        .route("/docs", axum::routing::get(pages::docs))
        .route("/docs/", axum::routing::get(pages::docs))
        .merge(ops::routes())
        .merge(sparql::routes())
        .merge(store_protocol::routes())
        .merge(linked_data::routes())
        .merge(web::routes())
        .fallback(pages::unknown_address)
        .method_not_allowed_fallback(pages::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            view_cache::cache_views,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            identity::resolve,
        ))
        .layer(identity::session_layer(&state))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::localize,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::record,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([
                    Method::GET,
                    Method::HEAD,
                    Method::POST,
                    Method::PUT,
                    Method::DELETE,
                    Method::OPTIONS,
                ])
                .allow_headers(Any)
                .expose_headers(Any),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(
            |request: &axum::http::Request<axum::body::Body>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
            },
        ))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}
