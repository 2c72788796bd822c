//! Inline SVG drawn on the server: the map of the region and the colours shared by the charts.

use std::collections::BTreeMap;

use maillage_i18n::Arg;
use maillage_model::{Ecosystem, Municipality, OrgKind, Organization, vocab};
use maud::{Markup, html};

use super::{Ctx, slug};

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

const MAP_WIDTH: f64 = 720.0;
/// Room around the municipalities, so that the largest circle and its name stay inside.
const MAP_MARGIN: f64 = 64.0;
/// Radius of the circle of the municipality with the most organisations (SVG units): every
/// circle's area is proportional to its number of organisations.
const MAX_R: f64 = 44.0;
/// Radius of the invisible disc that takes a tap or a click on a small circle (about 28 px
/// across on a tablet, over the 24 px minimum of WCAG 2.5.8).
const HIT_R: f64 = 14.0;
/// Circles at least this large carry their count inside; smaller ones next to their name.
const COUNT_INSIDE_R: f64 = 11.0;

/// Natural Earth's land around the ZEM (1:10m, public domain): rings of longitude, latitude,
/// clipped to [`LAND_BOX`]; the water between them is the St. Lawrence. Source and recipe:
/// the file's header and docs/data-sources.md.
const LAND: &str = include_str!("assets/natural-earth-land-zem.csv");
/// The box the land was clipped to: west, south, east, north (degrees).
const LAND_BOX: (f64, f64, f64, f64) = (-72.0, 46.5, -70.5, 47.3);

/// The rings of [`LAND`].
fn land_rings() -> Vec<Vec<(f64, f64)>> {
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Option<&str> = None;
    for line in LAND.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let mut fields = line.split(',');
        let (Some(ring), Some(lon), Some(lat)) = (
            fields.next(),
            fields.next().and_then(|v| v.parse::<f64>().ok()),
            fields.next().and_then(|v| v.parse::<f64>().ok()),
        ) else {
            continue;
        };
        if current != Some(ring) {
            rings.push(Vec::new());
            current = Some(ring);
        }
        if let Some(r) = rings.last_mut() {
            r.push((lon, lat));
        }
    }
    rings
}

/// Where the organisations counted on the home page are, for the map and its caption. The
/// parts add up: `drawn + unplaced == in_zem` and `in_zem + outside + unknown == total`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MapCounts {
    pub total: usize,
    /// In a municipality of the ZEM (the home page's "in the ZEM" figure).
    pub in_zem: usize,
    /// Of those, drawn on the map: their municipality has coordinates.
    pub drawn: usize,
    /// Municipalities drawn with at least one organisation.
    pub places: usize,
    /// Of those in the ZEM, in a municipality without coordinates in the data.
    pub unplaced: usize,
    /// In a municipality outside the ZEM.
    pub outside: usize,
    /// Without a known municipality.
    pub unknown: usize,
}

/// The home page's map: the figure (SVG and caption), the list of organisations by
/// municipality that the map opens, and the counts.
pub(crate) struct ZemMap {
    pub figure: Markup,
    pub list: Markup,
    pub counts: MapCounts,
}

/// A municipality of the ZEM with its organisations; `at` is its projected position.
struct Place<'a> {
    muni: &'a Municipality,
    orgs: Vec<&'a Organization>,
    at: Option<(f64, f64)>,
}

impl Place<'_> {
    fn anchor(&self) -> String {
        format!("m-{}", self.muni.code)
    }
}

