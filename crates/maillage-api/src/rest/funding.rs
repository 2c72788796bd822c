//! Programmes, envelopes with their committed and remaining amounts, and projects.

use crate::error::ApiQuery;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use maillage_model::{Ecosystem, Envelope, Lang, ProjectStatus};

use super::wire::{EnvelopeBalance, LangQuery, ProjectSummary, Ref};
use super::{Problem, lang_of};
use crate::AppState;
use crate::error::ApiError;

pub fn balance(eco: &Ecosystem, e: &Envelope, lang: Lang) -> EnvelopeBalance {
    let projects: Vec<_> = eco
        .projects
        .values()
        .filter(|p| p.envelope.as_deref() == Some(e.iri.as_str()))
        .collect();
    // Fictional demo projects never count against a real envelope: they are reported apart.
    let sum = |keep: fn(ProjectStatus) -> bool, illustrative: bool| -> f64 {
        projects
            .iter()
            .filter(|p| p.illustrative == illustrative && p.status.is_some_and(keep))
            .filter_map(|p| p.amount)
            .fold(0.0, |a, b| a + b)
    };
    let committed = sum(ProjectStatus::commits_money, false);
    let pipeline = sum(|s| !s.commits_money(), false);
    let illustrative_committed = sum(ProjectStatus::commits_money, true);
    EnvelopeBalance {
        iri: e.iri.clone(),
        name: e.label.get(lang).to_owned(),
        amount: e.amount,
        committed,
        pipeline,
        remaining: e.amount - committed,
        illustrative_committed,
        funder: e.funder.as_deref().map(|i| Ref::new(eco, i, lang)),
        recipient: e.recipient.as_deref().map(|i| Ref::new(eco, i, lang)),
        projects: projects
            .iter()
            .map(|p| ProjectSummary::new(eco, p, lang))
            .collect(),
    }
}

/// Envelopes with their committed, pipeline and remaining amounts.
#[utoipa::path(
    get,
    path = "/envelopes",
    tag = "funding",
    params(LangQuery),
    responses(
        (status = 200, description = "Every envelope, largest first", body = [EnvelopeBalance]),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn envelopes(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<EnvelopeBalance>>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    let mut out: Vec<EnvelopeBalance> = snapshot
        .eco
        .envelopes
        .values()
        .map(|e| balance(&snapshot.eco, e, lang))
        .collect();
    out.sort_by(|a, b| {
        b.amount
            .total_cmp(&a.amount)
            .then_with(|| a.iri.cmp(&b.iri))
    });
    Ok(Json(out))
}

/// Projects (real ones when published, and the fictional demo projects).
#[utoipa::path(
    get,
    path = "/projects",
    tag = "funding",
    params(LangQuery),
    responses(
        (status = 200, description = "Every project", body = [ProjectSummary]),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn projects(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<ProjectSummary>>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    Ok(Json(
        snapshot
            .eco
            .projects
            .values()
            .map(|p| ProjectSummary::new(&snapshot.eco, p, lang))
            .collect(),
    ))
}
