//! Signing in and out in the browser: `/connexion` (`/login`) shows the form and takes it,
//! `/deconnexion` (`/logout`) ends the session. Both forms carry the session's CSRF token (a
//! POST without it, or with another, is 403); failed sign-ins are throttled like
//! `POST /api/v1/session` (429 with `Retry-After`). The rules live in [`crate::identity`].

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use tower_sessions::Session;

use super::{Ctx, Section};
use crate::AppState;
use crate::error::{ApiError, Message};
use crate::identity;
use crate::params::Params;
use crate::rest::session::ClientAddress;

/// `GET /connexion`: the sign-in form (or, signed in, who you are and a sign-out button).
pub(crate) async fn form(ctx: Ctx, session: Session) -> Result<Response, ApiError> {
    let csrf = identity::csrf_token(&session).await?;
    let next = safe_next(ctx.param("suivant").or(ctx.param("next")));
    Ok(page(&ctx, &csrf, next, None, StatusCode::OK))
}

/// `POST /connexion`: checks the CSRF token, then the name and password; on success, back to
/// the page the user came from (`suivant`), else the form again with the reason.
pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    session: Session,
    address: ClientAddress,
    body: Bytes,
) -> Result<Response, ApiError> {
    let form = Params::parse(&String::from_utf8_lossy(&body));
    let field = |name: &str| form.one(name).ok().flatten().unwrap_or_default();
    let next = safe_next(Some(field("suivant").as_str()).filter(|n| !n.is_empty())).to_owned();
    if !identity::csrf_matches(&session, &field("csrf")).await? {
        return Ok(csrf_refused(&ctx));
    }
    match identity::sign_in(
        &state,
        &session,
        &field("name"),
        &field("password"),
        &address.0,
    )
    .await
    {
        Ok(_) => Ok(see_other(&next)),
        Err(error) => {
            let csrf = identity::csrf_token(&session).await?;
            let mut response = page(
                &ctx,
                &csrf,
                &next,
                Some(&error.detail(ctx.locale)),
                error.status(),
            );
            if let Some(retry) = error.retry_after_seconds() {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry));
            }
            Ok(response)
        }
    }
}

/// `POST /deconnexion`: checks the CSRF token, ends the session, back to the home page.
pub(crate) async fn sign_out(
    ctx: Ctx,
    session: Session,
    body: Bytes,
) -> Result<Response, ApiError> {
    let form = Params::parse(&String::from_utf8_lossy(&body));
    let given = form.one("csrf").ok().flatten().unwrap_or_default();
    if !identity::csrf_matches(&session, &given).await? {
        return Ok(csrf_refused(&ctx));
    }
    identity::sign_out(&session).await?;
    Ok(see_other(&ctx.href("/")))
}

/// Only a path of this site (`/…`, not `//host`), so the form cannot send anyone elsewhere.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/",
    }
}

fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn csrf_refused(ctx: &Ctx) -> Response {
    super::error_page(
        ctx,
        StatusCode::FORBIDDEN,
        &Message::new("err-csrf").render(ctx.locale),
    )
}

fn page(ctx: &Ctx, csrf: &str, next: &str, error: Option<&str>, status: StatusCode) -> Response {
    let title = ctx.t("web-signin-title");
    let body = html! {
        h1 { (title) }
        @if let Some(member) = ctx.identity.member() {
            p { (ctx.t_args("web-signed-in-as", &[("name", member.name.as_str().into()), ("role", super::account_role(ctx, member.role).into())])) }
            (sign_out_form(ctx, csrf))
        } @else {
            p.lead { (ctx.t("web-signin-lead")) }
            @if let Some(error) = error {
                p.alert role="alert" #signin-error { (error) }
            }
            form.signin method="post" action=(ctx.href("/connexion")) {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="suivant" value=(next);
                p {
                    label for="signin-name" { (ctx.t("web-signin-name")) }
                    input #signin-name type="text" name="name" autocomplete="username" required autofocus;
                }
                p {
                    label for="signin-password" { (ctx.t("web-signin-password")) }
                    input #signin-password type="password" name="password" autocomplete="current-password" required;
                }
                p { button type="submit" { (ctx.t("web-signin-button")) } }
            }
            p.note { (ctx.t("web-signin-help")) }
        }
    };
    let mut response = ctx.page(Section::None, &title, body);
    *response.status_mut() = status;
    response
}

/// The header's sign-out button (a form: signing out changes state, so it is a POST with the
/// CSRF token).
pub(crate) fn sign_out_form(ctx: &Ctx, csrf: &str) -> Markup {
    html! {
        form.signout method="post" action=(ctx.href("/deconnexion")) {
            input type="hidden" name="csrf" value=(csrf);
            button type="submit" { (ctx.t("web-signout-button")) }
        }
    }
}
