//! Eligibility rules as data: the rule set of `datasets/funding/eligibility-rules.ttl` (a
//! `mo:EligibilityRuleSet` with its version and its `mo:EligibilityRule`s), each rule with its
//! name and text in French and English, the addresses of the documents that state it, and the
//! parameter its check takes. The checks themselves are code (`maillage-graph`'s eligibility);
//! a rule's notation names its check.

use crate::label::Label;

/// One eligibility rule, as the data states it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EligibilityRule {
    pub iri: String,
    /// `skos:notation`: the stable name, which names the check that evaluates the rule
    /// (`supplier-in-zem`…).
    pub notation: String,
    /// `rdfs:label`: its name.
    pub label: Label,
    /// `rdfs:comment`: what it requires, in full.
    pub text: Label,
    /// `dcterms:source`: the documents that state it (at least one in valid data).
    pub sources: Vec<String>,
    /// `mo:threshold`: the number its check compares with (a head count, a share), if any.
    pub threshold: Option<f64>,
    /// `mo:order`: display order (then IRI).
    pub order: Option<u32>,
}

/// The rule set in force: its version and rules in display order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSet {
    pub iri: Option<String>,
    /// `owl:versionInfo`.
    pub version: Option<String>,
    /// `dcterms:modified` (xsd:date).
    pub modified: Option<String>,
    pub rules: Vec<EligibilityRule>,
}

impl RuleSet {
    /// Sorts the rules by `order`, then IRI (rules without an order last).
    pub fn sort(&mut self) {
        self.rules.sort_by(|a, b| {
            (a.order.is_none(), a.order, &a.iri).cmp(&(b.order.is_none(), b.order, &b.iri))
        });
    }

    /// The rule with this notation.
    pub fn rule(&self, notation: &str) -> Option<&EligibilityRule> {
        self.rules.iter().find(|r| r.notation == notation)
    }
}
