//! Wire types of the REST API (JSON, documented with utoipa). Labels are in the requested
//! language (French by default); IRIs identify everything.

use maillage_i18n::Locale;
use maillage_model::{Ecosystem, Label, Lang, OrgKind, Organization, Project, ProjectStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A reference to anything with an IRI and a label.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ref {
    /// The IRI (`https://w3id.org/maillage/id/...`).
    #[schema(example = "https://w3id.org/maillage/id/concept/computer-vision")]
    pub iri: String,
    /// Label in the requested language; when the data has none in it, the other language's
    /// label marked with its language (a NAICS class also shows its code: « 513211 Software
    /// publishers (except video game publishers) (EN) »).
    #[schema(example = "Vision numérique")]
    pub label: String,
}

impl Ref {
    pub fn new(eco: &Ecosystem, iri: &str, lang: Lang) -> Ref {
        Ref {
            iri: iri.to_owned(),
            label: crate::labels::name(eco, iri, Locale::of(lang)),
        }
    }

    /// The reference of an optional IRI (a project's supplier, an envelope's funder…).
    pub fn maybe(eco: &Ecosystem, iri: Option<&str>, lang: Lang) -> Option<Ref> {
        iri.map(|i| Ref::new(eco, i, lang))
    }

    pub fn list(eco: &Ecosystem, iris: &[String], lang: Lang) -> Vec<Ref> {
        iris.iter().map(|i| Ref::new(eco, i, lang)).collect()
    }
}

/// French and English labels together.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bilingual {
    pub fr: String,
    pub en: String,
}

impl From<&Label> for Bilingual {
    fn from(l: &Label) -> Self {
        Bilingual {
            fr: l.fr().to_owned(),
            en: l.en().to_owned(),
        }
    }
}

/// Where an adopter's needs come from.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NeedsSource {
    /// Needs stated in the data (`mo:hasNeed`).
    Explicit,
    /// Needs typical of the organisation's sector (`mo:typicalNeed`), its own being unknown.
    SectorTypical,
    /// No needs known.
    None,
}

/// An organisation in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationSummary {
    #[schema(example = "https://w3id.org/maillage/id/org/universite-laval")]
    pub iri: String,
    /// The last segment of the IRI, used in `/api/v1/organisations/{id}`.
    #[schema(example = "universite-laval")]
    pub id: String,
    #[schema(example = "Université Laval")]
    pub name: String,
    /// `company`, `research-centre`, `university`, `college`, `public-body`,
    /// `development-agency`, `innovation-cluster` or `committee`.
    #[schema(example = "university")]
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    pub municipality: Option<Ref>,
    /// Located in a municipality of the Zone économique métropolitaine.
    pub in_zem: bool,
    /// Derived roles: `supplier` (offers AI expertise), `adopter` (states needs or has a
    /// sector with typical needs).
    pub roles: Vec<String>,
    pub expertise: Vec<Ref>,
    pub needs: Vec<Ref>,
    pub needs_source: NeedsSource,
    pub sectors: Vec<Ref>,
    pub website: Option<String>,
    /// Fictional record of the demo graph.
    pub illustrative: bool,
}

/// One organisation with everything known about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationDetail {
    #[serde(flatten)]
    pub summary: OrganizationSummary,
    pub names: Bilingual,
    pub description: Bilingual,
    pub alternative_names: Vec<String>,
    pub research_areas: Vec<Ref>,
    pub trains_in: Vec<Ref>,
    /// `org:subOrganizationOf`.
    pub parents: Vec<Ref>,
    /// Organisations that name this one as parent.
    pub children: Vec<Ref>,
    /// `mo:collaboratesWith`.
    pub partners: Vec<Ref>,
    pub projects: Vec<ProjectSummary>,
    /// Where the facts come from (`dcterms:source`).
    pub sources: Vec<String>,
    /// Organisations in the same municipality.
    pub same_municipality: Vec<Ref>,
    /// This server's linked-data page for the IRI.
    pub linked_data: String,
    /// The last change that touched the organisation (who, when): for signed-in users only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_change: Option<super::changes::ChangeView>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationPage {
    /// Number of results matching the filters (all pages).
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub items: Vec<super::organisations::OrganizationHit>,
}

/// A language of the catalogue, as `?lang=` gives it. Deserialised against the catalogue's
/// locales and documented with their codes, so a new locale folder adds a language to the API
/// and its OpenAPI document without a code change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangCode(pub Locale);

impl LangCode {
    pub fn code(self) -> &'static str {
        self.0.code()
    }
}

impl<'de> Deserialize<'de> for LangCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Locale::all()
            .find(|l| l.code() == code)
            .map(LangCode)
            .ok_or_else(|| {
                let codes: Vec<&str> = Locale::all().map(Locale::code).collect();
                serde::de::Error::custom(format!(
                    "unknown language {code:?}, expected one of {}",
                    codes.join(", ")
                ))
            })
    }
}

