//! Eligibility for the ZEM / Scale AI envelope: the rules of the rule set in force (data:
//! `datasets/funding/eligibility-rules.ttl`, read into [`Ecosystem::rule_set`]), each evaluated
//! by the check its notation names, with a verdict and a typed reason — so a refusal always
//! says which rule failed and why, and a rule that needs a fact the graph lacks says so
//! (`passed: None`, the missing facts named) instead of passing. The API phrases the reasons.
//!
//! The same rule set serves the pairs of the matcher ([`check_pair`]: the rules about the two
//! organisations) and the projects of the pipeline ([`check_project`]: every rule).

use maillage_model::{ConceptScheme, Ecosystem, EligibilityRule, Organization, Project, vocab};

use crate::GraphError;

/// The checks this version knows how to make; a rule's notation (`skos:notation`) names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    SupplierInZem,
    AdopterInZem,
    SupplierOffersAi,
    DistinctOrganisations,
    NotParentSubsidiary,
    ProjectAddressesAxis,
    SmeParticipant,
    ProgrammeCostShare,
}

impl RuleId {
    pub const ALL: [RuleId; 8] = [
        RuleId::SupplierInZem,
        RuleId::AdopterInZem,
        RuleId::SupplierOffersAi,
        RuleId::DistinctOrganisations,
        RuleId::NotParentSubsidiary,
        RuleId::ProjectAddressesAxis,
        RuleId::SmeParticipant,
        RuleId::ProgrammeCostShare,
    ];

    /// The stable name (the rule's notation in the data): `supplier-in-zem`,
    /// `adopter-in-zem`, `supplier-offers-ai`, `distinct-organisations`,
    /// `not-parent-subsidiary`, `project-addresses-axis`, `sme-participant`,
    /// `programme-cost-share`.
    pub fn slug(self) -> &'static str {
        match self {
            RuleId::SupplierInZem => "supplier-in-zem",
            RuleId::AdopterInZem => "adopter-in-zem",
            RuleId::SupplierOffersAi => "supplier-offers-ai",
            RuleId::DistinctOrganisations => "distinct-organisations",
            RuleId::NotParentSubsidiary => "not-parent-subsidiary",
            RuleId::ProjectAddressesAxis => "project-addresses-axis",
            RuleId::SmeParticipant => "sme-participant",
            RuleId::ProgrammeCostShare => "programme-cost-share",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// A rule about the supplier–adopter pair alone (the matcher checks these); the others
    /// need a project (its axes, its amounts).
    pub fn is_pair_rule(self) -> bool {
        !matches!(
            self,
            RuleId::ProjectAddressesAxis | RuleId::ProgrammeCostShare
        )
    }
}

/// The side of a pair an organisation is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Supplier,
    Adopter,
}

/// A fact a rule needs and the graph lacks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// The organisation's head count (`mo:headcount`).
    Headcount { org: String },
    /// The project's total cost (`mo:totalCost`).
    TotalCost,
    /// The amount the project asks of the programme (`mo:amountRequested` or `mo:amount`).
    AmountRequested,
    /// The project's supplier or adopter.
    Party { role: Role },
    /// The rule's own threshold (`mo:threshold`) in the rule set.
    Threshold,
}

/// Why a rule passed or failed, or why its verdict is unknown: the facts, as IRIs and numbers.
#[derive(Clone, Debug, PartialEq)]
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
    /// One is a sub-organisation of the other (`org:subOrganizationOf`, transitively).
    ParentSubsidiary { supplier: String, adopter: String },
    /// No parent–subsidiary relation between them.
    NoParentSubsidiary,
    /// The project addresses the ZEM priority `axis`.
    AddressesAxis { axis: String },
    /// The project addresses no ZEM priority axis.
    NoAxis,
    /// `org`, with `headcount` employees, is a small or medium business (fewer than `limit`).
    SmeTakesPart {
        org: String,
        headcount: u32,
        limit: f64,
    },
    /// Both have `limit` employees or more.
    NoSme { limit: f64 },
    /// The programme would pay `share` of the total cost, at most `limit`.
    CostShareWithin {
        requested: f64,
        total: f64,
        share: f64,
        limit: f64,
    },
    /// The programme would pay `share` of the total cost, more than `limit`.
    CostShareAbove {
        requested: f64,
        total: f64,
        share: f64,
        limit: f64,
    },
    /// The verdict needs facts the graph lacks.
    Missing { facts: Vec<Fact> },
    /// The rule's notation names no check of this version: it cannot be evaluated.
    NoCheck { notation: String },
}

