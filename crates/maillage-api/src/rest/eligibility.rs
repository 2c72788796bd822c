//! `/eligibility`: the verdict of every eligibility rule for a pair or a project.

use axum::Json;
use maillage_graph::{Eligibility, Reason};
use maillage_i18n::Locale;
use maillage_model::Ecosystem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::organisations::resolve;
use super::wire::LangCode;
use super::{Problem, Read};
use crate::error::{ApiError, ApiQuery, Message};
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

read_route! {
    /// Eligibility of a supplier–adopter pair or of a project for the ZEM envelope.
    get "/eligibility", tag = "analytics", params(EligibilityQuery),
    ok(description = "Verdict per rule", body = EligibilityOut),
    also(
        (status = 400, description = "Give supplier and adopter, or project", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown organisation or project", body = Problem, content_type = "application/problem+json")
    );
    fn eligibility(
        ApiQuery(query): ApiQuery<EligibilityQuery>,
        read: Read,
    ) -> Result<Json<EligibilityOut>, ApiError> {
        let eco = &read.snapshot.eco;
        let verdict = verdict(eco, &query)?;
        Ok(Json(EligibilityOut {
            eligible: verdict.eligible,
            rules: rules_out(eco, &verdict, read.locale),
        }))
    }
}

/// The verdict a query asks for: of a pair (`supplier` and `adopter`) or of a `project`.
fn verdict(eco: &Ecosystem, query: &EligibilityQuery) -> Result<Eligibility, ApiError> {
    Ok(match (&query.supplier, &query.adopter, &query.project) {
        (Some(s), Some(a), None) => {
            maillage_graph::check_pair(eco, &resolve(s, "org"), &resolve(a, "org"))?
        }
        (None, None, Some(p)) => maillage_graph::check_project(eco, &resolve(p, "project"))?,
        _ => {
            return Err(ApiError::bad_request(Message::new(
                "err-analytics-eligibility-params",
            )));
        }
    })
}
