//! Organisations: filtered, searchable, paginated list; one organisation with its neighbours.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{ApiPath, ApiQuery};
use axum::Json;
use maillage_model::{Ecosystem, OrgKind, Organization, vocab};

use serde::Serialize;
use utoipa::ToSchema;

use super::wire::{
    self, LangQuery, OrganizationDetail, OrganizationPage, OrganizationQuery, OrganizationSummary,
    ProjectSummary, Ref,
};
use super::{NoOrganisation, Read};
use crate::error::{ApiError, Message};
use crate::identity::Identity;
use crate::search_index::{Field, Hit, Reason, highlight_html};

read_route! {
    /// List organisations with filters, full-text search and pagination.
    get "/organisations", tag = "organisations", params(OrganizationQuery),
    ok(description = "A page of organisations, with `q`: organisations holding every word, name matches first, then by relevance (BM25), each with the fields that matched; without: by name", body = OrganizationPage);
    fn list(
        ApiQuery(query): ApiQuery<OrganizationQuery>,
        read: Read,
    ) -> Result<Json<OrganizationPage>, ApiError> {
        Ok(Json(search(&read.snapshot, &query, read.locale.lang())?))
    }
}

/// One organisation of a list, with why it matched the words of `q`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationHit {
    #[serde(flatten)]
    pub summary: OrganizationSummary,
    /// Why it matched the words of `q`: the fields holding them, names first (empty without
    /// `q`).
    pub matched: Vec<Matched>,
}

/// A field of an organisation that holds words of the query.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Matched {
    pub field: Field,
    /// The concept, sector or municipality whose label holds the words (for the fields
    /// `expertise`, `need`, `research-area`, `training`, `sector` and `municipality`).
    pub value: Option<Ref>,
    /// When the words are in the label of a broader concept of `value` (« Vision numérique »
    /// above « Détection d'objets »): that concept.
    pub via: Option<Ref>,
    /// The text that holds the words (a name, a label, the description), as the data has it.
    #[schema(example = "vision par ordinateur")]
    pub text: String,
    /// `text` as HTML, escaped, with each matching word in `<mark>`; a long description is
    /// cut to an extract around the first match, "…" where it is cut.
    #[schema(example = "<mark>vision</mark> par ordinateur")]
    pub highlighted: String,
}

/// Characters of a highlighted extract.
const EXTRACT_CHARS: usize = 240;

impl Matched {
    fn new(eco: &Ecosystem, reason: &Reason, lang: maillage_model::Lang) -> Matched {
        Matched {
            field: reason.field,
            value: Ref::maybe(eco, reason.value.as_deref(), lang),
            via: Ref::maybe(eco, reason.via.as_deref(), lang),
            text: reason.text.clone(),
            highlighted: highlight_html(&reason.text, &reason.marks, EXTRACT_CHARS),
        }
    }
}

