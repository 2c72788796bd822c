//! The view cache: an anonymous page or analytics report asked again is answered from the
//! cache (the metrics say so), a write is seen at once, and a member's answers are never kept.

use axum::http::{Method, StatusCode};

use crate::{App, TOKEN, call, metric, text_of};

const INSERT: &str = include_str!("../../../../tests/fixtures/insert-essai-ia.ru");

async fn hits(app: &App) -> f64 {
    metric(
        &app.get("/metrics").await.text(),
        "maillage_view_cache_hits_total",
    )
}

#[tokio::test]
async fn a_view_asked_again_is_a_hit_and_a_write_is_seen_at_once() {
    let app = App::writable();
    let search = "/api/v1/organisations?q=essai&limit=50";
    let page = "/recherche?q=essai";
    let first = app.get(search).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert!(!first.text().contains("essai-ia"));
    assert!(!text_of(&app.get(page).await.text()).contains("Essai IA"));
    let before = hits(&app).await;
    let again = app.get(search).await;
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("content-type"), first.header("content-type"));
    assert!(!text_of(&app.get(page).await.text()).contains("Essai IA"));
    assert_eq!(
        hits(&app).await,
        before + 2.0,
        "both answered from the cache"
    );

    let applied = app.update(INSERT).await;
    assert_eq!(applied.status, StatusCode::NO_CONTENT, "{}", applied.text());
    assert!(
        app.get(search).await.text().contains("essai-ia"),
        "never stale"
    );
    assert!(text_of(&app.get(page).await.text()).contains("Essai IA"));
}

#[tokio::test]
async fn views_are_kept_per_language_and_never_for_a_member() {
    let app = App::writable();
    let french = app.get("/lacunes").await;
    let english = app
        .send(call(Method::GET, "/lacunes").header("accept-language", "en"))
        .await;
    assert!(french.text().contains("lang=\"fr\""), "{}", french.text());
    assert!(english.text().contains("lang=\"en\""), "{}", english.text());
    let again = app
        .send(call(Method::GET, "/lacunes").header("accept-language", "en"))
        .await;
    assert_eq!(again.body, english.body);

    let before = hits(&app).await;
    for _ in 0..2 {
        let member = app
            .send(call(Method::GET, "/api/v1/gaps").bearer(TOKEN))
            .await;
        assert_eq!(member.status, StatusCode::OK, "{}", member.text());
        assert!(member.header("cache-control").contains("no-store"));
    }
    assert_eq!(hits(&app).await, before, "a member's answers are not kept");
}
