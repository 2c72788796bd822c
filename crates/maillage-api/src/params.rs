//! Request parameters that may repeat (`default-graph-uri`, `named-graph-uri`), from a query
//! string or a form body, and bodies read with a size cap; the `ApiQuery`, `ApiPath` and
//! `ApiJson` extractors, whose rejections are problem documents that name the parameter or
//! field at fault and what it accepts, in the reader's language.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use utoipa::IntoParams;
use utoipa::openapi::Required;
use utoipa::openapi::path::ParameterIn;

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

/// `Query` whose rejections are problem documents naming the parameter and what it accepts,
/// in the reader's language. The expectations are read from the type's OpenAPI description
/// (`IntoParams`: enum values, integer bounds, booleans), so the error and the documentation
/// say the same thing.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + IntoParams,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        query_from_str(parts.uri.query().unwrap_or("")).map(ApiQuery)
    }
}

/// Deserialises an encoded query string into `T` (see [`ApiQuery`]).
pub fn query_from_str<T: DeserializeOwned + IntoParams>(encoded: &str) -> Result<T, ApiError> {
    let given = Params::parse(encoded);
    let documented = T::into_params(|| Some(ParameterIn::Query));
    for parameter in &documented {
        let spec = Expectation::of(parameter);
        let count = given.0.iter().filter(|(k, _)| *k == parameter.name).count();
        if count > 1 && !spec.repeatable {
            return Err(ApiError::bad_request(
                Message::new("err-param-repeated")
                    .arg("name", &parameter.name)
                    .count("count", count),
            )
            .parameter(&parameter.name));
        }
        if count == 0 && matches!(parameter.required, Required::True) {
            return Err(ApiError::bad_request(
                Message::new("err-param-missing").arg("name", &parameter.name),
            )
            .parameter(&parameter.name));
        }
    }
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(encoded.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let name = error.path().to_string();
        let technical = error.inner().to_string();
        let Some(parameter) = documented.iter().find(|p| p.name == name) else {
            // Not one of ours by name (serde says so only for a missing field, checked above).
            return ApiError::bad_request(
                Message::new("err-param-invalid")
                    .arg("name", &name)
                    .arg("value", ""),
            )
            .technical(technical);
        };
        let value = given.all(&name).into_iter().next().unwrap_or_default();
        Expectation::of(parameter)
            .problem(&name, &value)
            .parameter(&name)
            .technical(technical)
    })
}

/// What a documented parameter accepts, from its OpenAPI schema.
#[derive(Debug, Default)]
struct Expectation {
    values: Vec<String>,
    integer: bool,
    number: bool,
    boolean: bool,
    minimum: Option<String>,
    maximum: Option<String>,
    repeatable: bool,
}

impl Expectation {
    fn of(parameter: &utoipa::openapi::path::Parameter) -> Expectation {
        let mut spec = Expectation::default();
        if let Some(schema) = &parameter.schema
            && let Ok(json) = serde_json::to_value(schema)
        {
            spec.read(&json);
        }
        spec
    }

    fn read(&mut self, schema: &serde_json::Value) {
        use serde_json::Value;
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        self.integer |= types.contains(&"integer");
        self.number |= types.contains(&"number");
        self.boolean |= types.contains(&"boolean");
        self.repeatable |= types.contains(&"array");
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            self.values
                .extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        let bound = |key: &str| {
            schema
                .get(key)
                .filter(|v| v.is_number())
                .map(ToString::to_string)
        };
        self.minimum = self.minimum.take().or_else(|| bound("minimum"));
        self.maximum = self.maximum.take().or_else(|| bound("maximum"));
        for key in ["oneOf", "anyOf", "allOf"] {
            for inner in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.read(inner);
            }
        }
    }

    /// The problem of `value` given for `name`.
    fn problem(&self, name: &str, value: &str) -> ApiError {
        let value = shorten(value);
        let message = if !self.values.is_empty() {
            Message::new("err-param-one-of").quoted("values", self.values.clone())
        } else if self.boolean {
            Message::new("err-param-boolean")
        } else if self.integer {
            match (&self.minimum, &self.maximum) {
                (Some(min), Some(max)) => Message::new("err-param-integer")
                    .arg("min", min)
                    .arg("max", max),
                _ => Message::new("err-param-integer-any"),
            }
        } else if self.number {
            Message::new("err-param-number")
        } else {
            Message::new("err-param-invalid")
        };
        ApiError::bad_request(message.arg("name", name).arg("value", value))
    }
}

/// A value as a message quotes it: at most 60 characters, control characters shown as `?`.
fn shorten(value: &str) -> String {
    let mut short: String = value
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if value.chars().count() > 60 {
        short.push('…');
    }
    short
}

