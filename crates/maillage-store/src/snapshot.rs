//! Reads the ecosystem model out of the store in a handful of SPARQL queries (one per kind of
//! entity, never one per organisation): organisations, concepts, municipalities, projects and
//! envelopes, then eligibility rules and the pipeline's status changes.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use maillage_model::{
    Concept, ConceptScheme, Ecosystem, EligibilityRule, Envelope, Lang, Municipality, OrgKind,
    Organization, Project, ProjectStatus, RuleSet, Sector, StatusChange, vocab,
};
use oxigraph::model::Term;

use crate::error::{EvaluationError, StoreError};
use crate::query::{Budget, QueryOutput, QueryRequest};
use crate::scope::GraphScope;
use crate::store::MaillageStore;

/// How long snapshot queries may take in total, each.
const SNAPSHOT_BUDGET: Duration = Duration::from_secs(300);

/// Build statistics of a snapshot.
#[derive(Clone, Debug, Default)]
pub struct SnapshotStats {
    pub elapsed: Duration,
    pub rows_read: usize,
}

/// Reads the whole ecosystem (union of all graphs).
pub fn read(store: &MaillageStore) -> Result<(Ecosystem, SnapshotStats), StoreError> {
    read_within(store, &GraphScope::everything())
}

/// Reads the ecosystem of the graphs `scope` shows (union of the visible graphs): a record
/// of a hidden graph is not there, nor is any statement a hidden graph makes about others.
pub fn read_within(
    store: &MaillageStore,
    scope: &GraphScope,
) -> Result<(Ecosystem, SnapshotStats), StoreError> {
    let started = Instant::now();
    let mut stats = SnapshotStats::default();
    let mut eco = Ecosystem::default();

    // Organisations: every subject typed with an organisation class, with the properties the
    // analytics use.
    let org_classes: String = OrgKind::ALL
        .iter()
        .map(|k| format!("mo:{} ", k.class_name()))
        .collect();
    let rows = triples(
        store,
        &format!(
            "SELECT DISTINCT ?s ?p ?o WHERE {{ ?s a ?class . VALUES ?class {{ {org_classes} }}
               ?s ?p ?o .
               VALUES ?p {{ rdf:type rdfs:label skos:altLabel rdfs:comment mo:locatedIn schema:url
                 mo:sector mo:offersExpertise mo:hasNeed mo:researchArea mo:trainsIn
                 org:subOrganizationOf mo:collaboratesWith mo:capacity dcterms:source mo:illustrative
                 wgs84:lat wgs84:long mo:headcount }} }}"
        ),
        scope,
        &mut stats,
    )?;
    for (s, p, o) in rows {
        let org = eco
            .organizations
            .entry(s.clone())
            .or_insert_with(|| Organization {
                iri: s.clone(),
                ..Default::default()
            });
        let p = p.as_str();
        match p {
            _ if p == term(vocab::RDF, "type") => {
                if let Some(kind) = iri(&o).and_then(OrgKind::from_class_iri) {
                    // Keep the most specific kind: Company < ... order puts Company first; a
                    // record typed both ResearchCentre and Company stays a Company.
                    org.kind = Some(org.kind.map_or(kind, |k| k.min(kind)));
                }
            }
            _ if p == term(vocab::RDFS, "label") => set_label(&mut org.label, &o),
            _ if p == term(vocab::RDFS, "comment") => set_label(&mut org.description, &o),
            _ if p == term(vocab::SKOS, "altLabel") => push_literal(&mut org.alt_labels, &o),
            _ if p == mo("locatedIn") => {
                org.municipality = org
                    .municipality
                    .take()
                    .or_else(|| iri(&o).map(str::to_owned));
            }
            _ if p == term(vocab::SCHEMA, "url") => {
                org.website = org
                    .website
                    .take()
                    .or_else(|| iri(&o).map(str::to_owned).or_else(|| literal(&o)));
            }
            _ if p == mo("sector") => push_iri(&mut org.sectors, &o),
            _ if p == mo("offersExpertise") => push_iri(&mut org.offers, &o),
            _ if p == mo("hasNeed") => push_iri(&mut org.needs, &o),
            _ if p == mo("researchArea") => push_iri(&mut org.research_areas, &o),
            _ if p == mo("trainsIn") => push_iri(&mut org.trains_in, &o),
            _ if p == term(vocab::ORG, "subOrganizationOf") => push_iri(&mut org.parents, &o),
            _ if p == mo("collaboratesWith") => push_iri(&mut org.partners, &o),
            _ if p == mo("capacity") => {
                org.capacity = parsed(&o);
            }
            _ if p == mo("headcount") => org.headcount = parsed(&o),
            _ if p == term(vocab::DCTERMS, "source") => {
                if let Some(v) = iri(&o).map(str::to_owned).or_else(|| literal(&o)) {
                    org.sources.push(v);
                }
            }
            _ if p == mo("illustrative") => {
                org.illustrative = literal(&o).as_deref() == Some("true")
            }
            _ if p == term(vocab::WGS84, "lat") => org.lat = parsed(&o),
            _ if p == term(vocab::WGS84, "long") => org.long = parsed(&o),
            _ => {}
        }
    }
    // mo:collaboratesWith is symmetric: store both directions.
    let pairs: Vec<(String, String)> = eco
        .organizations
        .values()
        .flat_map(|o| o.partners.iter().map(|p| (p.clone(), o.iri.clone())))
        .collect();
    for (a, b) in pairs {
        if let Some(org) = eco.organizations.get_mut(&a) {
            org.partners.push(b);
        }
    }
    for org in eco.organizations.values_mut() {
        org.sort_lists();
    }

    // Concepts of every scheme (expertise, ZEM axes, NAICS sectors).
    let rows = triples(
        store,
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s a skos:Concept . ?s ?p ?o .
           VALUES ?p { skos:inScheme skos:prefLabel skos:altLabel skos:broader skos:notation
                       mo:naicsCode mo:typicalNeed } }",
        scope,
        &mut stats,
    )?;
    let mut raw: BTreeMap<String, RawConcept> = BTreeMap::new();
    for (s, p, o) in rows {
        let c = raw.entry(s).or_default();
        let p = p.as_str();
        match p {
            _ if p == term(vocab::SKOS, "inScheme") => push_iri(&mut c.schemes, &o),
            _ if p == term(vocab::SKOS, "prefLabel") => set_label(&mut c.label, &o),
            _ if p == term(vocab::SKOS, "altLabel") => push_literal(&mut c.alt_labels, &o),
            _ if p == term(vocab::SKOS, "broader") => push_iri(&mut c.broader, &o),
            _ if p == term(vocab::SKOS, "notation") || p == mo("naicsCode") => {
                c.code = c.code.take().or_else(|| literal(&o));
            }
            _ if p == mo("typicalNeed") => push_iri(&mut c.typical_needs, &o),
            _ => {}
        }
    }
    for (iri, mut c) in raw {
        c.broader.sort();
        c.alt_labels.sort();
        c.typical_needs.sort();
        if c.schemes.iter().any(|s| s == vocab::SCHEME_NAICS) {
            let code = c
                .code
                .clone()
                .unwrap_or_else(|| iri.rsplit('/').next().unwrap_or_default().to_owned());
            eco.sectors.insert(
                iri.clone(),
                Sector {
                    iri,
                    code,
                    label: c.label,
                    broader: c.broader.into_iter().next(),
                    typical_needs: c.typical_needs,
                },
            );
        } else {
            let scheme = c
                .schemes
                .iter()
                .map(|s| ConceptScheme::from_iri(s))
                .min()
                .unwrap_or(ConceptScheme::Other);
            eco.concepts.insert(
                iri.clone(),
                Concept {
                    iri,
                    scheme,
                    label: c.label,
                    alt_labels: c.alt_labels,
                    broader: c.broader,
                },
            );
        }
    }
    // Typical needs may be asserted on NAICS codes whose definition is in another graph: the
    // merge above already joined them by IRI.

    // Municipalities.
    let rows = triples(
        store,
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s a mo:Municipality . ?s ?p ?o .
           VALUES ?p { rdfs:label mo:mamhCode mo:inZone mo:inRegion mo:population wgs84:lat wgs84:long } }",
        scope,
        &mut stats,
    )?;
    for (s, p, o) in rows {
        let m = eco
            .municipalities
            .entry(s.clone())
            .or_insert_with(|| Municipality {
                iri: s.clone(),
                code: s.rsplit('/').next().unwrap_or_default().to_owned(),
                label: Default::default(),
                in_zem: false,
                region: None,
                population: None,
                lat: None,
                long: None,
            });
        let p = p.as_str();
        match p {
            _ if p == term(vocab::RDFS, "label") => set_label(&mut m.label, &o),
            _ if p == mo("mamhCode") => {
                if let Some(code) = literal(&o) {
                    m.code = code;
                }
            }
            _ if p == mo("inZone") => m.in_zem |= iri(&o) == Some(vocab::ZEM),
            _ if p == mo("inRegion") => m.region = iri(&o).map(str::to_owned),
            _ if p == mo("population") => m.population = parsed(&o),
            _ if p == term(vocab::WGS84, "lat") => m.lat = parsed(&o),
            _ if p == term(vocab::WGS84, "long") => m.long = parsed(&o),
            _ => {}
        }
    }

    // Projects and envelopes.
    let rows = triples(
        store,
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s a ?class . VALUES ?class { mo:Project mo:Envelope }
           ?s ?p ?o .
           VALUES ?p { rdf:type rdfs:label mo:supplier mo:adopter mo:fundedBy mo:addressesAxis
                       mo:amount mo:status mo:funder mo:recipient mo:illustrative
                       rdfs:comment mo:amountRequested mo:totalCost mo:startDate mo:endDate
                       mo:contact mo:note dcterms:source } }",
        scope,
        &mut stats,
    )?;
    let mut projects: BTreeMap<String, Project> = BTreeMap::new();
    let mut envelopes: BTreeMap<String, (Envelope, bool)> = BTreeMap::new();
    let mut is_project: BTreeMap<String, bool> = BTreeMap::new();
    for (s, p, o) in &rows {
        if p == &term(vocab::RDF, "type") {
            if iri(o) == Some(mo("Project").as_str()) {
                is_project.insert(s.clone(), true);
            } else if iri(o) == Some(mo("Envelope").as_str()) {
                is_project.entry(s.clone()).or_insert(false);
            }
        }
    }
    for (s, p, o) in rows {
        let p = p.as_str();
        if is_project.get(&s).copied().unwrap_or(false) {
            let proj = projects.entry(s.clone()).or_insert_with(|| Project {
                iri: s.clone(),
                ..Project::default()
            });
            match p {
                _ if p == term(vocab::RDFS, "label") => set_label(&mut proj.label, &o),
                _ if p == mo("supplier") => proj.supplier = iri(&o).map(str::to_owned),
                _ if p == mo("adopter") => proj.adopter = iri(&o).map(str::to_owned),
                _ if p == mo("fundedBy") => proj.envelope = iri(&o).map(str::to_owned),
                _ if p == mo("addressesAxis") => push_iri(&mut proj.axes, &o),
                _ if p == mo("amount") => proj.amount = parsed(&o),
                _ if p == mo("status") => {
                    proj.status = iri(&o).and_then(ProjectStatus::from_iri);
                }
                _ if p == mo("illustrative") => {
                    proj.illustrative = literal(&o).as_deref() == Some("true");
                }
                _ if p == term(vocab::RDFS, "comment") => set_label(&mut proj.description, &o),
                _ if p == mo("amountRequested") => proj.amount_requested = parsed(&o),
                _ if p == mo("totalCost") => proj.total_cost = parsed(&o),
                _ if p == mo("startDate") => proj.start = literal(&o),
                _ if p == mo("endDate") => proj.end = literal(&o),
                _ if p == mo("contact") => push_literal(&mut proj.contacts, &o),
                _ if p == mo("note") => push_literal(&mut proj.notes, &o),
                _ if p == term(vocab::DCTERMS, "source") => push_iri(&mut proj.sources, &o),
                _ => {}
            }
        } else {
            let (env, _) = envelopes.entry(s.clone()).or_insert_with(|| {
                (
                    Envelope {
                        iri: s.clone(),
                        label: Default::default(),
                        amount: 0.0,
                        funder: None,
                        recipient: None,
                    },
                    false,
                )
            });
            match p {
                _ if p == term(vocab::RDFS, "label") => set_label(&mut env.label, &o),
                _ if p == mo("amount") => {
                    env.amount = parsed(&o).unwrap_or(0.0);
                }
                _ if p == mo("funder") => env.funder = iri(&o).map(str::to_owned),
                _ if p == mo("recipient") => env.recipient = iri(&o).map(str::to_owned),
                _ => {}
            }
        }
    }
    for p in projects.values_mut() {
        for list in [&mut p.axes, &mut p.contacts, &mut p.notes, &mut p.sources] {
            list.sort();
            list.dedup();
        }
    }
    eco.projects = projects;
    eco.envelopes = envelopes.into_iter().map(|(k, (e, _))| (k, e)).collect();

    // Eligibility rules and the pipeline's status changes.
    read_rules_and_changes(store, scope, &mut eco, &mut stats)?;

    stats.elapsed = started.elapsed();
    Ok((eco, stats))
}

