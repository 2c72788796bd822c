//! Who may write: the [`WriteAccess`] extractor. A handler that changes the store takes it as
//! an argument, so a write route without the check does not compile into a write.
//!
//! Writes need `Authorization: Bearer TOKEN` with the server's `--write-token`. Without a
//! configured token the service is read-only (403); a missing or wrong token is 401 with
//! `WWW-Authenticate: Bearer`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};

use maillage_store::{Actor, Origin, WriteContext};

use crate::AppState;
use crate::error::{ApiError, Message};

/// Proof that the request may write, and who writes. Obtained only through its extractor.
#[derive(Debug)]
pub struct WriteAccess {
    actor: Actor,
}

impl WriteAccess {
    /// Who writes (recorded in the history): `write-token` for the server's token.
    pub fn actor(&self) -> &Actor {
        &self.actor
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
        let Some(expected) = &state.config.write_token else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "err-title-read-only",
                Message::new("err-read-only"),
            ));
        };
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            Some(token) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => {
                Ok(WriteAccess {
                    actor: Actor::write_token(),
                })
            }
            Some(_) => Err(ApiError::unauthorized(Message::new("err-token-invalid"))),
            None => Err(ApiError::unauthorized(Message::new("err-token-missing"))),
        }
    }
}

/// Compares secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
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
