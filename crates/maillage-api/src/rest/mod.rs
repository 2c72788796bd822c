//! The versioned JSON API under `/api/v1`, every route declared with utoipa (`OpenApiRouter`)
//! so the routes and the OpenAPI document cannot drift.

/// Declares a wire enum whose variants name the variants of an enum of the graph crate (which
/// has no serde), with `From` the graph's value (by reference or by value). A variant named
/// differently on the wire gives the graph's name after `=`.
macro_rules! wire_mirror {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $source:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(= $from:ident)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl From<&$source> for $name {
            fn from(value: &$source) -> Self {
                match value {
                    $( wire_mirror!(@pattern $source $variant $($from)?) => $name::$variant, )*
                }
            }
        }

        impl From<$source> for $name {
            fn from(value: $source) -> Self {
                $name::from(&value)
            }
        }
    };
    (@pattern $source:ident $variant:ident) => { $source::$variant { .. } };
    (@pattern $source:ident $variant:ident $from:ident) => { $source::$from { .. } };
}

pub mod changes;
pub mod eligibility;
mod export;
pub(crate) mod funding;
pub mod gaps;
mod graphml;
pub mod matches;
pub mod network;
pub(crate) mod organisations;
pub mod portfolio;
pub mod session;
pub(crate) mod stats;
pub mod wire;
mod writes;

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::{AppState, Snapshot};

pub use crate::error::{Problem, Violation};

/// The problem of a route whose query or path parameter is invalid.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `ApiError`s
pub(crate) enum InvalidParameter {
    /// A parameter is invalid
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
}

/// A CSV download.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `export::csv_attachment`s
pub(crate) enum CsvFile {
    /// CSV file (UTF-8 with BOM)
    #[response(status = 200, content_type = "text/csv")]
    Csv(String),
}

/// The problem of a route about one organisation whose id is unknown.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `ApiError`s
pub(crate) enum NoOrganisation {
    /// No organisation has this id
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// The current analytics snapshot, taken once per request (readers clone the `Arc`).
#[derive(Debug, Clone)]
pub struct Snap(pub Arc<Snapshot>);

impl FromRequestParts<AppState> for Snap {
    type Rejection = ApiError;

    /// The snapshot of the graphs the caller may see: the public graphs for an anonymous
    /// request, the public and confidential ones for a signed-in user.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let identity = crate::identity::Identity::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        Ok(Snap(state.snapshot_for(&identity).await?))
    }
}

/// The problems a write route answers when the caller may not write.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `ApiError`s
pub(crate) enum WriteDenied {
    /// Not signed in, or a bearer token that is not valid
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The account's role may not do this, or a write by session cookie without its CSRF token
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// The problems of a route that takes a JSON body.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `ApiError`s
pub(crate) enum JsonBodyProblems {
    /// Invalid input
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// The body is not JSON
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
    /// The body does not fit the schema, or SHACL violations; nothing was written
    #[response(status = 422, content_type = "application/problem+json")]
    Rejected(Problem),
}

#[derive(OpenApi, Debug)]
#[openapi(
    info(
        title = "Maillage API",
        description = "API REST de Maillage : l'écosystème de l'IA de la région de Québec (organisations, appariements fournisseurs–adoptants, admissibilité, enveloppes, lacunes, réseau, exports). / REST API of Maillage: the AI ecosystem of the Québec City region (organisations, supplier–adopter matches, eligibility, envelopes, gaps, network, exports). Labels are French by default: `lang=en` or `Accept-Language: en`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
        version = "1.0.0"
    ),
    tags(
        (name = "organisations", description = "Organisations of the ecosystem"),
        (name = "funding", description = "Envelopes and projects"),
        (name = "stats", description = "Dashboard counts"),
        (name = "analytics", description = "Matches, eligibility, portfolio, gaps, network"),
        (name = "exports", description = "CSV, GeoJSON and RDF exports"),
        (name = "changes", description = "History of committed writes and revert (write access)"),
        (name = "session", description = "Signing in and out (session cookie), and who the caller is"),
    ),
    components(schemas(Problem, Violation)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Declares the bearer-token security scheme used by the write routes.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The routes of `/api/v1` and their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(organisations::list, writes::create_organisation))
        .routes(routes!(
            organisations::detail,
            writes::replace_organisation,
            writes::delete_organisation
        ))
        .routes(routes!(funding::envelopes))
        .routes(routes!(funding::programmes))
        .routes(routes!(funding::projects, writes::create_project))
        .routes(routes!(stats::stats))
        .routes(routes!(export::organisations_csv))
        .routes(routes!(export::organisations_geojson))
        .routes(routes!(export::dataset))
        .routes(routes!(matches::matches))
        .routes(routes!(eligibility::eligibility))
        .routes(routes!(gaps::gaps))
        .routes(routes!(gaps::gaps_csv_route))
        .routes(routes!(network::network))
        .routes(routes!(network::path))
        .routes(routes!(portfolio::portfolio_route))
        .routes(routes!(graphml::graphml_route))
        .routes(routes!(changes::list))
        .routes(routes!(changes::revert))
        .routes(routes!(
            session::sign_in,
            session::current,
            session::sign_out
        ))
}
