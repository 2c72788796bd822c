//! The network page: the organisation network (partnerships, sub-organisations, shared
//! projects) drawn as SVG with a deterministic layout — communities on a circle, members
//! around their community's centre — brokers highlighted and clusters coloured.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{Markup, html};

use super::svg::{PALETTE, r1};
use super::{Ctx, Section, badge, iri_href, layout, respond};
use crate::AppState;
use crate::error::ApiError;
use crate::rest::analytics::{NetworkNode, NetworkOut, network_out};

const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

pub(crate) async fn page(
    State(state): State<AppState>,
    raw: RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new("/reseau", &raw, &headers)?;
    let snapshot = state.snapshot.get();
    let net = network_out(&snapshot.graph, ctx.lang);
    let title = ctx.t("Réseau de l'écosystème", "Ecosystem network");
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t(
                "Liens entre organisations : partenariats, sous-organisations et projets communs. Les couleurs distinguent les communautés (groupes très liés entre eux) ; les points cerclés de noir sont les courtiers, qui relient des groupes autrement séparés.",
                "Links between organisations: partnerships, sub-organisations and shared projects. Colours tell communities (tightly linked groups) apart; dots ringed in black are brokers, who connect otherwise separate groups.",
            ))
        }
        p { a href={ "/api/v1/export/ecosystem.graphml?lang=" (ctx.lang.code()) } { (ctx.t("Télécharger le réseau (GraphML, pour Gephi ou yEd)", "Download the network (GraphML, for Gephi or yEd)")) } }
        figure.network-figure { (picture(&ctx, &net)) }
        div.columns {
            section aria-labelledby="brokers-h" {
                h2 #brokers-h { (ctx.t("Courtiers", "Brokers")) }
                @if net.brokers.is_empty() {
                    p { (ctx.t("Aucun courtier.", "No broker.")) }
                } @else {
                    table.compact #brokers {
                        thead { tr {
                            th scope="col" { (ctx.t("Organisation", "Organisation")) }
                            th.num scope="col" { (ctx.t("Intermédiarité", "Betweenness")) }
                            th scope="col" { (ctx.t("Point d'articulation", "Articulation point")) }
                        } }
                        tbody {
                            @for b in &net.brokers {
                                tr {
                                    th scope="row" { a href=(iri_href(&ctx, &b.org.iri)) { (b.org.label) } }
                                    td.num { (ctx.dec(b.betweenness, 3)) }
                                    td { @if b.articulation_point { (badge("ko", ctx.t("oui — sa disparition coupe le réseau", "yes — removing it splits the network"))) } @else { (ctx.t("non", "no")) } }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="communities-h" {
                h2 #communities-h { (ctx.t("Communautés", "Communities")) }
                ol.communities {
                    @for (i, c) in net.communities.iter().enumerate() {
                        li {
                            span.swatch style={ "background:" (PALETTE[i % PALETTE.len()]) } aria-hidden="true" {}
                            strong { (c.len()) " " (ctx.t("organisations", "organisations")) } " — "
                            @for (j, m) in c.iter().take(6).enumerate() {
                                @if j > 0 { ", " }
                                a href=(iri_href(&ctx, &m.iri)) { (m.label) }
                            }
                            @if c.len() > 6 { ", …" }
                        }
                    }
                }
                details {
                    summary { (net.isolated.len()) " " (ctx.t("organisations isolées (aucun lien connu)", "isolated organisations (no known link)")) }
                    ul.columns-list {
                        @for m in &net.isolated { li { a href=(iri_href(&ctx, &m.iri)) { (m.label) } } }
                    }
                }
            }
        }
    };
    Ok(respond(layout(&ctx, Section::Network, title, body)))
}

/// Positions of the connected nodes: communities, largest first, packed left to right in rows
/// (each in a square cell sized by its membership); members on a sunflower spiral around their
/// community's centre, brokers (highest betweenness) in the middle. Deterministic.
type Centres = BTreeMap<usize, (f64, f64, f64)>;

fn layout_nodes(net: &NetworkOut) -> (BTreeMap<&str, (f64, f64)>, Centres) {
    const ROW_WIDTH: f64 = 1100.0;
    const GAP: f64 = 26.0;
    let mut members: BTreeMap<usize, Vec<&NetworkNode>> = BTreeMap::new();
    for n in &net.nodes {
        if let Some(c) = n.community {
            members.entry(c).or_default().push(n);
        }
    }
    for list in members.values_mut() {
        list.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then_with(|| a.iri.cmp(&b.iri))
        });
    }
    let mut order: Vec<(&usize, &Vec<&NetworkNode>)> = members.iter().collect();
    order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
    let radius = |size: usize| 8.0 + 11.0 * (size as f64).sqrt();
    let mut positions = BTreeMap::new();
    let mut centres = Centres::new();
    let (mut x, mut y, mut row_height) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (community, list) in order {
        let r = radius(list.len());
        let cell = 2.0 * r + GAP;
        if x > 0.0 && x + cell > ROW_WIDTH {
            x = 0.0;
            y += row_height;
            row_height = 0.0;
        }
        let (cx, cy) = (x + cell / 2.0, y + cell / 2.0);
        centres.insert(*community, (cx, cy, r));
        x += cell;
        row_height = row_height.max(cell);
        for (j, n) in list.iter().enumerate() {
            let rho = if list.len() == 1 {
                0.0
            } else {
                r * ((j as f64 + 0.3) / list.len() as f64).sqrt()
            };
            let theta = j as f64 * GOLDEN_ANGLE;
            positions.insert(
                n.iri.as_str(),
                (cx + rho * theta.cos(), cy + rho * theta.sin()),
            );
        }
    }
    (positions, centres)
}

fn picture(ctx: &Ctx, net: &NetworkOut) -> Markup {
    let (positions, centres) = layout_nodes(net);
    if positions.is_empty() {
        return html! { p { (ctx.t("Aucun lien connu entre organisations.", "No known link between organisations.")) } };
    }
    let margin = 40.0;
    let min_x = positions
        .values()
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min)
        - margin;
    let max_x = positions
        .values()
        .map(|p| p.0)
        .fold(f64::NEG_INFINITY, f64::max)
        + margin
        + 150.0;
    let min_y = positions
        .values()
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min)
        - margin;
    let max_y = positions
        .values()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max)
        + margin;
    // The strongest broker of each community is named (at most ten names).
    let mut named_communities = std::collections::BTreeSet::new();
    let labelled: Vec<&str> = net
        .brokers
        .iter()
        .filter_map(|b| {
            let node = net.nodes.iter().find(|n| n.iri == b.org.iri)?;
            let size = node
                .community
                .and_then(|c| net.communities.get(c))
                .map_or(0, Vec::len);
            (size >= 8 && named_communities.insert(node.community)).then_some(b.org.iri.as_str())
        })
        .take(10)
        .collect();
    let mut nodes: Vec<&NetworkNode> = net
        .nodes
        .iter()
        .filter(|n| positions.contains_key(n.iri.as_str()))
        .collect();
    // Brokers last, so that they are drawn on top.
    nodes.sort_by_key(|n| n.broker);
    html! {
        svg.network #network viewBox={ (r1(min_x)) " " (r1(min_y)) " " (r1(max_x - min_x)) " " (r1(max_y - min_y)) } role="group" aria-labelledby="network-title" {
            title #network-title { (ctx.t("Réseau des organisations par communauté", "Network of the organisations by community")) }
            g.edges {
                @for e in &net.edges {
                    @if let (Some(a), Some(b)) = (positions.get(e.source.as_str()), positions.get(e.target.as_str())) {
                        line class={ "edge " (e.kind) } x1=(r1(a.0)) y1=(r1(a.1)) x2=(r1(b.0)) y2=(r1(b.1)) {}
                    }
                }
            }
            @for n in &nodes {
                @let (x, y) = positions[n.iri.as_str()];
                @let colour = PALETTE[n.community.unwrap_or(0) % PALETTE.len()];
                a href=(iri_href(ctx, &n.iri)) {
                    circle class=(if n.broker { "node broker" } else { "node" }) cx=(r1(x)) cy=(r1(y)) r=(if n.broker { "7" } else { "4" }) fill=(colour) {
                        title {
                            (n.label)
                            @if n.broker { " — " (ctx.t("courtier", "broker")) }
                            @if let Some(c) = n.community { " — " (ctx.t("communauté ", "community ")) (c + 1) }
                        }
                    }
                }
            }
            @for (c, (cx, cy, r)) in &centres {
                text.community-number x=(r1(*cx)) y=(r1(cy - r - 2.0)) text-anchor="middle" { (c + 1) }
            }
            @for iri in &labelled {
                @if let (Some((x, y)), Some(n)) = (positions.get(iri), net.nodes.iter().find(|n| n.iri == *iri)) {
                    text.node-label x=(r1(x + 9.0)) y=(r1(y + 4.0)) { (n.label) }
                }
            }
        }
        figcaption {
            (positions.len()) (ctx.t(" organisations reliées, ", " linked organisations, "))
            (net.edges.len()) (ctx.t(" liens, ", " links, "))
            (net.communities.len()) (ctx.t(" communautés (numérotées comme dans la liste ci-dessous). Survolez un point pour son nom ; cliquez pour son profil.", " communities (numbered as in the list below). Hover a dot for its name; click for its profile."))
        }
    }
}
