//! What ranking reads of every candidate, packed: a ranking scores every supplier (or adopter)
//! of the ecosystem, and at 100,000 organisations following each organisation's own vectors and
//! string sets (`OrgInfo`) misses the cache on every candidate. This table holds the same facts
//! as flat arrays of indices and bit sets, built once with the graph; `matching::rank` computes
//! the components of all candidates from it, with the same arithmetic as the explained path
//! (`EcosystemGraph::components`), so both give the same scores to the bit.

use std::collections::BTreeMap;

use crate::graph::{NeedsSource, OrgInfo};

/// One organisation's row: ranges into the flat arrays and its flags.
#[derive(Clone, Copy, Debug, Default)]
struct Row {
    offers: (u32, u32),
    needs: (u32, u32),
    /// The heads of its sector chains (its own sectors), as sector ids.
    sectors: (u32, u32),
    /// The adopters of its past projects as supplier, in the order of `OrgInfo::supplied`.
    past: (u32, u32),
    in_zem: bool,
    typical_needs: bool,
    axes_as_supplier: u32,
    axes_as_adopter: u32,
}

/// The packed candidate table of a graph.
#[derive(Debug, Default)]
pub(crate) struct Packed {
    /// Organisations that supply AI expertise, in IRI order.
    pub suppliers: Vec<usize>,
    /// Organisations with needs (stated or typical of their sector), in IRI order.
    pub adopters: Vec<usize>,
    rows: Vec<Row>,
    offers: Vec<u32>,
    needs: Vec<u32>,
    sectors: Vec<u32>,
    past: Vec<u32>,
    /// `chains[sector]`: the sector and its ancestors, for the sectors organisations are in
    /// (empty for the others).
    chains: Vec<Vec<u32>>,
    /// Per organisation, `words` words of the axes it answered as supplier, then as adopter.
    axes: Vec<u64>,
    words: usize,
}

impl Packed {
    pub(crate) fn build(orgs: &[OrgInfo], sector_count: usize) -> Packed {
        let mut axis_ids: BTreeMap<&str, usize> = BTreeMap::new();
        for o in orgs {
            for a in o.axes_as_supplier.iter().chain(&o.axes_as_adopter) {
                let next = axis_ids.len();
                axis_ids.entry(a.as_str()).or_insert(next);
            }
        }
        let words = axis_ids.len().div_ceil(64).max(1);
        let mut packed = Packed {
            words,
            chains: vec![Vec::new(); sector_count],
            ..Packed::default()
        };
        for (i, o) in orgs.iter().enumerate() {
            let offers = push(&mut packed.offers, &o.offers);
            let needs = push(&mut packed.needs, &o.needs);
            let from = packed.sectors.len() as u32;
            for chain in &o.sector_chains {
                packed.sectors.push(chain[0]);
                packed.chains[chain[0] as usize].clone_from(chain);
            }
            let sectors = (from, packed.sectors.len() as u32);
            let from = packed.past.len() as u32;
            packed
                .past
                .extend(o.supplied.iter().map(|&(_, a)| a as u32));
            let past = (from, packed.past.len() as u32);
            packed.rows.push(Row {
                offers,
                needs,
                sectors,
                past,
                in_zem: o.in_zem,
                typical_needs: o.needs_source == Some(NeedsSource::SectorTypical),
                axes_as_supplier: o.axes_as_supplier.len() as u32,
                axes_as_adopter: o.axes_as_adopter.len() as u32,
            });
            for set in [&o.axes_as_supplier, &o.axes_as_adopter] {
                let start = packed.axes.len();
                packed.axes.resize(start + words, 0);
                for a in set {
                    let bit = axis_ids[a.as_str()];
                    packed.axes[start + bit / 64] |= 1 << (bit % 64);
                }
            }
            if o.supplier {
                packed.suppliers.push(i);
            }
            if o.adopter {
                packed.adopters.push(i);
            }
        }
        packed
    }

    pub(crate) fn offers(&self, org: usize) -> &[u32] {
        let (from, to) = self.rows[org].offers;
        &self.offers[from as usize..to as usize]
    }

