//! Counts for a dashboard.

use std::collections::BTreeMap;

use axum::Json;
use maillage_i18n::Locale;
use maillage_model::{Ecosystem, Lang, OrgKind};
use serde::Serialize;
use utoipa::ToSchema;

use super::Read;
use super::wire::{Count, LangQuery, Stats};

read_route! {
    /// Organisations by kind, municipality and expertise; suppliers, adopters, ZEM.
    get "/stats", tag = "stats", params(LangQuery),
    ok(description = "Dashboard counts", body = Stats);
    fn stats(read: Read) -> Json<Stats> {
        Json(compute(&read.snapshot, read.locale))
    }
}

/// The dashboard counts of a snapshot: shared by the JSON route and the web home page.
pub(crate) fn compute(snapshot: &crate::snapshot::Snapshot, locale: Locale) -> Stats {
    let lang = locale.lang();
    let eco = &snapshot.eco;
    let orgs: Vec<_> = eco.organizations.values().collect();
    let by_kind = OrgKind::ALL
        .iter()
        .map(|k| Count {
            iri: Some(k.class_iri()),
            key: k.slug().to_owned(),
            label: locale.t(k.label_id()),
            count: orgs.iter().filter(|o| o.kind == Some(*k)).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let mut municipalities: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &orgs {
        if let Some(m) = o.municipality.as_deref() {
            *municipalities.entry(m).or_default() += 1;
        }
    }
    let mut by_municipality = ranked(eco, municipalities, lang);
    by_municipality.truncate(25);
    let mut expertise: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &orgs {
        let mut concepts: Vec<&String> = o
            .offers
            .iter()
            .chain(&o.research_areas)
            .chain(&o.trains_in)
            .collect();
        concepts.sort();
        concepts.dedup();
        for c in concepts {
            *expertise.entry(c).or_default() += 1;
        }
    }
    let by_expertise = ranked(eco, expertise, lang);
    let demo: Vec<_> = orgs.iter().filter(|o| o.illustrative).collect();
    let illustrative = Illustrative {
        organisations: demo.len(),
        suppliers: demo.iter().filter(|o| o.is_supplier()).count(),
        adopters: demo.iter().filter(|o| eco.is_adopter(o)).count(),
        in_zem: demo.iter().filter(|o| eco.in_zem(o)).count(),
        projects: eco.projects.values().filter(|p| p.illustrative).count(),
    };
    Stats {
        organisations: orgs.len(),
        suppliers: orgs.iter().filter(|o| o.is_supplier()).count(),
        adopters: orgs.iter().filter(|o| eco.is_adopter(o)).count(),
        in_zem: orgs.iter().filter(|o| eco.in_zem(o)).count(),
        by_kind,
        by_municipality,
        by_expertise,
        projects: eco.projects.len(),
        illustrative,
        snapshot_version: snapshot.version,
        snapshot_build_ms: snapshot.build_time.as_secs_f64() * 1000.0,
    }
}

/// How many of the dashboard's counts are illustrative (demo) records (`mo:illustrative`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Illustrative {
    pub organisations: usize,
    pub suppliers: usize,
    pub adopters: usize,
    pub in_zem: usize,
    pub projects: usize,
}

/// Counts per IRI, largest first (ties by key), labelled in `lang`.
fn ranked(eco: &Ecosystem, counts: BTreeMap<&str, usize>, lang: Lang) -> Vec<Count> {
    let mut out: Vec<Count> = counts
        .into_iter()
        .map(|(iri, count)| Count {
            iri: Some(iri.to_owned()),
            key: iri.rsplit('/').next().unwrap_or_default().to_owned(),
            label: crate::labels::name(eco, iri, maillage_i18n::Locale::of(lang)),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}