/// The map of the ZEM with one circle per municipality (area proportional to its number of
/// organisations, the number written on it or beside its name), the other municipalities of
/// the ZEM as small grey dots, and a scale bar, over the land of [`LAND`] (the St. Lawrence
/// shows as water) when the frame lies inside its box. Equirectangular projection corrected
/// for latitude. Circles that would overlap are pushed apart (the large ones move less) and
/// joined to their true position by a thin line. Deterministic.
///
/// One tab stop: the first circle has `tabindex="0"`, the others `-1` (app.js moves between
/// them with the arrow keys). Each circle links to its municipality's entry in the list below
/// the map, which lists the organisations (app.js opens it in place).
pub(crate) fn zem_map(ctx: &Ctx, eco: &Ecosystem) -> ZemMap {
    let mut counts = MapCounts {
        total: eco.organizations.len(),
        ..MapCounts::default()
    };
    let mut by_muni: BTreeMap<&str, Place<'_>> = BTreeMap::new();
    for o in eco.organizations.values() {
        match o
            .municipality
            .as_deref()
            .and_then(|m| eco.municipalities.get(m))
        {
            None => counts.unknown += 1,
            Some(m) if !m.in_zem => counts.outside += 1,
            Some(m) => {
                counts.in_zem += 1;
                by_muni
                    .entry(m.iri.as_str())
                    .or_insert_with(|| Place {
                        muni: m,
                        orgs: Vec::new(),
                        at: None,
                    })
                    .orgs
                    .push(o);
            }
        }
    }
    let located: Vec<(&Municipality, f64, f64)> = eco
        .municipalities
        .values()
        .filter(|m| m.in_zem)
        .filter_map(|m| Some((m, m.lat?, m.long?)))
        .collect();
    let mut places: Vec<Place<'_>> = by_muni.into_values().collect();
    for p in &mut places {
        p.orgs
            .sort_by_cached_key(|o| (vocab::search_key(o.label.get(ctx.lang)), o.iri.clone()));
    }
    // Most organisations first: drawn first (small circles end up on top), focused first.
    places.sort_by(|a, b| {
        b.orgs
            .len()
            .cmp(&a.orgs.len())
            .then_with(|| a.muni.iri.cmp(&b.muni.iri))
    });

    let mut land: Vec<String> = Vec::new();
    let figure_svg = if located.is_empty() {
        counts.unplaced = counts.in_zem;
        html! {}
    } else {
        let (min_lat, max_lat) = extent(located.iter().map(|z| z.1));
        let (min_lon, max_lon) = extent(located.iter().map(|z| z.2));
        let k_lon = ((min_lat + max_lat) / 2.0).to_radians().cos();
        let span = ((max_lon - min_lon) * k_lon).max(0.02);
        let scale = (MAP_WIDTH - 2.0 * MAP_MARGIN) / span;
        let height = ((max_lat - min_lat) * scale + 2.0 * MAP_MARGIN)
            .round()
            .clamp(260.0, 900.0);
        let top = (height - (max_lat - min_lat) * scale) / 2.0;
        let project = |lat: f64, lon: f64| {
            (
                MAP_MARGIN + (lon - min_lon) * k_lon * scale,
                top + (max_lat - lat) * scale,
            )
        };
        for p in &mut places {
            if let (Some(lat), Some(lon)) = (p.muni.lat, p.muni.long) {
                p.at = Some(project(lat, lon));
            }
        }
        counts.drawn = places
            .iter()
            .filter(|p| p.at.is_some())
            .map(|p| p.orgs.len())
            .sum();
        counts.places = places.iter().filter(|p| p.at.is_some()).count();
        counts.unplaced = counts.in_zem - counts.drawn;
        // The land is drawn only when the whole frame lies inside the box it was clipped to
        // (elsewhere the picture would show water where there is none).
        let west = min_lon - MAP_MARGIN / (k_lon * scale);
        let east = min_lon + (MAP_WIDTH - MAP_MARGIN) / (k_lon * scale);
        let north = max_lat + top / scale;
        let south = max_lat - (height - top) / scale;
        let (bw, bs, be, bn) = LAND_BOX;
        if west >= bw && east <= be && south >= bs && north <= bn {
            land = land_rings()
                .iter()
                .map(|ring| {
                    let mut d = String::new();
                    for (i, (lon, lat)) in ring.iter().enumerate() {
                        let (x, y) = project(*lat, *lon);
                        d.push_str(if i == 0 { "M" } else { " L" });
                        d.push_str(&format!("{},{}", r1(x), r1(y)));
                    }
                    d.push_str(" Z");
                    d
                })
                .collect();
        }
        draw_map(ctx, &located, &places, &land, height, scale, &project)
    };
    let figure = html! {
        (figure_svg)
        figcaption {
            ul.legend {
                li { span.swatch.place-swatch aria-hidden="true" {} (ctx.t("web-map-legend-place")) }
                li { span.swatch.muni-swatch aria-hidden="true" {} (ctx.t("web-map-zem-municipality")) }
                @if !land.is_empty() {
                    li { span.swatch.water-swatch aria-hidden="true" {} (ctx.t("web-map-legend-water")) }
                }
            }
            p #map-where { (count_markup(ctx, "web-map-where", counts.total, None)) }
            ul #map-counts {
                li {
                    (count_markup(ctx, "web-map-in-zem", counts.in_zem, None))
                    @if counts.in_zem > 0 {
                        ul {
                            li { (count_markup(ctx, "web-map-drawn", counts.drawn, Some(counts.places))) }
                            @if counts.unplaced > 0 {
                                li { (count_markup(ctx, "web-map-unplaced", counts.unplaced, None)) }
                            }
                        }
                    }
                }
                li { (count_markup(ctx, "web-map-outside", counts.outside, None)) }
                @if counts.unknown > 0 {
                    li { (count_markup(ctx, "web-map-unknown", counts.unknown, None)) }
                }
            }
        }
    };
    let list = html! {
        details #map-list {
            summary { (ctx.t("web-map-list")) }
            ul.place-list {
                @for p in &places {
                    li {
                        details.place id=(p.anchor()) {
                            summary {
                                (ctx.t_args("web-map-place", &[
                                    ("name", Arg::from(p.muni.label.get(ctx.lang))),
                                    ("count", Arg::from(p.orgs.len())),
                                    ("n", Arg::from(ctx.int(p.orgs.len() as f64))),
                                ]))
                                @if p.at.is_none() { " " span.note { (ctx.t("web-map-no-coordinates")) } }
                            }
                            ul.columns-list {
                                @for o in &p.orgs {
                                    li { a href=(ctx.href(&format!("/organisations/{}", slug(&o.iri)))) { (o.label.get(ctx.lang)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    ZemMap {
        figure,
        list,
        counts,
    }
}

/// A sentence of the map's caption around a count (`count` chooses the plural form; the
/// number itself is a `span.n` carrying `data-count`, for the tests that add them up).
fn count_markup(ctx: &Ctx, id: &str, count: usize, places: Option<usize>) -> Markup {
    let number = html! { span.n data-count=(count) { (ctx.int(count as f64)) } };
    let mut args = vec![("count", Arg::from(count))];
    if let Some(p) = places {
        args.push(("places", Arg::from(p)));
        args.push(("places_n", Arg::from(ctx.int(p as f64))));
    }
    ctx.t_markup(id, &args, &[("n", number)])
}

/// A label's box (x, y of its top-left corner, width, height), to keep labels apart.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

fn hits_circle(r: Rect, (cx, cy, cr): (f64, f64, f64)) -> bool {
    let nx = cx.clamp(r.0, r.0 + r.2);
    let ny = cy.clamp(r.1, r.1 + r.3);
    (nx - cx).powi(2) + (ny - cy).powi(2) < cr * cr
}

fn draw_map(
    ctx: &Ctx,
    located: &[(&Municipality, f64, f64)],
    places: &[Place<'_>],
    land: &[String],
    height: f64,
    scale: f64,
    project: &dyn Fn(f64, f64) -> (f64, f64),
) -> Markup {
    let drawn: Vec<&Place<'_>> = places.iter().filter(|p| p.at.is_some()).collect();
    let max = drawn.iter().map(|p| p.orgs.len()).max().unwrap_or(1).max(1) as f64;
    let radius = |n: usize| MAX_R * (n as f64 / max).sqrt();
    // (true x, true y, x, y, r)
    let mut circles: Vec<(f64, f64, f64, f64, f64)> = drawn
        .iter()
        .filter_map(|p| {
            let (x, y) = p.at?;
            Some((x, y, x, y, radius(p.orgs.len())))
        })
        .collect();
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..circles.len() {
            for j in (i + 1)..circles.len() {
                let (a, b) = (circles[i], circles[j]);
                let (dx, dy) = (b.2 - a.2, b.3 - a.3);
                let dist = (dx * dx + dy * dy).sqrt();
                let overlap = a.4 + b.4 + 4.0 - dist;
                if overlap > 0.01 {
                    let (ux, uy) = if dist > 0.01 {
                        (dx / dist, dy / dist)
                    } else {
                        (1.0, 0.0)
                    };
                    let (wa, wb) = (a.4 * a.4, b.4 * b.4);
                    let (sa, sb) = (wb / (wa + wb), wa / (wa + wb));
                    circles[i].2 -= ux * overlap * sa;
                    circles[i].3 -= uy * overlap * sa;
                    circles[j].2 += ux * overlap * sb;
                    circles[j].3 += uy * overlap * sb;
                    moved = true;
                }
            }
        }
        for c in &mut circles {
            c.2 = c.2.clamp(c.4 + 2.0, MAP_WIDTH - c.4 - 2.0);
            c.3 = c.3.clamp(c.4 + 2.0, height - c.4 - 2.0);
        }
        if !moved {
            break;
        }
    }
    // Names: above the circle, else right, below or left, whichever stays clear of the
    // circles and of the names already placed (largest municipalities first).
    let discs: Vec<(f64, f64, f64)> = circles.iter().map(|c| (c.2, c.3, c.4)).collect();
    let mut placed: Vec<Rect> = Vec::new();
    let mut labels: Vec<(String, f64, f64, &'static str)> = Vec::new();
    for (k, (p, c)) in drawn.iter().zip(&circles).enumerate() {
        let n = p.orgs.len();
        let name = p.muni.label.get(ctx.lang);
        let text = if c.4 >= COUNT_INSIDE_R {
            name.to_owned()
        } else {
            ctx.t_args(
                "web-map-place-label",
                &[
                    ("name", Arg::from(name)),
                    ("n", Arg::from(ctx.int(n as f64))),
                ],
            )
        };
        let w = 7.2 * text.chars().count() as f64;
        let h = 14.0;
        let (x, y, r) = (c.2, c.3, c.4.max(HIT_R * 0.6));
        let candidates: [(Rect, f64, f64, &'static str); 4] = [
            (
                (x - w / 2.0, y - r - 4.0 - h, w, h),
                x,
                y - r - 7.0,
                "middle",
            ),
            (
                (x + r + 4.0, y - h / 2.0, w, h),
                x + r + 4.0,
                y + 4.5,
                "start",
            ),
            ((x - w / 2.0, y + r + 4.0, w, h), x, y + r + 15.0, "middle"),
            (
                (x - r - 4.0 - w, y - h / 2.0, w, h),
                x - r - 4.0,
                y + 4.5,
                "end",
            ),
        ];
        let fits = |rect: Rect| {
            rect.0 >= 0.0
                && rect.0 + rect.2 <= MAP_WIDTH
                && rect.1 >= 0.0
                && rect.1 + rect.3 <= height
                && !placed.iter().any(|q| overlaps(rect, *q))
                && !discs
                    .iter()
                    .enumerate()
                    .any(|(i, d)| i != k && hits_circle(rect, *d))
        };
        let choice = candidates
            .iter()
            .find(|cand| fits(cand.0))
            .unwrap_or(&candidates[0]);
        placed.push(choice.0);
        labels.push((text, choice.1, choice.2, choice.3));
    }
    let km = 10.0;
    let bar = km / 111.2 * scale;
    let empty: Vec<&(&Municipality, f64, f64)> = located
        .iter()
        .filter(|(m, _, _)| !places.iter().any(|p| p.muni.iri == m.iri))
        .collect();
    // The other municipalities are named in small type where there is room, for bearings.
    let mut minor: Vec<(String, f64, f64, &'static str)> = Vec::new();
    for (m, lat, lon) in &empty {
        let (x, y) = project(*lat, *lon);
        let text = m.label.get(ctx.lang).to_owned();
        let (w, h) = (5.9 * text.chars().count() as f64, 12.0);
        let candidates: [(Rect, f64, f64, &'static str); 4] = [
            ((x + 6.0, y - h / 2.0, w, h), x + 6.0, y + 3.5, "start"),
            ((x - 6.0 - w, y - h / 2.0, w, h), x - 6.0, y + 3.5, "end"),
            ((x - w / 2.0, y - 5.0 - h, w, h), x, y - 7.0, "middle"),
            ((x - w / 2.0, y + 5.0, w, h), x, y + 15.0, "middle"),
        ];
        if let Some(choice) = candidates.iter().find(|cand| {
            let r = cand.0;
            r.0 >= 0.0
                && r.0 + r.2 <= MAP_WIDTH
                && r.1 >= 0.0
                && r.1 + r.3 <= height
                && !placed.iter().any(|q| overlaps(r, *q))
                && !discs.iter().any(|d| hits_circle(r, *d))
        }) {
            placed.push(choice.0);
            minor.push((text, choice.1, choice.2, choice.3));
        }
    }
    html! {
        svg.map viewBox={ "0 0 " (MAP_WIDTH) " " (height) } role="group" aria-labelledby="map-title" {
            title #map-title { (ctx.t("web-map-label")) }
            rect.ground x="0" y="0" width=(MAP_WIDTH) height=(height) fill=(if land.is_empty() { "#f4f7fa" } else { "#d4e4f1" }) {}
            @for d in land {
                path.land d=(d) {}
            }
            @for (m, lat, lon) in &empty {
                @let (x, y) = project(*lat, *lon);
                circle.muni cx=(r1(x)) cy=(r1(y)) r="3" {
                    title { (m.label.get(ctx.lang)) }
                }
            }
            @for c in &circles {
                @if (c.0 - c.2).hypot(c.1 - c.3) > 2.0 {
                    line.leader x1=(r1(c.0)) y1=(r1(c.1)) x2=(r1(c.2)) y2=(r1(c.3)) {}
                    circle.true-place cx=(r1(c.0)) cy=(r1(c.1)) r="2" {}
                }
            }
            @for (i, (p, c)) in drawn.iter().zip(&circles).enumerate() {
                @let n = p.orgs.len();
                @let name = p.muni.label.get(ctx.lang);
                @let said = ctx.t_args("web-map-place", &[
                    ("name", Arg::from(name)),
                    ("count", Arg::from(n)),
                    ("n", Arg::from(ctx.int(n as f64))),
                ]);
                a.place href={ "#" (p.anchor()) } tabindex=(if i == 0 { "0" } else { "-1" }) aria-label=(said) data-count=(n) {
                    title { (said) }
                    circle.hit cx=(r1(c.2)) cy=(r1(c.3)) r=(r1(c.4.max(HIT_R))) {}
                    circle.bubble cx=(r1(c.2)) cy=(r1(c.3)) r=(r1(c.4)) {}
                    @if c.4 >= COUNT_INSIDE_R {
                        text.count x=(r1(c.2)) y=(r1(c.3 + 5.0)) text-anchor="middle" aria-hidden="true" { (ctx.int(n as f64)) }
                    }
                }
            }
            @for (text, x, y, anchor) in &labels {
                text.muni-label x=(r1(*x)) y=(r1(*y)) text-anchor=(anchor) aria-hidden="true" { (text) }
            }
            @for (text, x, y, anchor) in &minor {
                text.muni-minor x=(r1(*x)) y=(r1(*y)) text-anchor=(anchor) aria-hidden="true" { (text) }
            }
            g.scale aria-hidden="true" {
                line x1="16" y1=(r1(height - 16.0)) x2=(r1(16.0 + bar)) y2=(r1(height - 16.0)) {}
                line x1="16" y1=(r1(height - 21.0)) x2="16" y2=(r1(height - 11.0)) {}
                line x1=(r1(16.0 + bar)) y1=(r1(height - 21.0)) x2=(r1(16.0 + bar)) y2=(r1(height - 11.0)) {}
                text x=(r1(16.0 + bar / 2.0)) y=(r1(height - 24.0)) text-anchor="middle" { (ctx.t_args("web-map-scale", &[("km", Arg::from(ctx.int(km)))])) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use maillage_i18n::Locale;
    use maillage_model::{Ecosystem, Label, Municipality, Organization};

    use super::zem_map;
    use crate::params::Params;
    use crate::web::Ctx;

    fn muni(code: &str, in_zem: bool, at: Option<(f64, f64)>) -> Municipality {
        Municipality {
            iri: format!("m/{code}"),
            code: code.to_owned(),
            label: Label::same(format!("Ville {code}")),
            in_zem,
            region: None,
            population: None,
            lat: at.map(|a| a.0),
            long: at.map(|a| a.1),
        }
    }

    /// Two placed ZEM municipalities (3 and 1 organisations), one without coordinates (2), one
    /// outside the ZEM (1) and an organisation without a municipality: the caption's parts add
    /// up, each placed municipality is one circle with its count, and only the first circle is
    /// a tab stop.
    #[test]
    fn one_circle_per_municipality_and_the_counts_add_up() {
        let mut eco = Ecosystem::default();
        for m in [
            muni("1", true, Some((46.81, -71.21))),
            muni("2", true, Some((46.80, -71.18))),
            muni("3", true, None),
            muni("4", false, Some((45.5, -73.6))),
        ] {
            eco.municipalities.insert(m.iri.clone(), m);
        }
        let places = ["1", "1", "1", "2", "3", "3", "4"];
        for (i, m) in places.iter().map(Some).chain([None]).enumerate() {
            let o = Organization {
                iri: format!("https://w3id.org/maillage/id/org/o{i}"),
                label: Label::same(format!("Org {i}")),
                municipality: m.map(|m| format!("m/{m}")),
                ..Organization::default()
            };
            eco.organizations.insert(o.iri.clone(), o);
        }
        let ctx = Ctx {
            locale: Locale::FRENCH,
            lang: Locale::FRENCH.lang(),
            explicit: false,
            path: "/".to_owned(),
            params: Params::parse(""),
            demo: None,
            identity: crate::identity::Identity::Anonymous,
            snapshot: std::sync::Arc::new(crate::Snapshot::empty()),
            csrf: None,
        };
        let map = zem_map(&ctx, &eco);
        let c = map.counts;
        assert_eq!((c.total, c.in_zem, c.drawn, c.places), (8, 6, 4, 2));
        assert_eq!((c.unplaced, c.outside, c.unknown), (2, 1, 1));
        assert_eq!(c.drawn + c.unplaced, c.in_zem);
        assert_eq!(c.in_zem + c.outside + c.unknown, c.total);
        let svg = map.figure.into_string();
        assert_eq!(svg.matches("<a class=\"place\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 1, "{svg}");
        assert!(svg.contains("href=\"#m-1\"") && svg.contains("data-count=\"3\""));
        assert!(
            svg.contains("data-count=\"8\""),
            "the total is in the caption"
        );
        assert_eq!(
            svg.matches("<path class=\"land\"").count(),
            2,
            "the land around Québec"
        );
        let list = map.list.into_string();
        assert!(
            list.contains("id=\"m-3\""),
            "unplaced municipalities are listed"
        );
        assert_eq!(list.matches("/organisations/o").count(), 6);
    }
}
