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

/// Declares a read route of `/api/v1` — a GET, the shape most routes share — with its OpenAPI
/// documentation: the path, the tag and the parameters, the 200 answer (`ok(…)` as utoipa
/// writes a response, or `ok = T` for a shared `IntoResponses` type of this module such as
/// [`CsvFile`]), the problem of an invalid parameter ([`InvalidParameter`]) and any other
/// answers (`also`). The handler is written as an ordinary function of its extractors (usually
/// a [`Read`], and an `ApiQuery` for the routes with query parameters). rustfmt leaves what is
/// inside a macro call alone: keep the bodies to a few lines that call named functions.
macro_rules! read_route {
    (
        $(#[doc = $doc:tt])*
        get $path:tt, tag = $tag:tt, params($($params:tt)+),
        ok($($ok:tt)+) $(, also($($also:tt)+))?;
        fn $name:ident($($arg:tt)*) -> $out:ty { $($body:tt)* }
    ) => {
        read_route! {
            @route $path, $tag, ($($params)+),
            ((status = 200, $($ok)+), super::InvalidParameter, $($($also)+)?),
            $(#[doc = $doc])* $name($($arg)*) -> $out { $($body)* }
        }
    };
    (
        $(#[doc = $doc:tt])*
        get $path:tt, tag = $tag:tt, params($($params:tt)+), ok = $ok:ident;
        fn $name:ident($($arg:tt)*) -> $out:ty { $($body:tt)* }
    ) => {
        read_route! {
            @route $path, $tag, ($($params)+), (super::$ok, super::InvalidParameter),
            $(#[doc = $doc])* $name($($arg)*) -> $out { $($body)* }
        }
    };
    (
        @route $path:tt, $tag:tt, ($($params:tt)+), ($($responses:tt)+),
        $(#[doc = $doc:tt])* $name:ident($($arg:tt)*) -> $out:ty { $($body:tt)* }
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            get,
            path = $path,
            tag = $tag,
            params($($params)+),
            responses($($responses)+)
        )]
        pub async fn $name($($arg)*) -> $out {
            $($body)*
        }
    };
}

/// Declares a write route of `/api/v1` with its OpenAPI documentation: the method and the path,
/// the tag, the parameters and the request body when there are, the bearer-token security
/// scheme, its answers in utoipa's words and the problems of a caller that may not write
/// ([`WriteDenied`]). The handler is written as an ordinary function of its extractors, a
/// [`Writer`] first.
macro_rules! write_route {
    (
        $(#[doc = $doc:tt])*
        $method:ident $path:tt, tag = $tag:tt
        $(, params($($params:tt)+))? $(, request_body = $input:ident)?,
        responses($($responses:tt)+);
        fn $name:ident($($arg:tt)*) -> $out:ty { $($body:tt)* }
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            $method,
            path = $path,
            tag = $tag,
            $(params($($params)+),)?
            $(request_body = $input,)?
            security(("bearer" = [])),
            responses($($responses)+, super::WriteDenied)
        )]
        pub async fn $name($($arg)*) -> $out {
            $($body)*
        }
    };
}

pub mod changes;
pub mod eligibility;
pub(crate) mod export;
pub(crate) mod funding;
pub mod gaps;
mod graphml;
pub mod matches;
pub mod network;
pub(crate) mod organisations;
pub mod portfolio;
pub mod projects;
pub mod session;
pub mod spreadsheet;
pub(crate) mod stats;
pub mod wire;
mod writes;

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_i18n::Locale;
use maillage_store::GraphScope;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::WriteAccess;
use crate::error::ApiError;
use crate::extract::Language;
use crate::scope::Visible;
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
#[allow(dead_code)] // documentation only: the answers are `spreadsheet::Table::download`s
pub(crate) enum CsvFile {
    /// CSV file (UTF-8 with BOM)
    #[response(status = 200, content_type = "text/csv")]
    Csv(String),
}

/// An XLSX download.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // documentation only: the answers are `spreadsheet::Table::download`s
pub(crate) enum XlsxFile {
    /// XLSX workbook (Office Open XML), one sheet
    #[response(
        status = 200,
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )]
    Xlsx(String),
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

/// What a read route takes from its request, once: the server's state, the analytics
/// snapshot ([`Snap`]), the graphs the request may see ([`Visible`]) and the reader's language
/// ([`Language`]: `?lang=`, then `Accept-Language`, then French).
#[derive(Debug, Clone)]
pub struct Read {
    pub state: AppState,
    pub snapshot: Arc<Snapshot>,
    pub scope: Arc<GraphScope>,
    pub locale: Locale,
}

impl FromRequestParts<AppState> for Read {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Snap(snapshot) = Snap::from_request_parts(parts, state).await?;
        let Ok(Visible(scope)) = Visible::from_request_parts(parts, state).await;
        let Language(locale) = Language::from_request_parts(parts, state).await?;
        Ok(Read {
            state: state.clone(),
            snapshot,
            scope,
            locale,
        })
    }
}

/// What a write route takes from its request before its body: the server's state and the
/// proof that the caller may write ([`WriteAccess`]: a 401 or 403 problem otherwise).
#[derive(Debug)]
pub struct Writer {
    pub state: AppState,
    pub access: WriteAccess,
}

impl FromRequestParts<AppState> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let access = WriteAccess::from_request_parts(parts, state).await?;
        Ok(Writer {
            state: state.clone(),
            access,
        })
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
        (name = "exports", description = "CSV, XLSX, GeoJSON and RDF exports"),
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
        .routes(routes!(funding::projects, projects::create))
        .routes(routes!(projects::detail))
        .routes(routes!(projects::move_status))
        .routes(routes!(stats::stats))
        .routes(routes!(export::organisations_csv))
        .routes(routes!(export::organisations_xlsx))
        .routes(routes!(export::organisations_geojson))
        .routes(routes!(export::pipeline_csv))
        .routes(routes!(export::pipeline_xlsx))
        .routes(routes!(export::dataset))
        .routes(routes!(matches::matches))
        .routes(routes!(eligibility::eligibility))
        .routes(routes!(gaps::gaps))
        .routes(routes!(gaps::gaps_csv_route))
        .routes(routes!(gaps::gaps_xlsx_route))
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
