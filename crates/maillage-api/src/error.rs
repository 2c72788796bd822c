//! The one error type at the HTTP edge: RFC 9457 problem details (`application/problem+json`).
//!
//! An [`ApiError`] carries catalogue messages, not sentences: its title and detail are message
//! ids of `maillage-i18n` with their arguments. The body is written in French when the error
//! becomes a response, and [`localize`] (a middleware of [`crate::router`]) writes it again in
//! the request's language (`?lang=`, then `Accept-Language`). Internal errors say only that
//! something failed and which request it was; their cause goes to the log, with the request id.

use std::sync::Arc;

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maillage_i18n::{Arg, Locale};
use maillage_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// A sentence of the catalogue and its arguments, written in a language only when needed.
#[derive(Debug, Clone)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, MessageArg)>,
}

/// An argument of a [`Message`]: text as is, numbers formatted in the reader's language.
#[derive(Debug, Clone)]
enum MessageArg {
    Text(String),
    /// A count: a Fluent number, so messages can choose their plural form.
    Count(u64),
    Decimal(f64, usize),
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds a text argument (a name, an IRI, a library's own message).
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, MessageArg::Text(value.to_string())));
        self
    }

    /// Adds a count (messages may select their plural form on it).
    pub fn count(mut self, name: &'static str, n: usize) -> Self {
        self.args.push((
            name,
            MessageArg::Count(u64::try_from(n).unwrap_or(u64::MAX)),
        ));
        self
    }

    /// Adds a decimal number, written with `places` decimals in the reader's language.
    pub fn decimal(mut self, name: &'static str, value: f64, places: usize) -> Self {
        self.args.push((name, MessageArg::Decimal(value, places)));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn render(&self, locale: Locale) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    MessageArg::Text(t) => Arg::from(t.as_str()),
                    MessageArg::Count(n) => Arg::from(*n),
                    MessageArg::Decimal(x, places) => Arg::from(locale.dec(*x, *places)),
                };
                (*k, value)
            })
            .collect();
        locale.t_args(self.id, &args)
    }
}

/// An error answered as a problem document with a clear `detail`. Boxed: handlers return
/// `Result<_, ApiError>` everywhere, and the error path should not make every result large.
#[derive(Debug, Clone)]
pub struct ApiError(Box<ErrorParts>);

#[derive(Debug, Clone)]
struct ErrorParts {
    status: StatusCode,
    title: &'static str,
    detail: Message,
    /// Shape violations of a rejected write.
    violations: Vec<Violation>,
    /// Seconds after which a retry may succeed (503 Busy).
    retry_after: Option<u32>,
    www_authenticate: bool,
    /// What really failed, for the log only (never sent to the client).
    cause: Option<String>,
}

/// An RFC 9457 problem document (`application/problem+json`): the body of every 4xx and 5xx
/// answer of the service, and its schema in the OpenAPI document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem, in the request's language.
    pub title: String,
    pub status: u16,
    /// What went wrong, for the person who sent the request, in the request's language.
    pub detail: String,
    /// SHACL violations of a rejected write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<Violation>>,
}

/// One SHACL violation of a rejected write, as the shapes state it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Violation {
    /// The node that breaks the shape.
    pub focus_node: String,
    /// The property path concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The offending value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The SHACL constraint component.
    pub component: String,
    /// The shape's message (English, or the only one the shape has).
    pub message: String,
    /// The shape's French message, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_fr: Option<String>,
}

impl From<maillage_store::Violation> for Violation {
    fn from(v: maillage_store::Violation) -> Self {
        Violation {
            focus_node: v.focus_node,
            path: v.path,
            value: v.value,
            component: v.component,
            message: v.message,
            message_fr: v.message_fr,
        }
    }
}

impl ApiError {
    /// An error with a title and a detail from the catalogue.
    pub fn new(status: StatusCode, title: &'static str, detail: Message) -> Self {
        ApiError(Box::new(ErrorParts {
            status,
            title,
            detail,
            violations: Vec::new(),
            retry_after: None,
            www_authenticate: false,
            cause: None,
        }))
    }

