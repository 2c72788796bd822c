//! Counts for a dashboard.

use std::collections::BTreeMap;

use crate::error::ApiQuery;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use maillage_model::OrgKind;

use super::wire::{Count, LangQuery, Stats};
use super::{Problem, lang_of};
use crate::AppState;
use crate::error::ApiError;

/// Organisations by kind, municipality and expertise; suppliers, adopters, ZEM.
#[utoipa::path(
    get,
    path = "/stats",
    tag = "stats",
    params(LangQuery),
    responses(
        (status = 200, description = "Dashboard counts", body = Stats),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn stats(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<Stats>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    Ok(Json(compute(&snapshot, lang)))
}

/// The dashboard counts of a snapshot: shared by the JSON route and the web home page.
pub(crate) fn compute(snapshot: &crate::snapshot::Snapshot, lang: maillage_model::Lang) -> Stats {
    let eco = &snapshot.eco;
    let orgs: Vec<_> = eco.organizations.values().collect();
    let by_kind = OrgKind::ALL
        .iter()
        .map(|k| Count {
            iri: Some(k.class_iri()),
            key: k.slug().to_owned(),
            label: k.label().get(lang).to_owned(),
            count: orgs.iter().filter(|o| o.kind == Some(*k)).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let mut municipalities: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &orgs {
        if let Some(m) = o.municipality.as_deref() {
            *municipalities.entry(m).or_default() += 1;
        }
    }
    let mut by_municipality: Vec<Count> = municipalities
        .into_iter()
        .map(|(iri, count)| Count {
            iri: Some(iri.to_owned()),
            key: iri.rsplit('/').next().unwrap_or_default().to_owned(),
            label: eco.label_of(iri).get(lang).to_owned(),
            count,
        })
        .collect();
    by_municipality.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    by_municipality.truncate(25);
    let mut expertise: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &orgs {
        let mut concepts: Vec<&String> = o
            .offers
            .iter()
            .chain(&o.research_areas)
            .chain(&o.trains_in)
            .collect();
        concepts.sort();
        concepts.dedup();
        for c in concepts {
            *expertise.entry(c).or_default() += 1;
        }
    }
    let mut by_expertise: Vec<Count> = expertise
        .into_iter()
        .map(|(iri, count)| Count {
            iri: Some(iri.to_owned()),
            key: iri.rsplit('/').next().unwrap_or_default().to_owned(),
            label: eco.label_of(iri).get(lang).to_owned(),
            count,
        })
        .collect();
    by_expertise.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Stats {
        organisations: orgs.len(),
        suppliers: orgs.iter().filter(|o| o.is_supplier()).count(),
        adopters: orgs.iter().filter(|o| eco.is_adopter(o)).count(),
        in_zem: orgs.iter().filter(|o| eco.in_zem(o)).count(),
        by_kind,
        by_municipality,
        by_expertise,
        projects: eco.projects.len(),
        snapshot_version: snapshot.version,
        snapshot_build_ms: snapshot.build_time.as_secs_f64() * 1000.0,
    }
}
