//! Who is asking: the [`Identity`] of every request, resolved once by the [`resolve`]
//! middleware and read by the extractors that need it ([`crate::Visible`] for the graphs a
//! request may see, [`crate::access::WriteAccess`] for writes, the pages' header).
//!
//! Three ways to be someone:
//! - `Authorization: Bearer TOKEN` with the server's `--write-token`: an admin named
//!   `write-token` (the service's historical single token keeps working);
//! - `Authorization: Bearer mlg_…` with a user's API token (`maillage token create`): that user,
//!   checked in the accounts database on every request, so a revoked token stops at once;
//! - the session cookie set by signing in (`/connexion`, `POST /api/v1/session`): that user, with
//!   the role the accounts database gives now (a removed user is anonymous again).
//!
//! A bearer token that is presented but not valid is a 401 on every route, reads included: a
//! script with a revoked token learns it at once instead of silently reading less.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maillage_accounts::{Accounts, Role, User};
use maillage_store::{Actor, GraphScope};
use tower_sessions::Session;

use crate::AppState;
use crate::error::{ApiError, Message};

/// The session key that holds the signed-in user's name.
pub(crate) const SESSION_USER: &str = "user";
/// The session key that holds the session's CSRF token.
pub(crate) const SESSION_CSRF: &str = "csrf";
/// The header a script sends the CSRF token in, for writes authenticated by the session cookie.
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";

/// How the request proved who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The server's `--write-token`.
    WriteToken,
    /// A user's API token.
    Token,
    /// The session cookie of a signed-in browser (or script).
    Session,
}

/// A known user acting in this request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub via: Via,
}

/// Who is asking.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Identity {
    #[default]
    Anonymous,
    Member(Member),
}

impl Identity {
    /// The signed-in user, if any.
    pub fn member(&self) -> Option<&Member> {
        match self {
            Identity::Anonymous => None,
            Identity::Member(m) => Some(m),
        }
    }

    /// The user's role, `None` for an anonymous request.
    pub fn role(&self) -> Option<Role> {
        self.member().map(|m| m.role)
    }

    /// Does this request see the confidential graphs? Any signed-in user does.
    pub fn sees_confidential(&self) -> bool {
        self.member().is_some()
    }

    /// The actor recorded in the history for a write by this identity.
    pub fn actor(&self) -> Option<Actor> {
        self.member().map(|m| match m.via {
            Via::WriteToken => Actor::write_token(),
            Via::Token | Via::Session => Actor(m.name.clone()),
        })
    }

    /// The graphs this identity may read.
    pub fn scope(&self, state: &AppState) -> Arc<GraphScope> {
        if self.sees_confidential() {
            state.member_scope.clone()
        } else {
            state.scope.clone()
        }
    }
}

impl FromRequestParts<AppState> for Identity {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Identity>()
            .cloned()
            .unwrap_or_default())
    }
}

/// Whether the request carried the session's CSRF token in [`CSRF_HEADER`] (set by
/// [`resolve`]; forms check their own `csrf` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CsrfHeader(pub bool);

/// The middleware that resolves the identity of every request and puts it (and whether the
/// CSRF header matched) in the request's extensions.
pub(crate) async fn resolve(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let asked = Asked::of(&request);
    match identify(&state, asked).await {
        Ok((identity, csrf)) => {
            let member = identity.sees_confidential();
            request.extensions_mut().insert(identity);
            request.extensions_mut().insert(CsrfHeader(csrf));
            let mut response = next.run(request).await;
            let headers = response.headers_mut();
            // What a member reads may be confidential: no shared cache keeps it; and every
            // answer may differ by who asks.
            if member {
                headers.insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static("private, no-store"),
                );
            }
            headers.append(
                header::VARY,
                header::HeaderValue::from_static("Authorization, Cookie"),
            );
            response
        }
        Err(error) => error.into_response(),
    }
}

/// What the request says about who it is (read before any `await`: a request body is not
/// `Sync`, so the request itself stays out of the futures).
struct Asked {
    /// `None`: no `Authorization` header; `Some(None)`: one that is not `Bearer …`.
    bearer: Option<Option<String>>,
    csrf: Option<String>,
    safe_method: bool,
    session: Option<Session>,
}

impl Asked {
    fn of(request: &Request) -> Asked {
        let headers = request.headers();
        Asked {
            bearer: headers.get(header::AUTHORIZATION).map(|v| {
                v.to_str()
                    .ok()
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .map(|t| t.trim().to_owned())
            }),
            csrf: headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            safe_method: matches!(
                *request.method(),
                Method::GET | Method::HEAD | Method::OPTIONS
            ),
            session: request.extensions().get::<Session>().cloned(),
        }
    }
}

async fn identify(state: &AppState, asked: Asked) -> Result<(Identity, bool), ApiError> {
    match asked.bearer {
        Some(None) => return Err(ApiError::unauthorized(Message::new("err-token-malformed"))),
        Some(Some(token)) => return by_token(state, token).await.map(|i| (i, false)),
        None => {}
    }
    let Some(session) = asked.session else {
        return Ok((Identity::Anonymous, false));
    };
    let name: Option<String> = session.get(SESSION_USER).await.map_err(session_error)?;
    let Some(name) = name else {
        return Ok((Identity::Anonymous, false));
    };
    let accounts = state.accounts.clone();
    let lookup = name.clone();
    let user = accounts_call(move || accounts.user(&lookup)).await?;
    let Some(user) = user else {
        // The account was removed since the sign-in: the session is worth nothing now.
        session.flush().await.map_err(session_error)?;
        return Ok((Identity::Anonymous, false));
    };
    let csrf = if asked.safe_method {
        true
    } else {
        match asked.csrf {
            Some(given) => csrf_matches(&session, &given).await?,
            None => false,
        }
    };
    Ok((member(user, Via::Session), csrf))
}

