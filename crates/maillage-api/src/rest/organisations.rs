//! Organisations: filtered, searchable, paginated list; one organisation with its neighbours.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{ApiPath, ApiQuery};
use axum::Json;
use axum::extract::State;
use maillage_model::{Ecosystem, OrgKind, Organization, vocab};

use super::wire::{
    self, LangQuery, OrganizationDetail, OrganizationPage, OrganizationQuery, ProjectSummary, Ref,
};
use super::{InvalidParameter, NoOrganisation, Snap};
use crate::AppState;
use crate::error::{ApiError, Message};
use crate::extract::Language;

/// List organisations with filters, full-text search and pagination.
#[utoipa::path(
    get,
    path = "/organisations",
    tag = "organisations",
    params(OrganizationQuery),
    responses(
        (status = 200, description = "A page of organisations, best name match first", body = OrganizationPage),
        InvalidParameter,
    )
)]
pub async fn list(
    Snap(snapshot): Snap,
    ApiQuery(query): ApiQuery<OrganizationQuery>,
    Language(locale): Language,
) -> Result<Json<OrganizationPage>, ApiError> {
    let lang = locale.lang();
    Ok(Json(search(&snapshot, &query, lang)?))
}

/// Filters, searches and paginates the organisations of a snapshot: shared by the JSON route
/// and the web search page.
pub(crate) fn search(
    snapshot: &crate::snapshot::Snapshot,
    query: &OrganizationQuery,
    lang: maillage_model::Lang,
) -> Result<OrganizationPage, ApiError> {
    let eco = &snapshot.eco;
    let offset = query.offset.unwrap_or(0);
    let limit = query.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::bad_request(
            Message::new("err-range")
                .arg("name", "limit")
                .count("min", 1)
                .count("max", 500),
        ));
    }
    if offset > 1_000_000 {
        return Err(ApiError::bad_request(
            Message::new("err-range")
                .arg("name", "offset")
                .count("min", 0)
                .count("max", 1_000_000),
        ));
    }
    let filter = Filter::new(eco, snapshot, query)?;
    let mut matches: Vec<(u8, &Organization)> = eco
        .organizations
        .values()
        .filter_map(|o| filter.rank(o).map(|r| (r, o)))
        .collect();
    matches.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then_with(|| {
                vocab::search_key(a.label.get(lang)).cmp(&vocab::search_key(b.label.get(lang)))
            })
            .then_with(|| a.iri.cmp(&b.iri))
    });
    let total = matches.len();
    let items = matches
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(_, o)| wire::summary(eco, o, lang))
        .collect();
    Ok(OrganizationPage {
        total,
        offset,
        limit,
        items,
    })
}

/// The filters of a list request, resolved against the snapshot.
struct Filter<'a> {
    snapshot: &'a crate::snapshot::Snapshot,
    query: Option<String>,
    query_concepts: BTreeSet<String>,
    kind: Option<OrgKind>,
    role: Option<wire::RoleParam>,
    expertise: Option<BTreeSet<String>>,
    sector: Option<String>,
    municipality: Option<String>,
    in_zem: Option<bool>,
    include_demo: bool,
}

impl<'a> Filter<'a> {
    fn new(
        eco: &Ecosystem,
        snapshot: &'a crate::snapshot::Snapshot,
        q: &OrganizationQuery,
    ) -> Result<Self, ApiError> {
        let query =
            q.q.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(vocab::search_key);
        if query.as_ref().is_some_and(|s| s.chars().count() > 200) {
            return Err(ApiError::bad_request(
                Message::new("err-field-too-long")
                    .arg("field", "q")
                    .count("max", 200),
            ));
        }
        let query_concepts = query
            .as_deref()
            .map(|s| snapshot.concepts_matching(s))
            .unwrap_or_default();
        let kind = q.kind.map(|k| k.kind());
        let role = q.role;
        let expertise = known(
            q.expertise.as_deref(),
            "concept",
            &eco.concepts,
            "err-unknown-concept",
        )?
        .map(|iri| {
            let mut set = BTreeSet::from([iri]);
            snapshot.add_narrower(&mut set);
            set
        });
        let sector = known(
            q.sector.as_deref(),
            "naics",
            &eco.sectors,
            "err-unknown-sector",
        )?;
        let municipality = known(
            q.municipality.as_deref(),
            "municipality",
            &eco.municipalities,
            "err-unknown-municipality",
        )?;
        Ok(Filter {
            snapshot,
            query,
            query_concepts,
            kind,
            role,
            expertise,
            sector,
            municipality,
            in_zem: q.in_zem,
            include_demo: q.include_demo.unwrap_or(true),
        })
    }