/// The verdict of one rule of the rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The rule's IRI in the rule set.
    pub rule: String,
    /// The check its notation names (`None`: none this version knows).
    pub id: Option<RuleId>,
    /// `Some(true)` passed, `Some(false)` failed, `None` unknown (a fact is missing): never
    /// "passed" without the facts.
    pub passed: Option<bool>,
    pub reason: Reason,
}

/// Every rule's verdict and the overall one: eligible (`Some(true)`) when every rule passed,
/// not eligible (`Some(false)`) when one failed, unknown (`None`) when none failed but some
/// could not be decided — or when there is no rule set at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Eligibility {
    pub eligible: Option<bool>,
    pub rules: Vec<Rule>,
}

impl Eligibility {
    pub(crate) fn from_rules(rules: Vec<Rule>) -> Eligibility {
        let eligible = if rules.iter().any(|r| r.passed == Some(false)) {
            Some(false)
        } else if !rules.is_empty() && rules.iter().all(|r| r.passed == Some(true)) {
            Some(true)
        } else {
            None
        };
        Eligibility { eligible, rules }
    }

    /// No rule failed (eligible, or not decided yet): what the matcher's `eligible_only` keeps.
    pub fn not_ruled_out(&self) -> bool {
        self.eligible != Some(false)
    }

    /// The rules that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.passed == Some(false))
    }
}

fn organisation<'a>(eco: &'a Ecosystem, iri: &str) -> Result<&'a Organization, GraphError> {
    eco.organizations
        .get(iri)
        .ok_or_else(|| GraphError::UnknownOrganization(iri.to_owned()))
}

/// Checks a supplier–adopter pair against the pair rules of the rule set.
pub fn check_pair(
    eco: &Ecosystem,
    supplier: &str,
    adopter: &str,
) -> Result<Eligibility, GraphError> {
    let s = organisation(eco, supplier)?;
    let a = organisation(eco, adopter)?;
    Ok(Eligibility::from_rules(pair_rules(eco, s, a)))
}

/// Checks a project against every rule of the rule set.
pub fn check_project(eco: &Ecosystem, project: &str) -> Result<Eligibility, GraphError> {
    let p = eco
        .projects
        .get(project)
        .ok_or_else(|| GraphError::UnknownProject(project.to_owned()))?;
    Ok(check_candidate(eco, p))
}

/// Checks a project that may not be in the ecosystem yet (a form being filled in) against
/// every rule of the rule set. Its supplier and adopter, when given, must be organisations of
/// `eco` to be checked (an unknown one counts as missing).
pub fn check_candidate(eco: &Ecosystem, p: &Project) -> Eligibility {
    let s = p.supplier.as_ref().and_then(|s| eco.organizations.get(s));
    let a = p.adopter.as_ref().and_then(|a| eco.organizations.get(a));
    let rules = eco
        .rule_set
        .rules
        .iter()
        .map(|rule| {
            let id = RuleId::from_slug(&rule.notation);
            let verdict = match id {
                None => (
                    None,
                    Reason::NoCheck {
                        notation: rule.notation.clone(),
                    },
                ),
                Some(RuleId::ProjectAddressesAxis) => addresses_axis(eco, p),
                Some(RuleId::ProgrammeCostShare) => cost_share(p, rule),
                Some(id) => match (s, a) {
                    (Some(s), Some(a)) => pair_check(eco, id, rule, s, a),
                    _ => {
                        let mut facts = Vec::new();
                        if s.is_none() {
                            facts.push(Fact::Party {
                                role: Role::Supplier,
                            });
                        }
                        if a.is_none() {
                            facts.push(Fact::Party {
                                role: Role::Adopter,
                            });
                        }
                        (None, Reason::Missing { facts })
                    }
                },
            };
            Rule {
                rule: rule.iri.clone(),
                id,
                passed: verdict.0,
                reason: verdict.1,
            }
        })
        .collect();
    Eligibility::from_rules(rules)
}

