//! Who may write: the [`WriteAccess`] extractor. A handler that changes the store takes it as
//! an argument, so a write route without the check does not compile into a write.
//!
//! The identity comes from [`crate::identity`] (the server's `--write-token`, a user's API
//! token, or the session cookie). Writes need the `staff` or `admin` role: an anonymous request
//! is 401 (with `WWW-Authenticate: Bearer`), a `reader` is 403. A write authenticated by the
//! session cookie must also carry the session's CSRF token in `X-CSRF-Token` (403 without it):
//! the cookie is sent by the browser on its own, a bearer token is not.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use maillage_accounts::Role;
use maillage_store::{Actor, Origin, WriteContext};

use crate::AppState;
use crate::error::{ApiError, Message};
use crate::identity::{CsrfHeader, Identity, Member, Via};

/// Proof that the request may write, and who writes. Obtained only through its extractor.
#[derive(Debug)]
pub struct WriteAccess {
    member: Member,
    actor: Actor,
}

impl WriteAccess {
    /// Who writes (recorded in the history): the user's name, or `write-token` for the
    /// server's token.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The writer's role (`staff` or `admin`).
    pub fn role(&self) -> Role {
        self.member.role
    }

    /// Is the writer an admin (users, system loads, revert of anyone's change)?
    pub fn is_admin(&self) -> bool {
        self.member.role == Role::Admin
    }

    /// The write context for a change coming through `origin`.
    pub fn context(&self, origin: Origin) -> WriteContext {
        WriteContext::new(self.actor.clone(), origin)
    }
}

impl FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let identity = Identity::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        let csrf = parts.extensions.get::<CsrfHeader>().is_some_and(|c| c.0);
        WriteAccess::check(identity, csrf)
    }
}

impl WriteAccess {
    /// The access of a page's form: the same rules as the extractor, the form's own `csrf`
    /// field (checked against the session by the page) standing for the `X-CSRF-Token` header.
    pub(crate) fn from_form(
        identity: Identity,
        csrf_field_matches: bool,
    ) -> Result<Self, ApiError> {
        WriteAccess::check(identity, csrf_field_matches)
    }

    /// Staff or admin; by session cookie, with the session's CSRF token (`csrf`).
    fn check(identity: Identity, csrf: bool) -> Result<Self, ApiError> {
        let actor = identity.actor();
        let (Identity::Member(member), Some(actor)) = (identity, actor) else {
            return Err(ApiError::unauthorized(Message::new("err-token-missing")));
        };
        if member.role < Role::Staff {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "err-title-forbidden",
                Message::new("err-role-cannot-write").arg("role", member.role.as_str()),
            ));
        }
        if member.via == Via::Session && !csrf {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "err-title-forbidden",
                Message::new("err-csrf"),
            ));
        }
        Ok(WriteAccess { member, actor })
    }
}
