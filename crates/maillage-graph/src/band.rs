//! What a match score means to a person: a plain band (strong, possible, weak) from fixed
//! thresholds, and the score's rank among the candidates of the same ranking. The thresholds are
//! defined here once; `docs/matching.md` gives the score distribution on the default data that
//! they were chosen from. The API names the bands in the reader's language.

/// A score of at least this is a strong match: for instance every need covered by a concept
/// one level more general (0.6) with both organisations in the ZEM, 0.55 × 0.6 + 0.15 × 0.5 =
/// 0.405; about 1 % of all supplier–adopter pairs of the default data.
pub const STRONG_FROM: f64 = 0.40;

/// A score of at least this (and below [`STRONG_FROM`]) is a possible match: for instance half
/// of the needs covered exactly, 0.55 × 0.5 = 0.275, or every need covered two levels up with
/// both in the ZEM, 0.55 × 0.36 + 0.075 = 0.273; below it, the score rests on little more than
/// location or the network.
pub const POSSIBLE_FROM: f64 = 0.25;

/// A plain reading of a match score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// Score ≥ [`STRONG_FROM`].
    Strong,
    /// [`POSSIBLE_FROM`] ≤ score < [`STRONG_FROM`].
    Possible,
    /// Score < [`POSSIBLE_FROM`].
    Weak,
}

impl Band {
    /// The bands, strongest first.
    pub const ALL: [Band; 3] = [Band::Strong, Band::Possible, Band::Weak];

    /// The stable name (JSON, command line): `strong`, `possible`, `weak`.
    pub fn name(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Possible => "possible",
            Band::Weak => "weak",
        }
    }

    /// The lowest score of the band (0 for [`Band::Weak`]).
    pub fn from_score(self) -> f64 {
        match self {
            Band::Strong => STRONG_FROM,
            Band::Possible => POSSIBLE_FROM,
            Band::Weak => 0.0,
        }
    }
}

/// The band of a score in 0..1 (a score that is not a number is weak).
pub fn band(score: f64) -> Band {
    if score >= STRONG_FROM {
        Band::Strong
    } else if score >= POSSIBLE_FROM {
        Band::Possible
    } else {
        Band::Weak
    }
}

/// Where a match stands among the candidates of its ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rank {
    /// 1 for the best; candidates with equal scores share a position (1, 2, 2, 4…).
    pub position: usize,
    /// How many candidates the ranking scored (with `eligible_only`, the eligible ones).
    pub of: usize,
}

/// The competition ranks of scores sorted best first: each score's position is one more than
/// the number of strictly higher scores.
pub(crate) fn competition_ranks(sorted_desc: &[f64]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(sorted_desc.len());
    for (i, s) in sorted_desc.iter().enumerate() {
        let position = if i > 0 && sorted_desc[i - 1] == *s {
            out[i - 1]
        } else {
            i + 1
        };
        out.push(position);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_split_the_scores_into_three_bands() {
        assert_eq!(band(1.0), Band::Strong);
        assert_eq!(band(STRONG_FROM), Band::Strong);
        assert_eq!(band(STRONG_FROM - 1e-9), Band::Possible);
        assert_eq!(band(POSSIBLE_FROM), Band::Possible);
        assert_eq!(band(POSSIBLE_FROM - 1e-9), Band::Weak);
        assert_eq!(band(0.0), Band::Weak);
        assert_eq!(band(f64::NAN), Band::Weak);
        for b in Band::ALL {
            assert_eq!(band(b.from_score()), b, "{b:?} starts at its threshold");
        }
        const { assert!(POSSIBLE_FROM < STRONG_FROM) };
    }

    #[test]
    fn equal_scores_share_a_rank() {
        assert_eq!(competition_ranks(&[]), Vec::<usize>::new());
        assert_eq!(competition_ranks(&[0.9]), vec![1]);
        assert_eq!(
            competition_ranks(&[0.9, 0.5, 0.5, 0.2, 0.2, 0.2, 0.1]),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
        assert_eq!(competition_ranks(&[0.3, 0.3]), vec![1, 1]);
    }
}
