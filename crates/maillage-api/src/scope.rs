//! The named graphs a request may see, as an extractor: a handler that reads the store takes
//! `Visible(scope)` and passes the scope to the store's reads (queries, dumps, descriptions,
//! counts). An anonymous request gets the public scope (`AppState::scope`: no confidential
//! graph — none under `https://w3id.org/maillage/graph/private/` — and the demo graph only with
//! `serve --demo`); a signed-in user, of any role, gets `AppState::member_scope`, which adds the
//! confidential graphs. The identity comes from [`crate::identity`].

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_store::GraphScope;

use crate::AppState;
use crate::identity::Identity;

/// The scope of this request.
#[derive(Clone, Debug)]
pub struct Visible(pub Arc<GraphScope>);

impl FromRequestParts<AppState> for Visible {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let identity = Identity::from_request_parts(parts, state).await?;
        Ok(Visible(identity.scope(state)))
    }
}