impl utoipa::PartialSchema for LangCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(Locale::all().map(Locale::code)))
            .description(Some(
                "A language of the catalogue; French (`fr`) is the default.",
            ))
            .into()
    }
}

impl ToSchema for LangCode {}

/// An organisation kind.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum KindParam {
    Company,
    ResearchCentre,
    University,
    College,
    PublicBody,
    DevelopmentAgency,
    InnovationCluster,
    Committee,
}

impl KindParam {
    pub fn kind(self) -> OrgKind {
        match self {
            KindParam::Company => OrgKind::Company,
            KindParam::ResearchCentre => OrgKind::ResearchCentre,
            KindParam::University => OrgKind::University,
            KindParam::College => OrgKind::College,
            KindParam::PublicBody => OrgKind::PublicBody,
            KindParam::DevelopmentAgency => OrgKind::DevelopmentAgency,
            KindParam::InnovationCluster => OrgKind::InnovationCluster,
            KindParam::Committee => OrgKind::Committee,
        }
    }
}

/// A derived role.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RoleParam {
    Supplier,
    Adopter,
}

/// Filters and pagination for the organisation list.
#[derive(Debug, Clone, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct OrganizationQuery {
    /// Full-text search over names, descriptions and the labels of the organisation's
    /// expertise (accents and case ignored; "vision" also finds object detection).
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Organisation kind.
    #[param(inline)]
    pub kind: Option<KindParam>,
    /// Derived role.
    #[param(inline)]
    pub role: Option<RoleParam>,
    /// Expertise concept (IRI or slug such as `computer-vision`); narrower concepts match too.
    #[param(max_length = 500)]
    pub expertise: Option<String>,
    /// NAICS code or IRI (e.g. `52` or `5241`); narrower classes match too.
    #[param(max_length = 500)]
    pub sector: Option<String>,
    /// Municipality (MAMH code such as `23027` or IRI).
    #[param(max_length = 500)]
    pub municipality: Option<String>,
    /// Only organisations in (true) or outside (false) the ZEM.
    pub in_zem: Option<bool>,
    /// Include the fictional demo records (default true).
    pub include_demo: Option<bool>,
    /// First result (default 0).
    #[param(minimum = 0, maximum = 1000000)]
    pub offset: Option<usize>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// Language of the labels (default `fr`, or `Accept-Language`).
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// Language only.
#[derive(Debug, Clone, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// Language of the labels (default `fr`, or `Accept-Language`).
    #[param(inline)]
    pub lang: Option<LangCode>,
}

/// A status of the selection pipeline: `proposed → under-review → recommended → selected →
/// funded → completed`, and `rejected` or `withdrawn` from an open status (proposed to
/// selected).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PipelineStatus {
    Proposed,
    UnderReview,
    Recommended,
    Selected,
    Funded,
    Completed,
    Rejected,
    Withdrawn,
}

impl From<ProjectStatus> for PipelineStatus {
    fn from(s: ProjectStatus) -> Self {
        match s {
            ProjectStatus::Proposed => PipelineStatus::Proposed,
            ProjectStatus::UnderReview => PipelineStatus::UnderReview,
            ProjectStatus::Recommended => PipelineStatus::Recommended,
            ProjectStatus::Selected => PipelineStatus::Selected,
            ProjectStatus::Funded => PipelineStatus::Funded,
            ProjectStatus::Completed => PipelineStatus::Completed,
            ProjectStatus::Rejected => PipelineStatus::Rejected,
            ProjectStatus::Withdrawn => PipelineStatus::Withdrawn,
        }
    }
}

