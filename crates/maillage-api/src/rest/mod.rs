//! The versioned JSON API under `/api/v1`, every route declared with utoipa (`OpenApiRouter`)
//! so the routes and the OpenAPI document cannot drift.

pub mod analytics;
mod export;
pub(crate) mod funding;
pub(crate) mod organisations;
pub(crate) mod stats;
pub mod wire;
mod writes;

use axum::http::HeaderMap;
use maillage_model::Lang;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, for the person who sent the request.
    pub detail: String,
    /// SHACL violations of a rejected write.
    pub violations: Option<Vec<ViolationDoc>>,
}

/// One SHACL violation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViolationDoc {
    pub focus_node: String,
    pub path: Option<String>,
    pub value: Option<String>,
    pub component: String,
    pub message: String,
    pub message_fr: Option<String>,
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
    ),
    components(schemas(Problem, ViolationDoc)),
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
        .routes(routes!(analytics::matches))
        .routes(routes!(analytics::eligibility))
        .routes(routes!(analytics::gaps))
        .routes(routes!(analytics::gaps_csv_route))
        .routes(routes!(analytics::network))
        .routes(routes!(analytics::path))
        .routes(routes!(analytics::portfolio_route))
        .routes(routes!(analytics::graphml_route))
}

/// `lang` parameter first, then `Accept-Language`, then French.
pub fn lang_of(param: Option<&str>, headers: &HeaderMap) -> Result<Lang, ApiError> {
    crate::linked_data::language(param, headers)
}
