//! Axum extractors shared by the web pages, the linked-data pages and the JSON routes, so that
//! no handler reads the same request parts by hand.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use maillage_i18n::Locale;

use crate::error::{ApiError, Message};
use crate::params::Params;

/// The reader's language: `?lang=` (a language code of the catalogue, such as `fr` or `en`,
/// exactly as the OpenAPI document lists them) first, then `Accept-Language`, then French. An
/// unsupported, empty or repeated `?lang=` is a 400 problem document (written, like every
/// problem document, in the language `Accept-Language` asks for: see `error::localize`).
///
/// The routes document the parameter with their `IntoParams` query types (`LangQuery`, …), so
/// the OpenAPI document lists it; this extractor is what reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let params = Params::parse(parts.uri.query().unwrap_or(""));
        let param = params.one("lang")?;
        resolve(param.as_deref(), &parts.headers).map(Language)
    }
}

/// The language `Accept-Language` asks for (French without the header or when none of its
/// languages is in the catalogue).
pub(crate) fn negotiated(headers: &HeaderMap) -> Locale {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::negotiate)
        .unwrap_or_default()
}

/// A `lang` parameter's value if there is one (it must be a code of the catalogue exactly, as
/// the OpenAPI document lists them), else the negotiated language.
pub(crate) fn resolve(param: Option<&str>, headers: &HeaderMap) -> Result<Locale, ApiError> {
    let Some(code) = param else {
        return Ok(negotiated(headers));
    };
    Locale::all().find(|l| l.code() == code).ok_or_else(|| {
        let supported = Locale::all()
            .map(|l| format!("\"{}\"", l.code()))
            .collect::<Vec<_>>()
            .join(", ");
        ApiError::bad_request(
            Message::new("err-unsupported-language")
                .arg("code", code)
                .arg("supported", supported),
        )
    })
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderValue, Request, StatusCode};

    use super::*;

    async fn extract(uri: &str, accept_language: Option<&str>) -> Result<Language, ApiError> {
        let mut request = Request::builder().uri(uri);
        if let Some(value) = accept_language {
            request = request.header(ACCEPT_LANGUAGE, HeaderValue::from_str(value).expect("h"));
        }
        let (mut parts, ()) = request.body(()).expect("request").into_parts();
        Language::from_request_parts(&mut parts, &()).await
    }

    fn english() -> Locale {
        Locale::parse("en").expect("the catalogue has English")
    }

    #[tokio::test]
    async fn the_parameter_wins_then_the_header_then_french() {
        let en = english();
        assert_eq!(extract("/x", None).await.expect("ok").0, Locale::FRENCH);
        assert_eq!(extract("/x?lang=en", None).await.expect("ok").0, en);
        assert_eq!(
            extract("/x?lang=fr", Some("en-CA,en;q=0.9"))
                .await
                .expect("ok")
                .0,
            Locale::FRENCH
        );
        assert_eq!(
            extract("/x?q=a", Some("en-CA,en;q=0.9"))
                .await
                .expect("ok")
                .0,
            en
        );
        assert_eq!(
            extract("/x", Some("de-DE")).await.expect("ok").0,
            Locale::FRENCH
        );
    }

    #[tokio::test]
    async fn an_unsupported_or_repeated_parameter_is_a_bad_request() {
        let error = extract("/x?lang=de", None).await.expect_err("unsupported");
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error.detail_id(), "err-unsupported-language");
        let french = error.problem(Locale::FRENCH).detail;
        assert!(french.contains("« de »"), "{french}");
        assert!(french.contains("\"fr\", \"en\""), "{french}");
        let english = error.problem(english()).detail;
        assert!(
            english.starts_with("Unsupported language \"de\""),
            "{english}"
        );
        // Only the catalogue's codes, as documented: not a region tag, not an empty value.
        assert!(extract("/x?lang=en-CA", None).await.is_err());
        assert!(extract("/x?lang=", Some("en")).await.is_err());
        let twice = extract("/x?lang=fr&lang=en", None)
            .await
            .expect_err("twice");
        assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    }
}
