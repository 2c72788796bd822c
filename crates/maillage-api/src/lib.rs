//! maillage-api