async fn by_token(state: &AppState, token: String) -> Result<Identity, ApiError> {
    if let Some(expected) = &state.config.write_token
        && constant_time_eq(token.as_bytes(), expected.as_bytes())
    {
        return Ok(Identity::Member(Member {
            name: Actor::write_token().0,
            role: Role::Admin,
            via: Via::WriteToken,
        }));
    }
    let accounts: Accounts = state.accounts.clone();
    let user = accounts_call(move || accounts.authenticate_token(&token)).await?;
    match user {
        Some(user) => Ok(member(user, Via::Token)),
        None => Err(ApiError::unauthorized(Message::new("err-token-invalid"))),
    }
}

/// Runs a call to the accounts database (SQLite, Argon2: blocking) off the async threads.
pub(crate) async fn accounts_call<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, maillage_accounts::AccountsError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("accounts task failed: {e}")))?
        .map_err(|e| ApiError::internal(format!("accounts: {e}")))
}

fn member(user: User, via: Via) -> Identity {
    Identity::Member(Member {
        name: user.name,
        role: user.role,
        via,
    })
}

/// The session's CSRF token, created on first use (forms embed it; scripts read it from
/// `GET /api/v1/session`).
pub(crate) async fn csrf_token(session: &Session) -> Result<String, ApiError> {
    if let Some(token) = session
        .get::<String>(SESSION_CSRF)
        .await
        .map_err(session_error)?
    {
        return Ok(token);
    }
    let token = random_token();
    session
        .insert(SESSION_CSRF, token.clone())
        .await
        .map_err(session_error)?;
    Ok(token)
}

/// Does `given` (a form's `csrf` field) match the session's CSRF token?
pub(crate) async fn csrf_matches(session: &Session, given: &str) -> Result<bool, ApiError> {
    let expected: Option<String> = session.get(SESSION_CSRF).await.map_err(session_error)?;
    Ok(expected
        .is_some_and(|e| !given.is_empty() && constant_time_eq(e.as_bytes(), given.as_bytes())))
}

fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn session_error(error: tower_sessions::session::Error) -> ApiError {
    ApiError::internal(format!("session: {error}"))
}

/// How long a session lives without a request: 8 hours (a working day).
pub(crate) const SESSION_IDLE: tower_sessions::cookie::time::Duration =
    tower_sessions::cookie::time::Duration::hours(8);

/// The session cookie: `HttpOnly`, `SameSite=Lax`, `Secure` when the server's public address
/// (`--base-url`) is `https://`; kept in the accounts database, expiring after
/// [`SESSION_IDLE`] without a request.
pub(crate) fn session_layer(
    state: &AppState,
) -> tower_sessions::SessionManagerLayer<crate::sessions::AccountsSessionStore> {
    tower_sessions::SessionManagerLayer::new(crate::sessions::AccountsSessionStore(
        state.accounts.clone(),
    ))
    .with_name("maillage_session")
    .with_http_only(true)
    .with_same_site(tower_sessions::cookie::SameSite::Lax)
    .with_secure(state.config.base_url.starts_with("https://"))
    .with_expiry(tower_sessions::Expiry::OnInactivity(SESSION_IDLE))
}

/// Signs `name` in with `password` from `address`: throttled (429 after too many failures),
/// then checked against the accounts database; on success the session gets a new id (no
/// session fixation), the user's name and a fresh CSRF token.
pub(crate) async fn sign_in(
    state: &AppState,
    session: &Session,
    name: &str,
    password: &str,
    address: &str,
) -> Result<User, ApiError> {
    let name = name.trim().to_owned();
    if name.is_empty() || password.is_empty() {
        return Err(ApiError::bad_request(Message::new("err-sign-in-fields")));
    }
    let now = std::time::Instant::now();
    if let Some(wait) = state.throttle.blocked(&name, address, now) {
        return Err(throttled(wait));
    }
    let accounts = state.accounts.clone();
    let (who, secret) = (name.clone(), password.to_owned());
    let user = accounts_call(move || accounts.verify_password(&who, &secret)).await?;
    let Some(user) = user else {
        state.throttle.failed(&name, address, now);
        return Err(ApiError::unauthorized(Message::new("err-sign-in-failed")));
    };
    state.throttle.succeeded(&name);
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(SESSION_USER, user.name.clone())
        .await
        .map_err(session_error)?;
    session
        .insert(SESSION_CSRF, random_token())
        .await
        .map_err(session_error)?;
    tracing::info!(user = %user.name, role = user.role.as_str(), "signed in");
    Ok(user)
}

/// Signs out: the session and its cookie are gone.
pub(crate) async fn sign_out(session: &Session) -> Result<(), ApiError> {
    session.flush().await.map_err(session_error)
}

fn throttled(wait: std::time::Duration) -> ApiError {
    let seconds = wait.as_secs().max(1);
    ApiError::new(
        axum::http::StatusCode::TOO_MANY_REQUESTS,
        "err-title-too-many",
        Message::new("err-sign-in-throttled").arg("minutes", seconds.div_ceil(60).to_string()),
    )
    .retry_after(u32::try_from(seconds).unwrap_or(u32::MAX))
}

/// The client's address (for throttling): the TCP peer when the server knows it.
pub(crate) fn client_address(parts: &axum::http::Extensions) -> String {
    parts
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Compares secrets without an early exit on the first differing byte.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