/// Filters, searches and paginates the organisations of a snapshot: shared by the JSON route
/// and the web search page. With words (`q`), the organisations holding every word, names
/// first, then by relevance; without, every organisation the filters keep, by name.
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
    let name_key = |o: &Organization| vocab::search_key(o.label.get(lang));
    let mut found: Vec<(&Organization, Option<Hit>)> = match &filter.words {
        None => {
            let mut all: Vec<(&Organization, Option<Hit>)> = eco
                .organizations
                .values()
                .filter(|o| filter.keeps(o))
                .map(|o| (o, None))
                .collect();
            all.sort_by_cached_key(|(o, _)| (name_key(o), o.iri.clone()));
            all
        }
        Some(words) => {
            let hits = snapshot
                .search
                .search(eco, words)
                .map_err(|e| ApiError::internal(error_chain(&e)))?;
            let mut kept: Vec<(&Organization, Option<Hit>)> = hits
                .into_iter()
                .filter_map(|h| {
                    let o = eco.organizations.get(&h.iri)?;
                    filter.keeps(o).then_some((o, Some(h)))
                })
                .collect();
            kept.sort_by(|(a, ha), (b, hb)| {
                let (name_a, score_a) = ha
                    .as_ref()
                    .map_or((false, 0.0), |h| (h.name_match, h.score));
                let (name_b, score_b) = hb
                    .as_ref()
                    .map_or((false, 0.0), |h| (h.name_match, h.score));
                name_b
                    .cmp(&name_a)
                    .then_with(|| score_b.total_cmp(&score_a))
                    .then_with(|| name_key(a).cmp(&name_key(b)))
                    .then_with(|| a.iri.cmp(&b.iri))
            });
            kept
        }
    };
    let total = found.len();
    let items = found
        .drain(..)
        .skip(offset)
        .take(limit)
        .map(|(o, hit)| OrganizationHit {
            summary: wire::summary(eco, o, lang),
            matched: hit
                .map(|h| {
                    h.reasons
                        .iter()
                        .map(|r| Matched::new(eco, r, lang))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    Ok(OrganizationPage {
        total,
        offset,
        limit,
        items,
    })
}

/// An error with its causes, for the log.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

/// The filters of a list request, resolved against the snapshot.
struct Filter<'a> {
    snapshot: &'a crate::snapshot::Snapshot,
    /// The words of `q`, trimmed (none when empty).
    words: Option<String>,
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
        let words =
            q.q.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
        if words.as_ref().is_some_and(|s| s.chars().count() > 200) {
            return Err(ApiError::bad_request(
                Message::new("err-field-too-long")
                    .arg("field", "q")
                    .count("max", 200),
            ));
        }
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
            words,
            kind,
            role,
            expertise,
            sector,
            municipality,
            in_zem: q.in_zem,
            include_demo: q.include_demo.unwrap_or(true),
        })
    }

    /// Whether the organisation passes every filter but the words.
    fn keeps(&self, o: &Organization) -> bool {
        let eco = &self.snapshot.eco;
        if !self.include_demo && o.illustrative {
            return false;
        }
        if self.kind.is_some() && o.kind != self.kind {
            return false;
        }
        match self.role {
            Some(wire::RoleParam::Supplier) if !o.is_supplier() => return false,
            Some(wire::RoleParam::Adopter) if !eco.is_adopter(o) => return false,
            _ => {}
        }
        if let Some(set) = &self.expertise
            && !o.concepts().any(|c| set.contains(c))
        {
            return false;
        }
        if let Some(sector) = &self.sector
            && !o.sectors.iter().any(|s| eco.is_within(s, sector))
        {
            return false;
        }
        if let Some(m) = &self.municipality
            && o.municipality.as_ref() != Some(m)
        {
            return false;
        }
        if let Some(in_zem) = self.in_zem
            && eco.in_zem(o) != in_zem
        {
            return false;
        }
        true
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

read_route! {
    /// One organisation with its expertise, needs, sector, location, projects, sources and
    /// neighbours.
    get "/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "Last segment of the organisation's IRI, e.g. `universite-laval`"), LangQuery),
    ok(description = "The organisation", body = OrganizationDetail),
    also(NoOrganisation);
    fn detail(
        identity: Identity,
        ApiPath(id): ApiPath<String>,
        read: Read,
    ) -> Result<Json<OrganizationDetail>, ApiError> {
        let base_url = read.state.config.base_url.trim_end_matches('/');
        let linked_data = format!("{base_url}/id/org/{id}");
        let lang = read.locale.lang();
        let mut detail = organisation_detail(&read.snapshot.eco, &id, linked_data, lang)?;
        let iri = &detail.summary.iri;
        detail.last_change = super::changes::last_change_for(&read.state, &identity, iri).await?;
        Ok(Json(detail))
    }
}

/// Organisation `id` with everything known about it, labels in `lang`; `linked_data` is the
/// address of its linked-data page on this server. The last change that touched it is left to
/// the caller (who may read it depends on the request).
fn organisation_detail(
    eco: &Ecosystem,
    id: &str,
    linked_data: String,
    lang: maillage_model::Lang,
) -> Result<OrganizationDetail, ApiError> {
    let iri = vocab::id("org", id);
    let o = eco
        .organizations
        .get(&iri)
        .ok_or_else(|| ApiError::not_found(Message::new("err-no-organisation").arg("id", id)))?;
    let children: Vec<String> = eco.children_of(&o.iri).map(|c| c.iri.clone()).collect();
    let same_municipality: Vec<String> = eco
        .organizations
        .values()
        .filter(|c| c.iri != o.iri && c.municipality.is_some() && c.municipality == o.municipality)
        .take(50)
        .map(|c| c.iri.clone())
        .collect();
    let projects = eco
        .projects_with(&o.iri)
        .map(|p| ProjectSummary::new(eco, p, lang))
        .collect();
    Ok(OrganizationDetail {
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
        linked_data,
        last_change: None,
    })
}
