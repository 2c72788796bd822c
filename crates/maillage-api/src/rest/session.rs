//! `/api/v1/session`: signing in and out for scripts and tests, with the same session cookie
//! and the same throttling as the sign-in form (`/connexion`), and who the caller is.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

use super::{JsonBodyProblems, Problem};
use crate::AppState;
use crate::error::ApiError;
use crate::identity::{self, Identity, Via};
use crate::params::ApiJson;

/// A name and a password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// The account's name (`maillage user add --name`).
    pub name: String,
    /// The account's password.
    pub password: String,
}

/// Who the caller is.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// Is the caller signed in (by session cookie or bearer token)?
    pub signed_in: bool,
    /// The account's name, when signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `reader`, `staff` or `admin`, when signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "staff")]
    pub role: Option<String>,
    /// How the caller proved it: `session`, `token` or `write-token`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// For a session: the token to send in `X-CSRF-Token` with every write made with the
    /// session cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
    /// Does the caller see the confidential graphs (`…/graph/private/`)?
    pub sees_confidential: bool,
}

/// Signs in: answers 204 with the session cookie (`HttpOnly`, `SameSite=Lax`).
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    request_body = Credentials,
    responses(
        (status = 204, description = "Signed in: the response sets the session cookie"),
        (status = 401, description = "Wrong name or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account or address; see Retry-After", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    session: Session,
    address: ClientAddress,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Response, ApiError> {
    identity::sign_in(
        &state,
        &session,
        &credentials.name,
        &credentials.password,
        &address.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Who the caller is, and the session's CSRF token.
#[utoipa::path(
    get,
    path = "/session",
    tag = "session",
    responses(
        (status = 200, description = "Who the caller is", body = SessionView),
        (status = 401, description = "A bearer token that is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn current(identity: Identity, session: Session) -> Result<Json<SessionView>, ApiError> {
    let sees_confidential = identity.sees_confidential();
    Ok(Json(match identity {
        Identity::Anonymous => SessionView {
            signed_in: false,
            name: None,
            role: None,
            via: None,
            csrf_token: None,
            sees_confidential,
        },
        Identity::Member(member) => SessionView {
            signed_in: true,
            csrf_token: match member.via {
                Via::Session => Some(identity::csrf_token(&session).await?),
                Via::Token | Via::WriteToken => None,
            },
            via: Some(
                match member.via {
                    Via::Session => "session",
                    Via::Token => "token",
                    Via::WriteToken => "write-token",
                }
                .to_owned(),
            ),
            role: Some(member.role.as_str().to_owned()),
            name: Some(member.name),
            sees_confidential,
        },
    }))
}

/// Signs out: the session ends and its cookie is cleared.
#[utoipa::path(
    delete,
    path = "/session",
    tag = "session",
    responses(
        (status = 204, description = "Signed out (also when no one was signed in)"),
    )
)]
pub async fn sign_out(session: Session) -> Result<Response, ApiError> {
    identity::sign_out(&session).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The client's address, for the throttling of failed sign-ins.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(identity::client_address(&parts.extensions)))
    }
}
