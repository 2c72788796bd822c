//! `/api/v1/changes`: the history of committed writes, and reverting one. Write access only:
//! the history is never shown to anonymous users.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maillage_store::ChangeSummary;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{InvalidParameter, Writer};
use crate::AppState;
use crate::error::{ApiError, ApiPath, ApiQuery, Message, Problem};
use crate::store_protocol::blocking;

/// One committed change (a contract: `maillage history --format json` prints the same objects).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct ChangeView {
    /// The change's number, increasing with time.
    pub id: u64,
    /// When it was committed (RFC 3339, UTC).
    pub at: String,
    /// Who made it: a user's name, `write-token`, or `cli`.
    pub actor: String,
    /// Through which door: `update`, `gsp`, `rest`, `load` or `revert`.
    pub origin: String,
    /// Quads added.
    pub added: usize,
    /// Quads removed.
    pub removed: usize,
    /// The named graphs it touched (IRIs, sorted).
    pub graphs: Vec<String>,
    /// Whether it touched the store's own default graph.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default_graph: bool,
    /// The change this one reverts, for a revert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverts: Option<u64>,
}

/// The last change that touched `subject`, for a signed-in reader ("last changed by … on …");
/// `None` for an anonymous one (the history is not theirs to read) or when there is none.
pub(crate) async fn last_change_for(
    state: &AppState,
    identity: &crate::identity::Identity,
    subject: &str,
) -> Result<Option<ChangeView>, ApiError> {
    if identity.member().is_none() {
        return Ok(None);
    }
    let store = state.store.clone();
    let subject = subject.to_owned();
    Ok(blocking(move || store.last_change_of(&subject))
        .await?
        .map(ChangeView::from))
}

impl From<ChangeSummary> for ChangeView {
    fn from(c: ChangeSummary) -> Self {
        ChangeView {
            id: c.id,
            at: c.at,
            actor: c.actor,
            origin: c.origin,
            added: c.added,
            removed: c.removed,
            default_graph: c.graphs.iter().any(Option::is_none),
            graphs: c.graphs.into_iter().flatten().collect(),
            reverts: c.reverts,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// At most this many changes, newest first (default 50, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
}

write_route! {
    /// The history of committed writes, newest first.
    get "/changes", tag = "changes", params(ChangesQuery),
    responses(
        (status = 200, description = "Changes, newest first", body = Vec<ChangeView>),
        InvalidParameter
    );
    fn list(
        writer: Writer,
        ApiQuery(query): ApiQuery<ChangesQuery>,
    ) -> Result<Json<Vec<ChangeView>>, ApiError> {
        let limit = limit(query.limit)?;
        let store = writer.state.store.clone();
        let changes = blocking(move || store.history(limit)).await?;
        Ok(Json(changes.into_iter().map(ChangeView::from).collect()))
    }
}

/// The number of changes to list: 50 by default, from 1 to 1000.
fn limit(limit: Option<usize>) -> Result<usize, ApiError> {
    let limit = limit.unwrap_or(50);
    if (1..=1000).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::bad_request(
            Message::new("err-range")
                .arg("name", "limit")
                .count("min", 1)
                .count("max", 1000),
        ))
    }
}

write_route! {
    /// Revert a change: its inverse is applied as a new, validated change (recorded with origin
    /// `revert`). Refused with 409, nothing written, when later changes touched the same triples.
    post "/changes/{id}/revert", tag = "changes",
    params(("id" = u64, Path, description = "The change to revert")),
    responses(
        (status = 201, description = "Reverted: the new change", body = ChangeView),
        (status = 204, description = "Nothing was left to revert"),
        InvalidParameter,
        (status = 404, description = "No such change", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Later changes touched the same triples; nothing was written", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The inverse would violate the shapes; nothing was written", body = Problem, content_type = "application/problem+json")
    );
    fn revert(writer: Writer, ApiPath(id): ApiPath<u64>) -> Result<Response, ApiError> {
        let store = writer.state.store.clone();
        let actor = writer.access.actor().clone();
        // Staff revert their own changes; an admin reverts anyone's.
        let anyones = writer.access.is_admin();
        let report = blocking(move || store.revert_as(id, actor, anyones)).await?;
        writer.state.refresh_snapshot().await?;
        Ok(match report.change {
            Some(change) => (StatusCode::CREATED, Json(ChangeView::from(change))).into_response(),
            // Reverting a change whose effect is already undone changes nothing.
            None => StatusCode::NO_CONTENT.into_response(),
        })
    }
}
