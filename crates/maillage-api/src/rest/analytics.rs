//! Analytics over HTTP: explained matches, eligibility, portfolio, gaps, network, paths, and
//! the ecosystem graph as GraphML. The wire types here are also the CLI's JSON contract
//! (`maillage match|gaps|portfolio|network`), so both speak the same language.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_graph::{
    Candidate, EcosystemGraph, GapOptions, GapRow, GraphError, Match, NeedsSource, Options,
    Portfolio, plan_portfolio,
};
use maillage_model::{Ecosystem, Lang, ProjectStatus, vocab};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::organisations::resolve;
use super::wire::{LangCode, Ref};
use super::{Problem, lang_of};
use crate::AppState;
use crate::error::{ApiError, ApiPath, ApiQuery};

impl From<GraphError> for ApiError {
    fn from(e: GraphError) -> Self {
        match e {
            GraphError::UnknownOrganization(_)
            | GraphError::UnknownProject(_)
            | GraphError::UnknownEnvelope(_)
            | GraphError::UnknownNode(_) => ApiError::not_found(e.to_string()),
            other => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Not applicable",
                other.to_string(),
            ),
        }
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
    /// Every eligibility rule passed.
    pub eligible: bool,
    pub rules: Vec<RuleOut>,
    /// Named score components, each in 0..1.
    pub components: BTreeMap<String, f64>,
    pub explanation: Vec<ExplanationOut>,
    /// `explicit` (stated needs) or `sector-typical` (needs typical of the adopter's sector,
    /// its own being unknown).
    pub needs_source: String,
}

fn rules(e: &maillage_graph::Eligibility, lang: Lang) -> Vec<RuleOut> {
    e.rules
        .iter()
        .map(|r| RuleOut {
            rule: r.rule.to_owned(),
            passed: r.passed,
            reason: r.reason.get(lang).to_owned(),
        })
        .collect()
}

pub fn match_out(eco: &Ecosystem, m: &Match, lang: Lang) -> MatchOut {
    MatchOut {
        supplier: m.supplier.clone(),
        supplier_name: eco.label_of(&m.supplier).get(lang).to_owned(),
        adopter: m.adopter.clone(),
        adopter_name: eco.label_of(&m.adopter).get(lang).to_owned(),
        score: m.score,
        eligible: m.eligibility.eligible,
        rules: rules(&m.eligibility, lang),
        components: m
            .components
            .named()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect(),
        explanation: m
            .explanation
            .iter()
            .map(|x| ExplanationOut {
                component: x.component.to_owned(),
                text: x.label.get(lang).to_owned(),
                iris: x.iris.clone(),
            })
            .collect(),
        needs_source: match m.needs_source {
            NeedsSource::Explicit => "explicit",
            NeedsSource::SectorTypical => "sector-typical",
        }
        .to_owned(),
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

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// What to rank (default `auto`).
    #[param(inline)]
    pub direction: Option<Direction>,
    /// How many (default 10).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
    /// Keep only pairs that pass every eligibility rule.
    pub eligible_only: Option<bool>,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// Ranks partners for an organisation (both directions) with scores, components, eligibility
/// and explanations. Shared by the REST route and the CLI.
pub fn ranked_matches(
    graph: &EcosystemGraph,
    org: &str,
    direction: Direction,
    limit: usize,
    eligible_only: bool,
) -> Result<Vec<Match>, GraphError> {
    let options = Options {
        limit,
        eligible_only,
        ..Options::default()
    };
    let eco = graph.ecosystem();
    let o = eco
        .organizations
        .get(org)
        .ok_or_else(|| GraphError::UnknownOrganization(org.to_owned()))?;
    match direction {
        Direction::Suppliers => graph.best_suppliers_for(org, &options),
        Direction::Adopters => graph.best_adopters_for(org, &options),
        Direction::Auto => {
            if eco.is_adopter(o) {
                graph.best_suppliers_for(org, &options)
            } else {
                graph.best_adopters_for(org, &options)
            }
        }
    }
}

/// Best suppliers for an adopter, or best adopters for a supplier, explained.
#[utoipa::path(
    get,
    path = "/organisations/{id}/matches",
    tag = "analytics",
    params(("id" = String, Path, description = "Last segment of the organisation's IRI"), MatchQuery),
    responses(
        (status = 200, description = "Best first", body = [MatchOut]),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No organisation has this id", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The organisation is neither an adopter nor a supplier for this direction", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn matches(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<MatchQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<MatchOut>>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let limit = query.limit.unwrap_or(10);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_request("limit must be between 1 and 200"));
    }
    let snapshot = state.snapshot.get();
    let iri = vocab::id("org", &id);
    let found = ranked_matches(
        &snapshot.graph,
        &iri,
        query.direction.unwrap_or(Direction::Auto),
        limit,
        query.eligible_only.unwrap_or(false),
    )?;
    Ok(Json(
        found
            .iter()
            .map(|m| match_out(&snapshot.eco, m, lang))
            .collect(),
    ))
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
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<EligibilityQuery>,
    headers: HeaderMap,
) -> Result<Json<EligibilityOut>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    let verdict = match (&query.supplier, &query.adopter, &query.project) {
        (Some(s), Some(a), None) => {
            maillage_graph::check_pair(&snapshot.eco, &resolve(s, "org"), &resolve(a, "org"))?
        }
        (None, None, Some(p)) => {
            maillage_graph::check_project(&snapshot.eco, &resolve(p, "project"))?
        }
        _ => {
            return Err(ApiError::bad_request(
                "give either supplier and adopter, or project",
            ));
        }
    };
    Ok(Json(EligibilityOut {
        eligible: verdict.eligible,
        rules: rules(&verdict, lang),
    }))
}

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
}