/// `Path` whose rejections are problem documents naming the segment, in the reader's
/// language.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(error)) => {
                let technical = error.body_text();
                let problem = match error.kind() {
                    ErrorKind::InvalidUtf8InPathParam { key } => {
                        ApiError::bad_request(Message::new("err-path-utf8").arg("name", key))
                            .parameter(key)
                    }
                    ErrorKind::ParseErrorAtKey { key, value, .. }
                    | ErrorKind::DeserializeError { key, value, .. } => ApiError::bad_request(
                        Message::new("err-path-value")
                            .arg("name", key)
                            .arg("value", shorten(value)),
                    )
                    .parameter(key),
                    _ => ApiError::bad_request(Message::new("err-invalid-path")),
                };
                Err(problem.technical(technical))
            }
            Err(other) => Err(ApiError::internal(format!(
                "path parameters: {}",
                other.body_text()
            ))),
        }
    }
}

/// `Json` whose rejections are problem documents in the reader's language: 415 without a
/// JSON `Content-Type`, 400 for a body that is not JSON (with its line and column), 422 for
/// JSON of the wrong shape (naming the field), 413 beyond the body limit.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = essence(request.headers().get(header::CONTENT_TYPE));
        match content_type.as_deref() {
            Some(t)
                if t == "application/json"
                    || (t.starts_with("application/") && t.ends_with("+json")) => {}
            Some(other) => {
                return Err(ApiError::unsupported_media_type(
                    Message::new("err-json-content-type").arg("given", other),
                ));
            }
            None => {
                return Err(ApiError::unsupported_media_type(Message::new(
                    "err-json-no-content-type",
                )));
            }
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "err-title-body-too-large",
                        Message::new("err-body-too-large-unknown"),
                    )
                } else {
                    ApiError::bad_request(
                        Message::new("err-body-unreadable").arg("detail", rejection.body_text()),
                    )
                }
            })?;
        json_from_slice(&bytes).map(ApiJson)
    }
}

/// Deserialises a JSON body into `T` (see [`ApiJson`]).
pub fn json_from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| json_problem(&error.path().to_string(), error.inner()))?;
    deserializer
        .end()
        .map_err(|error| json_problem(".", &error))?;
    Ok(value)
}

fn json_problem(path: &str, error: &serde_json::Error) -> ApiError {
    let technical = error.to_string();
    match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => ApiError::new(
            StatusCode::BAD_REQUEST,
            "err-title-invalid-json",
            Message::new("err-json-syntax")
                .arg("line", error.line())
                .arg("column", error.column()),
        )
        .at(
            u64::try_from(error.line()).unwrap_or(u64::MAX),
            u64::try_from(error.column()).unwrap_or(u64::MAX),
        )
        .technical(technical),
        serde_json::error::Category::Io => {
            ApiError::bad_request(Message::new("err-body-unreadable").arg("detail", &technical))
        }
        serde_json::error::Category::Data => field_problem(path, &technical),
    }
}

/// A 422 for JSON of the wrong shape, from serde's own (stable) wording of its data errors.
fn field_problem(path: &str, technical: &str) -> ApiError {
    // serde's messages: "missing field `x`", "unknown variant `v`, expected one of `a`, `b`",
    // "unknown field `f`, expected one of …", "invalid type: …", each maybe followed by
    // " at line L column C".
    let message = technical
        .rsplit_once(" at line ")
        .map_or(technical, |(m, _)| m);
    let backticked = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let field = if path == "." { "" } else { path };
    let detail = if let Some(rest) = message.strip_prefix("missing field ") {
        let name = backticked(rest).into_iter().next().unwrap_or_default();
        let full = if field.is_empty() {
            name
        } else {
            format!("{field}.{name}")
        };
        return unprocessable(Message::new("err-json-field-missing").arg("name", &full))
            .parameter(full)
            .technical(technical);
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        let mut words = backticked(rest).into_iter();
        let value = words.next().unwrap_or_default();
        Message::new("err-json-field-one-of")
            .arg("value", shorten(&value))
            .quoted("values", words.collect())
    } else if let Some(rest) = message.strip_prefix("unknown field ") {
        let mut words = backticked(rest).into_iter();
        let name = words.next().unwrap_or_default();
        let full = if field.is_empty() {
            name
        } else {
            format!("{field}.{name}")
        };
        return unprocessable(
            Message::new("err-json-field-unknown")
                .arg("name", &full)
                .quoted("values", words.collect()),
        )
        .parameter(full)
        .technical(technical);
    } else if message.starts_with("invalid type") {
        Message::new("err-json-field-type")
    } else {
        Message::new("err-json-field-invalid")
    };
    if field.is_empty() {
        return unprocessable(Message::new("err-json-shape")).technical(technical);
    }
    unprocessable(detail.arg("name", field))
        .parameter(field)
        .technical(technical)
}

fn unprocessable(message: Message) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "err-title-invalid-json",
        message,
    )
}
