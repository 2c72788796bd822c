//! `/organisations/{id}/matches`: the best partners of an organisation, scored and explained.

use std::collections::BTreeMap;

use axum::Json;
use maillage_graph::{Band, Component, Evidence, Match, NeedsSource as GraphNeedsSource, Options};
use maillage_i18n::Locale;
use maillage_model::{Ecosystem, vocab};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::eligibility::{RuleOut, rules_out};
use super::wire::{LangCode, NeedsSource};
use super::{NoOrganisation, Problem, Read};
use crate::error::{ApiError, ApiPath, ApiQuery, Message};
use crate::words;

/// Most matches one request may ask for.
pub const MAX_LIMIT: usize = 200;

wire_mirror! {
    /// What kind of fact or path an explanation is.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum EvidenceKind mirrors Evidence {
        /// No stated needs: the sector's typical needs are used, with a discount.
        SectorTypicalNeeds,
        /// No offered expertise covers the need.
        UncoveredNeed,
        /// An offer is exactly the need.
        ExactNeed,
        /// The offer is more general than the need (`steps` levels up).
        BroaderOffer,
        /// The offer is more specific than the need (`steps` levels down).
        NarrowerOffer,
        /// Offer and need share an ancestor that is not a taxonomy root.
        RelatedOffer,
        /// A past project of the supplier with an adopter of a close sector.
        PastProject,
        /// A shortest path in the organisation network (`steps` links).
        NetworkPath,
        /// Both organisations are in the ZEM.
        BothInZem,
        /// ZEM axes shared by the adopter's and the supplier's projects.
        SharedAxes,
        /// ZEM axes of the supplier's projects.
        SupplierAxes,
    }
}

wire_mirror! {
    /// A plain reading of a score (thresholds in `docs/matching.md`).
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum BandOut mirrors Band {
        /// Score ≥ 0.40.
        Strong,
        /// 0.25 ≤ score < 0.40.
        Possible,
        /// Score < 0.25.
        Weak,
    }
}

/// One fact or graph path behind a score component.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExplanationOut {
    /// `need_coverage`, `sector_experience`, `network_proximity` or `zem_axis_alignment`.
    pub component: String,
    /// The explanation in plain language (requested language).
    pub text: String,
    /// The IRIs the explanation rests on, in path order.
    pub iris: Vec<String>,
    /// What kind of fact or path it is.
    pub kind: EvidenceKind,
    /// Levels between offer and need in the taxonomy, or links of a network path.
    pub steps: Option<u32>,
}

impl ExplanationOut {
    pub fn new(eco: &Ecosystem, e: &Evidence, locale: Locale) -> Self {
        let steps = match e {
            Evidence::BroaderOffer { steps, .. } | Evidence::NarrowerOffer { steps, .. } => {
                Some(*steps)
            }
            Evidence::NetworkPath { links, .. } => u32::try_from(links.len()).ok(),
            _ => None,
        };
        ExplanationOut {
            component: e.component().name().to_owned(),
            text: words::evidence(eco, e, locale),
            iris: e.iris(),
            kind: e.into(),
            steps,
        }
    }
}

/// A ranked, explained supplier–adopter pair.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchOut {
    /// Supplier IRI.
    pub supplier: String,
    pub supplier_name: String,
    /// Adopter IRI.
    pub adopter: String,
    pub adopter_name: String,
    /// Weighted score in 0..1.
    pub score: f64,
    /// What the score means: `strong` (≥ 0.40), `possible` (≥ 0.25) or `weak`.
    pub band: BandOut,
    /// The band in the requested language.
    pub band_label: String,
    /// Position among the candidates ranked (1 for the best; equal scores share a position).
    pub rank: Option<usize>,
    /// How many candidates were ranked (with `eligible_only`, the eligible ones).
    pub candidates: Option<usize>,
    /// `true` when every eligibility rule passed, `false` when one failed, `null` when none
    /// failed but some lack a fact (see the rules' `missing`).
    pub eligible: Option<bool>,
    pub rules: Vec<RuleOut>,
    /// Named score components, each in 0..1.
    pub components: BTreeMap<String, f64>,
    /// The weight of each component, divided by the sum of the weights (they add up to 1).
    pub weights: BTreeMap<String, f64>,
    /// What each component brings to the score, weight × component; they add up to `score`.
    pub contributions: BTreeMap<String, f64>,
    pub explanation: Vec<ExplanationOut>,
    /// `explicit` (stated needs) or `sector-typical` (needs typical of the adopter's sector,
    /// its own being unknown).
    pub needs_source: NeedsSource,
}

