//! Request parameters that may repeat (`default-graph-uri`, `named-graph-uri`), from a query
//! string or a form body, and bodies read with a size cap.

use axum::body::{Body, Bytes};
use axum::http::StatusCode;

use crate::error::{ApiError, Message};

/// Decoded `key=value` pairs in order, keys repeated as sent.
#[derive(Debug, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn parse(encoded: &str) -> Params {
        Params(
            form_urlencoded::parse(encoded.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The single value of `key`; two values are an error.
    pub fn one(&self, key: &str) -> Result<Option<String>, ApiError> {
        let mut values = self.all(key);
        match values.len() {
            0 => Ok(None),
            1 => Ok(values.pop()),
            n => Err(ApiError::bad_request(
                Message::new("err-param-repeated")
                    .arg("name", key)
                    .count("count", n),
            )),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    pub fn extend(&mut self, other: Params) {
        self.0.extend(other.0);
    }
}

/// Reads a request body, refusing more than `limit` bytes with 413 and a problem document.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        // axum reports the cap as a `LengthLimitError` inside its error; its text is stable.
        let too_large =
            format!("{e:?} {e}").contains("LengthLimit") || e.to_string().contains("length limit");
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "err-title-body-too-large",
                Message::new("err-body-too-large").count("limit", limit),
            )
        } else {
            ApiError::bad_request(Message::new("err-body-unreadable").arg("detail", e))
        }
    })
}

/// The media type essence of a `Content-Type` header value (`text/turtle; charset=utf-8` →
/// `text/turtle`).
pub fn essence(content_type: Option<&axum::http::HeaderValue>) -> Option<String> {
    content_type
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
}

/// The protocol's bodies are UTF-8: a `charset` other than UTF-8 in `Content-Type` is 415.
pub fn require_utf8(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(());
    };
    let charset = value.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    match charset.as_deref() {
        None | Some("utf-8" | "utf8") => Ok(()),
        Some(other) => Err(ApiError::unsupported_media_type(
            Message::new("err-charset").arg("charset", other),
        )),
    }
}