impl From<PipelineStatus> for ProjectStatus {
    fn from(s: PipelineStatus) -> Self {
        match s {
            PipelineStatus::Proposed => ProjectStatus::Proposed,
            PipelineStatus::UnderReview => ProjectStatus::UnderReview,
            PipelineStatus::Recommended => ProjectStatus::Recommended,
            PipelineStatus::Selected => ProjectStatus::Selected,
            PipelineStatus::Funded => ProjectStatus::Funded,
            PipelineStatus::Completed => ProjectStatus::Completed,
            PipelineStatus::Rejected => ProjectStatus::Rejected,
            PipelineStatus::Withdrawn => ProjectStatus::Withdrawn,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectSummary {
    pub iri: String,
    /// The last segment of the IRI, used in `/api/v1/projects/{id}`.
    pub id: String,
    pub name: String,
    pub supplier: Option<Ref>,
    pub adopter: Option<Ref>,
    pub envelope: Option<Ref>,
    pub axes: Vec<Ref>,
    /// CAD: the amount granted (`mo:amount`), or the only amount known.
    pub amount: Option<f64>,
    /// CAD: the amount asked of the envelope (confidential: members only).
    pub amount_requested: Option<f64>,
    /// CAD: the amount granted, set at selection (by default, the request).
    pub amount_granted: Option<f64>,
    pub status: Option<PipelineStatus>,
    pub illustrative: bool,
    /// The last change that touched the project (who, when): for signed-in users only, in
    /// `GET /api/v1/projects`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_change: Option<super::changes::ChangeView>,
}

impl ProjectSummary {
    pub fn new(eco: &Ecosystem, p: &Project, lang: Lang) -> Self {
        ProjectSummary {
            iri: p.iri.clone(),
            id: p.iri.rsplit('/').next().unwrap_or_default().to_owned(),
            name: p.label.get(lang).to_owned(),
            supplier: Ref::maybe(eco, p.supplier.as_deref(), lang),
            adopter: Ref::maybe(eco, p.adopter.as_deref(), lang),
            envelope: Ref::maybe(eco, p.envelope.as_deref(), lang),
            axes: Ref::list(eco, &p.axes, lang),
            amount: p.amount,
            amount_requested: p.requested(),
            amount_granted: p.granted(),
            status: p.status.map(PipelineStatus::from),
            illustrative: p.illustrative,
            last_change: None,
        }
    }
}

/// An envelope and how much of it is committed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnvelopeBalance {
    pub iri: String,
    pub name: String,
    /// CAD.
    #[schema(example = 4348000.0)]
    pub amount: f64,
    /// Granted amounts of the real funded and completed projects it funds (CAD).
    pub committed: f64,
    /// Granted amounts of the real selected projects (CAD): earmarked, not yet committed.
    pub in_preparation: f64,
    /// Requested amounts of the real open projects, proposed to selected (CAD): the demand.
    pub requested: f64,
    /// The same as `requested` (kept for earlier clients).
    pub pipeline: f64,
    /// `amount - committed` (CAD).
    pub remaining: f64,
    /// Amounts of fictional demo projects marked funded or completed (CAD); never counted in
    /// `committed` or `remaining`.
    pub illustrative_committed: f64,
    pub funder: Option<Ref>,
    pub recipient: Option<Ref>,
    pub projects: Vec<ProjectSummary>,
}

/// Counts for a dashboard.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Stats {
    pub organisations: usize,
    pub suppliers: usize,
    pub adopters: usize,
    pub in_zem: usize,
    pub by_kind: Vec<Count>,
    /// Top municipalities by number of organisations.
    pub by_municipality: Vec<Count>,
    /// Expertise concepts by number of organisations offering, researching or teaching them.
    pub by_expertise: Vec<Count>,
    pub projects: usize,
    /// How many of these counts are illustrative (demo) records: all zero unless the server
    /// serves the demo graph (`serve --demo`).
    pub illustrative: super::stats::Illustrative,
    pub snapshot_version: u64,
    pub snapshot_build_ms: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Count {
    pub iri: Option<String>,
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// Roles of an organisation (derived from facts).
pub fn roles(eco: &Ecosystem, o: &Organization) -> Vec<String> {
    let mut roles = Vec::new();
    if o.is_supplier() {
        roles.push("supplier".to_owned());
    }
    if eco.is_adopter(o) {
        roles.push("adopter".to_owned());
    }
    roles
}

pub fn summary(eco: &Ecosystem, o: &Organization, lang: Lang) -> OrganizationSummary {
    let (needs, needs_source) = if !o.needs.is_empty() {
        (o.needs.clone(), NeedsSource::Explicit)
    } else if eco.is_adopter(o) {
        (eco.typical_needs(o), NeedsSource::SectorTypical)
    } else {
        (Vec::new(), NeedsSource::None)
    };
    OrganizationSummary {
        iri: o.iri.clone(),
        id: o.iri.rsplit('/').next().unwrap_or_default().to_owned(),
        name: o.label.get(lang).to_owned(),
        kind: o.kind.map(|k| k.slug().to_owned()),
        kind_label: o
            .kind
            .map(|k| maillage_i18n::Locale::of(lang).t(k.label_id())),
        municipality: Ref::maybe(eco, o.municipality.as_deref(), lang),
        in_zem: eco.in_zem(o),
        roles: roles(eco, o),
        expertise: Ref::list(eco, &o.offers, lang),
        needs: Ref::list(eco, &needs, lang),
        needs_source,
        sectors: Ref::list(eco, &o.sectors, lang),
        website: o.website.clone(),
        illustrative: o.illustrative,
    }
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    use super::*;

    #[test]
    fn languages_come_from_the_catalogue() {
        let en: LangCode = serde_json::from_str("\"en\"").expect("English is a locale");
        assert_eq!(en.code(), "en");
        assert!(serde_json::from_str::<LangCode>("\"xx\"").is_err());
        let schema = serde_json::to_value(LangCode::schema()).expect("schema");
        let codes: Vec<&str> = Locale::all().map(Locale::code).collect();
        assert_eq!(schema["enum"], serde_json::json!(codes));
        assert_eq!(schema["enum"][0], "fr");
    }
}
