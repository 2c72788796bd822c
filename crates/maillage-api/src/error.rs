//! The one error type at the HTTP edge: RFC 9457 problem details (`application/problem+json`).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_store::StoreError;
use serde::Serialize;

/// An error answered as a problem document with a clear `detail`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub title: &'static str,
    pub detail: String,
    /// Shape violations of a rejected write.
    pub violations: Vec<ViolationBody>,
    /// Seconds after which a retry may succeed (503 Busy).
    pub retry_after: Option<u32>,
    pub www_authenticate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ViolationBody {
    pub focus_node: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub component: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_fr: Option<String>,
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "<[ViolationBody]>::is_empty")]
    violations: &'a [ViolationBody],
}

impl ApiError {
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            title,
            detail: detail.into(),
            violations: Vec::new(),
            retry_after: None,
            www_authenticate: false,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found", detail)
    }

    pub fn not_acceptable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_ACCEPTABLE, "Not acceptable", detail)
    }

    pub fn unsupported_media_type(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            detail,
        )
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", detail)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let detail = error.to_string();
        match error {
            StoreError::Syntax(_)
            | StoreError::UnknownFormat { .. }
            | StoreError::InvalidIri { .. }
            | StoreError::QuerySyntax(_)
            | StoreError::DatasetConflict(_) => ApiError::bad_request(detail),
            StoreError::ShapeViolations(violations) => {
                let mut e = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "SHACL shape violations",
                    format!(
                        "{} SHACL violation(s): the write was rejected and nothing changed",
                        violations.len()
                    ),
                );
                e.violations = violations
                    .into_iter()
                    .map(|v| ViolationBody {
                        focus_node: v.focus_node,
                        path: v.path,
                        value: v.value,
                        component: v.component,
                        message: v.message,
                        message_fr: v.message_fr,
                    })
                    .collect();
                e
            }
            StoreError::Timeout(_) => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "Query timeout", detail)
            }
            StoreError::Busy(_) => {
                let mut e = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "Too busy", detail);
                e.retry_after = Some(1);
                e
            }
            StoreError::ResultTooLarge(_) => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "Result too large", detail)
            }
            StoreError::Cancelled => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Cancelled",
                "the query was cancelled",
            ),
            StoreError::Evaluation(_) => ApiError::bad_request(detail),
            StoreError::Io { .. }
            | StoreError::Shapes(_)
            | StoreError::Storage(_)
            | StoreError::Serialization(_) => ApiError::internal(detail),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::warn!(status = %self.status, detail = %self.detail, "request failed");
        }
        let body = Problem {
            kind: "about:blank",
            title: self.title,
            status: self.status.as_u16(),
            detail: &self.detail,
            violations: &self.violations,
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.www_authenticate {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"maillage\""),
            );
        }
        response
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        ApiError::new(
            rejection.status(),
            "Invalid JSON body",
            rejection.body_text(),
        )
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::bad_request(rejection.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        ApiError::bad_request(rejection.body_text())
    }
}

/// `Json` whose rejections are problem documents.
#[derive(Debug, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// `Query` whose rejections are problem documents.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// `Path` whose rejections are problem documents.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);