    pub fn bad_request(detail: Message) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "err-title-bad-request", detail)
    }

    pub fn not_found(detail: Message) -> Self {
        Self::new(StatusCode::NOT_FOUND, "err-title-not-found", detail)
    }

    pub fn not_acceptable(detail: Message) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            "err-title-not-acceptable",
            detail,
        )
    }

    pub fn conflict(detail: Message) -> Self {
        Self::new(StatusCode::CONFLICT, "err-title-conflict", detail)
    }

    pub fn unsupported_media_type(detail: Message) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "err-title-unsupported-media-type",
            detail,
        )
    }

    /// 401 with `WWW-Authenticate: Bearer`.
    pub fn unauthorized(detail: Message) -> Self {
        let mut e = Self::new(StatusCode::UNAUTHORIZED, "err-title-unauthorized", detail);
        e.0.www_authenticate = true;
        e
    }

    /// A failure of the server itself. `cause` is logged with the request id, never sent.
    pub fn internal(cause: impl Into<String>) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "err-title-internal",
            Message::new("err-internal"),
        );
        e.0.cause = Some(cause.into());
        e
    }

    /// Asks the client to retry after `seconds` (`Retry-After`).
    pub fn retry_after(mut self, seconds: u32) -> Self {
        self.0.retry_after = Some(seconds);
        self
    }

    /// Whether this is a write rejected by the SHACL shapes (for the metrics).
    pub fn is_shape_rejection(&self) -> bool {
        !self.0.violations.is_empty()
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The detail in `locale` (for pages that show the error in place).
    pub fn detail(&self, locale: Locale) -> String {
        self.0.detail.render(locale)
    }

    /// The detail's message id (for tests and metrics).
    pub fn detail_id(&self) -> &'static str {
        self.0.detail.id()
    }

    /// The problem document in `locale`.
    pub fn problem(&self, locale: Locale) -> Problem {
        Problem {
            kind: "about:blank".to_owned(),
            title: locale.t(self.0.title),
            status: self.0.status.as_u16(),
            detail: self.0.detail.render(locale),
            violations: (!self.0.violations.is_empty()).then(|| self.0.violations.clone()),
        }
    }

    fn response(&self, locale: Locale, request_id: Option<&str>) -> Response {
        let mut problem = self.problem(locale);
        if self.0.cause.is_some() {
            problem.detail = Message::new("err-internal")
                .arg("request", request_id.unwrap_or("-"))
                .render(locale);
        }
        let mut response = (self.0.status, Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.0.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.0.www_authenticate {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"maillage\""),
            );
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let detail = error.detail();
        match error {
            StoreError::Syntax(_) => {
                ApiError::bad_request(Message::new("err-rdf-syntax").arg("detail", detail))
            }
            StoreError::UnknownFormat { name } => {
                ApiError::bad_request(Message::new("err-rdf-format").arg("name", name))
            }
            StoreError::InvalidIri { iri, source } => ApiError::bad_request(
                Message::new("err-invalid-iri")
                    .arg("iri", iri)
                    .arg("detail", source),
            ),
            StoreError::QuerySyntax(_) => {
                ApiError::bad_request(Message::new("err-sparql-syntax").arg("detail", detail))
            }
            StoreError::DatasetConflict(what) => {
                ApiError::bad_request(Message::new("err-dataset-conflict").arg("detail", what))
            }
            StoreError::ShapeViolations(violations) => {
                let mut e = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "err-title-shape-violations",
                    Message::new("err-shape-violations").count("count", violations.len()),
                );
                e.0.violations = violations.into_iter().map(Violation::from).collect();
                e
            }
            StoreError::Timeout(seconds) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "err-title-timeout",
                Message::new("err-timeout").decimal("seconds", seconds, 1),
            ),
            StoreError::Busy(in_flight) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "err-title-busy",
                Message::new("err-busy").count("count", in_flight),
            )
            .retry_after(1),
            StoreError::ResultTooLarge(rows) => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "err-title-result-too-large",
                Message::new("err-result-too-large").count("rows", rows),
            ),
            StoreError::Cancelled => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "err-title-cancelled",
                Message::new("err-cancelled"),
            ),
            StoreError::Evaluation(_) => {
                ApiError::bad_request(Message::new("err-evaluation").arg("detail", detail))
            }
            StoreError::Io { .. }
            | StoreError::Shapes(_)
            | StoreError::Storage(_)
            | StoreError::Serialization(_) => ApiError::internal(detail),
        }
    }
}

/// What [`localize`] needs to write a problem document again in the request's language.
#[derive(Clone, Debug)]
struct PendingProblem(Arc<ApiError>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.0.cause {
            tracing::error!(status = %self.0.status, cause = %cause, "request failed");
        } else if self.0.status.is_server_error() {
            tracing::warn!(status = %self.0.status, problem = self.0.detail.id(), "request failed");
        }
        let mut response = self.response(Locale::default(), None);
        response
            .extensions_mut()
            .insert(PendingProblem(Arc::new(self)));
        response
    }
}

/// The language of a request for the texts it gets back: `?lang=` when it names a language of
/// the catalogue, else `Accept-Language`, else French.
pub(crate) fn request_locale(parts: &axum::http::request::Parts) -> Locale {
    let from_param = parts.uri.query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Locale::parse(&v))
    });
    from_param.unwrap_or_else(|| {
        parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::negotiate)
            .unwrap_or_default()
    })
}

/// Middleware: writes every problem document in the request's language, and names the
/// request id in internal errors.
pub(crate) async fn localize(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let locale = request_locale(&parts);
    let request_id = parts
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(Request::from_parts(parts, body)).await;
    match response.extensions().get::<PendingProblem>() {
        Some(PendingProblem(error)) => {
            let mut again = error.response(locale, request_id.as_deref());
            // Keep what other layers added (request id, CORS, Vary…).
            for (name, value) in response.headers() {
                if !again.headers().contains_key(name) {
                    again.headers_mut().insert(name.clone(), value.clone());
                }
            }
            again
                .headers_mut()
                .append(header::VARY, HeaderValue::from_static("Accept-Language"));
            again
        }
        None => response,
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        ApiError::new(
            rejection.status(),
            "err-title-invalid-json",
            Message::new("err-invalid-json").arg("detail", rejection.body_text()),
        )
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::bad_request(
            Message::new("err-invalid-query").arg("detail", rejection.body_text()),
        )
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        ApiError::bad_request(Message::new("err-invalid-path").arg("detail", rejection.body_text()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_send_no_cause() {
        let e = ApiError::internal("rocksdb: corruption in /var/lib/x");
        let english = Locale::parse("en").expect("English");
        let response = e.response(english, Some("abc-123"));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let p = e.problem(english);
        assert!(!p.detail.contains("rocksdb"));
        assert!(!e.0.detail.render(english).contains("corruption"));
    }

    #[test]
    fn problems_are_written_in_each_language() {
        let e = ApiError::from(StoreError::Busy(3));
        let fr = e.problem(Locale::FRENCH);
        let en = e.problem(Locale::parse("en").expect("English"));
        assert_ne!(fr.title, en.title);
        assert_ne!(fr.detail, en.detail);
        assert!(fr.detail.contains('3') && en.detail.contains('3'));
        assert_eq!(e.0.retry_after, Some(1));
    }
}
