//! `/portfolio`: which candidate projects of an envelope to fund within the budget.

use axum::Json;
use maillage_graph::{Candidate, EcosystemGraph, GraphError, Portfolio, RejectReason};
use maillage_i18n::Locale;
use maillage_model::vocab;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::organisations::resolve;
use super::wire::{LangCode, Ref};
use super::{Problem, Read};
use crate::error::{ApiError, ApiQuery, Message};
use crate::words;

/// Largest budget a request may give (CAD).
pub const MAX_BUDGET: f64 = 1e12;

wire_mirror! {
    /// Why a candidate was left out.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum RejectCode mirrors RejectReason {
        InvalidInput,
        DuplicatePair,
        AdopterTaken,
        SupplierFull,
        Budget,
        NoValue,
    }
}

/// A candidate project in a portfolio answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateOut {
    pub project: Ref,
    pub supplier: Ref,
    pub adopter: Ref,
    pub score: f64,
    /// CAD.
    pub amount: f64,
    /// Fictional demo project.
    pub illustrative: bool,
    /// Why it was left out (absent when chosen).
    pub reason: Option<String>,
    /// The same reason as a code (absent when chosen).
    pub reason_code: Option<RejectCode>,
}

/// The chosen set of projects under the budget.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PortfolioOut {
    pub envelope: Ref,
    /// CAD available (the envelope's remaining amount unless `budget` was given).
    pub budget: f64,
    pub total_score: f64,
    pub total_amount: f64,
    pub remaining_budget: f64,
    pub chosen: Vec<CandidateOut>,
    pub rejected: Vec<CandidateOut>,
    /// Candidates are proposed and selected projects on the envelope, scored by the matcher.
    pub method: String,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortfolioQuery {
    /// CAD; default: the envelope's remaining amount.
    #[param(minimum = 0.0, maximum = 1000000000000.0)]
    pub budget: Option<f64>,
    /// Envelope slug or IRI (default: the Scale AI ZEM envelope).
    #[param(max_length = 500)]
    pub envelope: Option<String>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// The portfolio of an envelope ([`EcosystemGraph::plan_envelope`]) in words, in `locale`.
pub fn portfolio_out(
    graph: &EcosystemGraph,
    envelope: &str,
    budget: Option<f64>,
    locale: Locale,
) -> Result<PortfolioOut, GraphError> {
    let eco = graph.ecosystem();
    let lang = locale.lang();
    let Portfolio {
        chosen,
        total_score,
        total_amount,
        budget,
        remaining_budget,
        rejected,
    } = graph.plan_envelope(envelope, budget)?;
    let out = |c: &Candidate, reason: Option<RejectReason>| CandidateOut {
        project: Ref::new(eco, &c.id, lang),
        supplier: Ref::new(eco, &c.supplier, lang),
        adopter: Ref::new(eco, &c.adopter, lang),
        score: c.score,
        amount: c.amount,
        illustrative: eco.projects.get(&c.id).is_some_and(|p| p.illustrative),
        reason: reason.map(|r| words::name_of(locale, r)),
        reason_code: reason.map(RejectCode::from),
    };
    Ok(PortfolioOut {
        envelope: Ref::new(eco, envelope, lang),
        budget,
        total_score,
        total_amount,
        remaining_budget,
        chosen: chosen.iter().map(|c| out(c, None)).collect(),
        rejected: rejected
            .iter()
            .map(|r| out(&r.candidate, Some(r.reason)))
            .collect(),
        method: words::portfolio_method(locale),
    })
}

read_route! {
    /// Portfolio selection for the envelope.
    get "/portfolio", tag = "analytics", params(PortfolioQuery),
    ok(description = "Chosen and rejected candidates", body = PortfolioOut),
    also((status = 404, description = "Unknown envelope", body = Problem, content_type = "application/problem+json"));
    fn portfolio_route(
        ApiQuery(query): ApiQuery<PortfolioQuery>,
        read: Read,
    ) -> Result<Json<PortfolioOut>, ApiError> {
        check_budget(query.budget)?;
        let envelope = query.envelope.as_deref().map(|e| resolve(e, "envelope"));
        let envelope = envelope.unwrap_or_else(|| vocab::ZEM_ENVELOPE.to_owned());
        let graph = &read.snapshot.graph;
        Ok(Json(portfolio_out(graph, &envelope, query.budget, read.locale)?))
    }
}

/// A budget a request may give: finite, from 0 to [`MAX_BUDGET`].
fn check_budget(budget: Option<f64>) -> Result<(), ApiError> {
    match budget {
        Some(b) if !(b.is_finite() && (0.0..=MAX_BUDGET).contains(&b)) => {
            Err(ApiError::bad_request(Message::new("err-analytics-budget")))
        }
        _ => Ok(()),
    }
}
