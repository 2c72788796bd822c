//! Inline SVG drawn on the server: the map of the region and the colours shared by the charts.

use maillage_model::{Ecosystem, OrgKind};
use maud::{Markup, html};

use super::{Ctx, kind_label, slug};

/// Colours of the organisation kinds (distinct, readable on white).
pub(crate) fn kind_colour(kind: Option<OrgKind>) -> &'static str {
    match kind {
        Some(OrgKind::Company) => "#1f6fb2",
        Some(OrgKind::ResearchCentre) => "#c0392b",
        Some(OrgKind::University) => "#7d3c98",
        Some(OrgKind::College) => "#b9770e",
        Some(OrgKind::PublicBody) => "#148f77",
        Some(OrgKind::DevelopmentAgency) => "#5d6d7e",
        Some(OrgKind::InnovationCluster) => "#d35400",
        Some(OrgKind::Committee) => "#2e4053",
        None => "#808b96",
    }
}

/// Colours of communities in the network picture (cycled).
pub(crate) const PALETTE: [&str; 10] = [
    "#1f6fb2", "#c0392b", "#148f77", "#7d3c98", "#b9770e", "#d35400", "#2e86c1", "#6c3483",
    "#117a65", "#935116",
];

const MAP_WIDTH: f64 = 720.0;
/// Radius of an organisation's dot and spacing of the dots of a cluster (SVG units).
const DOT_R: f64 = 3.6;
const SPACING: f64 = 3.9;

