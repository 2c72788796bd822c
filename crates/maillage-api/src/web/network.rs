//! The network page: the organisation network (partnerships, sub-organisations, shared
//! projects) drawn as SVG with a deterministic layout — communities on a circle, members
//! around their community's centre — brokers highlighted and clusters coloured.

use std::collections::BTreeMap;

use axum::response::Response;
use maillage_i18n::Arg;
use maud::{Markup, html};

use super::svg::{PALETTE, extent, r1};
use super::terms::term;
use super::{Ctx, Section, badge, iri_href};
use crate::error::ApiError;
use crate::rest::network::{NetworkNode, NetworkOut, network_out};

const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

pub(crate) async fn page(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.snapshot.clone();
    let net = network_out(&snapshot.graph, ctx.locale);
    let title = ctx.t("web-network-title");
    let body = html! {
        h1 { (title) }
        p.lead {
            (ctx.t("web-network-lead"))
        }
        p { a href=(ctx.api_href("/api/v1/export/ecosystem.graphml", &[])) { (ctx.t("web-network-graphml")) } }
        @if !net.nodes.is_empty() {
            a.skip-inline #network-skip href="#network-after" { (ctx.t("web-network-skip")) }
        }
        figure.network-figure { (picture(&ctx, &net)) }
        div.columns.wide #network-after tabindex="-1" {
            section aria-labelledby="brokers-h" {
                h2 #brokers-h { (ctx.t("web-network-brokers")) }
                @if net.brokers.is_empty() {
                    p { (ctx.t("web-network-no-broker")) }
                } @else {
                    table.compact #brokers {
                        thead { tr {
                            th scope="col" { (ctx.t("web-organisation")) }
                            th.num scope="col" { (term(&ctx.t("web-network-betweenness"), &ctx.t("web-term-betweenness-text"))) }
                            th scope="col" { (term(&ctx.t("web-network-articulation"), &ctx.t("web-term-articulation-text"))) }
                        } }
                        tbody {
                            @for b in &net.brokers {
                                tr {
                                    th scope="row" { a href=(iri_href(&ctx, &b.org.iri)) { (b.org.label) } }
                                    // A share of the shortest paths, in percent with one decimal.
                                    td.num { (ctx.t_args("number-percent", &[("value", Arg::from(ctx.dec(b.betweenness * 100.0, 1)))])) }
                                    td { @if b.articulation_point { (badge("ko", &ctx.t("web-network-articulation-yes"))) } @else { (ctx.t("web-network-articulation-no")) } }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="communities-h" {
                h2 #communities-h { (ctx.t("web-network-communities")) }
                ol.communities {
                    @for (i, c) in net.communities.iter().enumerate() {
                        li {
                            span.swatch style={ "background:" (PALETTE[i % PALETTE.len()]) } aria-hidden="true" {}
                            strong { (ctx.t_args("web-count-organisations", &[("count", Arg::from(c.len()))])) } " — "
                            @for (j, m) in c.iter().take(6).enumerate() {
                                @if j > 0 { ", " }
                                a href=(iri_href(&ctx, &m.iri)) { (m.label) }
                            }
                            @if c.len() > 6 { ", …" }
                        }
                    }
                }
                details {
                    summary { (ctx.t_args("web-network-isolated", &[("count", Arg::from(net.isolated.len()))])) }
                    ul.columns-list {
                        @for m in &net.isolated { li { a href=(iri_href(&ctx, &m.iri)) { (m.label) } } }
                    }
                }
            }
        }
    };
    Ok(ctx.page(Section::Network, &title, body))
}

/// Positions of the connected nodes: communities, largest first, packed left to right in rows
/// (each in a square cell sized by its membership); members on a sunflower spiral around their
/// community's centre, brokers (highest betweenness) in the middle. Deterministic.
type Centres = BTreeMap<usize, (f64, f64, f64)>;

fn layout_nodes(net: &NetworkOut) -> (BTreeMap<&str, (f64, f64)>, Centres) {
    // Narrow enough that the picture stays readable on a tablet (it scales to the page width).
    const ROW_WIDTH: f64 = 640.0;
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
        return html! { p { (ctx.t("web-network-no-link")) } };
    }
    let margin = 40.0;
    let (min_x, max_x) = extent(positions.values().map(|p| p.0));
    let (min_y, max_y) = extent(positions.values().map(|p| p.1));
    // Room on the right for the names of the brokers.
    let (min_x, max_x) = (min_x - margin, max_x + margin + 150.0);
    let (min_y, max_y) = (min_y - margin, max_y + margin);
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
            title #network-title { (ctx.t("web-network-picture-title")) }
            g.edges {
                @for e in &net.edges {
                    @if let (Some(a), Some(b)) = (positions.get(e.source.as_str()), positions.get(e.target.as_str())) {
                        line class={ "edge " (e.kind.slug()) } x1=(r1(a.0)) y1=(r1(a.1)) x2=(r1(b.0)) y2=(r1(b.1)) {}
                    }
                }
            }
            @for (i, n) in nodes.iter().enumerate() {
                @let (x, y) = positions[n.iri.as_str()];
                @let colour = PALETTE[n.community.unwrap_or(0) % PALETTE.len()];
                // One tab stop for the whole picture: app.js moves between the nodes with the
                // arrow keys (a roving tabindex); the skip link above jumps past it.
                a.node-link href=(iri_href(ctx, &n.iri)) tabindex=(if i == 0 { "0" } else { "-1" }) {
                    circle class=(if n.broker { "node broker" } else { "node" }) cx=(r1(x)) cy=(r1(y)) r=(if n.broker { "7" } else { "4" }) fill=(colour) {
                        title {
                            (n.label)
                            @if n.broker { " — " (ctx.t("web-network-broker")) }
                            @if let Some(c) = n.community { " — " (ctx.t_args("web-network-community", &[("number", Arg::from(c + 1))])) }
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
            (ctx.t_args("web-network-caption", &[
                ("nodes", Arg::from(positions.len())),
                ("edges", Arg::from(net.edges.len())),
                ("communities", Arg::from(net.communities.len())),
            ]))
            " " (ctx.t("web-hover-dot"))
        }
    }
}
