//! The analytics in words: the graph crate answers with typed values (score components and
//! their evidence, eligibility rules and reasons, network links, rejected candidates) carrying
//! IRIs and numbers; this module is the one place that turns them into sentences, with the
//! messages of the catalogue (`maillage-i18n`, `analytics.ftl`) and the data's labels of the
//! IRIs in the reader's language. The REST API, the web pages and the CLI all use it.

use axum::http::StatusCode;
use maillage_graph::{
    Band, Component, EdgeKind, Evidence, Fact, GraphError, OrgLink, PathStep, Reason, RejectReason,
    Role, SectorScope, WeightsError,
};
use maillage_i18n::{Arg, Locale};
use maillage_model::Ecosystem;

use crate::error::{ApiError, Message};

/// The data's label of an IRI in the reader's language, marked when in another language (the
/// IRI itself when unknown): [`crate::labels::name`].
pub fn label(eco: &Ecosystem, iri: &str, locale: Locale) -> String {
    crate::labels::name(eco, iri, locale)
}

/// Labels of IRIs, each in quotation marks, joined into a list.
fn quoted_list(eco: &Ecosystem, iris: &[String], locale: Locale) -> String {
    iris.iter()
        .map(|i| {
            locale.t_args(
                "analytics-quoted",
                &[("name", Arg::from(label(eco, i, locale)))],
            )
        })
        .collect::<Vec<_>>()
        .join(&locale.t("analytics-list-separator"))
}

/// A typed value of the graph crate that has a stable name (in JSON and on the command line)
/// and a name in the catalogue.
trait Named: Copy + Sized + 'static {
    const ALL: &'static [Self];
    fn stable_name(self) -> &'static str;
    fn message_id(self) -> String;
}

impl Named for Component {
    const ALL: &'static [Self] = &Component::ALL;
    fn stable_name(self) -> &'static str {
        self.name()
    }
    /// `match-component-{name}`, the stable name in kebab case.
    fn message_id(self) -> String {
        format!("match-component-{}", self.name().replace('_', "-"))
    }
}

/// The name of a value from its stable name, the stable name itself when it names none.
fn named<T: Named>(locale: Locale, stable_name: &str) -> String {
    T::ALL
        .iter()
        .find(|v| v.stable_name() == stable_name)
        .map_or_else(|| stable_name.to_owned(), |v| locale.t(&v.message_id()))
}

/// The name of a score component ("Need coverage").
pub fn component(locale: Locale, c: Component) -> String {
    locale.t(&c.message_id())
}

/// The name of a component from its stable name (`need_coverage`…), the name itself when it
/// is not one.
pub fn component_named(locale: Locale, name: &str) -> String {
    named::<Component>(locale, name)
}

/// A typed value of the graph crate that one message of the catalogue names: a score's band
/// ("strong"), a link of the organisation network ("partner"), why a portfolio candidate was
/// left out, an edge of a path.
pub trait Worded: Copy {
    fn message_id(self) -> &'static str;
}

/// The name of a [`Worded`] value in the reader's language.
pub fn name_of<T: Worded>(locale: Locale, value: T) -> String {
    locale.t(value.message_id())
}

impl Worded for Band {
    fn message_id(self) -> &'static str {
        match self {
            Band::Strong => "match-band-strong",
            Band::Possible => "match-band-possible",
            Band::Weak => "match-band-weak",
        }
    }
}