/// Rounds to one decimal for compact SVG.
pub(crate) fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The smallest and the largest of some numbers (infinities when there are none).
pub(crate) fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// The map of the ZEM: its municipalities as small grey dots (the largest named), and the
/// organisations located inside its bounding box as dots coloured by kind, each a link to its
/// profile with a `<title>` tooltip. Equirectangular projection corrected for latitude.
pub(crate) fn zem_map(ctx: &Ctx, eco: &Ecosystem) -> (Markup, usize, usize) {
    let zem: Vec<_> = eco
        .municipalities
        .values()
        .filter(|m| m.in_zem)
        .filter_map(|m| Some((m, m.lat?, m.long?)))
        .collect();
    if zem.is_empty() {
        return (html! {}, 0, 0);
    }
    let (min_lat, max_lat) = extent(zem.iter().map(|z| z.1));
    let (min_lon, max_lon) = extent(zem.iter().map(|z| z.2));
    let pad_lat = (max_lat - min_lat).max(0.01) * 0.06;
    let pad_lon = (max_lon - min_lon).max(0.01) * 0.06;
    let (min_lat, max_lat) = (min_lat - pad_lat, max_lat + pad_lat);
    let (min_lon, max_lon) = (min_lon - pad_lon, max_lon + pad_lon);
    let k_lon = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let scale = MAP_WIDTH / ((max_lon - min_lon) * k_lon);
    let height = ((max_lat - min_lat) * scale).round().clamp(200.0, 900.0);
    let project = |lat: f64, lon: f64| ((lon - min_lon) * k_lon * scale, (max_lat - lat) * scale);
    let inside = |lat: f64, lon: f64| {
        (min_lat..=max_lat).contains(&lat) && (min_lon..=max_lon).contains(&lon)
    };

    // Organisations sharing a point (usually their municipality's centre) form a cluster: a
    // sunflower spiral around the point, in IRI order. Overlapping clusters are pushed apart a
    // little (big ones move less) so that every dot stays visible. Deterministic.
    let mut clusters: std::collections::BTreeMap<
        (i64, i64),
        (f64, f64, Vec<&maillage_model::Organization>),
    > = Default::default();
    let mut outside = 0;
    for o in eco.organizations.values() {
        let Some((lat, lon)) = eco.coordinates(o) else {
            continue;
        };
        if !inside(lat, lon) {
            outside += 1;
            continue;
        }
        let (x, y) = project(lat, lon);
        clusters
            .entry(((x * 2.0) as i64, (y * 2.0) as i64))
            .or_insert_with(|| (x, y, Vec::new()))
            .2
            .push(o);
    }
    let mut clusters: Vec<(f64, f64, Vec<&maillage_model::Organization>)> =
        clusters.into_values().collect();
    let spread = |n: usize| SPACING * (n as f64).sqrt();
    for _ in 0..60 {
        let mut moved = false;
        for i in 0..clusters.len() {
            for j in (i + 1)..clusters.len() {
                let (ri, rj) = (spread(clusters[i].2.len()), spread(clusters[j].2.len()));
                let (dx, dy) = (clusters[j].0 - clusters[i].0, clusters[j].1 - clusters[i].1);
                let dist = (dx * dx + dy * dy).sqrt().max(0.01);
                let overlap = ri + rj + DOT_R * 2.0 - dist;
                if overlap > 0.0 {
                    let (ni, nj) = (clusters[i].2.len() as f64, clusters[j].2.len() as f64);
                    let (wi, wj) = (nj / (ni + nj), ni / (ni + nj));
                    let (ux, uy) = if dist > 0.01 {
                        (dx / dist, dy / dist)
                    } else {
                        (1.0, 0.0)
                    };
                    clusters[i].0 -= ux * overlap * wi * 0.5;
                    clusters[i].1 -= uy * overlap * wi * 0.5;
                    clusters[j].0 += ux * overlap * wj * 0.5;
                    clusters[j].1 += uy * overlap * wj * 0.5;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut dots = Vec::new();
    for (cx, cy, orgs) in &clusters {
        for (i, o) in orgs.iter().enumerate() {
            let (dx, dy) = if orgs.len() == 1 {
                (0.0, 0.0)
            } else {
                let angle = i as f64 * 2.399_963; // golden angle
                let radius = SPACING * (i as f64 + 0.5).sqrt();
                (radius * angle.cos(), radius * angle.sin())
            };
            dots.push((*o, cx + dx, cy + dy));
        }
    }
    // Municipalities named on the map (once each, above their largest cluster): the large
    // ones and those with several organisations.
    let mut best: std::collections::BTreeMap<&str, (usize, f64, f64, usize)> = Default::default();
    for (cx, cy, orgs) in &clusters {
        for o in orgs.iter() {
            let Some(m) = o.municipality.as_deref() else {
                continue;
            };
            let here = orgs
                .iter()
                .filter(|x| x.municipality.as_deref() == Some(m))
                .count();
            let entry = best.entry(m).or_insert((0, *cx, *cy, 0));
            entry.3 += 1;
            if here > entry.0 {
                *entry = (here, *cx, *cy - spread(orgs.len()) - DOT_R - 5.0, entry.3);
            }
        }
    }
    let labels: Vec<(String, f64, f64)> = best
        .into_iter()
        .filter_map(|(m, (_, x, y, total))| {
            let m = eco.municipalities.get(m)?;
            (total >= 5 || m.population.unwrap_or(0) >= 40_000)
                .then(|| (m.label.get(ctx.lang).to_owned(), x, y))
        })
        .collect();
    let drawn = dots.len();
    let label = ctx.t("web-map-label");
    let markup = html! {
        svg.map viewBox={ "0 0 " (MAP_WIDTH) " " (height) } role="group" aria-labelledby="map-title" {
            title #map-title { (label) }
            rect x="0" y="0" width=(MAP_WIDTH) height=(height) fill="#f4f7fa" {}
            @for (m, lat, lon) in &zem {
                @let (x, y) = project(*lat, *lon);
                circle.muni cx=(r1(x)) cy=(r1(y)) r="2.2" {
                    title { (m.label.get(ctx.lang)) }
                }
            }
            @for (o, x, y) in &dots {
                a href=(ctx.href(&format!("/organisations/{}", slug(&o.iri)))) {
                    circle.org cx=(r1(*x)) cy=(r1(*y)) r=(DOT_R) fill=(kind_colour(o.kind)) {
                        title {
                            (o.label.get(ctx.lang))
                            @if let Some(k) = o.kind { " — " (kind_label(ctx, k)) }
                            @if let Some(m) = o.municipality.as_deref() { " — " (eco.label_of(m).get(ctx.lang)) }
                        }
                    }
                }
            }
            @for (name, x, y) in &labels {
                text.muni-label x=(r1(*x)) y=(r1(*y)) text-anchor="middle" { (name) }
            }
        }
    };
    (markup, drawn, outside)
}

/// The legend of the kind colours, as an HTML list.
pub(crate) fn kind_legend(ctx: &Ctx, kinds: &[OrgKind]) -> Markup {
    html! {
        ul.legend {
            @for k in kinds {
                li {
                    span.swatch style={ "background:" (kind_colour(Some(*k))) } aria-hidden="true" {}
                    (kind_label(ctx, *k))
                }
            }
            li { span.swatch.muni-swatch aria-hidden="true" {} (ctx.t("web-map-zem-municipality")) }
        }
    }
}
