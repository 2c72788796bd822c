//! Exports: organisations as CSV (spreadsheets) and GeoJSON (GIS), the RDF dataset as N-Quads
//! or Turtle.

use crate::error::ApiQuery;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maillage_store::GraphFormat;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::wire::{self, LangQuery};
use super::{CsvFile, InvalidParameter, Snap};
use crate::AppState;
use crate::error::{ApiError, Message};
use crate::extract::Language;
use crate::scope::Visible;
use crate::store_protocol::blocking;

pub(super) fn attachment(body: Vec<u8>, media_type: &'static str, file_name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The columns of the organisation CSV.
const ORGANISATION_COLUMNS: &[&str] = &[
    "iri",
    "name_fr",
    "name_en",
    "kind",
    "municipality",
    "mamh_code",
    "in_zem",
    "roles",
    "sectors",
    "expertise",
    "needs",
    "needs_source",
    "research_areas",
    "trains_in",
    "website",
    "sources",
    "illustrative",
];

/// A CSV file as spreadsheets open it: UTF-8 with a byte-order mark (so LibreOffice and Excel
/// detect the encoding), comma-separated, the header row then one record per row.
pub(super) fn csv_file<R>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// A CSV file as an attachment named `file_name`.
pub(super) fn csv_attachment(body: Vec<u8>, file_name: &str) -> Response {
    attachment(body, "text/csv; charset=utf-8", file_name)
}

/// Organisations as CSV: UTF-8 with a byte-order mark (so LibreOffice and Excel detect the
/// encoding), comma-separated, one row per organisation, lists joined with ` | `.
#[utoipa::path(
    get,
    path = "/export/organisations.csv",
    tag = "exports",
    params(LangQuery),
    responses(CsvFile, InvalidParameter)
)]
pub async fn organisations_csv(
    Snap(snapshot): Snap,
    Language(locale): Language,
) -> Result<Response, ApiError> {
    let lang = locale.lang();
    let eco = &snapshot.eco;
    let join = |iris: &[String]| {
        iris.iter()
            .map(|i| crate::labels::name(eco, i, locale))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let rows = eco.organizations.values().map(|o| {
        let summary = wire::summary(eco, o, lang);
        let municipality = o.municipality.as_deref().unwrap_or_default();
        let needs: Vec<String> = summary.needs.iter().map(|r| r.iri.clone()).collect();
        [
            o.iri.clone(),
            o.label.fr().to_owned(),
            o.label.en().to_owned(),
            summary.kind.clone().unwrap_or_default(),
            eco.label_of(municipality).get(lang).to_owned(),
            municipality
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned(),
            summary.in_zem.to_string(),
            summary.roles.join(" | "),
            join(&o.sectors),
            join(&o.offers),
            join(&needs),
            serde_json::to_value(summary.needs_source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            join(&o.research_areas),
            join(&o.trains_in),
            o.website.clone().unwrap_or_default(),
            o.sources.join(" | "),
            o.illustrative.to_string(),
        ]
    });
    let body =
        csv_file(ORGANISATION_COLUMNS, rows).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(csv_attachment(body, "maillage-organisations.csv"))
}

/// Organisations as GeoJSON points (WGS84): the organisation's own coordinates when a source
/// gives them, else its municipality's. Organisations with neither are left out.
#[utoipa::path(
    get,
    path = "/export/organisations.geojson",
    tag = "exports",
    params(LangQuery),
    responses(
        (status = 200, description = "GeoJSON FeatureCollection", body = Object, content_type = "application/geo+json"),
        InvalidParameter,
    )
)]
pub async fn organisations_geojson(
    Snap(snapshot): Snap,
    Language(locale): Language,
) -> Result<Response, ApiError> {
    let lang = locale.lang();
    let eco = &snapshot.eco;
    let features: Vec<_> = eco
        .organizations
        .values()
        .filter_map(|o| {
            let (lat, long) = eco.coordinates(o)?;
            let s = wire::summary(eco, o, lang);
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [long, lat] },
                "properties": {
                    "iri": s.iri,
                    "name": s.name,
                    "kind": s.kind,
                    "municipality": s.municipality.map(|m| m.label),
                    "in_zem": s.in_zem,
                    "roles": s.roles.join(", "),
                    "expertise": s.expertise.iter().map(|r| r.label.clone()).collect::<Vec<_>>().join(", "),
                    "located_by": if o.lat.is_some() { "organisation" } else { "municipality" },
                    "illustrative": s.illustrative,
                }
            }))
        })
        .collect();
    let body = serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": features }))
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(attachment(
        body,
        "application/geo+json",
        "maillage-organisations.geojson",
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DatasetQuery {
    /// `nquads` (default, every named graph) or `turtle` (the merge of all graphs).
    pub format: Option<String>,
    /// Only this named graph (IRI).
    pub graph: Option<String>,
}

/// The RDF dataset: N-Quads with every named graph, or Turtle.
#[utoipa::path(
    get,
    path = "/export/dataset",
    tag = "exports",
    params(DatasetQuery),
    responses(
        (status = 200, description = "The RDF dataset", body = String, content_type = "application/n-quads"),
        InvalidParameter,
    )
)]
pub async fn dataset(
    State(state): State<AppState>,
    Visible(scope): Visible,
    ApiQuery(query): ApiQuery<DatasetQuery>,
) -> Result<Response, ApiError> {
    let (format, media_type, file) = match query.format.as_deref().unwrap_or("nquads") {
        "nquads" => (GraphFormat::NQuads, "application/n-quads", "maillage.nq"),
        "turtle" => (
            GraphFormat::Turtle,
            "text/turtle; charset=utf-8",
            "maillage.ttl",
        ),
        other => {
            return Err(ApiError::bad_request(
                Message::new("err-unknown-format")
                    .arg("kind", "RDF")
                    .arg("name", other)
                    .arg("formats", "nquads, turtle"),
            ));
        }
    };
    let graph = match query.graph.as_deref() {
        None => None,
        Some(g) => Some(
            maillage_store::oxigraph::model::NamedNode::new(g).map_err(|e| {
                ApiError::bad_request(
                    Message::new("err-invalid-iri")
                        .arg("iri", g)
                        .arg("detail", e),
                )
            })?,
        ),
    };
    let store = state.store.clone();
    let body = blocking(move || {
        let mut out = Vec::new();
        // The graphs this request may see: without --demo, no demo record.
        store.dump_visible(format, graph.as_ref(), &scope, &mut out)?;
        Ok(out)
    })
    .await?;
    Ok(attachment(body, media_type, file))
}
