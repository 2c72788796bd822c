//! `/eligibility`: the verdict of every eligibility rule for a pair, a project, or a project
//! being drafted (the new-project form's live verdict).

use axum::Json;
use maillage_graph::{Eligibility, Fact, Reason};
use maillage_i18n::Locale;
use maillage_model::{Ecosystem, Project};
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
        ParentSubsidiary,
        NoParentSubsidiary,
        AddressesAxis,
        NoAxis,
        SmeTakesPart,
        NoSme,
        CostShareWithin,
        CostShareAbove,
        Missing,
        NoCheck,
    }
}

wire_mirror! {
    /// A fact a rule needs and the graph lacks.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum FactCode mirrors Fact {
        Headcount,
        TotalCost,
        AmountRequested,
        Party,
        Threshold,
    }
}

/// A fact the verdict needs and the graph lacks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MissingOut {
    pub fact: FactCode,
    /// The organisation it is about (a head count).
    pub org: Option<String>,
    /// The fact in the requested language ("head count of “Acme”").
    pub label: String,
}

/// One eligibility rule of the rule set and its verdict.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleOut {
    /// The rule's stable name (its notation in the rule set): `supplier-in-zem`,
    /// `adopter-in-zem`, `supplier-offers-ai`, `distinct-organisations`,
    /// `not-parent-subsidiary`, `project-addresses-axis`, `sme-participant`,
    /// `programme-cost-share`…
    pub rule: String,
    /// The rule's IRI in the rule set (`https://w3id.org/maillage/id/rule/…`).
    pub iri: String,
    /// Its name, from the rule set, in the requested language.
    pub name: String,
    /// What it requires, from the rule set, in the requested language.
    pub text: String,
    /// `true` passed, `false` failed, `null` unknown: a fact it needs is missing (`missing`).
    pub passed: Option<bool>,
    /// Why, in the requested language.
    pub reason: String,
    /// What the reason rests on.
    pub reason_code: ReasonCode,
    /// The facts the graph lacks, when `passed` is `null`.
    pub missing: Vec<MissingOut>,
    /// The address of the document that states the rule (the first of `sources`).
    pub source: Option<String>,
    /// Every document that states it.
    pub sources: Vec<String>,
}

/// The verdicts in words, in `locale`, with each rule's name, text and sources from the rule
/// set.
pub fn rules_out(eco: &Ecosystem, e: &Eligibility, locale: Locale) -> Vec<RuleOut> {
    let lang = locale.lang();
    e.rules
        .iter()
        .map(|r| {
            let data = eco.rule_set.rules.iter().find(|d| d.iri == r.rule);
            let missing = match &r.reason {
                Reason::Missing { facts } => facts
                    .iter()
                    .map(|f| MissingOut {
                        fact: f.into(),
                        org: match f {
                            Fact::Headcount { org } => Some(org.clone()),
                            _ => None,
                        },
                        label: words::fact(eco, f, locale),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let sources = data.map(|d| d.sources.clone()).unwrap_or_default();
            RuleOut {
                rule: data.map_or_else(
                    || r.id.map(|id| id.slug().to_owned()).unwrap_or_default(),
                    |d| d.notation.clone(),
                ),
                iri: r.rule.clone(),
                name: data.map_or_else(|| r.rule.clone(), |d| d.label.get(lang).to_owned()),
                text: data
                    .map(|d| d.text.get(lang).to_owned())
                    .unwrap_or_default(),
                passed: r.passed,
                reason: words::reason(eco, &r.reason, locale),
                reason_code: (&r.reason).into(),
                missing,
                source: sources.first().cloned(),
                sources,
            }
        })
        .collect()
}

/// A verdict in words.
pub fn eligibility_out(eco: &Ecosystem, e: &Eligibility, locale: Locale) -> EligibilityOut {
    EligibilityOut {
        eligible: e.eligible,
        rules: rules_out(eco, e, locale),
        rule_set_version: eco.rule_set.version.clone(),
    }
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
    /// Project id or IRI (instead of a pair; adds the project rules).
    #[param(max_length = 500)]
    pub project: Option<String>,
    /// A project being drafted: its ZEM axes (slugs or IRIs, comma-separated). With `axes`,
    /// `amount_requested` or `total_cost`, every rule is checked for the draft (supplier and
    /// adopter then optional).
    #[param(max_length = 2000)]
    pub axes: Option<String>,
    /// A project being drafted: the amount it would ask (CAD).
    #[param(minimum = 0.0, maximum = 1000000000000.0)]
    pub amount_requested: Option<f64>,
    /// A project being drafted: its total cost (CAD).
    #[param(minimum = 0.0, maximum = 1000000000000.0)]
    pub total_cost: Option<f64>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// The verdict of every eligibility rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityOut {
    /// `true` when every rule passed, `false` when one failed, `null` when none failed but
    /// some could not be decided for lack of a fact (see each rule's `missing`).
    pub eligible: Option<bool>,
    pub rules: Vec<RuleOut>,
    /// The version of the rule set (`owl:versionInfo`).
    pub rule_set_version: Option<String>,
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
        Ok(Json(eligibility_out(eco, &verdict, read.locale)))
    }
}

/// The verdict a query asks for: of a draft (project fields given), of a pair (`supplier` and
/// `adopter`) or of a `project`.
fn verdict(eco: &Ecosystem, query: &EligibilityQuery) -> Result<Eligibility, ApiError> {
    let draft =
        query.axes.is_some() || query.amount_requested.is_some() || query.total_cost.is_some();
    if draft && query.project.is_none() {
        return Ok(maillage_graph::check_candidate(
            eco,
            &draft_project(eco, query)?,
        ));
    }
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

/// The project a draft query describes; a supplier or adopter it names must exist (404).
fn draft_project(eco: &Ecosystem, query: &EligibilityQuery) -> Result<Project, ApiError> {
    let party = |value: &Option<String>| -> Result<Option<String>, ApiError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => {
                let iri = resolve(v, "org");
                if eco.organizations.contains_key(&iri) {
                    Ok(Some(iri))
                } else {
                    Err(maillage_graph::GraphError::UnknownOrganization(iri).into())
                }
            }
        }
    };
    if query
        .axes
        .as_deref()
        .is_some_and(|a| a.chars().count() > 2000)
    {
        return Err(ApiError::bad_request(
            Message::new("err-field-too-long")
                .arg("field", "axes")
                .count("max", 2000),
        )
        .parameter("axes"));
    }
    for amount in [query.amount_requested, query.total_cost]
        .into_iter()
        .flatten()
    {
        if !(amount.is_finite() && (0.0..=1e12).contains(&amount)) {
            return Err(ApiError::bad_request(Message::new("err-amount-range")));
        }
    }
    Ok(Project {
        iri: maillage_model::vocab::id("project", "draft"),
        supplier: party(&query.supplier)?,
        adopter: party(&query.adopter)?,
        axes: query
            .axes
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| resolve(a, "axis"))
            .collect(),
        amount_requested: query.amount_requested,
        total_cost: query.total_cost,
        ..Project::default()
    })
}
