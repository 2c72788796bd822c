//! `/eligibility`: the verdict of every eligibility rule for a pair or a project.

use axum::Json;
use maillage_graph::{Eligibility, Reason};
use maillage_i18n::Locale;
use maillage_model::Ecosystem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::organisations::resolve;
use super::wire::LangCode;
use super::{Problem, Snap};
use crate::error::{ApiError, ApiQuery, Message};
use crate::extract::Language;
use crate::words;

wire_mirror! {
    /// What a rule's verdict rests on.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum ReasonCode mirrors Reason {
        LocatedIn,
        NoMunicipality,
        OffersAi,
        OffersNoAi,
        Distinct,
        SameOrganisation,
        MissingParties,
        ParentSubsidiary,
        NoParentSubsidiary,
        AddressesAxis,
        NoAxis,
    }
}

/// One eligibility rule and its verdict.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleOut {
    /// `supplier-in-zem`, `adopter-in-zem`, `supplier-offers-ai`, `distinct-organisations`,
    /// `not-parent-subsidiary` or `project-addresses-axis`.
    pub rule: String,
    pub passed: bool,
    /// Why, in the requested language.
    pub reason: String,
    /// What the reason rests on.
    pub reason_code: ReasonCode,
}

/// The verdicts in words, in `locale`.
pub fn rules_out(eco: &Ecosystem, e: &Eligibility, locale: Locale) -> Vec<RuleOut> {
    e.rules
        .iter()
        .map(|r| RuleOut {
            rule: r.id.slug().to_owned(),
            passed: r.passed,
            reason: words::reason(eco, &r.reason, locale),
            reason_code: (&r.reason).into(),
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EligibilityQuery {
    /// Supplier id or IRI (with `adopter`).
    #[param(max_length = 500)]
    pub supplier: Option<String>,
    /// Adopter id or IRI (with `supplier`).
    #[param(max_length = 500)]
    pub adopter: Option<String>,
    /// Project id or IRI (instead of a pair; adds the ZEM-axis rule).
    #[param(max_length = 500)]
    pub project: Option<String>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// The verdict of every eligibility rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityOut {
    pub eligible: bool,
    pub rules: Vec<RuleOut>,
}

/// Eligibility of a supplier–adopter pair or of a project for the ZEM envelope.
#[utoipa::path(
    get,
    path = "/eligibility",
    tag = "analytics",
    params(EligibilityQuery),
    responses(
        (status = 200, description = "Verdict per rule", body = EligibilityOut),
        (status = 400, description = "Give supplier and adopter, or project", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown organisation or project", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn eligibility(
    Snap(snapshot): Snap,
    ApiQuery(query): ApiQuery<EligibilityQuery>,
    Language(locale): Language,
) -> Result<Json<EligibilityOut>, ApiError> {
    let eco = &snapshot.eco;
    let verdict = match (&query.supplier, &query.adopter, &query.project) {
        (Some(s), Some(a), None) => {
            maillage_graph::check_pair(eco, &resolve(s, "org"), &resolve(a, "org"))?
        }
        (None, None, Some(p)) => maillage_graph::check_project(eco, &resolve(p, "project"))?,
        _ => {
            return Err(ApiError::bad_request(Message::new(
                "err-analytics-eligibility-params",
            )));
        }
    };
    Ok(Json(EligibilityOut {
        eligible: verdict.eligible,
        rules: rules_out(eco, &verdict, locale),
    }))
}
