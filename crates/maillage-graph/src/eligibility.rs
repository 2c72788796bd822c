//! Eligibility for the ZEM / Scale AI envelope, as named rules with a verdict each, so that a
//! refusal always says which rule failed and why.

use std::collections::BTreeSet;

use maillage_model::{ConceptScheme, Ecosystem, Label, Organization, vocab};

use crate::GraphError;

/// The verdict of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleResult {
    /// Stable rule name: `supplier-in-zem`, `adopter-in-zem`, `supplier-offers-ai`,
    /// `distinct-organisations`, `not-parent-subsidiary`, `project-addresses-axis`.
    pub rule: &'static str,
    pub passed: bool,
    pub reason: Label,
}

/// All rule verdicts; `eligible` when every rule passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibility {
    pub eligible: bool,
    pub rules: Vec<RuleResult>,
}

impl Eligibility {
    fn from_rules(rules: Vec<RuleResult>) -> Eligibility {
        Eligibility {
            eligible: rules.iter().all(|r| r.passed),
            rules,
        }
    }
}

/// Checks a supplier–adopter pair (the four pair rules and the parent/subsidiary rule).
pub fn check_pair(
    eco: &Ecosystem,
    supplier: &str,
    adopter: &str,
) -> Result<Eligibility, GraphError> {
    let s = eco
        .organizations
        .get(supplier)
        .ok_or_else(|| GraphError::UnknownOrganization(supplier.to_owned()))?;
    let a = eco
        .organizations
        .get(adopter)
        .ok_or_else(|| GraphError::UnknownOrganization(adopter.to_owned()))?;
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
        _ => vec![RuleResult {
            rule: "distinct-organisations",
            passed: false,
            reason: Label::new(
                "Le projet n'a pas de fournisseur et d'adoptant connus",
                "The project has no known supplier and adopter",
            ),
        }],
    };
    let axes: Vec<&String> = p.axes.iter().filter(|a| is_axis(eco, a)).collect();
    rules.push(match axes.first() {
        Some(axis) => {
            let l = eco.label_of(axis);
            RuleResult {
                rule: "project-addresses-axis",
                passed: true,
                reason: Label::new(
                    format!("Le projet répond à l'axe ZEM « {} »", l.fr()),
                    format!("The project addresses the ZEM axis “{}”", l.en()),
                ),
            }
        }
        None => RuleResult {
            rule: "project-addresses-axis",
            passed: false,
            reason: Label::new(
                "Le projet ne répond à aucun axe prioritaire de la ZEM",
                "The project addresses no ZEM priority axis",
            ),
        },
    });
    Ok(Eligibility::from_rules(rules))
}

fn is_axis(eco: &Ecosystem, iri: &str) -> bool {
    match eco.concepts.get(iri) {
        Some(c) => c.scheme == ConceptScheme::ZemAxes,
        None => iri.starts_with(&vocab::id("axis", "")),
    }
}

fn located(
    eco: &Ecosystem,
    org: &Organization,
    role_fr: &str,
    role_en: &str,
    rule: &'static str,
) -> RuleResult {
    let name = &org.label;
    let mun = org
        .municipality
        .as_ref()
        .and_then(|m| eco.municipalities.get(m));
    let (passed, fr, en) = match mun {
        Some(m) if m.in_zem => (
            true,
            format!(
                "{role_fr} « {} » est situé à {}, dans la ZEM",
                name.fr(),
                m.label.fr()
            ),
            format!(
                "The {role_en} “{}” is located in {}, in the ZEM",
                name.en(),
                m.label.en()
            ),
        ),
        Some(m) => (
            false,
            format!(
                "{role_fr} « {} » est situé à {}, hors de la ZEM",
                name.fr(),
                m.label.fr()
            ),
            format!(
                "The {role_en} “{}” is located in {}, outside the ZEM",
                name.en(),
                m.label.en()
            ),
        ),
        None => (
            false,
            format!("{role_fr} « {} » n'a pas de municipalité connue", name.fr()),
            format!(
                "The municipality of the {role_en} “{}” is unknown",
                name.en()
            ),
        ),
    };
    RuleResult {
        rule,
        passed,
        reason: Label::new(fr, en),
    }
}

