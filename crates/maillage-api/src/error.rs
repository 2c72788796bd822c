//! The one error type at the HTTP edge: RFC 9457 problem details (`application/problem+json`).
//!
//! An [`ApiError`] carries catalogue messages, not sentences: its title and detail are message
//! ids of `maillage-i18n` with their arguments. The body is written in French when the error
//! becomes a response, and [`localize`] (a middleware of [`crate::router`]) writes it again in
//! the request's language (`?lang=`, then `Accept-Language`). Internal errors say only that
//! something failed and which request it was; their cause goes to the log, with the request id.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
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
    /// Words or symbols, each quoted in the reader's language (`err-quoted`), joined by commas.
    Quoted(Vec<String>),
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

    /// Adds a list of words or symbols, each quoted the reader's way (« WHERE », "WHERE").
    pub fn quoted(mut self, name: &'static str, items: Vec<String>) -> Self {
        self.args.push((name, MessageArg::Quoted(items)));
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
                    MessageArg::Quoted(items) => Arg::from(
                        items
                            .iter()
                            .map(|item| {
                                // "…" says the list goes on: it is not a token to quote.
                                if item == "…" {
                                    item.clone()
                                } else {
                                    locale
                                        .t_args("err-quoted", &[("item", Arg::from(item.as_str()))])
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
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
    /// The query or path parameter, or the JSON field, at fault.
    parameter: Option<String>,
    /// The 1-based line and column of a syntax error in the request's query or update.
    position: Option<(u64, u64)>,
    /// The library's own message (parser, deserializer), for experts: never the headline.
    technical: Option<String>,
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
    /// The query or path parameter, or the JSON body's field, that is invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The line (1-based) of a syntax error in the SPARQL query or update, or in the JSON body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The column (1-based, in characters) of that syntax error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// The parser's or deserializer's own message (English), for experts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical_detail: Option<String>,
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
            parameter: None,
            position: None,
            technical: None,
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

    /// The seconds of `Retry-After`, if the client is asked to retry later.
    pub fn retry_after_seconds(&self) -> Option<u32> {
        self.0.retry_after
    }

    /// Names the parameter (or JSON field) at fault.
    pub fn parameter(mut self, name: impl Into<String>) -> Self {
        self.0.parameter = Some(name.into());
        self
    }

    /// Places a syntax error at a 1-based line and column of the request's text.
    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.0.position = Some((line, column));
        self
    }

    /// Keeps a library's own message for experts (`technical_detail`).
    pub fn technical(mut self, text: impl Into<String>) -> Self {
        self.0.technical = Some(text.into());
        self
    }

    /// A SPARQL syntax error, summarised for a person: the line and column the parser stopped
    /// at, what it found there (when the query `text` is at hand) and the keywords or
    /// punctuation it expected; the parser's own message stays as the technical detail.
    pub fn sparql_syntax(parser_message: &str, text: Option<&str>, kind: SparqlText) -> Self {
        let summary = crate::sparql_syntax::summarise(parser_message, text);
        let what = kind.as_arg();
        let detail = match &summary {
            None => Message::new("err-sparql-syntax").arg("what", what),
            Some(s) => {
                let message = match (&s.found, s.expected.is_empty()) {
                    (None, false) => {
                        Message::new("err-sparql-syntax-end").quoted("expected", s.expected.clone())
                    }
                    (None, true) => Message::new("err-sparql-syntax-end-plain"),
                    (Some(found), false) => Message::new("err-sparql-syntax-at")
                        .arg("found", found)
                        .quoted("expected", s.expected.clone()),
                    (Some(found), true) => {
                        Message::new("err-sparql-syntax-at-plain").arg("found", found)
                    }
                };
                message
                    .arg("what", what)
                    .arg("line", s.line)
                    .arg("column", s.column)
            }
        };
        let mut error = Self::new(StatusCode::BAD_REQUEST, "err-title-sparql-syntax", detail)
            .technical(parser_message);
        if let Some(s) = summary {
            error = error.at(s.line, s.column);
        }
        error
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
            parameter: self.0.parameter.clone(),
            line: self.0.position.map(|(line, _)| line),
            column: self.0.position.map(|(_, column)| column),
            technical_detail: self.0.technical.clone(),
        }
    }

    /// The problem document as sent: an internal error names only the request id.
    pub(crate) fn sent_problem(&self, locale: Locale, request_id: Option<&str>) -> Problem {
        let mut problem = self.problem(locale);
        if self.0.cause.is_some() {
            problem.detail = Message::new("err-internal")
                .arg("request", request_id.unwrap_or("-"))
                .render(locale);
        }
        problem
    }

    fn response(&self, locale: Locale, request_id: Option<&str>) -> Response {
        let problem = self.sent_problem(locale, request_id);
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
            StoreError::QuerySyntax(source) => {
                ApiError::sparql_syntax(&source.to_string(), None, SparqlText::Query)
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
            StoreError::ProtectedGraph { graph } => ApiError::new(
                StatusCode::FORBIDDEN,
                "err-title-protected-graph",
                Message::new("err-protected-graph").arg("graph", graph),
            ),
            StoreError::TooDeep { depth, max } => ApiError::bad_request(
                Message::new("err-query-too-deep")
                    .arg("depth", depth.to_string())
                    .arg("max", max.to_string()),
            ),
            StoreError::TooManyOperators { count, max } => ApiError::bad_request(
                Message::new("err-query-too-many-operators")
                    .count("count", count)
                    .count("max", max),
            ),
            StoreError::QueryTooLong { bytes, max } => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "err-title-query-too-long",
                Message::new("err-query-too-long")
                    .count("bytes", bytes)
                    .count("max", max),
            ),
            StoreError::NotYourChange { change, actor } => ApiError::new(
                StatusCode::FORBIDDEN,
                "err-title-forbidden",
                Message::new("err-revert-not-yours")
                    .arg("change", change.to_string())
                    .arg("actor", actor),
            ),
            StoreError::NoSuchChange(id) => ApiError::new(
                StatusCode::NOT_FOUND,
                "err-title-no-such-change",
                Message::new("err-no-such-change").arg("id", id.to_string()),
            ),
            StoreError::RevertConflict {
                change,
                later,
                quads,
            } => ApiError::new(
                StatusCode::CONFLICT,
                "err-title-revert-conflict",
                Message::new("err-revert-conflict")
                    .arg("id", change.to_string())
                    .count("quads", quads)
                    .arg(
                        "later",
                        if later.is_empty() {
                            "none".to_owned()
                        } else {
                            later
                                .iter()
                                .map(u64::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        },
                    ),
            ),
            StoreError::Io { .. }
            | StoreError::CorruptHistory(_)
            | StoreError::Shapes(_)
            | StoreError::Storage(_)
            | StoreError::Serialization(_) => ApiError::internal(detail),
        }
    }
}

/// Which SPARQL text a syntax error is in (the messages say "la requête" or "la mise à jour").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SparqlText {
    Query,
    Update,
}

impl SparqlText {
    fn as_arg(self) -> &'static str {
        match self {
            SparqlText::Query => "query",
            SparqlText::Update => "update",
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

/// Middleware: writes every problem document in the request's language (as an HTML page
/// with the site's header for a browser outside the API), names the request id in internal
/// errors, and says on every answer which request headers its content depends on (`Vary`).
pub(crate) async fn localize(
    State(state): State<crate::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let locale = request_locale(&parts);
    let request_id = parts
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let path = parts.uri.path().to_owned();
    let html_possible = error_page_possible(&path);
    let wants_html = html_possible && prefers_html_error(&parts.headers);
    // What an HTML error page needs of the request: its address and languages.
    let page_request = wants_html.then(|| {
        let mut copy = Request::builder().uri(parts.uri.clone());
        if let Some(languages) = parts.headers.get(header::ACCEPT_LANGUAGE) {
            copy = copy.header(header::ACCEPT_LANGUAGE, languages.clone());
        }
        copy.body(())
    });
    let response = next.run(Request::from_parts(parts, body)).await;
    let pending = response.extensions().get::<PendingProblem>().cloned();
    let mut response = match pending {
        Some(PendingProblem(error)) => {
            let json = error.response(locale, request_id.as_deref());
            let mut again = match page_request {
                Some(Ok(page_request)) => {
                    let (page_parts, ()) = page_request.into_parts();
                    let problem = error.sent_problem(locale, request_id.as_deref());
                    match crate::pages::problem_page(&state, page_parts, error.status(), &problem)
                        .await
                    {
                        Some(mut page) => {
                            // Keep the problem's own headers (Retry-After, WWW-Authenticate).
                            for (name, value) in json.headers() {
                                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                                    page.headers_mut().insert(name.clone(), value.clone());
                                }
                            }
                            page
                        }
                        None => json,
                    }
                }
                _ => json,
            };
            // Keep what other layers added (request id, CORS…).
            for (name, value) in response.headers() {
                if !again.headers().contains_key(name) {
                    again.headers_mut().insert(name.clone(), value.clone());
                }
            }
            if html_possible {
                add_vary(again.headers_mut(), "Accept");
            }
            again
        }
        None => response,
    };
    for token in vary_for(&path, response.headers()) {
        add_vary(response.headers_mut(), token);
    }
    response
}

/// Paths where a browser gets its errors as an HTML page: everything but the JSON API and the
/// write protocols, whose clients are programs.
fn error_page_possible(path: &str) -> bool {
    ![
        "/api/",
        "/api-docs/",
        "/store",
        "/update",
        "/metrics",
        "/health",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

/// Does the request prefer an HTML page to a problem document (a browser)?
fn prefers_html_error(headers: &axum::http::HeaderMap) -> bool {
    headers.contains_key(header::ACCEPT)
        && crate::negotiate::choose(
            headers,
            &["application/problem+json", "application/json", "text/html"],
        ) == Some(2)
}

/// The request headers an answer's content depends on: the language (`Accept-Language`, when
/// `?lang=` is absent) for every page, problem document, REST answer and linked-data
/// resource; `Accept` wherever the format is negotiated (SPARQL, the Graph Store Protocol,
/// linked data).
pub(crate) fn vary_for(path: &str, headers: &axum::http::HeaderMap) -> Vec<&'static str> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let static_file = path.starts_with("/assets/") || path.starts_with("/docs/ui/");
    let words = content_type.starts_with("text/html")
        || content_type.starts_with("application/problem+json")
        || path.starts_with("/api/v1/")
        || path.starts_with("/id/");
    let formats = ["/id/", "/sparql", "/store"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    let mut tokens = Vec::new();
    if words && !static_file {
        tokens.push("Accept-Language");
    }
    if formats {
        tokens.push("Accept");
    }
    tokens
}

/// Adds `token` to the answer's `Vary` unless it is there already; the answer keeps one
/// `Vary` line listing every token.
pub(crate) fn add_vary(headers: &mut axum::http::HeaderMap, token: &'static str) {
    let mut tokens: Vec<String> = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens
        .iter()
        .any(|t| t.eq_ignore_ascii_case(token) || t == "*")
    {
        return;
    }
    tokens.push(token.to_owned());
    if let Ok(value) = HeaderValue::from_str(&tokens.join(", ")) {
        headers.insert(header::VARY, value);
    }
}

pub use crate::params::{ApiJson, ApiPath, ApiQuery};

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
