//! `/network` and `/path`: brokers, communities and isolated organisations of the organisation
//! network, and explained shortest paths between any two entities.

use std::collections::BTreeMap;

use axum::Json;
use maillage_graph::{EcosystemGraph, EdgeKind, GraphError, OrgLink};
use maillage_i18n::Locale;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::organisations::resolve;
use super::wire::{LangCode, LangQuery, Ref};
use super::{Problem, Read};
use crate::error::{ApiError, ApiQuery};
use crate::words;

/// Brokers listed in a network answer.
const BROKERS: usize = 25;

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

wire_mirror! {
    /// The kind of a link of the organisation network.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    pub enum LinkKind mirrors OrgLink {
        /// `mo:collaboratesWith`.
        #[serde(rename = "partner")]
        Partner,
        /// Supplier and adopter of the same project.
        #[serde(rename = "project")]
        Project = SharedProject,
        /// `org:subOrganizationOf` (source → parent).
        #[serde(rename = "sub-organisation")]
        SubOrganisation = SubOrganization,
    }
}

impl LinkKind {
    /// The name in JSON, GraphML and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            LinkKind::Partner => "partner",
            LinkKind::Project => "project",
            LinkKind::SubOrganisation => "sub-organisation",
        }
    }
}

/// A link of the organisation network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    /// `partner`, `sub-organisation` or `project`.
    pub kind: LinkKind,
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

/// The network report of a graph with its labels in `locale`.
pub fn network_out(graph: &EcosystemGraph, locale: Locale) -> NetworkOut {
    let eco = graph.ecosystem();
    let lang = locale.lang();
    let report = graph.network_report(BROKERS);
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
        edges: graph
            .org_edges()
            .map(|e| NetworkEdge {
                source: e.source.to_owned(),
                target: e.target.to_owned(),
                kind: e.link.into(),
            })
            .collect(),
    }
}

read_route! {
    /// Brokers (betweenness, articulation points), communities and isolated organisations.
    get "/network", tag = "analytics", params(LangQuery),
    ok(description = "The organisation network", body = NetworkOut);
    fn network(read: Read) -> Json<NetworkOut> {
        Json(network_out(&read.snapshot.graph, read.locale))
    }
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

wire_mirror! {
    /// The kind of an edge of the ecosystem graph, named as the graph crate names it.
    #[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
    pub enum EdgeName mirrors EdgeKind {
        Offers,
        Needs,
        Researches,
        Trains,
        Broader,
        InSector,
        LocatedIn,
        SubOrganizationOf,
        Partner,
        SupplierOf,
        AdopterOf,
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PathStepOut {
    pub from: Ref,
    pub to: Ref,
    /// The kind of link (e.g. `Offers`, `Broader`, `LocatedIn`, `Partner`).
    pub edge: EdgeName,
    /// "from VERB to" in the requested language.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PathOut {
    pub found: bool,
    pub nodes: Vec<Ref>,
    pub steps: Vec<PathStepOut>,
}

/// The shortest path from `from` to `to` (organisation ids or any IRIs) in words, in `locale`.
pub fn path_out(
    graph: &EcosystemGraph,
    from: &str,
    to: &str,
    locale: Locale,
) -> Result<PathOut, GraphError> {
    let eco = graph.ecosystem();
    let lang = locale.lang();
    let found = graph.shortest_path(&resolve(from, "org"), &resolve(to, "org"))?;
    Ok(match found {
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
                    edge: s.edge.into(),
                    text: words::path_step(eco, s, locale),
                })
                .collect(),
        },
    })
}

read_route! {
    /// The shortest explained path between two organisations (or any two entities).
    get "/path", tag = "analytics", params(PathQuery),
    ok(description = "The path, or found=false", body = PathOut),
    also((status = 404, description = "Unknown start or end", body = Problem, content_type = "application/problem+json"));
    fn path(ApiQuery(query): ApiQuery<PathQuery>, read: Read) -> Result<Json<PathOut>, ApiError> {
        let graph = &read.snapshot.graph;
        Ok(Json(path_out(graph, &query.from, &query.to, read.locale)?))
    }
}
