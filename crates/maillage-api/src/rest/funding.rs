//! Programmes, envelopes with their committed and remaining amounts, and projects.

use axum::Json;
use maillage_model::{Ecosystem, Envelope, Lang};

use super::Read;
use super::wire::{EnvelopeBalance, LangQuery, ProjectSummary, Ref};
use crate::error::ApiError;
use crate::identity::Identity;

/// An envelope with its balance ([`Ecosystem::balance`], the one definition) and its projects.
pub fn balance(eco: &Ecosystem, e: &Envelope, lang: Lang) -> EnvelopeBalance {
    let b = eco.balance(e);
    EnvelopeBalance {
        iri: e.iri.clone(),
        name: e.label.get(lang).to_owned(),
        amount: b.amount,
        committed: b.committed,
        in_preparation: b.in_preparation,
        requested: b.requested,
        pipeline: b.requested,
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

/// Every envelope with its balance, largest first (ties by IRI).
pub fn balances(eco: &Ecosystem, lang: Lang) -> Vec<EnvelopeBalance> {
    let mut out: Vec<EnvelopeBalance> = eco
        .envelopes
        .values()
        .map(|e| balance(eco, e, lang))
        .collect();
    out.sort_by(|a, b| {
        b.amount
            .total_cmp(&a.amount)
            .then_with(|| a.iri.cmp(&b.iri))
    });
    out
}

read_route! {
    /// Envelopes with their accounting: `committed` (granted amounts of funded and completed
    /// projects), `in_preparation` (selected), `requested` (open projects' requests) and
    /// `remaining` (`amount − committed`). Anonymous readers see the public projects only.
    get "/envelopes", tag = "funding", params(LangQuery),
    ok(description = "Every envelope, largest first", body = [EnvelopeBalance]);
    fn envelopes(read: Read) -> Json<Vec<EnvelopeBalance>> {
        Json(balances(&read.snapshot.eco, read.locale.lang()))
    }
}

read_route! {
    /// Projects: the public ones (funded and completed) for anonymous readers, every candidate
    /// of the pipeline too for signed-in users (and the fictional demo projects with `--demo`).
    get "/projects", tag = "funding", params(LangQuery),
    ok(description = "Every project", body = [ProjectSummary]);
    fn projects(identity: Identity, read: Read) -> Result<Json<Vec<ProjectSummary>>, ApiError> {
        Ok(Json(project_summaries(&read, &identity).await?))
    }
}

/// Every project, labels in the reader's language, each with the last change that touched it
/// for signed-in users.
async fn project_summaries(
    read: &Read,
    identity: &Identity,
) -> Result<Vec<ProjectSummary>, ApiError> {
    let eco = &read.snapshot.eco;
    let mut out = Vec::with_capacity(eco.projects.len());
    for p in eco.projects.values() {
        let mut summary = ProjectSummary::new(eco, p, read.locale.lang());
        // Who changed it last, for signed-in users (`None` for anonymous readers).
        summary.last_change =
            super::changes::last_change_for(&read.state, identity, &p.iri).await?;
        out.push(summary);
    }
    Ok(out)
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

read_route! {
    /// Funding programmes (`mo:FundingProgramme`) with the envelopes their operator received.
    get "/programmes", tag = "funding", params(LangQuery),
    ok(description = "Every funding programme", body = [ProgrammeOut]);
    fn programmes(read: Read) -> Result<Json<Vec<ProgrammeOut>>, ApiError> {
        let rows = programme_rows(&read).await?;
        Ok(Json(programmes_out(&read.snapshot.eco, rows, read.locale.lang())))
    }
}

/// The programmes of `rows` (IRI, label, operator) with the envelopes their operator received.
fn programmes_out(
    eco: &Ecosystem,
    rows: Vec<(String, Option<String>, Option<String>)>,
    lang: Lang,
) -> Vec<ProgrammeOut> {
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
        .collect()
}

/// The programmes the request may see: IRI, label in the reader's language, operator.
async fn programme_rows(
    read: &Read,
) -> Result<Vec<(String, Option<String>, Option<String>)>, ApiError> {
    use maillage_store::oxigraph::model::Term;
    let lang = read.locale.lang();
    let store = read.state.store.clone();
    let scope = read.scope.clone();
    crate::store_protocol::blocking(move || {
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
    .await
}