pub(crate) fn pair_rules(eco: &Ecosystem, s: &Organization, a: &Organization) -> Vec<RuleResult> {
    let mut rules = vec![
        located(eco, s, "Le fournisseur", "supplier", "supplier-in-zem"),
        located(eco, a, "L’adoptant", "adopter", "adopter-in-zem"),
    ];
    let ai: Vec<&String> = s
        .offers
        .iter()
        .filter(|c| {
            eco.concepts
                .get(*c)
                .is_some_and(|c| c.scheme == ConceptScheme::AiExpertise)
        })
        .collect();
    rules.push(match ai.first() {
        Some(c) => {
            let l = eco.label_of(c);
            RuleResult {
                rule: "supplier-offers-ai",
                passed: true,
                reason: Label::new(
                    format!(
                        "« {} » offre une expertise en IA (« {} »)",
                        s.label.fr(),
                        l.fr()
                    ),
                    format!("“{}” offers AI expertise (“{}”)", s.label.en(), l.en()),
                ),
            }
        }
        None => RuleResult {
            rule: "supplier-offers-ai",
            passed: false,
            reason: Label::new(
                format!(
                    "« {} » n'offre aucune expertise de la taxonomie IA",
                    s.label.fr()
                ),
                format!("“{}” offers no expertise of the AI taxonomy", s.label.en()),
            ),
        },
    });
    let distinct = s.iri != a.iri;
    rules.push(RuleResult {
        rule: "distinct-organisations",
        passed: distinct,
        reason: if distinct {
            Label::new(
                "Le fournisseur et l'adoptant sont deux organisations distinctes",
                "The supplier and the adopter are two distinct organisations",
            )
        } else {
            Label::new(
                "Le fournisseur et l'adoptant sont la même organisation",
                "The supplier and the adopter are the same organisation",
            )
        },
    });
    let related = is_ancestor(eco, &s.iri, &a.iri) || is_ancestor(eco, &a.iri, &s.iri);
    rules.push(RuleResult {
        rule: "not-parent-subsidiary",
        passed: !related,
        reason: if related {
            Label::new(
                format!(
                    "« {} » et « {} » sont liées par une relation mère-filiale (org:subOrganizationOf)",
                    s.label.fr(),
                    a.label.fr()
                ),
                format!(
                    "“{}” and “{}” are parent and subsidiary (org:subOrganizationOf)",
                    s.label.en(),
                    a.label.en()
                ),
            )
        } else {
            Label::new(
                "Aucune relation mère-filiale entre le fournisseur et l'adoptant",
                "No parent–subsidiary relation between the supplier and the adopter",
            )
        },
    });
    rules
}

/// Is `ancestor` reachable from `org` through `org:subOrganizationOf` (transitively)?
pub(crate) fn is_ancestor(eco: &Ecosystem, ancestor: &str, org: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = vec![org];
    while let Some(o) = stack.pop() {
        let Some(rec) = eco.organizations.get(o) else {
            continue;
        };
        for p in &rec.parents {
            if p == ancestor {
                return true;
            }
            if seen.insert(p.as_str()) {
                stack.push(p);
            }
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::ProjectStatus;

    fn failed(e: &Eligibility) -> Vec<&'static str> {
        e.rules
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.rule)
            .collect()
    }

    #[test]
    fn a_local_pair_is_eligible() {
        let e = check_pair(&small(), &org("vision-inc"), &org("acme")).unwrap();
        assert!(e.eligible, "{e:?}");
        assert_eq!(e.rules.len(), 5);
    }

    #[test]
    fn an_out_of_zone_supplier_fails_the_location_rule() {
        let e = check_pair(&small(), &org("mtl-vision"), &org("acme")).unwrap();
        assert!(!e.eligible);
        assert_eq!(failed(&e), vec!["supplier-in-zem"]);
        assert!(e.rules[0].reason.en().contains("outside the ZEM"));
    }

    #[test]
    fn parent_and_subsidiary_fail() {
        let e = check_pair(&small(), &org("acme-labs"), &org("acme")).unwrap();
        assert_eq!(failed(&e), vec!["not-parent-subsidiary"]);
        let e = check_pair(&small(), &org("acme"), &org("acme")).unwrap();
        assert!(failed(&e).contains(&"distinct-organisations"));
        assert!(failed(&e).contains(&"supplier-offers-ai"));
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
        let p2 = check_project(&eco, &vocab::id("project", "p2")).unwrap();
        assert_eq!(failed(&p2), vec!["project-addresses-axis"]);
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
