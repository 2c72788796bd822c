//! The named graphs a request may see, as an extractor: a handler that reads the store takes
//! `Visible(scope)` and passes the scope to the store's reads (queries, dumps, descriptions,
//! counts). For now every request gets the server's scope (`AppState::scope`: the demo graph
//! hidden unless `serve --demo`); this is the one place where a scope per signed-in user would
//! be computed (confidential graphs under `https://w3id.org/maillage/graph/private/`).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_store::GraphScope;

use crate::AppState;

/// The scope of this request.
#[derive(Clone, Debug)]
pub struct Visible(pub Arc<GraphScope>);

impl FromRequestParts<AppState> for Visible {
    type Rejection = Infallible;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Visible(state.scope.clone()))
    }
}
