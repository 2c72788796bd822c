//! Every `https://w3id.org/maillage/id/` IRI is served as linked data: an HTML page in the
//! reader's language, or RDF by `Accept`; and the home page answers.

use axum::http::{Method, StatusCode};

use crate::{App, call};

const LAVAL: &str = "/id/org/universite-laval";

#[tokio::test]
async fn an_organisation_page_in_html_french_by_default_english_on_request() {
    let app = App::shared();
    let page = app
        .send(
            call(Method::GET, LAVAL).header("accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Université Laval"), "labels are shown");
    assert!(html.contains("lang=\"fr\""), "French by default");
    assert!(
        html.contains("/id/municipality/23027"),
        "links to neighbours"
    );
    let english = app
        .send(
            call(Method::GET, LAVAL)
                .header("accept", "text/html")
                .header("accept-language", "en-CA,en;q=0.9"),
        )
        .await
        .text();
    assert!(english.contains("lang=\"en\""));
}

#[tokio::test]
async fn the_same_iri_in_rdf_by_accept_and_unknown_iris_are_404() {
    let app = App::shared();
    for (accept, marker) in [
        ("text/turtle", "@prefix"),
        (
            "application/n-triples",
            "<https://w3id.org/maillage/id/org/universite-laval>",
        ),
        ("application/ld+json", "\"@id\""),
    ] {
        let reply = app
            .send(call(Method::GET, LAVAL).header("accept", accept))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert!(reply.text().contains(marker), "{accept}");
    }
    let unknown = app.get("/id/org/does-not-exist").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_home_page_answers() {
    let home = App::shared().get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text().contains("Maillage"));
}

#[tokio::test]
async fn a_french_page_never_shows_an_english_only_label_silently() {
    let app = App::shared();
    // 513211 has no sourced French title: its page says the title is in English.
    let page = app
        .send(call(Method::GET, "/id/naics/513211").header("accept", "text/html"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("Software publishers (except video game publishers) (EN)"),
        "the English-only title is marked (EN) on the French page"
    );
    // 541710 has its official French title: no mark.
    let french = app
        .send(call(Method::GET, "/id/naics/541710").header("accept", "text/html"))
        .await
        .text();
    assert!(
        french.contains(
            "<h1>Recherche et développement en sciences physiques, en génie et en sciences de la vie</h1>"
        ),
        "the official French title heads the French page, unmarked"
    );
}
