//! Sector titles in French: a NAICS class with a sourced French title shows it on French
//! pages and in French JSON; one without shows « code English title (EN) », never the English
//! title alone — on profiles, in their match explanations and in the REST `label` fields.

use std::path::Path;

use serde_json::Value;

use crate::{App, text_of};

const API: &str = "/api/v1";

/// The English titles of NAICS Canada 2022 a French page must not show bare.
fn english_only_titles() -> Vec<String> {
    crate::naics::english_only_titles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// The text of an HTML page: tags removed, the few entities maud writes decoded.
fn page_text(html: &str) -> String {
    text_of(html)
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Every English NAICS title of `text` that is not marked « (EN) » right after it.
fn unmarked_english(text: &str, titles: &[String]) -> Vec<String> {
    let mut text = text.to_owned();
    let mut found = vec![];
    for title in titles {
        while let Some(at) = text.find(title.as_str()) {
            let after = &text[at + title.len()..];
            if !after.starts_with(" (EN)") {
                found.push(title.clone());
            }
            // Blank it out so that a shorter title inside it is not counted again.
            text.replace_range(at..at + title.len(), &" ".repeat(title.len()));
        }
    }
    found
}

#[tokio::test]
async fn a_french_profile_shows_the_french_sector_title_and_no_bare_english_title() {
    let app = App::shared();
    let titles = english_only_titles();

    // Université Laval: NAICS 611310, whose French title is sourced.
    let laval = page_text(&app.get("/organisations/universite-laval").await.text());
    assert!(laval.contains("Universités"), "French title of 611310");
    assert!(
        !laval.contains("Universities"),
        "no English title of 611310"
    );

    // Coveo: NAICS 513211, without a sourced French title: code, English title, marked.
    let coveo = page_text(&app.get("/organisations/coveo").await.text());
    assert!(
        coveo.contains("513211 Software publishers (except video game publishers) (EN)"),
        "a sector without a French title shows its code and its English title marked (EN)"
    );

    // Neither profile (their match explanations included) shows an English title unmarked.
    for (org, page) in [("universite-laval", &laval), ("coveo", &coveo)] {
        let bare = unmarked_english(page, &titles);
        assert!(
            bare.is_empty(),
            "{org}: English NAICS titles unmarked: {bare:?}"
        );
    }

    // In English the same sector has its English title and no mark.
    let coveo_en = page_text(&app.get("/organisations/coveo?lang=en").await.text());
    assert!(coveo_en.contains("Software publishers (except video game publishers)"));
    assert!(!coveo_en.contains("(EN)"));
}

#[tokio::test]
async fn french_json_labels_of_sectors_are_french_or_marked() {
    let app = App::shared();
    let sectors = |v: &Value| -> Vec<String> {
        v["sectors"]
            .as_array()
            .expect("sectors")
            .iter()
            .map(|s| s["label"].as_str().expect("a label").to_owned())
            .collect()
    };
    let laval = app
        .get_json(&format!("{API}/organisations/universite-laval"))
        .await;
    assert_eq!(sectors(&laval), ["Universités"]);
    let coveo = app.get_json(&format!("{API}/organisations/coveo")).await;
    assert_eq!(
        sectors(&coveo),
        ["513211 Software publishers (except video game publishers) (EN)"]
    );
    let coveo_en = app
        .get_json(&format!("{API}/organisations/coveo?lang=en"))
        .await;
    assert_eq!(
        sectors(&coveo_en),
        ["Software publishers (except video game publishers)"]
    );

    // French match explanations (words.rs) name sectors the same way.
    let titles = english_only_titles();
    let matches = app
        .get(&format!("{API}/organisations/beneva/matches?limit=20"))
        .await
        .text();
    let bare = unmarked_english(&matches, &titles);
    assert!(bare.is_empty(), "English NAICS titles unmarked: {bare:?}");
}
