//! Exports: organisations as CSV and XLSX (spreadsheets) and GeoJSON (GIS), the RDF dataset as
//! N-Quads or Turtle.

use crate::error::ApiQuery;
use axum::extract::State;
use axum::response::Response;
use maillage_store::GraphFormat;
use maillage_store::oxigraph::model::NamedNode;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use maillage_i18n::Locale;
use maillage_model::{Ecosystem, Lang};

use super::Read;
pub(super) use super::spreadsheet::attachment;
use super::spreadsheet::{Cell, SheetFormat, Table};
use super::wire::{self, LangQuery};
use crate::AppState;
use crate::error::{ApiError, Message};
use crate::scope::Visible;
use crate::store_protocol::blocking;

/// The columns of the organisation table.
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

/// The organisations of `eco` as a table (for CSV and XLSX), one row per organisation, lists
/// joined with ` | `, labels in `locale`.
pub fn organisations_table(eco: &Ecosystem, locale: Locale) -> Table {
    let lang = locale.lang();
    let join = |iris: &[String]| {
        iris.iter()
            .map(|i| crate::labels::name(eco, i, locale))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let mut table = Table::new("Organisations", ORGANISATION_COLUMNS.iter().copied());
    for o in eco.organizations.values() {
        let summary = wire::summary(eco, o, lang);
        let municipality = o.municipality.as_deref().unwrap_or_default();
        let needs: Vec<String> = summary.needs.iter().map(|r| r.iri.clone()).collect();
        table.push([
            Cell::from(o.iri.as_str()),
            o.label.fr().into(),
            o.label.en().into(),
            summary.kind.clone().into(),
            eco.label_of(municipality).get(lang).into(),
            municipality.rsplit('/').next().unwrap_or_default().into(),
            summary.in_zem.into(),
            summary.roles.join(" | ").into(),
            join(&o.sectors).into(),
            join(&o.offers).into(),
            join(&needs).into(),
            serde_json::to_value(summary.needs_source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .into(),
            join(&o.research_areas).into(),
            join(&o.trains_in).into(),
            o.website.clone().into(),
            o.sources.join(" | ").into(),
            o.illustrative.into(),
        ]);
    }
    table
}

read_route! {
    /// Organisations as CSV: UTF-8 with a byte-order mark (so LibreOffice and Excel detect the
    /// encoding), comma-separated, one row per organisation, lists joined with ` | `.
    get "/export/organisations.csv", tag = "exports", params(LangQuery), ok = CsvFile;
    fn organisations_csv(read: Read) -> Result<Response, ApiError> {
        organisations_table(&read.snapshot.eco, read.locale)
            .download(SheetFormat::Csv, "maillage-organisations")
    }
}

read_route! {
    /// Organisations as an XLSX workbook: the CSV's columns and rows on one sheet, the header
    /// frozen and filterable, truth values as such.
    get "/export/organisations.xlsx", tag = "exports", params(LangQuery), ok = XlsxFile;
    fn organisations_xlsx(read: Read) -> Result<Response, ApiError> {
        organisations_table(&read.snapshot.eco, read.locale)
            .download(SheetFormat::Xlsx, "maillage-organisations")
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

/// The public columns of the pipeline CSV: the facts funding publishes.
const PIPELINE_PUBLIC_COLUMNS: &[&str] = &[
    "id",
    "iri",
    "name_fr",
    "name_en",
    "status",
    "supplier",
    "adopter",
    "envelope",
    "axes",
    "amount_granted",
    "start_date",
    "end_date",
    "illustrative",
];

/// The confidential columns members get after the public ones.
const PIPELINE_MEMBER_COLUMNS: &[&str] = &[
    "amount_requested",
    "total_cost",
    "eligible",
    "rules_failed",
    "rules_unknown",
    "last_change_at",
    "last_change_by",
];

/// The projects of `eco` as a table (CSV and XLSX), in the pipeline's order of statuses then
/// by title: the public facts, and for a `member` the confidential columns too (request, total
/// cost, eligibility, last move). Contacts and notes are never exported.
pub fn pipeline_table(eco: &Ecosystem, locale: Locale, member: bool) -> Table {
    let lang = locale.lang();
    let name = |iri: &Option<String>| {
        iri.as_deref()
            .map(|i| crate::labels::name(eco, i, locale))
            .unwrap_or_default()
    };
    let mut header: Vec<&str> = PIPELINE_PUBLIC_COLUMNS.to_vec();
    if member {
        header.extend_from_slice(PIPELINE_MEMBER_COLUMNS);
    }
    let mut table = Table::new("Projets", header);
    let mut projects: Vec<&maillage_model::Project> = eco.projects.values().collect();
    projects.sort_by(|a, b| {
        (a.status, a.label.get(lang), &a.iri).cmp(&(b.status, b.label.get(lang), &b.iri))
    });
    for p in projects {
        let mut row: Vec<Cell> = vec![
            p.iri.rsplit('/').next().unwrap_or_default().into(),
            p.iri.clone().into(),
            p.label.fr().into(),
            p.label.en().into(),
            p.status.map(|s| s.slug()).into(),
            name(&p.supplier).into(),
            name(&p.adopter).into(),
            name(&p.envelope).into(),
            p.axes
                .iter()
                .map(|a| crate::labels::name(eco, a, locale))
                .collect::<Vec<_>>()
                .join(" | ")
                .into(),
            p.granted().into(),
            p.start.clone().into(),
            p.end.clone().into(),
            p.illustrative.into(),
        ];
        if member {
            let verdict = maillage_graph::check_project(eco, &p.iri).ok();
            let rules = |passed: Option<bool>| -> Cell {
                verdict
                    .iter()
                    .flat_map(|v| v.rules.iter())
                    .filter(|r| r.passed == passed)
                    .filter_map(|r| eco.rule_set.rules.iter().find(|d| d.iri == r.rule))
                    .map(|d| d.notation.clone())
                    .collect::<Vec<_>>()
                    .join(" | ")
                    .into()
            };
            let last = p.history.last();
            row.extend([
                p.requested().into(),
                p.total_cost.into(),
                verdict.as_ref().and_then(|v| v.eligible).into(),
                rules(Some(false)),
                rules(None),
                last.map(|c| c.at.clone()).into(),
                last.map(|c| c.by.clone()).into(),
            ]);
        }
        table.push(row);
    }
    table
}

read_route! {
    /// The projects of the selection pipeline as CSV (UTF-8 with BOM), in the order of their
    /// statuses. Signed-in users get every candidate with its confidential columns (amount
    /// requested, total cost, eligibility, last move); anonymous readers get only the public
    /// facts of funded and completed projects. Contacts and notes are never exported.
    get "/export/pipeline.csv", tag = "exports", params(LangQuery), ok = CsvFile;
    fn pipeline_csv(identity: crate::identity::Identity, read: Read) -> Result<Response, ApiError> {
        pipeline_table(&read.snapshot.eco, read.locale, identity.sees_confidential())
            .download(SheetFormat::Csv, "maillage-pipeline")
    }
}

read_route! {
    /// The projects of the selection pipeline as an XLSX workbook: the CSV's columns and rows
    /// (members: every candidate with its confidential columns; anonymous readers: the public
    /// facts of funded and completed projects). Contacts and notes are never exported.
    get "/export/pipeline.xlsx", tag = "exports", params(LangQuery), ok = XlsxFile;
    fn pipeline_xlsx(identity: crate::identity::Identity, read: Read) -> Result<Response, ApiError> {
        pipeline_table(&read.snapshot.eco, read.locale, identity.sees_confidential())
            .download(SheetFormat::Xlsx, "maillage-pipeline")
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