/// A match in words, in `locale`.
pub fn match_out(eco: &Ecosystem, m: &Match, locale: Locale) -> MatchOut {
    let per_component = |f: &dyn Fn(Component) -> f64| -> BTreeMap<String, f64> {
        Component::ALL
            .iter()
            .map(|&c| (c.name().to_owned(), f(c)))
            .collect()
    };
    MatchOut {
        supplier: m.supplier.clone(),
        supplier_name: words::label(eco, &m.supplier, locale),
        adopter: m.adopter.clone(),
        adopter_name: words::label(eco, &m.adopter, locale),
        score: m.score,
        band: m.band.into(),
        band_label: words::name_of(locale, m.band),
        rank: m.rank.map(|r| r.position),
        candidates: m.rank.map(|r| r.of),
        eligible: m.eligibility.eligible,
        rules: rules_out(eco, &m.eligibility, locale),
        components: m
            .components
            .named()
            .iter()
            .map(|(k, v)| (k.name().to_owned(), *v))
            .collect(),
        weights: per_component(&|c| m.weights.get(c)),
        contributions: per_component(&|c| m.contribution(c)),
        explanation: m
            .explanation
            .iter()
            .map(|e| ExplanationOut::new(eco, e, locale))
            .collect(),
        needs_source: match m.needs_source {
            GraphNeedsSource::Explicit => NeedsSource::Explicit,
            GraphNeedsSource::SectorTypical => NeedsSource::SectorTypical,
        },
    }
}

/// Which side to rank for.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Suppliers for an adopter, adopters for a supplier (suppliers first when both).
    Auto,
    /// Best suppliers for this adopter.
    Suppliers,
    /// Best adopters for this supplier.
    Adopters,
}

impl From<Direction> for maillage_graph::Direction {
    fn from(d: Direction) -> Self {
        match d {
            Direction::Auto => maillage_graph::Direction::Auto,
            Direction::Suppliers => maillage_graph::Direction::Suppliers,
            Direction::Adopters => maillage_graph::Direction::Adopters,
        }
    }
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// What to rank (default `auto`).
    #[param(inline)]
    pub direction: Option<Direction>,
    /// How many (default 10).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
    /// Keep only pairs that no eligibility rule rules out (eligible, or undecided for lack of a
    /// fact).
    pub eligible_only: Option<bool>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// The options of a match request, its limit checked.
fn options(query: &MatchQuery) -> Result<Options, ApiError> {
    let limit = query.limit.unwrap_or(10);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(
            Message::new("err-analytics-limit").count("max", MAX_LIMIT),
        ));
    }
    Ok(Options {
        limit,
        eligible_only: query.eligible_only.unwrap_or(false),
        ..Options::default()
    })
}

read_route! {
    /// Best suppliers for an adopter, or best adopters for a supplier, explained.
    get "/organisations/{id}/matches", tag = "analytics",
    params(("id" = String, Path, description = "Last segment of the organisation's IRI"), MatchQuery),
    ok(description = "Best first", body = [MatchOut]),
    also(
        NoOrganisation,
        (status = 422, description = "The organisation is neither an adopter nor a supplier for this direction", body = Problem, content_type = "application/problem+json")
    );
    fn matches(
        ApiPath(id): ApiPath<String>,
        ApiQuery(query): ApiQuery<MatchQuery>,
        read: Read,
    ) -> Result<Json<Vec<MatchOut>>, ApiError> {
        let options = options(&query)?;
        let direction = query.direction.unwrap_or(Direction::Auto).into();
        let found = read.snapshot.graph.matches_for(&vocab::id("org", &id), direction, &options)?;
        let eco = &read.snapshot.eco;
        Ok(Json(found.iter().map(|m| match_out(eco, m, read.locale)).collect()))
    }
}
