//! Network measures over the organisation network (partnerships, sub-organisations, shared
//! projects): brokers, communities, isolated organisations; and explained shortest paths through
//! the full ecosystem graph.

use std::collections::{BTreeMap, VecDeque};

use petgraph::Direction;
use petgraph::algo::articulation_points::articulation_points;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::GraphError;
use crate::graph::{EcosystemGraph, EdgeKind, NodeKind};

/// An organisation that connects others.
#[derive(Clone, Debug, PartialEq)]
pub struct Broker {
    pub org: String,
    /// Normalised betweenness centrality (0..1) in the organisation network.
    pub betweenness: f64,
    /// Removing it disconnects part of the network.
    pub articulation_point: bool,
}

/// A group of organisations more linked to each other than to the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Community {
    /// Member IRIs, sorted.
    pub members: Vec<String>,
}

/// Brokers, communities and isolated organisations.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkReport {
    /// Highest betweenness first (ties by IRI); only organisations with betweenness > 0 or that
    /// are articulation points.
    pub brokers: Vec<Broker>,
    /// Largest first (ties by first member); communities of one are listed as isolated instead.
    pub communities: Vec<Community>,
    /// Organisations with no partnership, sub-organisation or shared project, by IRI.
    pub isolated: Vec<String>,
}

/// One step of a path, in the edge's own direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    pub from: String,
    pub to: String,
    pub edge: EdgeKind,
}

/// A shortest path between two entities, as nodes and typed steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathExplanation {
    /// IRIs from the start to the end.
    pub nodes: Vec<String>,
    pub steps: Vec<PathStep>,
}

/// Label propagation stops after this many sweeps even if labels still move.
const MAX_SWEEPS: usize = 50;

