//! Eligibility for the ZEM / Scale AI envelope, as named rules with a verdict each, so that a
//! refusal always says which rule failed and why (as typed reasons carrying IRIs; the API
//! phrases them).

use maillage_model::{ConceptScheme, Ecosystem, Organization, vocab};

use crate::GraphError;

/// The eligibility rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    SupplierInZem,
    AdopterInZem,
    SupplierOffersAi,
    DistinctOrganisations,
    NotParentSubsidiary,
    ProjectAddressesAxis,
}

impl RuleId {
    pub const ALL: [RuleId; 6] = [
        RuleId::SupplierInZem,
        RuleId::AdopterInZem,
        RuleId::SupplierOffersAi,
        RuleId::DistinctOrganisations,
        RuleId::NotParentSubsidiary,
        RuleId::ProjectAddressesAxis,
    ];

    /// The stable name: `supplier-in-zem`, `adopter-in-zem`, `supplier-offers-ai`,
    /// `distinct-organisations`, `not-parent-subsidiary`, `project-addresses-axis`.
    pub fn slug(self) -> &'static str {
        match self {
            RuleId::SupplierInZem => "supplier-in-zem",
            RuleId::AdopterInZem => "adopter-in-zem",
            RuleId::SupplierOffersAi => "supplier-offers-ai",
            RuleId::DistinctOrganisations => "distinct-organisations",
            RuleId::NotParentSubsidiary => "not-parent-subsidiary",
            RuleId::ProjectAddressesAxis => "project-addresses-axis",
        }
    }
}

/// The side of a pair an organisation is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Supplier,
    Adopter,
}

/// Why a rule passed or failed: the facts, as IRIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `org` is located in `municipality`, inside the ZEM or not.
    LocatedIn {
        role: Role,
        org: String,
        municipality: String,
        in_zone: bool,
    },
    /// `org` has no known municipality.
    NoMunicipality { role: Role, org: String },
    /// `org` offers `concept`, an AI expertise.
    OffersAi { org: String, concept: String },
    /// `org` offers no concept of the AI expertise taxonomy.
    OffersNoAi { org: String },
    /// Supplier and adopter are two organisations.
    Distinct,
    /// Supplier and adopter are the same organisation.
    SameOrganisation,
    /// A project without a known supplier and adopter.
    MissingParties,
    /// One is a sub-organisation of the other (`org:subOrganizationOf`, transitively).
    ParentSubsidiary { supplier: String, adopter: String },
    /// No parent–subsidiary relation between them.
    NoParentSubsidiary,
    /// The project addresses the ZEM priority `axis`.
    AddressesAxis { axis: String },
    /// The project addresses no ZEM priority axis.
    NoAxis,
}

/// The verdict of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    pub passed: bool,
    pub reason: Reason,
}

impl Rule {
    fn new(id: RuleId, passed: bool, reason: Reason) -> Rule {
        Rule { id, passed, reason }
    }
}

/// All rule verdicts; `eligible` when every rule passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibility {
    pub eligible: bool,
    pub rules: Vec<Rule>,
}

impl Eligibility {
    pub(crate) fn from_rules(rules: Vec<Rule>) -> Eligibility {
        Eligibility {
            eligible: rules.iter().all(|r| r.passed),
            rules,
        }
    }
}

fn organisation<'a>(eco: &'a Ecosystem, iri: &str) -> Result<&'a Organization, GraphError> {
    eco.organizations
        .get(iri)
        .ok_or_else(|| GraphError::UnknownOrganization(iri.to_owned()))
}

/// Checks a supplier–adopter pair (the four pair rules and the parent/subsidiary rule).
pub fn check_pair(
    eco: &Ecosystem,
    supplier: &str,
    adopter: &str,
) -> Result<Eligibility, GraphError> {
    let s = organisation(eco, supplier)?;
    let a = organisation(eco, adopter)?;
    Ok(Eligibility::from_rules(pair_rules(eco, s, a)))
}

/// Checks a project: its supplier and adopter as a pair, plus `project-addresses-axis`.
pub fn check_project(eco: &Ecosystem, project: &str) -> Result<Eligibility, GraphError> {
    let p = eco
        .projects
        .get(project)
        .ok_or_else(|| GraphError::UnknownProject(project.to_owned()))?;
    let s = p.supplier.as_ref().and_then(|s| eco.organizations.get(s));
    let a = p.adopter.as_ref().and_then(|a| eco.organizations.get(a));
    let mut rules = match (s, a) {
        (Some(s), Some(a)) => pair_rules(eco, s, a),
        _ => vec![Rule::new(
            RuleId::DistinctOrganisations,
            false,
            Reason::MissingParties,
        )],
    };
    let axis = p.axes.iter().find(|a| is_axis(eco, a));
    rules.push(match axis {
        Some(axis) => Rule::new(
            RuleId::ProjectAddressesAxis,
            true,
            Reason::AddressesAxis { axis: axis.clone() },
        ),
        None => Rule::new(RuleId::ProjectAddressesAxis, false, Reason::NoAxis),
    });
    Ok(Eligibility::from_rules(rules))
}

fn is_axis(eco: &Ecosystem, iri: &str) -> bool {
    match eco.concepts.get(iri) {
        Some(c) => c.scheme == ConceptScheme::ZemAxes,
        None => iri.starts_with(&vocab::id("axis", "")),
    }
}