/// The rule set (`mo:EligibilityRuleSet`, its `mo:EligibilityRule`s) and the projects' status
/// changes (`mo:StatusChange`), in one query.
fn read_rules_and_changes(
    store: &MaillageStore,
    scope: &GraphScope,
    eco: &mut Ecosystem,
    stats: &mut SnapshotStats,
) -> Result<(), StoreError> {
    let rows = triples(
        store,
        "SELECT DISTINCT ?s ?p ?o WHERE {
           ?s a ?class . VALUES ?class { mo:EligibilityRule mo:EligibilityRuleSet mo:StatusChange }
           ?s ?p ?o .
           VALUES ?p { rdf:type skos:notation rdfs:label rdfs:comment dcterms:source mo:threshold
                       mo:order owl:versionInfo dcterms:modified mo:changeOf mo:fromStatus
                       mo:toStatus prov:atTime mo:changedBy mo:note mo:overrun } }",
        scope,
        stats,
    )?;
    let mut kind: BTreeMap<String, &str> = BTreeMap::new();
    for (s, p, o) in &rows {
        if p == &term(vocab::RDF, "type") {
            let k = match iri(o) {
                Some(c) if c == mo("EligibilityRule") => "rule",
                Some(c) if c == mo("EligibilityRuleSet") => "set",
                Some(c) if c == mo("StatusChange") => "change",
                _ => continue,
            };
            kind.insert(s.clone(), k);
        }
    }
    let mut rules: BTreeMap<String, EligibilityRule> = BTreeMap::new();
    let mut changes: BTreeMap<String, (Option<String>, StatusChange)> = BTreeMap::new();
    let mut set = RuleSet::default();
    for (s, p, o) in rows {
        let p = p.as_str();
        match kind.get(&s).copied() {
            Some("rule") => {
                let r = rules.entry(s.clone()).or_insert_with(|| EligibilityRule {
                    iri: s.clone(),
                    ..EligibilityRule::default()
                });
                match p {
                    _ if p == term(vocab::SKOS, "notation") => {
                        r.notation = literal(&o).unwrap_or_default();
                    }
                    _ if p == term(vocab::RDFS, "label") => set_label(&mut r.label, &o),
                    _ if p == term(vocab::RDFS, "comment") => set_label(&mut r.text, &o),
                    _ if p == term(vocab::DCTERMS, "source") => push_iri(&mut r.sources, &o),
                    _ if p == mo("threshold") => r.threshold = parsed(&o),
                    _ if p == mo("order") => r.order = parsed(&o),
                    _ => {}
                }
            }
            Some("set") => match p {
                _ if p == term(vocab::OWL, "versionInfo") => set.version = literal(&o),
                _ if p == term(vocab::DCTERMS, "modified") => set.modified = literal(&o),
                _ => set.iri = Some(s.clone()),
            },
            Some("change") => {
                let (project, c) = changes.entry(s.clone()).or_insert_with(|| {
                    (
                        None,
                        StatusChange {
                            iri: s.clone(),
                            ..StatusChange::default()
                        },
                    )
                });
                match p {
                    _ if p == mo("changeOf") => *project = iri(&o).map(str::to_owned),
                    _ if p == mo("fromStatus") => {
                        c.from = iri(&o).and_then(ProjectStatus::from_iri)
                    }
                    _ if p == mo("toStatus") => c.to = iri(&o).and_then(ProjectStatus::from_iri),
                    _ if p == term(vocab::PROV, "atTime") => c.at = literal(&o).unwrap_or_default(),
                    _ if p == mo("changedBy") => c.by = literal(&o).unwrap_or_default(),
                    _ if p == mo("note") => c.note = literal(&o),
                    _ if p == mo("overrun") => c.overrun = literal(&o).as_deref() == Some("true"),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    for r in rules.values_mut() {
        r.sources.sort();
    }
    set.rules = rules.into_values().collect();
    set.sort();
    eco.rule_set = set;
    for (project, change) in changes.into_values() {
        if let Some(p) = project.and_then(|p| eco.projects.get_mut(&p)) {
            p.history.push(change);
        }
    }
    for p in eco.projects.values_mut() {
        p.history
            .sort_by(|a, b| (a.at.as_str(), &a.iri).cmp(&(b.at.as_str(), &b.iri)));
    }
    Ok(())
}

#[derive(Default)]
struct RawConcept {
    schemes: Vec<String>,
    label: maillage_model::Label,
    alt_labels: Vec<String>,
    broader: Vec<String>,
    code: Option<String>,
    typical_needs: Vec<String>,
}

fn triples(
    store: &MaillageStore,
    body: &str,
    scope: &GraphScope,
    stats: &mut SnapshotStats,
) -> Result<Vec<(String, String, Term)>, StoreError> {
    let query = format!("{}{body}", vocab::sparql_prologue());
    let request = QueryRequest::new(query).within(scope.clone());
    let output = store.query(&request, &Budget::new(SNAPSHOT_BUDGET))?;
    let QueryOutput::Solutions { rows, .. } = output else {
        return Err(StoreError::Evaluation(EvaluationError::UnexpectedResult(
            "a snapshot query did not return solutions",
        )));
    };
    stats.rows_read += rows.len();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let [Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)] = row.as_slice() {
            out.push((s.as_str().to_owned(), p.as_str().to_owned(), o.clone()));
        }
    }
    Ok(out)
}

fn iri(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn literal(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// A literal's value parsed as a number (or anything `FromStr`), if it parses.
fn parsed<T: std::str::FromStr>(term: &Term) -> Option<T> {
    literal(term).and_then(|v| v.parse().ok())
}

fn push_iri(list: &mut Vec<String>, term: &Term) {
    if let Some(i) = iri(term) {
        list.push(i.to_owned());
    }
}

fn push_literal(list: &mut Vec<String>, term: &Term) {
    if let Some(v) = literal(term) {
        list.push(v);
    }
}

/// Fills the French or English slot from a language-tagged literal; untagged literals fill both
/// when empty. Smallest value first keeps the result deterministic.
fn set_label(label: &mut maillage_model::Label, term: &Term) {
    let Term::Literal(l) = term else { return };
    match l.language() {
        Some(tag) if tag.starts_with("fr") => set_min(&mut label.fr, l.value()),
        Some(tag) if tag.starts_with("en") => set_min(&mut label.en, l.value()),
        Some(_) => {}
        None => {
            label.set_if_empty(Lang::Fr, l.value());
            label.set_if_empty(Lang::En, l.value());
        }
    }
}

fn set_min(slot: &mut Option<String>, value: &str) {
    if slot.as_deref().is_none_or(|current| value < current) {
        *slot = Some(value.to_owned());
    }
}

fn mo(local: &str) -> String {
    vocab::mo(local)
}
/// The IRI of `local` in the namespace `ns` (`term(vocab::RDFS, "label")`).
fn term(ns: &str, local: &str) -> String {
    format!("{ns}{local}")
}