impl EcosystemGraph {
    /// Brokers (at most `broker_limit`), communities and isolated organisations.
    pub fn network_report(&self, broker_limit: usize) -> NetworkReport {
        let n = self.orgs.len();
        let isolated: Vec<String> = (0..n)
            .filter(|&i| self.org_adj[i].is_empty())
            .map(|i| self.orgs[i].iri.clone())
            .collect();

        let mut ug: UnGraph<usize, ()> = UnGraph::with_capacity(n, 0);
        for i in 0..n {
            ug.add_node(i);
        }
        for (i, adj) in self.org_adj.iter().enumerate() {
            let mut last = None;
            for &(j, _) in adj {
                if j > i && last != Some(j) {
                    ug.add_edge(NodeIndex::new(i), NodeIndex::new(j), ());
                    last = Some(j);
                }
            }
        }
        let cut = articulation_points(&ug);
        let bc = self.betweenness();
        let mut brokers: Vec<Broker> = (0..n)
            .filter(|&i| bc[i] > 0.0 || cut.contains(&NodeIndex::new(i)))
            .map(|i| Broker {
                org: self.orgs[i].iri.clone(),
                betweenness: bc[i],
                articulation_point: cut.contains(&NodeIndex::new(i)),
            })
            .collect();
        brokers.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then_with(|| a.org.cmp(&b.org))
        });
        brokers.truncate(broker_limit);

        let labels = self.label_propagation();
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &l) in labels.iter().enumerate() {
            if !self.org_adj[i].is_empty() {
                groups.entry(l).or_default().push(i);
            }
        }
        let mut communities: Vec<Community> = groups
            .into_values()
            .filter(|m| m.len() > 1)
            .map(|m| Community {
                members: m.iter().map(|&i| self.orgs[i].iri.clone()).collect(),
            })
            .collect();
        communities.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then_with(|| a.members.cmp(&b.members))
        });
        NetworkReport {
            brokers,
            communities,
            isolated,
        }
    }

    /// Brandes' betweenness (unweighted, undirected), normalised by (n−1)(n−2)/2 over the
    /// connected organisations.
    fn betweenness(&self) -> Vec<f64> {
        let n = self.orgs.len();
        let neighbours: Vec<Vec<usize>> = self
            .org_adj
            .iter()
            .map(|adj| {
                let mut v: Vec<usize> = adj.iter().map(|(j, _)| *j).collect();
                v.dedup();
                v
            })
            .collect();
        let mut bc = vec![0.0; n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        let mut delta = vec![0.0; n];
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        for s in 0..n {
            if neighbours[s].is_empty() {
                continue;
            }
            let mut stack = Vec::new();
            let mut touched = vec![s];
            sigma[s] = 1.0;
            dist[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                stack.push(v);
                for &w in &neighbours[v] {
                    if dist[w] < 0 {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                        touched.push(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            while let Some(w) = stack.pop() {
                for &v in &preds[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    bc[w] += delta[w];
                }
            }
            for &t in &touched {
                sigma[t] = 0.0;
                dist[t] = -1;
                delta[t] = 0.0;
                preds[t].clear();
            }
        }
        let connected = neighbours.iter().filter(|v| !v.is_empty()).count() as f64;
        let norm = if connected > 2.0 {
            (connected - 1.0) * (connected - 2.0)
        } else {
            1.0
        };
        // Each pair is counted from both ends: divide by (n−1)(n−2) rather than half of it.
        bc.iter().map(|b| b / norm).collect()
    }

    /// Asynchronous label propagation in IRI order; ties go to the smallest label.
    fn label_propagation(&self) -> Vec<usize> {
        let n = self.orgs.len();
        let mut labels: Vec<usize> = (0..n).collect();
        for _ in 0..MAX_SWEEPS {
            let mut changed = false;
            for i in 0..n {
                if self.org_adj[i].is_empty() {
                    continue;
                }
                let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
                let mut last = None;
                for &(j, _) in &self.org_adj[i] {
                    if last != Some(j) {
                        *counts.entry(labels[j]).or_default() += 1;
                        last = Some(j);
                    }
                }
                let best = counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(l, _)| *l);
                if let Some(best) = best {
                    let current = counts.get(&labels[i]).copied().unwrap_or(0);
                    if counts[&best] > current || (counts[&best] == current && best < labels[i]) {
                        labels[i] = best;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        labels
    }

    /// A shortest path between any two entities of the graph (organisations, concepts, sectors,
    /// municipalities, projects), ignoring edge direction; `None` when they are not connected.
    /// Among equal-length paths, the one through the smallest IRIs is chosen.
    pub fn shortest_path(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Option<PathExplanation>, GraphError> {
        let a = self
            .node(from)
            .ok_or_else(|| GraphError::UnknownNode(from.to_owned()))?;
        let b = self
            .node(to)
            .ok_or_else(|| GraphError::UnknownNode(to.to_owned()))?;
        let g = self.graph();
        let path = pathfinding::directed::bfs::bfs(
            &a,
            |&n| {
                let mut next: Vec<NodeIndex> = g.neighbors_undirected(n).collect();
                next.sort_by(|x, y| g[*x].iri.cmp(&g[*y].iri));
                next.dedup();
                next
            },
            |&n| n == b,
        );
        let Some(path) = path else {
            return Ok(None);
        };
        let mut steps = Vec::new();
        for pair in path.windows(2) {
            let (x, y) = (pair[0], pair[1]);
            let forward = g
                .edges_directed(x, Direction::Outgoing)
                .filter(|e| e.target() == y)
                .map(|e| (*e.weight(), x, y));
            let backward = g
                .edges_directed(y, Direction::Outgoing)
                .filter(|e| e.target() == x)
                .map(|e| (*e.weight(), y, x));
            if let Some((kind, s, t)) = forward.chain(backward).min() {
                steps.push(PathStep {
                    from: g[s].iri.clone(),
                    to: g[t].iri.clone(),
                    edge: kind,
                });
            }
        }
        Ok(Some(PathExplanation {
            nodes: path.iter().map(|&n| g[n].iri.clone()).collect(),
            steps,
        }))
    }

    /// The kind of a node, for callers rendering paths.
    pub fn node_kind(&self, iri: &str) -> Option<NodeKind> {
        self.node(iri).map(|n| self.graph()[n].kind)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use maillage_model::{Ecosystem, OrgKind};

    /// Two triangles joined through a bridge organisation, plus one loner.
    fn two_groups() -> Ecosystem {
        let mut eco = small();
        let links = [
            ("a1", "a2"),
            ("a2", "a3"),
            ("a1", "a3"),
            ("b1", "b2"),
            ("b2", "b3"),
            ("b1", "b3"),
            ("a3", "bridge"),
            ("bridge", "b1"),
        ];
        for slug in ["a1", "a2", "a3", "b1", "b2", "b3", "bridge"] {
            add_org(&mut eco, slug, OrgKind::Company, "23027");
        }
        for (x, y) in links {
            eco.organizations
                .get_mut(&org(x))
                .unwrap()
                .partners
                .push(org(y));
            eco.organizations
                .get_mut(&org(y))
                .unwrap()
                .partners
                .push(org(x));
        }
        eco
    }

    #[test]
    fn bridge_is_the_top_broker_and_groups_are_found() {
        let g = EcosystemGraph::build(&two_groups());
        let r = g.network_report(5);
        assert_eq!(r.brokers[0].org, org("bridge"));
        assert!(r.brokers[0].articulation_point);
        assert!(
            r.brokers
                .iter()
                .any(|b| b.org == org("a3") && b.articulation_point)
        );
        let sets: Vec<&Vec<String>> = r.communities.iter().map(|c| &c.members).collect();
        assert!(
            sets.iter()
                .any(|m| m.contains(&org("a1")) && m.contains(&org("a2")))
        );
        assert!(
            sets.iter()
                .any(|m| m.contains(&org("b2")) && m.contains(&org("b3")))
        );
        assert!(
            !sets
                .iter()
                .any(|m| m.contains(&org("a1")) && m.contains(&org("b2")))
        );
        assert!(r.isolated.contains(&org("text-co")));
        // ulaval and its centre are linked by org:subOrganizationOf.
        assert!(!r.isolated.contains(&org("ulaval")));
    }

    #[test]
    fn shortest_path_is_explained() {
        let g = EcosystemGraph::build(&small());
        let p = g
            .shortest_path(&org("vision-inc"), &org("acme"))
            .unwrap()
            .unwrap();
        // vision-inc offers object-detection, which acme needs.
        assert_eq!(
            p.nodes,
            vec![org("vision-inc"), concept("object-detection"), org("acme")]
        );
        assert_eq!(p.steps[0].edge, EdgeKind::Offers);
        assert_eq!(p.steps[1].edge, EdgeKind::Needs);
        assert_eq!(p.steps[1].from, org("acme"));
        assert_eq!(
            p.steps[0],
            PathStep {
                from: org("vision-inc"),
                to: concept("object-detection"),
                edge: EdgeKind::Offers,
            }
        );
        assert!(matches!(
            g.shortest_path("urn:x", &org("acme")),
            Err(GraphError::UnknownNode(_))
        ));
    }
}
