//! The NAICS titles a French page must never show bare. Shared by the browser suite and the
//! in-process router tests of `maillage-api` (which includes this file by path).

use std::collections::BTreeSet;
use std::path::Path;

/// The English titles of NAICS Canada 2022 (the generator's input, under `root/reference/`),
/// except those that are also a French title (« Construction », « Aquaculture »…): those may
/// appear on a French page. Longest first, so that a title inside a longer one is checked as
/// part of the longer one.
pub fn english_only_titles(root: &Path) -> Vec<String> {
    let mut english = csv::Reader::from_path(root.join("reference/naics-canada-2022-eng.csv"))
        .expect("the NAICS CSV");
    let title = english
        .headers()
        .expect("a header row")
        .iter()
        .position(|h| h == "Class title")
        .expect("a Class title column");
    let french: BTreeSet<String> = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(root.join("reference/scian-canada-2022-fra.csv"))
        .expect("the French titles CSV")
        .records()
        .map(|r| r.expect("a French title row")[1].to_owned())
        .collect();
    let mut titles: Vec<String> = english
        .records()
        .map(|r| r.expect("a NAICS row")[title].trim().to_owned())
        .filter(|t| !t.is_empty() && !french.contains(t))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    titles
}
