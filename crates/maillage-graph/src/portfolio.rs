//! Portfolio selection: which candidate projects to fund from an envelope, maximising the total
//! match score with at most one project per adopter, per-supplier capacity and the remaining
//! budget.
//!
//! Method: the assignment part is exact (Kuhn–Munkres from `pathfinding`, each supplier expanded
//! into `capacity` slots, scores scaled to integers). The budget is a knapsack constraint on top,
//! handled by a documented heuristic: while the assignment costs more than the budget, drop the
//! chosen project with the lowest score per dollar and solve the assignment again; finally, try
//! to add back dropped projects (best score first) that fit in what is left.

use std::collections::{BTreeMap, BTreeSet};

use maillage_model::{Ecosystem, Project};
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use crate::{EcosystemGraph, GraphError, Weights};

/// A project that could be funded.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Project IRI (or any unique id of a proposed pair).
    pub id: String,
    pub supplier: String,
    pub adopter: String,
    /// Match score in 0..1.
    pub score: f64,
    /// CAD requested from the envelope.
    pub amount: f64,
}

/// Why a candidate was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RejectReason {
    /// Missing, negative or non-finite amount or score.
    InvalidInput,
    /// A better candidate for the same supplier–adopter pair was kept.
    DuplicatePair,
    /// The adopter already has a chosen project.
    AdopterTaken,
    /// The supplier's capacity is used by chosen projects.
    SupplierFull,
    /// It does not fit in the budget next to better-value projects.
    Budget,
    /// A score of 0 adds nothing.
    NoValue,
}

impl RejectReason {
    pub const ALL: [RejectReason; 6] = [
        RejectReason::InvalidInput,
        RejectReason::DuplicatePair,
        RejectReason::AdopterTaken,
        RejectReason::SupplierFull,
        RejectReason::Budget,
        RejectReason::NoValue,
    ];
}

/// A candidate left out, with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub candidate: Candidate,
    pub reason: RejectReason,
}

/// The chosen set.
#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    /// Chosen candidates, by id.
    pub chosen: Vec<Candidate>,
    pub total_score: f64,
    pub total_amount: f64,
    pub budget: f64,
    pub remaining_budget: f64,
    /// Left-out candidates, by id.
    pub rejected: Vec<Rejected>,
}

impl EcosystemGraph {
    /// The candidates of an envelope: its open projects (proposed to selected,
    /// [`ProjectStatus::is_open`](maillage_model::ProjectStatus::is_open)) with a known
    /// supplier and adopter (demo projects included, flagged by the data), each scored by the
    /// matcher with the default weights (0 when the pair cannot be scored, e.g. the supplier
    /// offers nothing), its amount the granted one ([`Project::granted`]: the request until a
    /// selection sets it), 0 when none is given. In project IRI order.
    pub fn envelope_candidates(&self, envelope: &str) -> Result<Vec<Candidate>, GraphError> {
        if !self.eco.envelopes.contains_key(envelope) {
            return Err(GraphError::UnknownEnvelope(envelope.to_owned()));
        }
        let weights = Weights::default();
        Ok(self
            .eco
            .open_projects_of(envelope)
            .filter_map(|p: &Project| {
                let (s, a) = (p.supplier.as_ref()?, p.adopter.as_ref()?);
                let score = self.match_pair(s, a, &weights).map_or(0.0, |m| m.score);
                Some(Candidate {
                    id: p.iri.clone(),
                    supplier: s.clone(),
                    adopter: a.clone(),
                    score,
                    amount: p.granted().unwrap_or(0.0),
                })
            })
            .collect())
    }

    /// The portfolio of an envelope: its candidates ([`EcosystemGraph::envelope_candidates`])
    /// planned within `budget`, by default what remains of the envelope
    /// ([`Ecosystem::balance`](maillage_model::Ecosystem::balance)).
    pub fn plan_envelope(
        &self,
        envelope: &str,
        budget: Option<f64>,
    ) -> Result<Portfolio, GraphError> {
        let env = self
            .eco
            .envelopes
            .get(envelope)
            .ok_or_else(|| GraphError::UnknownEnvelope(envelope.to_owned()))?;
        let budget = budget.unwrap_or_else(|| self.eco.balance(env).remaining);
        let candidates = self.envelope_candidates(envelope)?;
        Ok(plan_portfolio(&self.eco, &candidates, budget))
    }
}