    pub(crate) fn needs(&self, org: usize) -> &[u32] {
        let (from, to) = self.rows[org].needs;
        &self.needs[from as usize..to as usize]
    }

    fn sectors(&self, org: usize) -> &[u32] {
        let (from, to) = self.rows[org].sectors;
        &self.sectors[from as usize..to as usize]
    }

    fn past(&self, org: usize) -> &[u32] {
        let (from, to) = self.rows[org].past;
        &self.past[from as usize..to as usize]
    }

    /// How close the sectors of `org` are to the sector `head`: 1 for the same sector or one
    /// containing the other, 0.5 for the same top-level sector, 0 otherwise — the best over
    /// the organisation's sectors, as `EcosystemGraph::sector_relation` values it.
    fn sector_closeness(&self, org: usize, head: u32) -> f64 {
        let cb = &self.chains[head as usize];
        let mut best = 0.0f64;
        for &h in self.sectors(org) {
            let ca = &self.chains[h as usize];
            let value = if cb.contains(&ca[0]) || ca.contains(&cb[0]) {
                1.0
            } else if ca.last() == cb.last() {
                0.5
            } else {
                0.0
            };
            best = best.max(value);
        }
        best
    }

    /// `closeness[sector]` for every sector: how close it is to the sectors of `org`.
    pub(crate) fn closeness_to(&self, org: usize) -> Vec<f64> {
        (0..self.chains.len())
            .map(|h| {
                if self.chains[h].is_empty() {
                    0.0
                } else {
                    self.sector_closeness(org, h as u32)
                }
            })
            .collect()
    }

    /// The sector experience of supplier `s` for adopter `a` (as
    /// `EcosystemGraph::sector_experience` computes it), given how close each past adopter of
    /// `s` is: `past_closeness(index in s's past projects, past adopter)`.
    pub(crate) fn sector_experience(
        &self,
        s: usize,
        mut past_closeness: impl FnMut(usize, usize) -> f64,
    ) -> f64 {
        let mut miss = 1.0;
        for (i, &b) in self.past(s).iter().enumerate() {
            let value = past_closeness(i, b as usize);
            if value > 0.0 {
                miss *= 1.0 - value;
            }
        }
        1.0 - miss
    }

    /// The best closeness of the sectors of `org` in a closeness table of
    /// [`Packed::closeness_to`].
    pub(crate) fn best_in(&self, org: usize, closeness: &[f64]) -> f64 {
        self.sectors(org)
            .iter()
            .map(|&h| closeness[h as usize])
            .fold(0.0, f64::max)
    }

    /// The closeness tables of the past adopters of supplier `s`, in order.
    pub(crate) fn past_closeness(&self, s: usize) -> Vec<Vec<f64>> {
        self.past(s)
            .iter()
            .map(|&b| self.closeness_to(b as usize))
            .collect()
    }

    pub(crate) fn typical_needs(&self, org: usize) -> bool {
        self.rows[org].typical_needs
    }

    /// The ZEM-axis alignment of a pair, as `EcosystemGraph::zem_alignment` computes it.
    pub(crate) fn zem_alignment(&self, s: usize, a: usize) -> f64 {
        let (sup, ad) = (&self.rows[s], &self.rows[a]);
        let mut value = 0.0;
        if sup.in_zem && ad.in_zem {
            value += 0.5;
        }
        if ad.axes_as_adopter > 0 {
            let sup_axes = &self.axes[s * 2 * self.words..][..self.words];
            let ad_axes = &self.axes[(a * 2 + 1) * self.words..][..self.words];
            let shared: u32 = sup_axes
                .iter()
                .zip(ad_axes)
                .map(|(x, y)| (x & y).count_ones())
                .sum();
            if shared > 0 {
                value += 0.5 * shared as f64 / ad.axes_as_adopter as f64;
            }
        } else if sup.axes_as_supplier > 0 {
            value += 0.25;
        }
        value
    }
}

fn push(flat: &mut Vec<u32>, items: &[usize]) -> (u32, u32) {
    let from = flat.len() as u32;
    flat.extend(items.iter().map(|&i| i as u32));
    (from, flat.len() as u32)
}