/// The verdicts of the rule set's pair rules for `s` supplying `a`, in the rule set's order.
pub(crate) fn pair_rules(eco: &Ecosystem, s: &Organization, a: &Organization) -> Vec<Rule> {
    eco.rule_set
        .rules
        .iter()
        .filter_map(|rule| {
            let id = RuleId::from_slug(&rule.notation).filter(|id| id.is_pair_rule())?;
            let (passed, reason) = pair_check(eco, id, rule, s, a);
            Some(Rule {
                rule: rule.iri.clone(),
                id: Some(id),
                passed,
                reason,
            })
        })
        .collect()
}

/// One pair check.
fn pair_check(
    eco: &Ecosystem,
    id: RuleId,
    rule: &EligibilityRule,
    s: &Organization,
    a: &Organization,
) -> (Option<bool>, Reason) {
    match id {
        RuleId::SupplierInZem => located(eco, s, Role::Supplier),
        RuleId::AdopterInZem => located(eco, a, Role::Adopter),
        RuleId::SupplierOffersAi => offers_ai(eco, s),
        RuleId::DistinctOrganisations => {
            if s.iri != a.iri {
                (Some(true), Reason::Distinct)
            } else {
                (Some(false), Reason::SameOrganisation)
            }
        }
        RuleId::NotParentSubsidiary => {
            if parent_and_subsidiary(eco, &s.iri, &a.iri) {
                (
                    Some(false),
                    Reason::ParentSubsidiary {
                        supplier: s.iri.clone(),
                        adopter: a.iri.clone(),
                    },
                )
            } else {
                (Some(true), Reason::NoParentSubsidiary)
            }
        }
        RuleId::SmeParticipant => sme(rule, s, a),
        // Project rules are not pair rules: never asked here.
        RuleId::ProjectAddressesAxis | RuleId::ProgrammeCostShare => (
            None,
            Reason::NoCheck {
                notation: rule.notation.clone(),
            },
        ),
    }
}

fn is_axis(eco: &Ecosystem, iri: &str) -> bool {
    match eco.concepts.get(iri) {
        Some(c) => c.scheme == ConceptScheme::ZemAxes,
        None => iri.starts_with(&vocab::id("axis", "")),
    }
}

fn addresses_axis(eco: &Ecosystem, p: &Project) -> (Option<bool>, Reason) {
    match p.axes.iter().find(|a| is_axis(eco, a)) {
        Some(axis) => (Some(true), Reason::AddressesAxis { axis: axis.clone() }),
        None => (Some(false), Reason::NoAxis),
    }
}

fn located(eco: &Ecosystem, org: &Organization, role: Role) -> (Option<bool>, Reason) {
    let known = org
        .municipality
        .as_ref()
        .and_then(|m| eco.municipalities.get(m));
    match known {
        Some(m) => (
            Some(m.in_zem),
            Reason::LocatedIn {
                role,
                org: org.iri.clone(),
                municipality: m.iri.clone(),
                in_zone: m.in_zem,
            },
        ),
        // Valid data always has a municipality: one the graph does not know is a failure.
        None => (
            Some(false),
            Reason::NoMunicipality {
                role,
                org: org.iri.clone(),
            },
        ),
    }
}

fn offers_ai(eco: &Ecosystem, s: &Organization) -> (Option<bool>, Reason) {
    let ai = s.offers.iter().find(|c| {
        eco.concepts
            .get(*c)
            .is_some_and(|c| c.scheme == ConceptScheme::AiExpertise)
    });
    match ai {
        Some(c) => (
            Some(true),
            Reason::OffersAi {
                org: s.iri.clone(),
                concept: c.clone(),
            },
        ),
        None => (Some(false), Reason::OffersNoAi { org: s.iri.clone() }),
    }
}

/// At least one of the two is a small or medium business (fewer than the rule's threshold of
/// employees): passed when one head count is known and under it, failed when both are known
/// and not, unknown otherwise (the missing head counts named).
fn sme(rule: &EligibilityRule, s: &Organization, a: &Organization) -> (Option<bool>, Reason) {
    let Some(limit) = rule.threshold else {
        return (
            None,
            Reason::Missing {
                facts: vec![Fact::Threshold],
            },
        );
    };
    let parties: Vec<&Organization> = if s.iri == a.iri { vec![s] } else { vec![s, a] };
    if let Some(o) = parties
        .iter()
        .find(|o| o.headcount.is_some_and(|h| f64::from(h) < limit))
    {
        return (
            Some(true),
            Reason::SmeTakesPart {
                org: o.iri.clone(),
                headcount: o.headcount.unwrap_or_default(),
                limit,
            },
        );
    }
    let facts: Vec<Fact> = parties
        .iter()
        .filter(|o| o.headcount.is_none())
        .map(|o| Fact::Headcount { org: o.iri.clone() })
        .collect();
    if facts.is_empty() {
        (Some(false), Reason::NoSme { limit })
    } else {
        (None, Reason::Missing { facts })
    }
}