/// Scores are scaled to integers with this factor for Kuhn–Munkres.
const SCALE: f64 = 1_000_000.0;

/// Chooses projects within `budget`; capacities come from `Organization::capacity` (default 1).
pub fn plan_portfolio(eco: &Ecosystem, candidates: &[Candidate], budget: f64) -> Portfolio {
    let mut rejected: Vec<Rejected> = Vec::new();
    let reject = |c: &Candidate, reason, rejected: &mut Vec<Rejected>| {
        rejected.push(Rejected {
            candidate: c.clone(),
            reason,
        })
    };
    // Best candidate per pair: highest score, then lowest amount, then id.
    let mut sorted: Vec<&Candidate> = candidates.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.supplier, &a.adopter)
            .cmp(&(&b.supplier, &b.adopter))
            .then(b.score.total_cmp(&a.score))
            .then(a.amount.total_cmp(&b.amount))
            .then(a.id.cmp(&b.id))
    });
    let mut pool: Vec<&Candidate> = Vec::new();
    for c in sorted {
        let valid =
            c.score.is_finite() && c.score >= 0.0 && c.amount.is_finite() && c.amount >= 0.0;
        if !valid {
            reject(c, RejectReason::InvalidInput, &mut rejected);
        } else if c.score == 0.0 {
            reject(c, RejectReason::NoValue, &mut rejected);
        } else if c.amount > budget {
            reject(c, RejectReason::Budget, &mut rejected);
        } else if pool
            .last()
            .is_some_and(|p| p.supplier == c.supplier && p.adopter == c.adopter)
        {
            reject(c, RejectReason::DuplicatePair, &mut rejected);
        } else {
            pool.push(c);
        }
    }
    let capacity = |s: &str| -> usize {
        eco.organizations
            .get(s)
            .and_then(|o| o.capacity)
            .unwrap_or(1)
            .max(1) as usize
    };

    let mut dropped: Vec<&Candidate> = Vec::new();
    let mut chosen = assign(&pool, &capacity);
    loop {
        let total: f64 = chosen.iter().map(|c| c.amount).sum();
        if total <= budget {
            break;
        }
        // Lowest score per dollar first (free projects never), ties by id.
        let worst = chosen
            .iter()
            .copied()
            .filter(|c| c.amount > 0.0)
            .min_by(|a, b| {
                (a.score / a.amount)
                    .total_cmp(&(b.score / b.amount))
                    .then(a.id.cmp(&b.id))
            });
        let Some(worst) = worst else { break };
        dropped.push(worst);
        pool.retain(|c| c.id != worst.id);
        chosen = assign(&pool, &capacity);
    }
    // Refill with dropped candidates that now fit.
    dropped.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    for c in &dropped {
        let total: f64 = chosen.iter().map(|c| c.amount).sum();
        let adopter_free = !chosen.iter().any(|x| x.adopter == c.adopter);
        let used = chosen.iter().filter(|x| x.supplier == c.supplier).count();
        if adopter_free && used < capacity(&c.supplier) && total + c.amount <= budget {
            chosen.push(c);
        }
    }

    let chosen_ids: BTreeSet<&str> = chosen.iter().map(|c| c.id.as_str()).collect();
    let mut per_supplier: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &chosen {
        *per_supplier.entry(c.supplier.as_str()).or_default() += 1;
    }
    let dropped_ids: BTreeSet<&str> = dropped.iter().map(|c| c.id.as_str()).collect();
    for c in candidates {
        let in_pool_or_dropped = !rejected.iter().any(|r| r.candidate.id == c.id);
        if chosen_ids.contains(c.id.as_str()) || !in_pool_or_dropped {
            continue;
        }
        let reason = if dropped_ids.contains(c.id.as_str()) {
            RejectReason::Budget
        } else if chosen.iter().any(|x| x.adopter == c.adopter) {
            RejectReason::AdopterTaken
        } else if per_supplier.get(c.supplier.as_str()).copied().unwrap_or(0)
            >= capacity(&c.supplier)
        {
            RejectReason::SupplierFull
        } else {
            RejectReason::Budget
        };
        reject(c, reason, &mut rejected);
    }
    let mut chosen: Vec<Candidate> = chosen.into_iter().cloned().collect();
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    rejected.sort_by(|a, b| a.candidate.id.cmp(&b.candidate.id));
    let total_amount: f64 = chosen.iter().map(|c| c.amount).sum();
    Portfolio {
        total_score: chosen.iter().map(|c| c.score).sum(),
        total_amount,
        budget,
        remaining_budget: budget - total_amount,
        chosen,
        rejected,
    }
}