pub fn gap_out(eco: &Ecosystem, row: &GapRow, lang: Lang) -> GapOut {
    GapOut {
        concept: row.concept.clone(),
        label: row.label.get(lang).to_owned(),
        label_fr: row.label.fr().to_owned(),
        label_en: row.label.en().to_owned(),
        demand: row.demand,
        supply: row.supply,
        unmet: row.unmet,
        surplus: row.surplus,
        location_quotient: row.location_quotient,
        unmet_adopters: row.unmet_adopters.clone(),
        unmet_adopter_refs: Ref::list(eco, &row.unmet_adopters, lang),
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

fn gap_rows(
    state: &AppState,
    query: &GapQuery,
) -> Result<(Vec<GapRow>, std::sync::Arc<crate::Snapshot>), ApiError> {
    let threshold = query
        .threshold
        .unwrap_or(GapOptions::default().coverage_threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::bad_request("threshold must be between 0 and 1"));
    }
    let snapshot = state.snapshot.get();
    let rows = snapshot.graph.gap_report(&GapOptions {
        coverage_threshold: threshold,
    });
    Ok((rows, snapshot))
}

/// The committee's gap table: demand, supply, unmet demand and specialisation per expertise.
#[utoipa::path(
    get,
    path = "/gaps",
    tag = "analytics",
    params(GapQuery),
    responses(
        (status = 200, description = "One row per expertise concept, most unmet first", body = [GapOut]),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn gaps(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<GapQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<GapOut>>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let (rows, snapshot) = gap_rows(&state, &query)?;
    Ok(Json(
        rows.iter()
            .map(|r| gap_out(&snapshot.eco, r, lang))
            .collect(),
    ))
}

/// Writes the gap table as CSV (UTF-8 with BOM).
pub fn gaps_csv(eco: &Ecosystem, rows: &[GapRow], lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record([
            "concept",
            "label_fr",
            "label_en",
            "demand",
            "supply",
            "unmet",
            "surplus",
            "location_quotient",
            "unmet_adopters",
        ])?;
        for r in rows {
            let g = gap_out(eco, r, lang);
            w.write_record([
                g.concept,
                g.label_fr,
                g.label_en,
                format!("{:.2}", g.demand),
                format!("{:.2}", g.supply),
                format!("{:.2}", g.unmet),
                format!("{:.2}", g.surplus),
                g.location_quotient
                    .map(|q| format!("{q:.2}"))
                    .unwrap_or_default(),
                g.unmet_adopter_refs
                    .iter()
                    .map(|r| format!("{} <{}>", r.label, r.iri))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The gap table as CSV.
#[utoipa::path(
    get,
    path = "/export/gaps.csv",
    tag = "exports",
    params(GapQuery),
    responses(
        (status = 200, description = "CSV file (UTF-8 with BOM)", body = String, content_type = "text/csv"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn gaps_csv_route(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<GapQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let (rows, snapshot) = gap_rows(&state, &query)?;
    let body =
        gaps_csv(&snapshot.eco, &rows, lang).map_err(|e| ApiError::internal(e.to_string()))?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"maillage-lacunes-gaps.csv\""),
    );
    Ok(response)
}

/// A node of the organisation network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkNode {
    pub iri: String,
    pub label: String,
    pub kind: Option<String>,
    /// Index into `communities`, null for isolated organisations.
    pub community: Option<usize>,
    pub broker: bool,
    pub betweenness: f64,
    pub in_zem: bool,
}

/// A link of the organisation network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    /// `partner`, `sub-organisation` or `project`.
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BrokerOut {
    pub org: Ref,
    /// Normalised betweenness (0..1).
    pub betweenness: f64,
    /// Removing it disconnects part of the network.
    pub articulation_point: bool,
}

/// Brokers, communities, isolated organisations and the network to draw.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkOut {
    pub brokers: Vec<BrokerOut>,
    pub communities: Vec<Vec<Ref>>,
    pub isolated: Vec<Ref>,
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

/// The organisation network's links (partnership, sub-organisation, shared project).
pub fn network_edges(eco: &Ecosystem) -> Vec<NetworkEdge> {
    let mut edges: BTreeSet<(String, String, &'static str)> = BTreeSet::new();
    for o in eco.organizations.values() {
        for p in &o.parents {
            if eco.organizations.contains_key(p) {
                edges.insert((o.iri.clone(), p.clone(), "sub-organisation"));
            }
        }
        for p in &o.partners {
            if eco.organizations.contains_key(p) && o.iri < *p {
                edges.insert((o.iri.clone(), p.clone(), "partner"));
            }
        }
    }
    for p in eco.projects.values() {
        if let (Some(s), Some(a)) = (&p.supplier, &p.adopter)
            && eco.organizations.contains_key(s)
            && eco.organizations.contains_key(a)
        {
            edges.insert((s.clone(), a.clone(), "project"));
        }
    }
    edges
        .into_iter()
        .map(|(source, target, kind)| NetworkEdge {
            source,
            target,
            kind: kind.to_owned(),
        })
        .collect()
}

pub fn network_out(graph: &EcosystemGraph, lang: Lang) -> NetworkOut {
    let eco = graph.ecosystem();
    let report = graph.network_report(25);
    let mut community_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in report.communities.iter().enumerate() {
        for m in &c.members {
            community_of.insert(m, i);
        }
    }
    let betweenness: BTreeMap<&str, f64> = report
        .brokers
        .iter()
        .map(|b| (b.org.as_str(), b.betweenness))
        .collect();
    let nodes = eco
        .organizations
        .values()
        .map(|o| NetworkNode {
            iri: o.iri.clone(),
            label: o.label.get(lang).to_owned(),
            kind: o.kind.map(|k| k.slug().to_owned()),
            community: community_of.get(o.iri.as_str()).copied(),
            broker: betweenness.contains_key(o.iri.as_str()),
            betweenness: betweenness.get(o.iri.as_str()).copied().unwrap_or(0.0),
            in_zem: eco.in_zem(o),
        })
        .collect();
    NetworkOut {
        brokers: report
            .brokers
            .iter()
            .map(|b| BrokerOut {
                org: Ref::new(eco, &b.org, lang),
                betweenness: b.betweenness,
                articulation_point: b.articulation_point,
            })
            .collect(),
        communities: report
            .communities
            .iter()
            .map(|c| Ref::list(eco, &c.members, lang))
            .collect(),
        isolated: Ref::list(eco, &report.isolated, lang),
        nodes,
        edges: network_edges(eco),
    }
}

/// Brokers (betweenness, articulation points), communities and isolated organisations.
#[utoipa::path(
    get,
    path = "/network",
    tag = "analytics",
    params(super::wire::LangQuery),
    responses(
        (status = 200, description = "The organisation network", body = NetworkOut),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn network(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<super::wire::LangQuery>,
    headers: HeaderMap,
) -> Result<Json<NetworkOut>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    Ok(Json(network_out(&snapshot.graph, lang)))
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PathQuery {
    /// Start: an organisation id or any Maillage IRI.
    #[param(max_length = 500)]
    pub from: String,
    /// End: an organisation id or any Maillage IRI.
    #[param(max_length = 500)]
    pub to: String,
    #[param(inline)]
    pub lang: Option<LangCode>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PathStepOut {
    pub from: Ref,
    pub to: Ref,
    /// The kind of link (e.g. `Offers`, `Broader`, `LocatedIn`, `Partner`).
    pub edge: String,
    /// "from VERB to" in the requested language.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PathOut {
    pub found: bool,
    pub nodes: Vec<Ref>,
    pub steps: Vec<PathStepOut>,
}

/// The shortest explained path between two organisations (or any two entities).
#[utoipa::path(
    get,
    path = "/path",
    tag = "analytics",
    params(PathQuery),
    responses(
        (status = 200, description = "The path, or found=false", body = PathOut),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown start or end", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn path(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PathQuery>,
    headers: HeaderMap,
) -> Result<Json<PathOut>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    let eco = &snapshot.eco;
    let found = snapshot
        .graph
        .shortest_path(&resolve(&query.from, "org"), &resolve(&query.to, "org"))?;
    Ok(Json(match found {
        None => PathOut {
            found: false,
            nodes: Vec::new(),
            steps: Vec::new(),
        },
        Some(p) => PathOut {
            found: true,
            nodes: Ref::list(eco, &p.nodes, lang),
            steps: p
                .steps
                .iter()
                .map(|s| PathStepOut {
                    from: Ref::new(eco, &s.from, lang),
                    to: Ref::new(eco, &s.to, lang),
                    edge: format!("{:?}", s.edge),
                    text: s.label.get(lang).to_owned(),
                })
                .collect(),
        },
    }))
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

/// Chooses projects maximising the total match score within the budget, one per adopter and
/// within suppliers' capacity.
pub fn portfolio(
    graph: &EcosystemGraph,
    envelope: &str,
    budget: Option<f64>,
    lang: Lang,
) -> Result<PortfolioOut, GraphError> {
    let eco = graph.ecosystem();
    let env = eco
        .envelopes
        .get(envelope)
        .ok_or_else(|| GraphError::UnknownEnvelope(envelope.to_owned()))?;
    let balance = super::funding::balance(eco, env, lang);
    let budget = budget.unwrap_or(balance.remaining);
    let mut candidates = Vec::new();
    for p in eco.projects.values() {
        let open = matches!(
            p.status,
            Some(ProjectStatus::Proposed | ProjectStatus::Selected)
        );
        if !open || p.envelope.as_deref() != Some(envelope) {
            continue;
        }
        let (Some(s), Some(a)) = (&p.supplier, &p.adopter) else {
            continue;
        };
        let score = graph
            .match_pair(s, a, &maillage_graph::Weights::default())
            .map(|m| m.score)
            .unwrap_or(0.0);
        candidates.push(Candidate {
            id: p.iri.clone(),
            supplier: s.clone(),
            adopter: a.clone(),
            score,
            amount: p.amount.unwrap_or(0.0),
        });
    }
    let Portfolio {
        chosen,
        total_score,
        total_amount,
        budget,
        remaining_budget,
        rejected,
    } = plan_portfolio(eco, &candidates, budget);
    let out = |c: &Candidate, reason: Option<String>| CandidateOut {
        project: Ref::new(eco, &c.id, lang),
        supplier: Ref::new(eco, &c.supplier, lang),
        adopter: Ref::new(eco, &c.adopter, lang),
        score: c.score,
        amount: c.amount,
        illustrative: eco.projects.get(&c.id).is_some_and(|p| p.illustrative),
        reason,
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
            .map(|r| out(&r.candidate, Some(r.reason.label().get(lang).to_owned())))
            .collect(),
        method: match lang {
            Lang::Fr => "Affectation de Kuhn–Munkres (un projet par adoptant, capacité des fournisseurs), puis retrait heuristique des projets au plus faible score par dollar jusqu'à respecter le budget.",
            Lang::En => "Kuhn–Munkres assignment (one project per adopter, supplier capacity), then heuristic removal of the lowest score-per-dollar projects until the budget holds.",
        }
        .to_owned(),
    })
}

/// Portfolio selection for the envelope.
#[utoipa::path(
    get,
    path = "/portfolio",
    tag = "analytics",
    params(PortfolioQuery),
    responses(
        (status = 200, description = "Chosen and rejected candidates", body = PortfolioOut),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown envelope", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn portfolio_route(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PortfolioQuery>,
    headers: HeaderMap,
) -> Result<Json<PortfolioOut>, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    if let Some(b) = query.budget
        && !(b.is_finite() && (0.0..=1e12).contains(&b))
    {
        return Err(ApiError::bad_request(
            "budget must be between 0 and 10^12 CAD",
        ));
    }
    let envelope = query
        .envelope
        .as_deref()
        .map(|e| resolve(e, "envelope"))
        .unwrap_or_else(|| vocab::ZEM_ENVELOPE.to_owned());
    let snapshot = state.snapshot.get();
    Ok(Json(portfolio(
        &snapshot.graph,
        &envelope,
        query.budget,
        lang,
    )?))
}

/// Escapes text for XML attributes and content.
fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .fold(String::with_capacity(s.len()), |mut out, c| {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c => out.push(c),
            }
            out
        })
}

/// The organisation network as GraphML (opens in Gephi, yEd, Cytoscape).
pub fn graphml(graph: &EcosystemGraph, lang: Lang) -> String {
    let net = network_out(graph, lang);
    let mut x = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"in_zem\" for=\"node\" attr.name=\"in_zem\" attr.type=\"boolean\"/>\n",
        "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n",
        "  <key id=\"betweenness\" for=\"node\" attr.name=\"betweenness\" attr.type=\"double\"/>\n",
        "  <key id=\"link\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <graph id=\"maillage\" edgedefault=\"undirected\">\n"
    ));
    for n in &net.nodes {
        x.push_str(&format!(
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data><data key=\"in_zem\">{}</data><data key=\"community\">{}</data><data key=\"betweenness\">{}</data></node>\n",
            xml_escape(&n.iri),
            xml_escape(&n.label),
            xml_escape(n.kind.as_deref().unwrap_or("")),
            n.in_zem,
            n.community.map(|c| c as i64).unwrap_or(-1),
            n.betweenness
        ));
    }
    for (i, e) in net.edges.iter().enumerate() {
        x.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"link\">{}</data></edge>\n",
            xml_escape(&e.source),
            xml_escape(&e.target),
            xml_escape(&e.kind)
        ));
    }
    x.push_str("  </graph>\n</graphml>\n");
    x
}

/// The organisation network as GraphML.
#[utoipa::path(
    get,
    path = "/export/ecosystem.graphml",
    tag = "exports",
    params(super::wire::LangQuery),
    responses(
        (status = 200, description = "GraphML file", body = String, content_type = "application/graphml+xml"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn graphml_route(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<super::wire::LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = lang_of(query.lang.map(|l| l.code()), &headers)?;
    let snapshot = state.snapshot.get();
    let mut response = graphml(&snapshot.graph, lang).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/graphml+xml; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"maillage-ecosystem.graphml\""),
    );
    Ok(response)
}
