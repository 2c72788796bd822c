//! maillage-graph