/// One piece of evidence as a sentence.
pub fn evidence(eco: &Ecosystem, e: &Evidence, locale: Locale) -> String {
    let name = |iri: &str| Arg::from(label(eco, iri, locale));
    match e {
        Evidence::SectorTypicalNeeds { discount, .. } => locale.t_args(
            "match-typical-needs",
            &[("discount", Arg::from(locale.percent(*discount)))],
        ),
        Evidence::UncoveredNeed { need } => {
            locale.t_args("match-uncovered", &[("need", name(need))])
        }
        Evidence::ExactNeed { offer, .. } => {
            locale.t_args("match-exact", &[("offer", name(offer))])
        }
        Evidence::BroaderOffer {
            offer, need, steps, ..
        }
        | Evidence::NarrowerOffer {
            offer, need, steps, ..
        } => {
            let id = if matches!(e, Evidence::BroaderOffer { .. }) {
                "match-broader"
            } else {
                "match-narrower"
            };
            locale.t_args(
                id,
                &[
                    ("offer", name(offer)),
                    ("need", name(need)),
                    ("steps", Arg::from(*steps)),
                ],
            )
        }
        Evidence::RelatedOffer {
            offer,
            need,
            common_ancestor,
            ..
        } => locale.t_args(
            "match-related",
            &[
                ("offer", name(offer)),
                ("need", name(need)),
                ("ancestor", name(common_ancestor)),
            ],
        ),
        Evidence::PastProject {
            project,
            adopter,
            sector,
            scope,
            ..
        } => locale.t_args(
            "match-past-project",
            &[
                ("project", name(project)),
                ("adopter", name(adopter)),
                ("sector", name(sector)),
                (
                    "scope",
                    Arg::from(match scope {
                        SectorScope::Same => "same",
                        SectorScope::TopLevel => "top-level",
                    }),
                ),
            ],
        ),
        Evidence::NetworkPath { path, links } => {
            let mut text = String::new();
            for (i, org) in path.iter().enumerate() {
                text.push_str(&quoted_list(eco, std::slice::from_ref(org), locale));
                if let Some(link) = links.get(i) {
                    let link = name_of(locale, *link);
                    text.push_str(
                        &locale.t_args("match-network-hop", &[("link", Arg::from(link))]),
                    );
                }
            }
            locale.t_args(
                "match-network",
                &[("steps", Arg::from(links.len())), ("path", Arg::from(text))],
            )
        }
        Evidence::BothInZem { .. } => locale.t("match-both-in-zem"),
        Evidence::SharedAxes { axes } => locale.t_args(
            "match-shared-axes",
            &[("axes", Arg::from(quoted_list(eco, axes, locale)))],
        ),
        Evidence::SupplierAxes { axes } => locale.t_args(
            "match-supplier-axes",
            &[("axes", Arg::from(quoted_list(eco, axes, locale)))],
        ),
    }
}

/// Why a rule passed or failed, as a sentence.
pub fn reason(eco: &Ecosystem, r: &Reason, locale: Locale) -> String {
    let name = |iri: &str| Arg::from(label(eco, iri, locale));
    let role = |role: &Role| {
        Arg::from(match role {
            Role::Supplier => "supplier",
            Role::Adopter => "adopter",
        })
    };
    match r {
        Reason::LocatedIn {
            role: r,
            org,
            municipality,
            in_zone,
        } => locale.t_args(
            "elig-located",
            &[
                ("role", role(r)),
                ("org", name(org)),
                ("municipality", name(municipality)),
                ("zone", Arg::from(if *in_zone { "in" } else { "out" })),
            ],
        ),
        Reason::NoMunicipality { role: r, org } => locale.t_args(
            "elig-no-municipality",
            &[("role", role(r)), ("org", name(org))],
        ),
        Reason::OffersAi { org, concept } => locale.t_args(
            "elig-offers-ai",
            &[("org", name(org)), ("concept", name(concept))],
        ),
        Reason::OffersNoAi { org } => locale.t_args("elig-offers-no-ai", &[("org", name(org))]),
        Reason::Distinct => locale.t("elig-distinct"),
        Reason::SameOrganisation => locale.t("elig-same-organisation"),
        Reason::ParentSubsidiary { supplier, adopter } => locale.t_args(
            "elig-parent-subsidiary",
            &[("supplier", name(supplier)), ("adopter", name(adopter))],
        ),
        Reason::NoParentSubsidiary => locale.t("elig-no-parent-subsidiary"),
        Reason::AddressesAxis { axis } => {
            locale.t_args("elig-addresses-axis", &[("axis", name(axis))])
        }
        Reason::NoAxis => locale.t("elig-no-axis"),
        Reason::SmeTakesPart {
            org,
            headcount,
            limit,
        } => locale.t_args(
            "elig-sme-takes-part",
            &[
                ("org", name(org)),
                ("headcount", Arg::from(locale.int(f64::from(*headcount)))),
                ("limit", Arg::from(locale.int(*limit))),
            ],
        ),
        Reason::NoSme { limit } => {
            locale.t_args("elig-no-sme", &[("limit", Arg::from(locale.int(*limit)))])
        }
        Reason::CostShareWithin {
            requested,
            total,
            share,
            limit,
        }
        | Reason::CostShareAbove {
            requested,
            total,
            share,
            limit,
        } => locale.t_args(
            if matches!(r, Reason::CostShareWithin { .. }) {
                "elig-cost-share-within"
            } else {
                "elig-cost-share-above"
            },
            &[
                ("requested", Arg::from(locale.money(*requested))),
                ("total", Arg::from(locale.money(*total))),
                ("share", Arg::from(locale.percent(*share))),
                ("limit", Arg::from(locale.percent(*limit))),
            ],
        ),
        Reason::Missing { facts } => {
            let list = facts
                .iter()
                .map(|f| fact(eco, f, locale))
                .collect::<Vec<_>>()
                .join(&locale.t("analytics-list-separator"));
            locale.t_args("elig-missing", &[("facts", Arg::from(list))])
        }
        Reason::NoCheck { notation } => locale.t_args(
            "elig-no-check",
            &[("notation", Arg::from(notation.as_str()))],
        ),
    }
}