fn located(eco: &Ecosystem, org: &Organization, role: Role) -> Rule {
    let id = match role {
        Role::Supplier => RuleId::SupplierInZem,
        Role::Adopter => RuleId::AdopterInZem,
    };
    let known = org
        .municipality
        .as_ref()
        .and_then(|m| eco.municipalities.get(m));
    match known {
        Some(m) => Rule::new(
            id,
            m.in_zem,
            Reason::LocatedIn {
                role,
                org: org.iri.clone(),
                municipality: m.iri.clone(),
                in_zone: m.in_zem,
            },
        ),
        None => Rule::new(
            id,
            false,
            Reason::NoMunicipality {
                role,
                org: org.iri.clone(),
            },
        ),
    }
}

/// Is one of the two organisations a sub-organisation of the other (transitively)?
pub(crate) fn parent_and_subsidiary(eco: &Ecosystem, a: &str, b: &str) -> bool {
    eco.is_ancestor(a, b) || eco.is_ancestor(b, a)
}

pub(crate) fn pair_rules(eco: &Ecosystem, s: &Organization, a: &Organization) -> Vec<Rule> {
    let ai = s.offers.iter().find(|c| {
        eco.concepts
            .get(*c)
            .is_some_and(|c| c.scheme == ConceptScheme::AiExpertise)
    });
    let offers_ai = match ai {
        Some(c) => Rule::new(
            RuleId::SupplierOffersAi,
            true,
            Reason::OffersAi {
                org: s.iri.clone(),
                concept: c.clone(),
            },
        ),
        None => Rule::new(
            RuleId::SupplierOffersAi,
            false,
            Reason::OffersNoAi { org: s.iri.clone() },
        ),
    };
    let distinct = s.iri != a.iri;
    let related = parent_and_subsidiary(eco, &s.iri, &a.iri);
    vec![
        located(eco, s, Role::Supplier),
        located(eco, a, Role::Adopter),
        offers_ai,
        Rule::new(
            RuleId::DistinctOrganisations,
            distinct,
            if distinct {
                Reason::Distinct
            } else {
                Reason::SameOrganisation
            },
        ),
        Rule::new(
            RuleId::NotParentSubsidiary,
            !related,
            if related {
                Reason::ParentSubsidiary {
                    supplier: s.iri.clone(),
                    adopter: a.iri.clone(),
                }
            } else {
                Reason::NoParentSubsidiary
            },
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::ProjectStatus;

    fn failed(e: &Eligibility) -> Vec<RuleId> {
        e.rules.iter().filter(|r| !r.passed).map(|r| r.id).collect()
    }

    #[test]
    fn a_local_pair_is_eligible() {
        let e = check_pair(&small(), &org("vision-inc"), &org("acme")).unwrap();
        assert!(e.eligible, "{e:?}");
        let ids: Vec<RuleId> = e.rules.iter().map(|r| r.id).collect();
        assert_eq!(ids, RuleId::ALL[..5].to_vec());
        assert_eq!(
            e.rules[2].reason,
            Reason::OffersAi {
                org: org("vision-inc"),
                concept: concept("object-detection"),
            }
        );
    }

    #[test]
    fn an_out_of_zone_supplier_fails_the_location_rule() {
        let e = check_pair(&small(), &org("mtl-vision"), &org("acme")).unwrap();
        assert!(!e.eligible);
        assert_eq!(failed(&e), vec![RuleId::SupplierInZem]);
        assert_eq!(
            e.rules[0].reason,
            Reason::LocatedIn {
                role: Role::Supplier,
                org: org("mtl-vision"),
                municipality: mun("66023"),
                in_zone: false,
            }
        );
    }

    #[test]
    fn parent_and_subsidiary_fail() {
        let e = check_pair(&small(), &org("acme-labs"), &org("acme")).unwrap();
        assert_eq!(failed(&e), vec![RuleId::NotParentSubsidiary]);
        assert_eq!(
            e.rules[4].reason,
            Reason::ParentSubsidiary {
                supplier: org("acme-labs"),
                adopter: org("acme"),
            }
        );
        let e = check_pair(&small(), &org("acme"), &org("acme")).unwrap();
        assert!(failed(&e).contains(&RuleId::DistinctOrganisations));
        assert!(failed(&e).contains(&RuleId::SupplierOffersAi));
        assert!(e.rules.iter().any(|r| r.reason == Reason::SameOrganisation));
    }

    #[test]
    fn projects_need_an_axis() {
        let mut eco = small();
        add_project(
            &mut eco,
            "p1",
            "vision-inc",
            "acme",
            ProjectStatus::Proposed,
            1.0,
            &["innovation-productivite"],
        );
        add_project(
            &mut eco,
            "p2",
            "vision-inc",
            "acme",
            ProjectStatus::Proposed,
            1.0,
            &[],
        );
        let p1 = check_project(&eco, &vocab::id("project", "p1")).unwrap();
        assert!(p1.eligible);
        assert_eq!(
            p1.rules.last().map(|r| &r.reason),
            Some(&Reason::AddressesAxis {
                axis: axis("innovation-productivite")
            })
        );
        let p2 = check_project(&eco, &vocab::id("project", "p2")).unwrap();
        assert_eq!(failed(&p2), vec![RuleId::ProjectAddressesAxis]);
        assert_eq!(p2.rules.last().map(|r| &r.reason), Some(&Reason::NoAxis));
        assert!(matches!(
            check_project(&eco, "urn:nope"),
            Err(GraphError::UnknownProject(_))
        ));
        assert!(matches!(
            check_pair(&eco, "urn:nope", &org("acme")),
            Err(GraphError::UnknownOrganization(_))
        ));
    }
}
