//! W3C conformance of the Maillage server: runs the SPARQL 1.1 Protocol, Graph Store Protocol
//! and Service Description manifests of `w3c-sparql11/` (the W3C test data, copied into this
//! crate; see its README for origin and licence) against the real router
//! (`maillage_api::router`) served on a loopback port, one fresh server per test.
//!
//! The HTTP exchanges and expectations are read from the manifests ([`manifest`]); how their
//! paths map onto Maillage's endpoints is documented in [`runner`]. Tests that cannot pass are
//! listed in [`SKIPPED`] with the reason; they are still run, and a skipped test that passes is
//! reported so the list stays honest.

pub mod manifest;
pub mod runner;
pub mod server;

use std::fmt;
use std::path::PathBuf;

pub use manifest::{Manifest, ManifestError, TestCase};

/// The W3C test data, kept in this crate (`crates/maillage-testsuite/w3c-sparql11/`).
pub fn suite_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/w3c-sparql11"))
}

/// The manifests this crate runs, relative to [`suite_dir`].
pub const MANIFESTS: [&str; 3] = [
    "protocol/manifest.ttl",
    "graph-store-protocol/manifest.ttl",
    "service-description/manifest.ttl",
];

/// Tests expected to fail, by local name, with the reason. Keep it short and true: the
/// conformance test fails if one of these passes.
pub const SKIPPED: &[(&str, &str)] = &[];

/// The reason a test is skipped, if it is.
pub fn skip_reason(local_name: &str) -> Option<&'static str> {
    SKIPPED
        .iter()
        .find(|(name, _)| *name == local_name)
        .map(|(_, reason)| *reason)
}

/// The result of one test.
#[derive(Debug)]
pub struct TestResult {
    pub local_name: String,
    pub name: String,
    pub outcome: Result<(), String>,
    pub skip_reason: Option<&'static str>,
}

impl TestResult {
    /// Failed and not in the skip list.
    pub fn is_failure(&self) -> bool {
        self.outcome.is_err() && self.skip_reason.is_none()
    }

    /// In the skip list, yet passed.
    pub fn is_unexpected_pass(&self) -> bool {
        self.outcome.is_ok() && self.skip_reason.is_some()
    }
}

/// The results of one manifest.
#[derive(Debug)]
pub struct ManifestReport {
    pub label: String,
    pub path: PathBuf,
    pub results: Vec<TestResult>,
}

impl ManifestReport {
    pub fn passed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome.is_ok() && r.skip_reason.is_none())
            .count()
    }

    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| r.is_failure()).count()
    }

    pub fn skipped(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.skip_reason.is_some())
            .count()
    }

    /// Failures and skipped tests that passed: what makes the conformance test fail.
    pub fn problems(&self) -> impl Iterator<Item = &TestResult> {
        self.results
            .iter()
            .filter(|r| r.is_failure() || r.is_unexpected_pass())
    }
}

impl fmt::Display for ManifestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({}): {} passed, {} failed, {} skipped",
            self.label,
            self.path.display(),
            self.passed(),
            self.failed(),
            self.skipped()
        )?;
        for r in &self.results {
            match (&r.outcome, r.skip_reason) {
                (Ok(()), None) => writeln!(f, "  pass  {}", r.local_name)?,
                (Err(e), None) => {
                    writeln!(f, "  FAIL  {} — {}\n        {e}", r.local_name, r.name)?
                }
                (Err(_), Some(reason)) => writeln!(f, "  skip  {} — {reason}", r.local_name)?,
                (Ok(()), Some(_)) => writeln!(
                    f,
                    "  PASS? {} passes but is in SKIPPED: remove it from the list",
                    r.local_name
                )?,
            }
        }
        Ok(())
    }
}

/// Runs every test of one manifest (relative to [`suite_dir`]).
pub fn run_manifest(relative: &str) -> Result<ManifestReport, ManifestError> {
    let manifest = manifest::load(&suite_dir().join(relative))?;
    let client = runner::client();
    let results = manifest
        .tests
        .iter()
        .map(|test| TestResult {
            local_name: test.local_name().to_owned(),
            name: test.name.clone(),
            outcome: runner::run(test, &client),
            skip_reason: skip_reason(test.local_name()),
        })
        .collect();
    Ok(ManifestReport {
        label: manifest.label,
        path: manifest.path,
        results,
    })
}