/// A fact the graph lacks, named for a person ("the head count of “Acme”").
pub fn fact(eco: &Ecosystem, f: &Fact, locale: Locale) -> String {
    match f {
        Fact::Headcount { org } => locale.t_args(
            "elig-fact-headcount",
            &[("org", Arg::from(label(eco, org, locale)))],
        ),
        Fact::TotalCost => locale.t("elig-fact-total-cost"),
        Fact::AmountRequested => locale.t("elig-fact-amount-requested"),
        Fact::Party { role } => locale.t_args(
            "elig-fact-party",
            &[(
                "role",
                Arg::from(match role {
                    Role::Supplier => "supplier",
                    Role::Adopter => "adopter",
                }),
            )],
        ),
        Fact::Threshold => locale.t("elig-fact-threshold"),
    }
}

impl Worded for OrgLink {
    fn message_id(self) -> &'static str {
        match self {
            OrgLink::Partner => "net-link-partner",
            OrgLink::SharedProject => "net-link-shared-project",
            OrgLink::SubOrganization => "net-link-sub-organisation",
        }
    }
}

/// One step of a path: "“A” offers “Computer vision”".
pub fn path_step(eco: &Ecosystem, step: &PathStep, locale: Locale) -> String {
    locale.t_args(
        step.edge.message_id(),
        &[
            ("from", Arg::from(label(eco, &step.from, locale))),
            ("to", Arg::from(label(eco, &step.to, locale))),
        ],
    )
}

impl Worded for EdgeKind {
    fn message_id(self) -> &'static str {
        match self {
            EdgeKind::Offers => "net-edge-offers",
            EdgeKind::Needs => "net-edge-needs",
            EdgeKind::Researches => "net-edge-researches",
            EdgeKind::Trains => "net-edge-trains",
            EdgeKind::Broader => "net-edge-broader",
            EdgeKind::InSector => "net-edge-in-sector",
            EdgeKind::LocatedIn => "net-edge-located-in",
            EdgeKind::SubOrganizationOf => "net-edge-sub-organisation-of",
            EdgeKind::Partner => "net-edge-partner",
            EdgeKind::SupplierOf => "net-edge-supplier-of",
            EdgeKind::AdopterOf => "net-edge-adopter-of",
        }
    }
}

impl Worded for RejectReason {
    fn message_id(self) -> &'static str {
        match self {
            RejectReason::InvalidInput => "portfolio-reject-invalid-input",
            RejectReason::DuplicatePair => "portfolio-reject-duplicate-pair",
            RejectReason::AdopterTaken => "portfolio-reject-adopter-taken",
            RejectReason::SupplierFull => "portfolio-reject-supplier-full",
            RejectReason::Budget => "portfolio-reject-budget",
            RejectReason::NoValue => "portfolio-reject-no-value",
        }
    }
}

