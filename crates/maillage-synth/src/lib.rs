//! maillage-synth
