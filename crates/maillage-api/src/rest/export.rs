//! Exports: organisations as CSV (spreadsheets) and GeoJSON (GIS), the RDF dataset as N-Quads
//! or Turtle.

use crate::error::ApiQuery;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maillage_store::GraphFormat;
use maillage_store::oxigraph::model::NamedNode;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use maillage_i18n::Locale;
use maillage_model::{Ecosystem, Lang};

use super::Read;
use super::wire::{self, LangQuery};
use crate::AppState;
use crate::error::{ApiError, Message};
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

/// The organisations of `eco` as CSV (see [`csv_file`]), one row per organisation, lists joined
/// with ` | `, labels in `locale`.
pub fn organisations_csv_file(eco: &Ecosystem, locale: Locale) -> Result<Vec<u8>, csv::Error> {
    let lang = locale.lang();
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
    csv_file(ORGANISATION_COLUMNS, rows)
}

read_route! {
    /// Organisations as CSV: UTF-8 with a byte-order mark (so LibreOffice and Excel detect the
    /// encoding), comma-separated, one row per organisation, lists joined with ` | `.
    get "/export/organisations.csv", tag = "exports", params(LangQuery), ok = CsvFile;
    fn organisations_csv(read: Read) -> Result<Response, ApiError> {
        let body = organisations_csv_file(&read.snapshot.eco, read.locale)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(csv_attachment(body, "maillage-organisations.csv"))
    }
}

/// The organisations of `eco` as a GeoJSON FeatureCollection of points (WGS84): the
/// organisation's own coordinates when a source gives them, else its municipality's.
/// Organisations with neither are left out.
pub fn organisations_geojson_value(eco: &Ecosystem, lang: Lang) -> serde_json::Value {
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
    json!({ "type": "FeatureCollection", "features": features })
}

read_route! {
    /// Organisations as GeoJSON points (WGS84): the organisation's own coordinates when a source
    /// gives them, else its municipality's. Organisations with neither are left out.
    get "/export/organisations.geojson", tag = "exports", params(LangQuery),
    ok(description = "GeoJSON FeatureCollection", body = Object, content_type = "application/geo+json");
    fn organisations_geojson(read: Read) -> Result<Response, ApiError> {
        let value = organisations_geojson_value(&read.snapshot.eco, read.locale.lang());
        let body = serde_json::to_vec(&value).map_err(|e| ApiError::internal(e.to_string()))?;
        Ok(attachment(body, "application/geo+json", "maillage-organisations.geojson"))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DatasetQuery {
    /// `nquads` (default, every named graph) or `turtle` (the merge of all graphs).
    pub format: Option<String>,
    /// Only this named graph (IRI).
    pub graph: Option<String>,
}

read_route! {
    /// The RDF dataset: N-Quads with every named graph, or Turtle.
    get "/export/dataset", tag = "exports", params(DatasetQuery),
    ok(description = "The RDF dataset", body = String, content_type = "application/n-quads");
    fn dataset(
        State(state): State<AppState>,
        Visible(scope): Visible,
        ApiQuery(query): ApiQuery<DatasetQuery>,
    ) -> Result<Response, ApiError> {
        let (format, media_type, file) = dataset_format(query.format.as_deref())?;
        let graph = query.graph.as_deref().map(graph_iri).transpose()?;
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
}

/// The format of a dataset export (`nquads` by default, or `turtle`), its media type and the
/// name of its file.
fn dataset_format(
    format: Option<&str>,
) -> Result<(GraphFormat, &'static str, &'static str), ApiError> {
    match format.unwrap_or("nquads") {
        "nquads" => Ok((GraphFormat::NQuads, "application/n-quads", "maillage.nq")),
        "turtle" => Ok((
            GraphFormat::Turtle,
            "text/turtle; charset=utf-8",
            "maillage.ttl",
        )),
        other => Err(ApiError::bad_request(
            Message::new("err-unknown-format")
                .arg("kind", "RDF")
                .arg("name", other)
                .arg("formats", "nquads, turtle"),
        )),
    }
}

/// The named graph a dataset export is limited to.
fn graph_iri(graph: &str) -> Result<NamedNode, ApiError> {
    NamedNode::new(graph).map_err(|e| {
        ApiError::bad_request(
            Message::new("err-invalid-iri")
                .arg("iri", graph)
                .arg("detail", e),
        )
    })
}