/// How the portfolio is chosen, in one sentence.
pub fn portfolio_method(locale: Locale) -> String {
    locale.t("portfolio-method")
}

/// An analytics error as a message of the catalogue (for a problem document or the CLI).
pub fn graph_error(e: &GraphError) -> Message {
    let with_iri = |id, iri: &String| Message::new(id).arg("iri", iri);
    match e {
        GraphError::UnknownOrganization(i) => with_iri("err-analytics-unknown-organisation", i),
        GraphError::NotASupplier(i) => with_iri("err-analytics-not-supplier", i),
        GraphError::NotAnAdopter(i) => with_iri("err-analytics-not-adopter", i),
        GraphError::UnknownProject(i) => with_iri("err-analytics-unknown-project", i),
        GraphError::UnknownEnvelope(i) => with_iri("err-analytics-unknown-envelope", i),
        GraphError::UnknownNode(i) => with_iri("err-analytics-unknown-node", i),
        GraphError::InvalidWeights(WeightsError::NegativeOrNotFinite) => {
            Message::new("err-analytics-weights-negative")
        }
        GraphError::InvalidWeights(WeightsError::AllZero) => {
            Message::new("err-analytics-weights-zero")
        }
    }
}

impl From<GraphError> for ApiError {
    /// Unknown IRIs are 404; a pair or weights the analytics cannot apply to are 422.
    fn from(e: GraphError) -> Self {
        let detail = graph_error(&e);
        match e {
            GraphError::UnknownOrganization(_)
            | GraphError::UnknownProject(_)
            | GraphError::UnknownEnvelope(_)
            | GraphError::UnknownNode(_) => ApiError::not_found(detail),
            GraphError::NotASupplier(_)
            | GraphError::NotAnAdopter(_)
            | GraphError::InvalidWeights(_) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "err-title-not-applicable",
                detail,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use maillage_model::{Label, Municipality, Organization};

    use super::*;

    fn locales() -> (Locale, Locale) {
        (Locale::FRENCH, Locale::parse("en").expect("English"))
    }

    fn eco() -> Ecosystem {
        let mut eco = Ecosystem::default();
        for (iri, fr, en) in [
            ("c:od", "Détection d'objets", "Object detection"),
            ("c:cv", "Vision numérique", "Computer vision"),
        ] {
            eco.concepts.insert(
                iri.into(),
                maillage_model::Concept {
                    iri: iri.into(),
                    scheme: maillage_model::ConceptScheme::AiExpertise,
                    label: Label::new(fr, en),
                    alt_labels: vec![],
                    broader: vec![],
                },
            );
        }
        for org in ["Acme", "Vision"] {
            eco.organizations.insert(
                org.into(),
                Organization {
                    iri: org.into(),
                    label: Label::same(org),
                    ..Organization::default()
                },
            );
        }
        eco.municipalities.insert(
            "m:sherbrooke".into(),
            Municipality {
                iri: "m:sherbrooke".into(),
                code: "43027".into(),
                label: Label::same("Sherbrooke"),
                in_zem: false,
                region: None,
                population: None,
                lat: None,
                long: None,
            },
        );
        eco
    }

    /// Asserts the French and the English sentence of what `write` writes in a language.
    fn reads(write: impl Fn(Locale) -> String, french: &str, english: &str) {
        let (fr, en) = locales();
        assert_eq!(write(fr), french);
        assert_eq!(write(en), english);
    }

    #[test]
    fn evidence_reads_in_both_languages_with_the_data_labels() {
        let (fr, en) = locales();
        let e = Evidence::BroaderOffer {
            offer: "c:cv".into(),
            need: "c:od".into(),
            steps: 1,
            path: vec!["c:od".into(), "c:cv".into()],
        };
        reads(
            |l| evidence(&eco(), &e, l),
            "Offre « Vision numérique », plus générale que le besoin « Détection d'objets » (un niveau au-dessus dans la classification des expertises)",
            "Offers “Computer vision”, broader than the need “Object detection” (one level up in the classification of expertise)",
        );
        let two = Evidence::NarrowerOffer {
            offer: "c:od".into(),
            need: "c:cv".into(),
            steps: 2,
            path: vec![],
        };
        assert!(
            evidence(&eco(), &two, fr)
                .ends_with("(2 niveaux en dessous dans la classification des expertises)"),
            "{}",
            evidence(&eco(), &two, fr)
        );
        let typical = Evidence::SectorTypicalNeeds {
            sectors: vec![],
            discount: 0.8,
        };
        assert!(
            evidence(&eco(), &typical, fr).ends_with("comptée à 80\u{a0}%"),
            "{}",
            evidence(&eco(), &typical, fr)
        );
        assert!(evidence(&eco(), &typical, en).ends_with("counted at 80%"));
        let path = Evidence::NetworkPath {
            path: vec!["Acme".into(), "Vision".into()],
            links: vec![OrgLink::Partner],
        };
        reads(
            |l| evidence(&eco(), &path, l),
            "Lien direct dans le réseau : « Acme » —(partenaire)— « Vision »",
            "Linked in one step in the network: “Acme” —(partner)— “Vision”",
        );
        let axes = Evidence::SharedAxes {
            axes: vec!["c:od".into(), "c:cv".into()],
        };
        assert_eq!(
            evidence(&eco(), &axes, en),
            "Shared ZEM axes: “Object detection”, “Computer vision”"
        );
    }

    #[test]
    fn reasons_name_the_rule_the_organisation_and_the_place() {
        let (fr, en) = locales();
        let r = Reason::LocatedIn {
            role: Role::Supplier,
            org: "Vision".into(),
            municipality: "m:sherbrooke".into(),
            in_zone: false,
        };
        reads(
            |l| reason(&eco(), &r, l),
            "Le fournisseur « Vision » est situé à Sherbrooke, hors de la ZEM",
            "The supplier “Vision” is located in Sherbrooke, outside the ZEM",
        );
        reads(
            |l| {
                reason(
                    &eco(),
                    &Reason::Missing {
                        facts: vec![Fact::Headcount { org: "Acme".into() }, Fact::TotalCost],
                    },
                    l,
                )
            },
            "Inconnu : il manque l'effectif de « Acme », le coût total du projet",
            "Unknown: missing the head count of “Acme”, the project's total cost",
        );
        assert_eq!(component_named(en, "need_coverage"), "Need coverage");
        let step = PathStep {
            from: "Vision".into(),
            to: "c:cv".into(),
            edge: EdgeKind::Offers,
        };
        assert_eq!(
            path_step(&eco(), &step, fr),
            "« Vision » offre « Vision numérique »"
        );
    }

    #[test]
    fn every_typed_value_has_a_message_in_every_locale() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(Component::ALL.map(Component::message_id));
        ids.extend(Band::ALL.map(|b| b.message_id().to_owned()));
        ids.extend(OrgLink::ALL.map(|l| l.message_id().to_owned()));
        ids.extend(RejectReason::ALL.map(|r| r.message_id().to_owned()));
        ids.extend(EdgeKind::ALL.map(|e| e.message_id().to_owned()));
        for e in [
            GraphError::UnknownOrganization(String::new()),
            GraphError::NotASupplier(String::new()),
            GraphError::NotAnAdopter(String::new()),
            GraphError::UnknownProject(String::new()),
            GraphError::UnknownEnvelope(String::new()),
            GraphError::UnknownNode(String::new()),
            GraphError::InvalidWeights(WeightsError::NegativeOrNotFinite),
            GraphError::InvalidWeights(WeightsError::AllZero),
        ] {
            ids.push(graph_error(&e).id().to_owned());
        }
        // The catalogue's own test makes every locale define every French message.
        let args = [
            ("from", Arg::from("a")),
            ("to", Arg::from("b")),
            ("iri", Arg::from("c")),
        ];
        for id in &ids {
            assert_ne!(&Locale::FRENCH.t_args(id, &args), id, "no message {id}");
        }
    }
}