/// The programme pays at most the rule's threshold (a share) of the project's total cost:
/// `requested / total ≤ threshold`; unknown without both amounts.
fn cost_share(p: &Project, rule: &EligibilityRule) -> (Option<bool>, Reason) {
    let mut facts = Vec::new();
    if p.total_cost.is_none_or(|t| t <= 0.0) {
        facts.push(Fact::TotalCost);
    }
    if p.requested().is_none() {
        facts.push(Fact::AmountRequested);
    }
    if rule.threshold.is_none() {
        facts.push(Fact::Threshold);
    }
    let (Some(total), Some(requested), Some(limit), true) = (
        p.total_cost,
        p.requested(),
        rule.threshold,
        facts.is_empty(),
    ) else {
        return (None, Reason::Missing { facts });
    };
    let share = requested / total;
    // Compared to the cent, so that exactly 40 % of the cost passes.
    if requested <= limit * total + 0.005 {
        (
            Some(true),
            Reason::CostShareWithin {
                requested,
                total,
                share,
                limit,
            },
        )
    } else {
        (
            Some(false),
            Reason::CostShareAbove {
                requested,
                total,
                share,
                limit,
            },
        )
    }
}

/// Is one of the two organisations a sub-organisation of the other (transitively)?
pub(crate) fn parent_and_subsidiary(eco: &Ecosystem, a: &str, b: &str) -> bool {
    eco.is_ancestor(a, b) || eco.is_ancestor(b, a)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::{ProjectStatus, RuleSet};

    fn failed(e: &Eligibility) -> Vec<Option<RuleId>> {
        e.failed().map(|r| r.id).collect()
    }

    fn verdict(e: &Eligibility, id: RuleId) -> &Rule {
        e.rules.iter().find(|r| r.id == Some(id)).unwrap()
    }

    #[test]
    fn a_local_pair_with_a_known_sme_is_eligible() {
        let e = check_pair(&small(), &org("vision-inc"), &org("acme")).unwrap();
        assert_eq!(e.eligible, Some(true), "{e:?}");
        let ids: Vec<Option<RuleId>> = e.rules.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                RuleId::SupplierInZem,
                RuleId::AdopterInZem,
                RuleId::SupplierOffersAi,
                RuleId::DistinctOrganisations,
                RuleId::NotParentSubsidiary,
                RuleId::SmeParticipant,
            ]
            .map(Some)
            .to_vec(),
            "the pair rules of the rule set, in its order"
        );
        assert_eq!(e.rules[0].rule, rule("supplier-in-zem"));
        assert_eq!(
            verdict(&e, RuleId::SupplierOffersAi).reason,
            Reason::OffersAi {
                org: org("vision-inc"),
                concept: concept("object-detection"),
            }
        );
        assert_eq!(
            verdict(&e, RuleId::SmeParticipant).reason,
            Reason::SmeTakesPart {
                org: org("vision-inc"),
                headcount: 40,
                limit: 500.0
            }
        );
    }

    #[test]
    fn an_unknown_head_count_is_unknown_never_passed() {
        let e = check_pair(&small(), &org("cv-generalist"), &org("acme")).unwrap();
        let sme = verdict(&e, RuleId::SmeParticipant);
        assert_eq!(sme.passed, None);
        assert_eq!(
            sme.reason,
            Reason::Missing {
                facts: vec![
                    Fact::Headcount {
                        org: org("cv-generalist")
                    },
                    Fact::Headcount { org: org("acme") },
                ]
            }
        );
        assert_eq!(e.eligible, None, "no rule failed, one is undecided");
        assert!(e.not_ruled_out());
        // Both known and large: failed.
        let mut eco = small();
        for o in ["cv-generalist", "acme"] {
            eco.organizations.get_mut(&org(o)).unwrap().headcount = Some(800);
        }
        let e = check_pair(&eco, &org("cv-generalist"), &org("acme")).unwrap();
        assert_eq!(failed(&e), vec![Some(RuleId::SmeParticipant)]);
        assert_eq!(e.eligible, Some(false));
    }

    #[test]
    fn an_out_of_zone_supplier_fails_the_location_rule() {
        let e = check_pair(&small(), &org("mtl-vision"), &org("acme")).unwrap();
        assert_eq!(e.eligible, Some(false));
        assert_eq!(failed(&e), vec![Some(RuleId::SupplierInZem)]);
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
        assert_eq!(failed(&e), vec![Some(RuleId::NotParentSubsidiary)]);
        assert_eq!(
            verdict(&e, RuleId::NotParentSubsidiary).reason,
            Reason::ParentSubsidiary {
                supplier: org("acme-labs"),
                adopter: org("acme"),
            }
        );
        let e = check_pair(&small(), &org("acme"), &org("acme")).unwrap();
        assert!(failed(&e).contains(&Some(RuleId::DistinctOrganisations)));
        assert!(failed(&e).contains(&Some(RuleId::SupplierOffersAi)));
        assert!(e.rules.iter().any(|r| r.reason == Reason::SameOrganisation));
    }

    #[test]
    fn projects_need_an_axis_and_a_cost_share_within_the_limit() {
        let mut eco = small();
        add_project(
            &mut eco,
            "p1",
            "vision-inc",
            "acme",
            ProjectStatus::Proposed,
            40_000.0,
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
        assert_eq!(
            verdict(&p1, RuleId::ProjectAddressesAxis).reason,
            Reason::AddressesAxis {
                axis: axis("innovation-productivite")
            }
        );
        // Without its total cost, the share is unknown.
        let share = verdict(&p1, RuleId::ProgrammeCostShare);
        assert_eq!(share.passed, None);
        assert_eq!(
            share.reason,
            Reason::Missing {
                facts: vec![Fact::TotalCost]
            }
        );
        assert_eq!(p1.eligible, None);
        let p = eco.projects.get_mut(&vocab::id("project", "p1")).unwrap();
        p.total_cost = Some(100_000.0);
        let p1 = check_project(&eco, &vocab::id("project", "p1")).unwrap();
        assert_eq!(p1.eligible, Some(true), "{p1:?}");
        let p = eco.projects.get_mut(&vocab::id("project", "p1")).unwrap();
        p.total_cost = Some(90_000.0);
        let p1 = check_project(&eco, &vocab::id("project", "p1")).unwrap();
        assert_eq!(failed(&p1), vec![Some(RuleId::ProgrammeCostShare)]);
        let p2 = check_project(&eco, &vocab::id("project", "p2")).unwrap();
        assert!(failed(&p2).contains(&Some(RuleId::ProjectAddressesAxis)));
        assert_eq!(
            verdict(&p2, RuleId::ProjectAddressesAxis).reason,
            Reason::NoAxis
        );
        assert!(matches!(
            check_project(&eco, "urn:nope"),
            Err(GraphError::UnknownProject(_))
        ));
        assert!(matches!(
            check_pair(&eco, "urn:nope", &org("acme")),
            Err(GraphError::UnknownOrganization(_))
        ));
    }

    #[test]
    fn a_candidate_without_parties_and_an_unknown_check_are_undecided() {
        let mut eco = small();
        eco.rule_set.rules.push(EligibilityRule {
            iri: rule("future-rule"),
            notation: "future-rule".into(),
            ..EligibilityRule::default()
        });
        let p = Project {
            iri: "urn:draft".into(),
            supplier: Some(org("vision-inc")),
            axes: vec![axis("innovation-productivite")],
            ..Project::default()
        };
        let e = check_candidate(&eco, &p);
        assert_eq!(e.eligible, None);
        let located = verdict(&e, RuleId::SupplierInZem);
        assert_eq!(located.passed, None);
        assert_eq!(
            located.reason,
            Reason::Missing {
                facts: vec![Fact::Party {
                    role: Role::Adopter
                }]
            }
        );
        let last = e.rules.last().unwrap();
        assert_eq!((last.id, last.passed), (None, None));
        assert_eq!(
            last.reason,
            Reason::NoCheck {
                notation: "future-rule".into()
            }
        );
        // No rule set: nothing is decided.
        let e = check_pair(&Ecosystem::default(), "a", "b");
        assert!(e.is_err());
        let mut bare = small();
        bare.rule_set = RuleSet::default();
        let e = check_pair(&bare, &org("vision-inc"), &org("acme")).unwrap();
        assert_eq!((e.eligible, e.rules.len()), (None, 0));
    }
}
