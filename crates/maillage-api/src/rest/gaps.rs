//! `/gaps`, `/export/gaps.csv` and `/export/gaps.xlsx`: the committee's gap table.

use axum::Json;
use axum::response::Response;
use maillage_graph::{GapOptions, GapRow};
use maillage_i18n::Locale;
use maillage_model::Ecosystem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Read;
use super::spreadsheet::{Cell, SheetFormat, Table};
use super::wire::{LangCode, Ref};
use crate::Snapshot;
use crate::error::{ApiError, ApiQuery, Message};

/// One row of the committee's gap table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GapOut {
    /// Expertise concept IRI.
    pub concept: String,
    /// Label in the requested language.
    pub label: String,
    pub label_fr: String,
    pub label_en: String,
    /// Weighted ZEM demand (explicit needs 1, sector-typical 0.5), rolled up the hierarchy.
    pub demand: f64,
    /// The part of `demand` inferred from the adopters' sectors (needs they did not state).
    pub demand_inferred: f64,
    /// Weighted ZEM supply (suppliers, research centres, schools), rolled up.
    pub supply: f64,
    /// Demand that no eligible ZEM supplier covers above the threshold.
    pub unmet: f64,
    /// Supply with no local demand.
    pub surplus: f64,
    /// Specialisation of the ZEM against organisations outside it; null when none outside.
    pub location_quotient: Option<f64>,
    /// IRIs of the adopters with an unmet need under this concept.
    pub unmet_adopters: Vec<String>,
    /// The same adopters with their names.
    pub unmet_adopter_refs: Vec<Ref>,
    /// Demand beyond the local supply, `demand − supply` (0 when the supply is larger).
    pub shortfall: f64,
    /// A taxonomy root: its numbers are the totals of every concept under it; not ranked.
    pub root: bool,
    /// Position among the gaps (rows with local demand that are not a root): by `unmet`, then
    /// by `demand − supply`, highest first. Null for the other rows.
    pub rank: Option<usize>,
}

/// A row of the gap report with its labels in `locale`.
pub fn gap_out(eco: &Ecosystem, row: &GapRow, locale: Locale) -> GapOut {
    let label = eco.label_of(&row.concept);
    GapOut {
        concept: row.concept.clone(),
        label: label.get(locale.lang()).to_owned(),
        label_fr: label.fr().to_owned(),
        label_en: label.en().to_owned(),
        demand: row.demand,
        demand_inferred: row.demand_inferred,
        supply: row.supply,
        unmet: row.unmet,
        surplus: row.surplus,
        location_quotient: row.location_quotient,
        unmet_adopters: row.unmet_adopters.clone(),
        unmet_adopter_refs: Ref::list(eco, &row.unmet_adopters, locale.lang()),
        shortfall: row.shortfall,
        root: row.root,
        rank: row.rank,
    }
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GapQuery {
    /// Coverage an eligible local supplier must reach for a need to count as met (default 0.6).
    #[param(minimum = 0.0, maximum = 1.0)]
    pub threshold: Option<f64>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// The gap report of a snapshot for a query.
fn gap_rows(snapshot: &Snapshot, query: &GapQuery) -> Result<Vec<GapRow>, ApiError> {
    let threshold = query
        .threshold
        .unwrap_or(GapOptions::default().coverage_threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::bad_request(Message::new(
            "err-analytics-threshold",
        )));
    }
    Ok(snapshot.graph.gap_report(&GapOptions {
        coverage_threshold: threshold,
    }))
}

read_route! {
    /// The committee's gap table: demand, supply, unmet demand and specialisation per expertise.
    /// Rows come ranked: the gaps first (`rank` 1, 2, …: most unmet demand, then most demand beyond
    /// the local supply), then the concepts without local demand (most supply first), then the
    /// taxonomy roots, whose numbers are totals.
    get "/gaps", tag = "analytics", params(GapQuery),
    ok(description = "One row per expertise concept: the ranked gaps first (most unmet demand, then most demand beyond local supply), then the concepts without local demand, then the taxonomy roots (totals)", body = [GapOut]);
    fn gaps(
        ApiQuery(query): ApiQuery<GapQuery>,
        read: Read,
    ) -> Result<Json<Vec<GapOut>>, ApiError> {
        let rows = gap_rows(&read.snapshot, &query)?;
        let eco = &read.snapshot.eco;
        Ok(Json(rows.iter().map(|r| gap_out(eco, r, read.locale)).collect()))
    }
}

/// The gap table for CSV and XLSX: the rows of `/gaps` with their labels, the adopters with an
/// unmet need as `name <iri>` joined with ` | `.
pub fn gaps_table(eco: &Ecosystem, rows: &[GapRow], locale: Locale) -> Table {
    let mut table = Table::new(
        "Lacunes-Gaps",
        [
            "concept",
            "label_fr",
            "label_en",
            "demand",
            "supply",
            "unmet",
            "surplus",
            "location_quotient",
            "unmet_adopters",
            "demand_inferred",
            "shortfall",
            "rank",
        ],
    );
    for r in rows {
        let g = gap_out(eco, r, locale);
        table.push([
            Cell::Text(g.concept),
            g.label_fr.into(),
            g.label_en.into(),
            g.demand.into(),
            g.supply.into(),
            g.unmet.into(),
            g.surplus.into(),
            g.location_quotient.into(),
            g.unmet_adopter_refs
                .iter()
                .map(|r| format!("{} <{}>", r.label, r.iri))
                .collect::<Vec<_>>()
                .join(" | ")
                .into(),
            g.demand_inferred.into(),
            g.shortfall.into(),
            g.rank
                .and_then(|r| i64::try_from(r).ok())
                .map_or(Cell::Empty, Cell::Integer),
        ]);
    }
    table
}

read_route! {
    /// The gap table as CSV.
    get "/export/gaps.csv", tag = "exports", params(GapQuery), ok = CsvFile;
    fn gaps_csv_route(
        ApiQuery(query): ApiQuery<GapQuery>,
        read: Read,
    ) -> Result<Response, ApiError> {
        let rows = gap_rows(&read.snapshot, &query)?;
        gaps_table(&read.snapshot.eco, &rows, read.locale)
            .download(SheetFormat::Csv, "maillage-lacunes-gaps")
    }
}

read_route! {
    /// The gap table as an XLSX workbook: the CSV's columns, numbers as numbers.
    get "/export/gaps.xlsx", tag = "exports", params(GapQuery), ok = XlsxFile;
    fn gaps_xlsx_route(
        ApiQuery(query): ApiQuery<GapQuery>,
        read: Read,
    ) -> Result<Response, ApiError> {
        let rows = gap_rows(&read.snapshot, &query)?;
        gaps_table(&read.snapshot.eco, &rows, read.locale)
            .download(SheetFormat::Xlsx, "maillage-lacunes-gaps")
    }
}
