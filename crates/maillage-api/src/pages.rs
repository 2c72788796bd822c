//! Pages of the site that are not views of the data: the error page a browser gets instead of
//! a problem document (unknown addresses, unknown linked-data resources, invalid requests), and
//! `/docs`, the REST API's Swagger UI inside the site's header.

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use maud::html;

use crate::AppState;
use crate::error::{ApiError, Message, Problem};
use crate::web::{Ctx, Section};

/// Where the vendored Swagger UI is served (its page, script and stylesheet).
pub(crate) const SWAGGER_UI: &str = "/docs/ui";

/// The router's fallback: a 404 problem naming the address (a page for a browser, see
/// `error::localize`).
pub(crate) async fn unknown_address(OriginalUri(uri): OriginalUri) -> ApiError {
    let shown: String = uri.path().chars().take(200).collect();
    ApiError::not_found(Message::new("err-unknown-address").arg("path", shown))
}

/// A known address called with a method it does not answer: 405 (axum adds `Allow`).
pub(crate) async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    let shown: String = uri.path().chars().take(200).collect();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "err-title-method-not-allowed",
        Message::new("err-method-not-allowed")
            .arg("method", method.as_str())
            .arg("path", shown),
    )
}

/// The HTML page of a problem, in the site's layout, for a browser: the problem's title and
/// detail, and ways on (home, search). `None` when the request's own `?lang=` is invalid (the
/// caller then sends the problem document).
pub(crate) async fn problem_page(
    state: &AppState,
    mut parts: Parts,
    status: StatusCode,
    problem: &Problem,
) -> Option<Response> {
    let ctx = Ctx::from_request_parts(&mut parts, state).await.ok()?;
    let title = if status == StatusCode::NOT_FOUND {
        ctx.t("web-error-not-found")
    } else {
        problem.title.clone()
    };
    let body = html! {
        div.error-page {
            h1 { (title) }
            p.lead role="alert" { (problem.detail) }
            @if let (Some(line), Some(column)) = (problem.line, problem.column) {
                p.small { (ctx.t_args("web-error-position", &[
                    ("line", maillage_i18n::Arg::from(line.to_string())),
                    ("column", maillage_i18n::Arg::from(column.to_string())),
                ])) }
            }
            @if let Some(technical) = &problem.technical_detail {
                details.technical {
                    summary { (ctx.t("web-error-technical")) }
                    pre { (technical) }
                }
            }
            @if status == StatusCode::NOT_FOUND {
                p { (ctx.t("web-error-not-found-hint")) }
            }
            ul.error-links {
                li { a href=(ctx.href("/")) { (ctx.t("web-error-back")) } }
                li { a href=(ctx.href("/recherche")) { (ctx.t("web-error-search")) } }
            }
            form.error-search method="get" action="/recherche" role="search" {
                label for="error-q" { (ctx.t("web-error-search-label")) }
                div.row {
                    input #error-q type="search" name="q" maxlength="200";
                    (ctx.lang_field())
                    button type="submit" { (ctx.t("web-error-search-button")) }
                }
            }
        }
    };
    let mut response = ctx.page(Section::None, &title, body);
    *response.status_mut() = status;
    Some(response)
}

/// `/docs`: the REST API's interactive documentation (the vendored Swagger UI, drawn by the
/// site's script into the page) inside the site's header and footer, with a link back.
/// Without JavaScript the page links the OpenAPI document and Swagger UI's own page.
pub(crate) async fn docs(ctx: Ctx) -> Response {
    let title = ctx.t("web-docs-title");
    let body = html! {
        p.back { a href=(ctx.href("/")) { "← " (ctx.t("web-error-back")) } }
        h1 { (title) }
        p.lead { (ctx.t("web-docs-lead")) }
        ul.docs-links {
            li { a href="/api-docs/openapi.json" { (ctx.t("web-docs-openapi")) } }
            li { a href={ (SWAGGER_UI) "/" } { (ctx.t("web-docs-fullscreen")) } }
        }
        p.small { (ctx.t("web-docs-english")) }
        (crate::web::noscript(&ctx.t("web-docs-noscript")))
        link rel="stylesheet" href={ (SWAGGER_UI) "/swagger-ui.css" };
        div #swagger-ui .swagger-host data-url="/api-docs/openapi.json" lang="en" {}
        script src={ (SWAGGER_UI) "/swagger-ui-bundle.js" } defer {}
    };
    ctx.page(Section::None, &title, body)
}
