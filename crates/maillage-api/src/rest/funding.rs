//! Programmes, envelopes with their committed and remaining amounts, and projects.

use axum::Json;
use axum::extract::State;
use maillage_model::{Ecosystem, Envelope, Lang};

use super::wire::{EnvelopeBalance, LangQuery, ProjectSummary, Ref};
use super::{InvalidParameter, Snap};
use crate::AppState;
use crate::error::ApiError;
use crate::extract::Language;

/// An envelope with its balance ([`Ecosystem::balance`], the one definition) and its projects.
pub fn balance(eco: &Ecosystem, e: &Envelope, lang: Lang) -> EnvelopeBalance {
    let b = eco.balance(e);
    EnvelopeBalance {
        iri: e.iri.clone(),
        name: e.label.get(lang).to_owned(),
        amount: b.amount,
        committed: b.committed,
        pipeline: b.pipeline,
        remaining: b.remaining,
        illustrative_committed: b.illustrative_committed,
        funder: Ref::maybe(eco, e.funder.as_deref(), lang),
        recipient: Ref::maybe(eco, e.recipient.as_deref(), lang),
        projects: eco
            .projects_of(&e.iri)
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
        InvalidParameter,
    )
)]
pub async fn envelopes(
    Snap(snapshot): Snap,
    Language(locale): Language,
) -> Json<Vec<EnvelopeBalance>> {
    let lang = locale.lang();
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
    Json(out)
}

/// Projects (real ones when published, and the fictional demo projects).
#[utoipa::path(
    get,
    path = "/projects",
    tag = "funding",
    params(LangQuery),
    responses(
        (status = 200, description = "Every project", body = [ProjectSummary]),
        InvalidParameter,
    )
)]
pub async fn projects(
    State(state): State<AppState>,
    Snap(snapshot): Snap,
    identity: crate::identity::Identity,
    Language(locale): Language,
) -> Result<Json<Vec<ProjectSummary>>, ApiError> {
    let eco = &snapshot.eco;
    let mut out = Vec::with_capacity(eco.projects.len());
    for p in eco.projects.values() {
        let mut summary = ProjectSummary::new(eco, p, locale.lang());
        // Who changed it last, for signed-in users (`None` for anonymous readers).
        summary.last_change = super::changes::last_change_for(&state, &identity, &p.iri).await?;
        out.push(summary);
    }
    Ok(Json(out))
}

/// A funding programme and the envelopes its operator received.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ProgrammeOut {
    pub iri: String,
    pub name: String,
    pub operator: Option<Ref>,
    /// Envelopes whose recipient is the programme's operator, with their balances.
    pub envelopes: Vec<EnvelopeBalance>,
}

/// Funding programmes (`mo:FundingProgramme`) with the envelopes their operator received.
#[utoipa::path(
    get,
    path = "/programmes",
    tag = "funding",
    params(LangQuery),
    responses(
        (status = 200, description = "Every funding programme", body = [ProgrammeOut]),
        InvalidParameter,
    )
)]
pub async fn programmes(
    State(state): State<AppState>,
    crate::Visible(scope): crate::Visible,
    Snap(snapshot): Snap,
    Language(locale): Language,
) -> Result<Json<Vec<ProgrammeOut>>, ApiError> {
    use maillage_store::oxigraph::model::Term;
    let lang = locale.lang();
    let store = state.store.clone();
    let rows = crate::store_protocol::blocking(move || {
        let q = format!(
            "{}SELECT ?p ?label ?operator WHERE {{ ?p a mo:FundingProgramme .
               OPTIONAL {{ ?p rdfs:label ?label FILTER(lang(?label) = \"{}\") }}
               OPTIONAL {{ ?p mo:operatedBy ?operator }} }} ORDER BY ?p",
            maillage_model::vocab::sparql_prologue(),
            lang.code()
        );
        let out = store.query(
            &maillage_store::QueryRequest::new(q).within(scope.as_ref().clone()),
            &maillage_store::Budget::new(std::time::Duration::from_secs(10)),
        )?;
        let mut rows = Vec::new();
        if let maillage_store::QueryOutput::Solutions { rows: r, .. } = out {
            for row in r {
                let text = |t: &Option<Term>| match t {
                    Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                    Some(Term::Literal(l)) => Some(l.value().to_owned()),
                    _ => None,
                };
                if let Some(iri) = text(&row[0]) {
                    rows.push((iri, text(&row[1]), text(&row[2])));
                }
            }
        }
        Ok(rows)
    })
    .await?;
    let eco = &snapshot.eco;
    Ok(Json(
        rows.into_iter()
            .map(|(iri, name, operator)| ProgrammeOut {
                name: name.unwrap_or_else(|| iri.clone()),
                envelopes: eco
                    .envelopes
                    .values()
                    .filter(|e| operator.is_some() && e.recipient == operator)
                    .map(|e| balance(eco, e, lang))
                    .collect(),
                operator: Ref::maybe(eco, operator.as_deref(), lang),
                iri,
            })
            .collect(),
    ))
}