/// Maximum-weight assignment of adopters to supplier slots (Kuhn–Munkres); pairs that are not
/// candidates weigh 0 and are read as "not chosen".
fn assign<'a>(pool: &[&'a Candidate], capacity: &dyn Fn(&str) -> usize) -> Vec<&'a Candidate> {
    if pool.is_empty() {
        return Vec::new();
    }
    let adopters: Vec<&str> = pool
        .iter()
        .map(|c| c.adopter.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut demand: BTreeMap<&str, usize> = BTreeMap::new();
    for c in pool {
        *demand.entry(c.supplier.as_str()).or_default() += 1;
    }
    // Slots: (supplier) repeated min(capacity, number of its candidates) times.
    let mut slots: Vec<&str> = Vec::new();
    for (s, n) in &demand {
        for _ in 0..capacity(s).min(*n) {
            slots.push(s);
        }
    }
    let rows = adopters.len();
    let cols = slots.len().max(rows);
    let mut m = Matrix::new(rows, cols, 0i64);
    let row_of: BTreeMap<&str, usize> = adopters.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let mut by_pair: BTreeMap<(usize, &str), &Candidate> = BTreeMap::new();
    for c in pool {
        by_pair.insert((row_of[c.adopter.as_str()], c.supplier.as_str()), c);
    }
    for (j, s) in slots.iter().enumerate() {
        for (i, _) in adopters.iter().enumerate() {
            if let Some(c) = by_pair.get(&(i, *s)) {
                m[(i, j)] = (c.score * SCALE).round() as i64;
            }
        }
    }
    let (_, assignment) = kuhn_munkres(&m);
    let mut out = Vec::new();
    for (i, &j) in assignment.iter().enumerate() {
        if j < slots.len()
            && m[(i, j)] > 0
            && let Some(c) = by_pair.get(&(i, slots[j]))
        {
            out.push(*c);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::{OrgKind, ProjectStatus, vocab};

    fn cand(id: &str, s: &str, a: &str, score: f64, amount: f64) -> Candidate {
        Candidate {
            id: id.into(),
            supplier: org(s),
            adopter: org(a),
            score,
            amount,
        }
    }

    /// The ids of the chosen candidates, in order.
    fn chosen(p: &Portfolio) -> Vec<&str> {
        p.chosen.iter().map(|c| c.id.as_str()).collect()
    }

    fn reasons(p: &Portfolio) -> BTreeMap<&str, RejectReason> {
        p.rejected
            .iter()
            .map(|r| (r.candidate.id.as_str(), r.reason))
            .collect()
    }

    #[test]
    fn an_envelope_plans_its_open_projects_within_what_remains() {
        let mut eco = small();
        add_project(
            &mut eco,
            "funded",
            "vision-inc",
            "clinic",
            ProjectStatus::Funded,
            300_000.0,
            &[],
        );
        for (slug, supplier, adopter, status) in [
            ("open-1", "vision-inc", "acme", ProjectStatus::Proposed),
            ("open-2", "cv-generalist", "acme", ProjectStatus::Selected),
            ("open-3", "text-co", "quiet-mfg", ProjectStatus::Proposed),
        ] {
            add_project(&mut eco, slug, supplier, adopter, status, 100_000.0, &[]);
        }
        let g = EcosystemGraph::build(&eco);
        let candidates = g.envelope_candidates(vocab::ZEM_ENVELOPE).unwrap();
        let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
        let project = |s: &str| vocab::id("project", s);
        assert_eq!(
            ids,
            vec![project("open-1"), project("open-2"), project("open-3")]
        );
        let exact = g
            .match_pair(&org("vision-inc"), &org("acme"), &Weights::default())
            .unwrap();
        assert_eq!(candidates[0].score, exact.score);
        let p = g.plan_envelope(vocab::ZEM_ENVELOPE, None).unwrap();
        assert_eq!(p.budget, 700_000.0, "1 000 000 minus the funded project");
        assert_eq!(chosen(&p), vec![project("open-1"), project("open-3")]);
        assert_eq!(
            reasons(&p),
            BTreeMap::from([(project("open-2").as_str(), RejectReason::AdopterTaken)])
        );
        assert_eq!(
            g.plan_envelope(vocab::ZEM_ENVELOPE, Some(50.0))
                .unwrap()
                .budget,
            50.0
        );
        assert!(matches!(
            g.plan_envelope("urn:x", None),
            Err(GraphError::UnknownEnvelope(_))
        ));
    }

    #[test]
    fn one_project_per_adopter_and_capacity() {
        let mut eco = small();
        add_org(&mut eco, "s2", OrgKind::Company, "23027").capacity = Some(2);
        let cs = vec![
            cand("p1", "vision-inc", "a1", 0.9, 10.0),
            cand("p2", "vision-inc", "a2", 0.8, 10.0),
            cand("p3", "s2", "a1", 0.85, 10.0),
            cand("p4", "s2", "a2", 0.7, 10.0),
            cand("p5", "s2", "a3", 0.6, 10.0),
        ];
        let p = plan_portfolio(&eco, &cs, 1_000.0);
        // vision-inc has capacity 1, s2 has 2: best total is p1 + p4 + p5 (2.2) vs p2+p3+p5 (2.25).
        assert_eq!(chosen(&p), vec!["p2", "p3", "p5"]);
        assert!((p.total_score - 2.25).abs() < 1e-9);
        let adopters: BTreeSet<&str> = p.chosen.iter().map(|c| c.adopter.as_str()).collect();
        assert_eq!(adopters.len(), p.chosen.len());
        assert_eq!(p.rejected.len(), 2);
        assert!(
            p.rejected
                .iter()
                .all(|r| r.reason == RejectReason::AdopterTaken)
        );
    }

    #[test]
    fn budget_is_respected() {
        let cs = [
            cand("big", "vision-inc", "a1", 0.9, 800.0),
            cand("small1", "cv-generalist", "a2", 0.5, 300.0),
            cand("small2", "text-co", "a3", 0.5, 300.0),
            cand("huge", "mtl-vision", "a4", 0.99, 5_000.0),
        ];
        let p = plan_portfolio(&small(), &cs, 1_000.0);
        assert!(p.total_amount <= 1_000.0);
        assert_eq!(p.remaining_budget, 1_000.0 - p.total_amount);
        // Score per dollar drops "big" first; then both small ones fit (1.0 > 0.9).
        assert_eq!(chosen(&p), vec!["small1", "small2"]);
        let reasons = reasons(&p);
        assert_eq!(reasons["big"], RejectReason::Budget);
        assert_eq!(reasons["huge"], RejectReason::Budget);
    }

    #[test]
    fn duplicates_and_invalid_inputs_are_rejected() {
        let cs = [
            cand("a", "vision-inc", "a1", 0.9, 10.0),
            cand("b", "vision-inc", "a1", 0.5, 10.0),
            cand("c", "text-co", "a2", f64::NAN, 10.0),
            cand("d", "text-co", "a3", 0.0, 10.0),
        ];
        let p = plan_portfolio(&small(), &cs, 100.0);
        let reasons = reasons(&p);
        assert_eq!(reasons["b"], RejectReason::DuplicatePair);
        assert_eq!(reasons["c"], RejectReason::InvalidInput);
        assert_eq!(reasons["d"], RejectReason::NoValue);
        assert_eq!(p.chosen.len(), 1);
    }
}