    /// `None` when the organisation is filtered out; otherwise its rank (0 = name match,
    /// 1 = other text, 2 = through its expertise).
    fn rank(&self, o: &Organization) -> Option<u8> {
        let eco = &self.snapshot.eco;
        if !self.include_demo && o.illustrative {
            return None;
        }
        if self.kind.is_some() && o.kind != self.kind {
            return None;
        }
        match self.role {
            Some(wire::RoleParam::Supplier) if !o.is_supplier() => return None,
            Some(wire::RoleParam::Adopter) if !eco.is_adopter(o) => return None,
            _ => {}
        }
        if let Some(set) = &self.expertise {
            let any = o
                .offers
                .iter()
                .chain(&o.research_areas)
                .chain(&o.trains_in)
                .chain(&o.needs)
                .any(|c| set.contains(c));
            if !any {
                return None;
            }
        }
        if let Some(sector) = &self.sector
            && !o.sectors.iter().any(|s| eco.is_within(s, sector))
        {
            return None;
        }
        if let Some(m) = &self.municipality
            && o.municipality.as_ref() != Some(m)
        {
            return None;
        }
        if let Some(in_zem) = self.in_zem
            && eco.in_zem(o) != in_zem
        {
            return None;
        }
        let Some(query) = &self.query else {
            return Some(0);
        };
        let name_match = [o.label.fr.as_deref(), o.label.en.as_deref()]
            .into_iter()
            .flatten()
            .chain(o.alt_labels.iter().map(String::as_str))
            .any(|n| vocab::search_key(n).contains(query.as_str()));
        if name_match {
            return Some(0);
        }
        if self
            .snapshot
            .search_text
            .get(&o.iri)
            .is_some_and(|t| t.contains(query.as_str()))
        {
            return Some(1);
        }
        let via_concept = o
            .offers
            .iter()
            .chain(&o.research_areas)
            .chain(&o.trains_in)
            .any(|c| self.query_concepts.contains(c));
        via_concept.then_some(2)
    }
}

/// The IRI of a filter value ([`resolve`]d as a `kind`), which must be a key of `known`; a
/// bad request with the catalogue message `unknown` otherwise.
fn known<V>(
    value: Option<&str>,
    kind: &str,
    known: &BTreeMap<String, V>,
    unknown: &'static str,
) -> Result<Option<String>, ApiError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let iri = resolve(value, kind);
    if known.contains_key(&iri) {
        Ok(Some(iri))
    } else {
        Err(ApiError::bad_request(
            Message::new(unknown).arg("value", value),
        ))
    }
}

/// An IRI, or a short key completed into `https://w3id.org/maillage/id/{kind}/{key}`.
pub fn resolve(value: &str, kind: &str) -> String {
    if value.starts_with("http://") || value.starts_with("https://") {
        value.to_owned()
    } else {
        vocab::id(kind, value)
    }
}

/// One organisation with its expertise, needs, sector, location, projects, sources and
/// neighbours.
#[utoipa::path(
    get,
    path = "/organisations/{id}",
    tag = "organisations",
    params(
        ("id" = String, Path, description = "Last segment of the organisation's IRI, e.g. `universite-laval`"),
        LangQuery
    ),
    responses(
        (status = 200, description = "The organisation", body = OrganizationDetail),
        NoOrganisation,
        InvalidParameter,
    )
)]
pub async fn detail(
    State(state): State<AppState>,
    Snap(snapshot): Snap,
    ApiPath(id): ApiPath<String>,
    Language(locale): Language,
) -> Result<Json<OrganizationDetail>, ApiError> {
    let lang = locale.lang();
    let eco = &snapshot.eco;
    let iri = vocab::id("org", &id);
    let o = eco
        .organizations
        .get(&iri)
        .ok_or_else(|| ApiError::not_found(Message::new("err-no-organisation").arg("id", &id)))?;
    let children: Vec<String> = eco
        .organizations
        .values()
        .filter(|c| c.parents.contains(&o.iri))
        .map(|c| c.iri.clone())
        .collect();
    let same_municipality: Vec<String> = eco
        .organizations
        .values()
        .filter(|c| c.iri != o.iri && c.municipality.is_some() && c.municipality == o.municipality)
        .take(50)
        .map(|c| c.iri.clone())
        .collect();
    let projects = eco
        .projects
        .values()
        .filter(|p| p.supplier.as_ref() == Some(&o.iri) || p.adopter.as_ref() == Some(&o.iri))
        .map(|p| ProjectSummary::new(eco, p, lang))
        .collect();
    Ok(Json(OrganizationDetail {
        summary: wire::summary(eco, o, lang),
        names: (&o.label).into(),
        description: (&o.description).into(),
        alternative_names: o.alt_labels.clone(),
        research_areas: Ref::list(eco, &o.research_areas, lang),
        trains_in: Ref::list(eco, &o.trains_in, lang),
        parents: Ref::list(eco, &o.parents, lang),
        children: Ref::list(eco, &children, lang),
        partners: Ref::list(eco, &o.partners, lang),
        projects,
        sources: o.sources.clone(),
        same_municipality: Ref::list(eco, &same_municipality, lang),
        linked_data: format!(
            "{}/id/org/{id}",
            state.config.base_url.trim_end_matches('/')
        ),
    }))
}
