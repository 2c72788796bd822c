//! The web application in a real browser: headless Chromium driven through WebDriver
//! (chromedriver, `fantoccini`) against a real `maillage serve`. Each test reads like a user's
//! session and saves screenshots of the pages it visits into `target/screenshots/` (1280×900);
//! `make screenshots` copies them to `docs/screenshots/` for the README, on purpose only.
//!
//! The suite takes about a minute and needs a browser, so plain `cargo test` skips it (the tests
//! are `#[ignore]`d, with the reason); `make test` runs it with `-- --include-ignored`, as does
//! `cargo test --test browser -- --include-ignored`. Needs Debian's `chromium` and
//! `chromium-driver`, and axe-core for the accessibility check: `scripts/bootstrap.sh --browser`
//! (run by `make test`) installs them.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;
const WAIT: Duration = Duration::from_secs(20);

/// A chromedriver process with one headless Chromium session; both end when dropped.
struct Browser {
    client: Client,
    driver: Child,
    driver_url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask chromedriver to close its browsers and quit (from a plain thread: we may be
        // inside the async runtime), then make sure it is gone.
        let shutdown = format!("{}/shutdown", self.driver_url);
        let _ = std::thread::spawn(move || {
            let _ = reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(5))
                .build()
                .map(|c| c.get(shutdown).send());
        })
        .join();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local address")
        .port()
}

fn executable(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// The Chromium binary itself (Debian's `/usr/bin/chromium` is a wrapper script).
fn chromium_binary() -> Option<PathBuf> {
    ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .or_else(|| executable("chromium"))
        .or_else(|| executable("google-chrome"))
}

async fn browser() -> Browser {
    let chromedriver = executable("chromedriver").expect(
        "chromedriver is not installed: run `scripts/bootstrap.sh --browser` (Debian packages chromium and chromium-driver)",
    );
    let chrome =
        chromium_binary().expect("chromium is not installed: run `scripts/bootstrap.sh --browser`");
    let port = free_port();
    let driver = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver_url = format!("http://127.0.0.1:{port}");
    let profile = tempfile::tempdir().expect("profile dir");
    let mut browser_args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--hide-scrollbars".to_owned(),
        "--force-device-scale-factor=1".to_owned(),
        "--lang=fr-CA".to_owned(),
        format!("--window-size={WIDTH},{HEIGHT}"),
    ];
    browser_args.push(format!("--user-data-dir={}", profile.path().display()));
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": chrome,
            "args": browser_args,
            "prefs": { "intl.accept_languages": "fr-CA,fr" },
        }),
    );
    // chromedriver takes a moment to listen.
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&driver_url)
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot open a Chromium session through chromedriver: {e}"),
        }
    };
    client
        .set_window_size(WIDTH, HEIGHT)
        .await
        .expect("window size");
    Browser {
        client,
        driver,
        driver_url,
        _profile: profile,
    }
}

/// Where screenshots go: `screenshots/` in the target directory (never the source tree).
fn screenshot_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("screenshots")
}

/// Saves what the browser shows as `target/screenshots/{name}.png`.
async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("screenshots dir");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

async fn find(c: &Client, css: &str) -> Element {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(e) => e,
        Err(e) => {
            let url = c.current_url().await.map(|u| u.to_string());
            panic!("no element {css:?} on {url:?}: {e}")
        }
    }
}

async fn text(c: &Client, css: &str) -> String {
    find(c, css).await.text().await.expect("text")
}

async fn html_lang(c: &Client) -> String {
    find(c, "html")
        .await
        .attr("lang")
        .await
        .expect("lang attribute")
        .unwrap_or_default()
}

/// Scrolls an element to the top of the window (for screenshots of a page's lower part).
async fn scroll_to(c: &Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -8);",
        vec![serde_json::json!(css)],
    )
    .await
    .expect("scroll");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn search_vision_and_open_a_supplier() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;

    // The home page, in French by default.
    c.goto(&format!("{}/", server.base)).await.expect("home");
    assert_eq!(html_lang(c).await, "fr");
    assert_eq!(
        text(c, "h1").await,
        "L'écosystème de l'IA de la région de Québec"
    );
    assert!(text(c, "#env-remaining").await.contains('$'));
    let places = c
        .find_all(Locator::Css("svg.map a.place"))
        .await
        .expect("map circles");
    assert!(places.len() >= 3, "the map shows the municipalities");
    screenshot(c, "accueil").await;
    scroll_to(c, "#map-h").await;
    screenshot(c, "accueil-carte").await;

    // Search "vision" from the home page's search box.
    let q = find(c, "#home-q").await;
    q.send_keys("vision").await.expect("type");
    find(c, "form.search-box button")
        .await
        .click()
        .await
        .expect("search");
    find(c, "#results li.result").await;
    assert!(c.current_url().await.expect("url").path() == "/recherche");
    assert!(text(c, "#results-h").await.contains("résultat"));
    assert_eq!(
        find(c, "#q").await.prop("value").await.expect("value"),
        Some("vision".to_owned())
    );
    // Narrow to suppliers with the role filter, like a user would.
    find(c, "#role")
        .await
        .select_by_value("supplier")
        .await
        .expect("select role");
    find(c, "#search-form .actions button")
        .await
        .click()
        .await
        .expect("filter");
    find(c, "#results li.result .badge.supplier").await;
    // Each result says why it matched: the field, and the word "vision" (or a word it begins)
    // highlighted — never inside « division » or « Télévision ».
    let marks = c
        .find_all(Locator::Css("#results li.result .why mark"))
        .await
        .expect("highlighted words");
    assert!(!marks.is_empty(), "the results highlight the words found");
    for mark in marks {
        let word = mark
            .text()
            .await
            .expect("a highlighted word")
            .to_lowercase();
        assert!(
            word.starts_with("vision"),
            "{word:?} is not the word vision"
        );
    }
    assert!(
        text(c, "#results li.result .why")
            .await
            .starts_with("Mots trouvés dans")
    );
    screenshot(c, "recherche").await;

    // Open the first supplier's profile.
    let link = find(c, "#results li.result h3 a").await;
    let name = link.text().await.expect("name");
    link.click().await.expect("open profile");
    find(c, "#c-offers").await;
    assert_eq!(text(c, "h1").await, name);
    assert_eq!(text(c, "#c-offers").await, "Expertises offertes");
    assert_eq!(text(c, "#matches-h").await, "Meilleurs adoptants");
    assert!(
        c.find_all(Locator::Css("#sources a"))
            .await
            .expect("sources")
            .len()
            + c.find_all(Locator::Css("#sources li"))
                .await
                .expect("sources")
                .len()
            > 0,
        "the profile lists its sources"
    );
    screenshot(c, "profil-fournisseur").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn an_adopter_sees_ranked_suppliers_with_explanations() {
    // The adopter is one of the demo graph's: serve it.
    let server = support::start(&["--demo"]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!(
        "{}/organisations/demo-assurances-laurentides",
        server.base
    ))
    .await
    .expect("profile");
    assert_eq!(text(c, "#matches-h").await, "Meilleurs fournisseurs");
    // Stated needs, not sector-typical ones.
    assert_eq!(text(c, "#c-needs").await, "Besoins déclarés");
    let items = c
        .find_all(Locator::Css("#match-list > li"))
        .await
        .expect("matches");
    assert!(!items.is_empty(), "ranked suppliers are shown");
    // Best first.
    let mut scores = Vec::new();
    for s in c
        .find_all(Locator::Css("#match-list .score strong"))
        .await
        .expect("scores")
    {
        let t = s.text().await.expect("score text");
        let n: u32 = t
            .trim_end_matches(|ch: char| ch == '%' || ch.is_whitespace())
            .parse()
            .unwrap_or_else(|_| panic!("score {t:?} is a percentage"));
        scores.push(n);
    }
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // The first match explains itself in plain language and states its eligibility.
    let first = &items[0];
    let explanation = first
        .find(Locator::Css(".explanation li"))
        .await
        .expect("an explanation")
        .text()
        .await
        .expect("text");
    assert!(
        explanation.contains("Couverture des besoins"),
        "{explanation}"
    );
    let verdict = first
        .find(Locator::Css(".match-head .badge.ok, .match-head .badge.ko"))
        .await
        .expect("verdict")
        .text()
        .await
        .expect("text");
    assert!(verdict.contains("dmissible"), "{verdict}");
    first
        .find(Locator::Css("details.match-details > summary"))
        .await
        .expect("details")
        .click()
        .await
        .expect("open details");
    let rules = first
        .find_all(Locator::Css("table.rules tbody tr"))
        .await
        .expect("rules");
    assert!(rules.len() >= 4, "every eligibility rule is listed");
    assert!(
        rules[0].text().await.expect("rule").contains("ZEM"),
        "rules are named in French"
    );
    scroll_to(c, "#matches-h").await;
    screenshot(c, "profil-adoptant-fournisseurs").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn switch_to_english() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/", server.base)).await.expect("home");
    assert_eq!(text(c, "#lang-switch").await, "English");
    find(c, "#lang-switch").await.click().await.expect("switch");
    find(c, "html[lang='en']").await;
    assert_eq!(
        text(c, "h1").await,
        "The AI ecosystem of the Québec City region"
    );
    assert_eq!(text(c, "#counts-h").await, "At a glance");
    assert!(text(c, "#by-kind").await.contains("Research centre"));
    screenshot(c, "home-en").await;
    // The chosen language follows the navigation.
    c.find(Locator::LinkText("Search"))
        .await
        .expect("nav link")
        .click()
        .await
        .expect("open search");
    find(c, "#search-form").await;
    assert_eq!(html_lang(c).await, "en");
    assert!(
        text(c, "label[for='expertise']")
            .await
            .contains("AI expertise")
    );
    assert!(text(c, "#results-h").await.contains("results"));
    // Organisation kinds and roles are translated in the results too.
    let first = text(c, "#results li.result").await;
    assert!(
        !first.contains("Entreprise") && !first.contains("Fournisseur"),
        "{first}"
    );
    // And back to French.
    find(c, "#lang-switch")
        .await
        .click()
        .await
        .expect("switch back");
    find(c, "html[lang='fr']").await;
    assert!(
        text(c, "label[for='expertise']")
            .await
            .contains("Expertise en IA")
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn gaps_page_and_csv_download_and_network() {
    // The demo graph's adopters leave demand unmet: serve it.
    let server = support::start(&["--demo"]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/", server.base)).await.expect("home");
    c.find(Locator::LinkText("Lacunes"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("open gaps");
    find(c, "#gap-chart").await;
    assert_eq!(text(c, "h1").await, "Lacunes d'expertise");
    let bars = c
        .find_all(Locator::Css("#gap-chart rect.demand"))
        .await
        .expect("bars");
    assert!(!bars.is_empty(), "the chart has bars");
    let unmet = c
        .find_all(Locator::Css("#gap-table tbody tr"))
        .await
        .expect("gap rows");
    assert!(!unmet.is_empty(), "the gaps are listed");
    screenshot(c, "lacunes").await;

    // The export button's link gives the CSV.
    let href = find(c, "#gaps-csv")
        .await
        .prop("href")
        .await
        .expect("href")
        .expect("the button is a link");
    let (status, content_type, body) = tokio::task::spawn_blocking(move || {
        let r = support::client().get(&href).send().expect("download");
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, ct, r.text().expect("body"))
    })
    .await
    .expect("join");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let header = body
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default();
    assert!(
        header.starts_with("concept,label_fr,label_en,demand,supply,unmet"),
        "{header}"
    );
    assert!(body.lines().count() > 5);

    // The network page draws the graph with its brokers.
    c.find(Locator::LinkText("Réseau"))
        .await
        .expect("nav")
        .click()
        .await
        .expect("open network");
    find(c, "#network").await;
    let nodes = c
        .find_all(Locator::Css("#network circle.node"))
        .await
        .expect("nodes");
    assert!(nodes.len() > 10);
    let brokers = c
        .find_all(Locator::Css("#network circle.broker"))
        .await
        .expect("brokers");
    assert!(!brokers.is_empty(), "brokers are highlighted");
    assert!(text(c, "#brokers").await.contains("Intermédiarité"));
    // The picture is one tab stop: one node is in the tab order, the arrows move between them,
    // and the skip link jumps past it.
    let stops = c
        .execute(
            "return document.querySelectorAll('svg.network a[tabindex=\"0\"]').length;",
            vec![],
        )
        .await
        .expect("tab stops");
    assert_eq!(
        stops.as_u64(),
        Some(1),
        "one tab stop in the network picture"
    );
    c.execute(
        "document.querySelector('svg.network a[tabindex=\"0\"]').focus();",
        vec![],
    )
    .await
    .expect("focus the first node");
    let first = c
        .execute(
            "return document.activeElement.getAttribute('href');",
            vec![],
        )
        .await
        .expect("first node");
    press(c, fantoccini::key::Key::Right).await;
    let second = c
        .execute(
            "return [document.activeElement.getAttribute('href'), document.activeElement.getAttribute('tabindex')];",
            vec![],
        )
        .await
        .expect("second node");
    assert_ne!(second[0], first, "the arrow key moves to another node");
    assert_eq!(
        second[1].as_str(),
        Some("0"),
        "the focused node is the tab stop"
    );
    // The skip link is off-screen until focused: read its text from the page.
    let skip = c
        .execute(
            "return document.getElementById('network-skip').textContent;",
            vec![],
        )
        .await
        .expect("skip link");
    assert_eq!(skip.as_str(), Some("Passer le graphe"));
    screenshot(c, "reseau").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn run_a_cookbook_query_in_the_sparql_editor() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/sparql-editeur", server.base))
        .await
        .expect("editor");
    // Pick the cookbook's "count of organisations by type" recipe.
    let recipes = maillage_api::cookbook::recipes(maillage_api::cookbook::COOKBOOK);
    let index = recipes
        .iter()
        .position(|r| r.heading.contains("Nombre d'organisations par type"))
        .expect("the cookbook has the count-by-type recipe");
    find(c, "#example")
        .await
        .select_by_value(&index.to_string())
        .await
        .expect("choose the example");
    let query = find(c, "#query")
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert_eq!(
        query.trim(),
        recipes[index].query.trim(),
        "the script loads the example"
    );
    let download = find(c, "#download")
        .await
        .prop("href")
        .await
        .expect("href")
        .unwrap_or_default();
    assert!(
        download.contains("format=csv") && download.contains("COUNT"),
        "{download}"
    );
    find(c, "#run").await.click().await.expect("run");
    find(c, "#result-table tbody tr").await;
    let rows = c
        .find_all(Locator::Css("#result-table tbody tr"))
        .await
        .expect("rows");
    assert!(rows.len() >= 3, "one row per organisation type");
    assert!(text(c, "#status").await.contains("ligne(s)"));
    scroll_to(c, "#example-form").await;
    screenshot(c, "sparql").await;

    // A broken query shows the server's message, not a blank table.
    let textarea = find(c, "#query").await;
    textarea.clear().await.expect("clear");
    textarea.send_keys("SELECT WHERE {").await.expect("type");
    find(c, "#run").await.click().await.expect("run");
    find(c, "#status.error").await;
}

// --- Layouts and the home map (layouts and map) --------------------------------------------

/// The widths every page must hold at: a tablet upright, a tablet lying down, a laptop.
const LAYOUT_WIDTHS: [u32; 3] = [768, 1024, 1280];

/// The pages of the site, as (screenshot name, path): home, search, a supplier's and an
/// adopter's profiles (real organisations of datasets/region), gaps, network, SPARQL editor,
/// the API docs.
const PAGES: [(&str, &str); 12] = [
    ("accueil", "/"),
    ("recherche", "/recherche"),
    ("recherche-vision", "/recherche?q=vision"),
    ("profil-fournisseur", "/organisations/coveo"),
    ("profil-adoptant", "/organisations/beneva"),
    ("lacunes", "/lacunes"),
    ("reseau", "/reseau"),
    ("projets-public", "/projets"),
    ("enveloppe-public", "/enveloppe"),
    ("comite-public", "/comite"),
    ("sparql", "/sparql-editeur"),
    ("docs", "/docs"),
];

/// The pages pictured at 768 px for the README, with the part shown (scrolled to the top).
const TABLET_SHOTS: [(&str, &str); 2] = [
    ("profil-adoptant", "#match-list > li details"),
    ("reseau", "#network"),
];

/// The blocks of a page that must never overlap: sections, tables, figures, forms and the
/// cards of lists (matches, results), with every `<details>` (but the pop-up definitions of
/// terms) opened first so that what it hides is laid out too.
const BLOCKS: &str = "main section, main table, main figure, main form, main svg, main pre, main li.match, main li.result, main .cards > li, main dl";

/// What is wrong with the layout of the page shown, in words: a page wider than the window,
/// a block past the right edge of the window, a table column squeezed to one word per line,
/// two blocks (neither inside the other) whose boxes overlap. Empty when the layout holds.
async fn layout_problems(c: &Client) -> Vec<String> {
    let found = c
        .execute(
            r##"
            const blocks = arguments[0];
            // Disclosures that hold content are opened; a term's definition (details.term) is a
            // pop-up, shown one at a time, so it stays closed.
            document.querySelectorAll("details:not(.term)").forEach(d => { d.open = true; });
            const out = [];
            const doc = document.documentElement;
            const width = window.innerWidth;
            if (doc.scrollWidth > width) {
              out.push(`the page is ${doc.scrollWidth} px wide in a ${width} px window`);
            }
            const name = e => {
              let s = e.tagName.toLowerCase();
              if (e.id) s += "#" + e.id;
              else if (e.classList.length) s += "." + [...e.classList].join(".");
              const h = e.querySelector("h2, h3, caption, summary");
              if (h) s += ` (${h.textContent.trim().slice(0, 40)})`;
              return s;
            };
            const shown = [...document.querySelectorAll(blocks)]
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, r]) => r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden");
            for (const [e, r] of shown) {
              if (r.right > width + 1 || r.left < -1) {
                out.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} px in a ${width} px window`);
              }
            }
            // A column squeezed to one word per line (lines >= words, for 4 words or more).
            for (const cell of document.querySelectorAll("main td")) {
              const words = cell.textContent.trim().split(/\s+/).filter(w => w).length;
              const r = cell.getBoundingClientRect();
              const style = getComputedStyle(cell);
              const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
              // The height of the cell's own text (the cell itself is as tall as its row).
              const range = document.createRange();
              range.selectNodeContents(cell);
              const lines = Math.round(range.getBoundingClientRect().height / line);
              if (words >= 4 && r.width > 0 && lines >= words) {
                out.push(`a cell of ${name(cell.closest("table"))} shows ${words} words on ${lines} lines, ${Math.round(r.width)} px wide`);
              }
            }
            for (let i = 0; i < shown.length; i++) {
              for (let j = i + 1; j < shown.length; j++) {
                const [a, ra] = shown[i];
                const [b, rb] = shown[j];
                if (a.contains(b) || b.contains(a)) continue;
                const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                if (w > 1 && h > 1) {
                  out.push(`${name(a)} and ${name(b)} overlap by ${Math.round(w)} × ${Math.round(h)} px`);
                }
              }
            }
            return out;
            "##,
            vec![serde_json::json!(BLOCKS)],
        )
        .await
        .expect("layout check");
    strings(&found)
}

/// Sets the window to `width` and checks the viewport followed (the layout checks compare
/// against it).
async fn set_width(c: &Client, width: u32) {
    c.set_window_size(width, HEIGHT).await.expect("window size");
    let inner = c
        .execute("return window.innerWidth;", vec![])
        .await
        .expect("inner width")
        .as_u64()
        .unwrap_or_default();
    assert_eq!(inner, u64::from(width), "the viewport is {inner} px wide");
}

/// Waits until the page and its layout have settled (two animation frames after load).
async fn settle(c: &Client) {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("body"))
        .await
        .expect("a body");
    c.execute(
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));",
        vec![],
    )
    .await
    .expect("frames");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn every_page_holds_at_tablet_and_laptop_widths() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    let mut problems = Vec::new();
    for width in LAYOUT_WIDTHS {
        set_width(c, width).await;
        for (name, path) in PAGES {
            c.goto(&format!("{}{path}", server.base))
                .await
                .expect("page");
            settle(c).await;
            for p in layout_problems(c).await {
                problems.push(format!("{path} at {width} px: {p}"));
            }
            // The README's tablet pictures (every <details> is open by now).
            if let Some((_, target)) = TABLET_SHOTS.iter().find(|(n, _)| *n == name)
                && width == 768
            {
                scroll_to(c, target).await;
                screenshot(c, &format!("tablette-{name}")).await;
            }
        }
    }
    set_width(c, WIDTH).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn tables_become_cards_on_a_phone() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    set_width(c, 480).await;
    // (page, must have tables with a header row)
    for (path, with_tables) in [
        ("/", true),
        ("/lacunes", true),
        ("/reseau", true),
        ("/organisations/beneva", false),
    ] {
        c.goto(&format!("{}{path}", server.base))
            .await
            .expect("page");
        settle(c).await;
        let problems = layout_problems(c).await;
        assert!(problems.is_empty(), "{path} at 480 px: {problems:?}");
        // Every table with a header row shows each row as a card whose cells say their
        // column's name.
        let tables = c
            .execute(
                r#"return [...document.querySelectorAll("main table")].filter(t => t.tHead).map(t => {
                     const row = t.tBodies[0] && t.tBodies[0].rows[0];
                     return {
                       id: t.id || t.className,
                       head: getComputedStyle(t.tHead).position,
                       row: row ? getComputedStyle(row).display : "block",
                       labelled: row ? [...row.cells].filter(c => c.tagName === "TD").every(c => c.dataset.label) : true,
                     };
                   });"#,
                vec![],
            )
            .await
            .expect("tables");
        if path == "/lacunes" {
            scroll_to(c, "main table").await;
            screenshot(c, "telephone-lacunes").await;
        }
        let tables = tables.as_array().cloned().unwrap_or_default();
        assert!(
            !with_tables || !tables.is_empty(),
            "{path}: tables with a header row"
        );
        for t in tables {
            assert_eq!(t["row"], "block", "{path}: {t}");
            assert_eq!(
                t["head"], "absolute",
                "{path}: the header row is hidden: {t}"
            );
            assert_eq!(t["labelled"], true, "{path}: {t}");
        }
    }
}

/// A number as the page writes it (`1 234`, `1,234`): its digits.
fn digits(text: &str) -> usize {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is a number"))
}

/// The `data-count` of the numbers that `css` selects, added up.
async fn sum_of_counts(c: &Client, css: &str) -> usize {
    let mut sum = 0;
    for e in c.find_all(Locator::Css(css)).await.expect("counts") {
        let n = e
            .attr("data-count")
            .await
            .expect("attr")
            .unwrap_or_default();
        sum += n.parse::<usize>().expect("a count");
    }
    sum
}

/// The id (or tag and class) of the focused element, and whether it sits inside the map.
async fn focused(c: &Client) -> (String, bool) {
    let v = c
        .execute(
            r#"const e = document.activeElement;
               return [e.id || (e.tagName.toLowerCase() + "." + (e.getAttribute("class") || "")),
                       !!e.closest("svg.map")];"#,
            vec![],
        )
        .await
        .expect("focus");
    (
        v[0].as_str().unwrap_or_default().to_owned(),
        v[1].as_bool().unwrap_or_default(),
    )
}

async fn press(c: &Client, key: fantoccini::key::Key) {
    c.active_element()
        .await
        .expect("focused element")
        .send_keys(&key.to_string())
        .await
        .expect("key");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn the_home_map_is_one_tab_stop_opens_lists_and_adds_up() {
    use fantoccini::key::Key;
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    set_width(c, 768).await;
    c.goto(&format!("{}/", server.base)).await.expect("home");
    find(c, "svg.map").await;

    // Touch words, not hover words.
    let how = text(c, "#map-how").await;
    assert!(how.contains("Touchez ou cliquez"), "{how}");
    assert!(!how.contains("Survolez"), "{how}");

    // One tab stop in the map.
    let stops = c
        .execute(
            r#"return [...document.querySelectorAll("svg.map *")].filter(e => e.tabIndex >= 0).length;"#,
            vec![],
        )
        .await
        .expect("tab stops");
    assert_eq!(stops, serde_json::json!(1), "the map is one tab stop");

    // Tab reaches the skip link ("Passer la carte"), shown when focused; the next Tab goes
    // into the map, and the one after leaves it.
    c.execute(
        "const s = document.getElementById('map-skip'); const before = s.previousElementSibling; before.setAttribute('tabindex', '-1'); before.focus();",
        vec![],
    )
    .await
    .expect("focus before the map");
    press(c, Key::Tab).await;
    assert_eq!(focused(c).await.0, "map-skip");
    assert_eq!(text(c, "#map-skip").await, "Passer la carte");
    let shown = c
        .execute(
            "return document.getElementById('map-skip').getBoundingClientRect().width;",
            vec![],
        )
        .await
        .expect("width");
    assert!(
        shown.as_f64().unwrap_or_default() > 20.0,
        "the skip link shows when focused"
    );
    press(c, Key::Tab).await;
    assert!(focused(c).await.1, "the next stop is the map");
    // Arrow keys move between municipalities without leaving the map.
    press(c, Key::Right).await;
    let (second, inside) = focused(c).await;
    assert!(inside, "{second}");
    // Enter on a municipality opens its list and moves the focus there.
    let href = c
        .execute(
            "return document.activeElement.getAttribute('href');",
            vec![],
        )
        .await
        .expect("href");
    let href = href.as_str().unwrap_or_default().to_owned();
    press(c, Key::Enter).await;
    find(c, &format!("details{href}[open]")).await;
    let (there, inside) = focused(c).await;
    assert!(!inside, "the focus moves to the list ({there})");
    c.execute(
        "document.querySelector('svg.map a.place[tabindex=\"0\"]').focus();",
        vec![],
    )
    .await
    .expect("back to the map");
    press(c, Key::Tab).await;
    let (after, inside) = focused(c).await;
    assert!(!inside, "one Tab leaves the map ({after})");

    // The skip link jumps past the map: focus lands after it.
    c.execute("document.getElementById('map-skip').focus();", vec![])
        .await
        .expect("focus skip");
    press(c, Key::Enter).await;
    assert_eq!(
        focused(c).await.0,
        "map-after",
        "the skip link moves the focus"
    );
    press(c, Key::Tab).await;
    let (next, inside) = focused(c).await;
    assert!(
        !inside,
        "after the skip link, Tab does not enter the map ({next})"
    );

    // Tapping (clicking) a municipality opens the list of its organisations.
    let place = find(c, "svg.map a.place").await;
    let href = place.attr("href").await.expect("href").unwrap_or_default();
    let count: usize = place
        .attr("data-count")
        .await
        .expect("count")
        .unwrap_or_default()
        .parse()
        .expect("a count");
    place.click().await.expect("tap a municipality");
    let list = find(c, &format!("details{href}[open]")).await;
    let orgs = list
        .find_all(Locator::Css("ul a"))
        .await
        .expect("organisations");
    assert_eq!(orgs.len(), count, "the list has the circle's count");
    assert!(
        find(c, "#map-list")
            .await
            .attr("open")
            .await
            .expect("open")
            .is_some(),
        "the list below the map is open"
    );
    screenshot(c, "tablette-accueil-carte-liste").await;

    // The caption adds up to the figures above it.
    let cards = c
        .find_all(Locator::Css("ul.cards li strong"))
        .await
        .expect("figures");
    let organisations = digits(&cards[0].text().await.expect("figure"));
    let in_zem = digits(&cards[3].text().await.expect("figure"));
    assert_eq!(
        sum_of_counts(c, "#map-counts > li > .n").await,
        organisations,
        "the caption's parts add up to the organisations"
    );
    assert_eq!(
        sum_of_counts(c, "#map-counts > li > ul .n").await,
        in_zem,
        "the map and the municipalities without coordinates add up to the ZEM's figure"
    );
    assert_eq!(digits(&text(c, "#map-where .n").await), organisations);
}

// --- Errors for people (French errors) ------------------------------------------------------

/// An unknown address is a French page with the site's header, a way home and a search box;
/// a SPARQL syntax error in the editor is a French summary with its line and column, the caret
/// on the error and the parser's own message folded below.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn a_french_404_page_and_a_sparql_syntax_error_with_its_line_and_column() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/cette-page-n-existe-pas", server.base))
        .await
        .expect("unknown address");
    assert_eq!(html_lang(c).await, "fr");
    assert_eq!(text(c, "main h1").await, "Page introuvable");
    assert!(
        text(c, "main [role=alert]")
            .await
            .contains("« /cette-page-n-existe-pas »")
    );
    find(c, "header.site nav").await;
    find(c, "footer.site").await;
    find(c, "form.error-search input[name=q]").await;
    screenshot(c, "not-found-fr").await;
    find(c, "ul.error-links a[href='/']")
        .await
        .click()
        .await
        .expect("home");
    find(c, "main h1").await;
    assert_eq!(
        c.current_url().await.expect("url").path(),
        "/",
        "the link leads home"
    );

    c.goto(&format!("{}/sparql-editeur", server.base))
        .await
        .expect("editor");
    let query = "SELECT ?o\nWHERE { ?o a ?type }\nLIMIT dix";
    c.execute(
        "document.getElementById('query').value = arguments[0];",
        vec![serde_json::json!(query)],
    )
    .await
    .expect("set the query");
    find(c, "#run").await.click().await.expect("run");
    let status = text(c, "#status.error").await;
    assert!(
        status.starts_with("Erreur de syntaxe ligne 3, colonne 7 : « dix » inattendu ; attendu : "),
        "{status}"
    );
    assert!(
        !status.contains("error at"),
        "the parser's text is not the headline: {status}"
    );
    // The caret is on the error: the word "dix" is selected in the textarea.
    let selected = c
        .execute(
            "var t = document.getElementById('query'); return [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)];",
            vec![],
        )
        .await
        .expect("selection");
    assert_eq!(selected, serde_json::json!([true, "dix"]), "{selected}");
    let technical = find(c, "#sparql-technical").await;
    assert!(
        technical
            .text()
            .await
            .expect("text")
            .contains("Message de l'analyseur")
    );
    screenshot(c, "sparql-syntax-error-fr").await;

    // The REST API's documentation is inside the site: its header, a way back, Swagger UI.
    c.goto(&format!("{}/docs", server.base))
        .await
        .expect("docs");
    assert_eq!(text(c, "main h1").await, "Documentation de l'API REST");
    find(c, "header.site nav").await;
    find(c, "main p.back a[href='/']").await;
    find(c, "#swagger-ui .swagger-ui .info").await;
    screenshot(c, "docs-fr").await;
}

/// The demo graph is off by default (no fictional record on any page, no banner) and with
/// `--demo` it is there, with a banner on every page and counts that say how many records are
/// illustrative (issue 15, item 1).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn the_demo_is_absent_by_default_and_present_with_its_banner_with_demo() {
    let real = support::start(&[]);
    let demo = support::start(&["--demo"]);
    let b = browser().await;
    let c = &b.client;
    for (server, on) in [(&real, false), (&demo, true)] {
        for page in [
            "/",
            "/recherche",
            "/recherche?q=vision",
            "/lacunes",
            "/reseau",
        ] {
            c.goto(&format!("{}{page}", server.base))
                .await
                .expect("a page");
            let banners = c
                .find_all(Locator::Css("#demo-banner"))
                .await
                .expect("banners");
            let body = text(c, "body").await;
            if on {
                assert_eq!(banners.len(), 1, "{page}: one demo banner");
                assert!(
                    banners[0].is_displayed().await.expect("displayed"),
                    "{page}: the banner is visible"
                );
                let banner = banners[0].text().await.expect("banner text");
                assert!(banner.contains("fictives"), "{page}: {banner}");
            } else {
                assert!(banners.is_empty(), "{page}: no demo banner without --demo");
                assert!(
                    !body.contains("[Démo]") && !body.contains("de démonstration"),
                    "{page} shows a demo record without --demo"
                );
            }
        }
        // The first page of the search: demo records only with the demo, and then the total
        // says how many of the results are illustrative.
        c.goto(&format!("{}/recherche", server.base))
            .await
            .expect("search");
        let demo_results = c
            .find_all(Locator::Css("#results .badge.demo"))
            .await
            .expect("badges");
        let total = text(c, "#results-h").await;
        if on {
            assert!(!demo_results.is_empty(), "demo records are listed");
            assert!(total.contains("de démonstration"), "{total}");
        } else {
            assert!(demo_results.is_empty(), "no demo record is listed");
            assert!(!total.contains("démonstration"), "{total}");
        }
        // The home figures.
        c.goto(&format!("{}/", server.base)).await.expect("home");
        let cards = text(c, "ul.cards").await;
        assert_eq!(cards.contains("de démonstration"), on, "{cards}");
        if on {
            screenshot(c, "demo-banniere").await;
        }
        // A demo organisation's profile exists only with the demo.
        c.goto(&format!(
            "{}/organisations/demo-usinage-precision",
            server.base
        ))
        .await
        .expect("profile");
        let h1 = text(c, "h1").await;
        assert_eq!(h1.contains("[Démo]"), on, "{h1}");
    }
}

/// Readable scores and gaps: a jargon word's explanation opens on a tap (a touch pointer) and on
/// a mouse hover, and no label of the gaps chart leaves the SVG's view box.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn jargon_opens_on_tap_and_hover_and_gap_chart_labels_fit() {
    use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, PointerAction, TouchActions};
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/organisations/beneva", server.base))
        .await
        .expect("profile");
    let band = find(c, "#match-list .standing details.term").await;
    assert_eq!(
        band.attr("open").await.expect("attr"),
        None,
        "closed at first"
    );
    let summary = band.find(Locator::Css("summary")).await.expect("summary");
    let tap = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement {
            element: summary.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(tap).await.expect("tap");
    assert!(
        band.attr("open").await.expect("attr").is_some(),
        "a tap opens the explanation"
    );
    let def = band.find(Locator::Css(".term-def")).await.expect("def");
    assert!(def.is_displayed().await.expect("displayed"));
    let said = def.text().await.expect("text");
    assert!(said.contains("fort à partir de 40"), "{said}");
    screenshot(c, "profil-explication-bande").await;

    // A mouse over a component's name opens its explanation; moving away closes it.
    let component = find(
        c,
        "#match-list .explanation details.term, #match-list table.components details.term",
    )
    .await;
    // The component table is inside the closed "details" of the match: open it first.
    c.execute(
        "document.querySelector('#match-list details.match-details').open = true;",
        vec![],
    )
    .await
    .expect("open the breakdown");
    // WebDriver's synthetic mouse in headless Chromium does not deliver `pointerenter` to the
    // page after the touch sequence above, so the mouse's entering and leaving are sent as
    // the pointer events a real mouse produces; what is tested is the page's handling of them.
    let pointer = |kind: &str| {
        format!("arguments[0].dispatchEvent(new PointerEvent('{kind}', {{pointerType: 'mouse'}}));")
    };
    let element = serde_json::to_value(&component).expect("an element");
    c.execute(&pointer("pointerenter"), vec![element.clone()])
        .await
        .expect("hover");
    assert!(
        component.attr("open").await.expect("attr").is_some(),
        "hovering opens the explanation"
    );
    c.execute(&pointer("pointerleave"), vec![element])
        .await
        .expect("move away");
    assert_eq!(component.attr("open").await.expect("attr"), None);

    // No label of the gaps chart is cut: every text's box lies inside the view box.
    c.goto(&format!("{}/lacunes", server.base))
        .await
        .expect("gaps");
    find(c, "#gap-chart").await;
    let report = c
        .execute(
            r#"const svg = document.getElementById('gap-chart');
               const vb = svg.viewBox.baseVal;
               const texts = Array.from(svg.querySelectorAll('text'));
               const out = texts.filter(t => {
                 const b = t.getBBox();
                 return b.x < vb.x - 0.5 || b.y < vb.y - 0.5
                   || b.x + b.width > vb.x + vb.width + 0.5
                   || b.y + b.height > vb.y + vb.height + 0.5;
               }).map(t => t.textContent);
               return { labels: svg.querySelectorAll('text.label').length, outside: out };"#,
            vec![],
        )
        .await
        .expect("measure the chart");
    assert!(report["labels"].as_u64().unwrap_or(0) >= 5, "{report}");
    assert_eq!(
        report["outside"],
        serde_json::json!([]),
        "texts cut by the view box"
    );
    screenshot(c, "lacunes-graphique").await;
}

// ---------------------------------------------------------------- sector titles in French

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn no_english_sector_title_on_a_french_page() {
    let titles = support::naics::english_only_titles(Path::new(env!("CARGO_MANIFEST_DIR")));
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    // Profiles of real organisations (sectors with and without a French title, match
    // explanations below them) and the search page with its list of sectors.
    let pages = [
        "/organisations/universite-laval",
        "/organisations/coveo",
        "/organisations/beneva",
        "/organisations/centre-de-recherche-et-d-innovation-en-securite-civile",
        "/recherche",
    ];
    let mut marked = 0;
    for path in pages {
        c.goto(&format!("{}{path}", server.base))
            .await
            .expect("open page");
        find(c, "main").await;
        assert_eq!(html_lang(c).await, "fr", "{path}");
        let mut seen = c
            .execute("return document.body.innerText;", vec![])
            .await
            .expect("page text")
            .as_str()
            .unwrap_or_default()
            .to_owned();
        for title in &titles {
            while let Some(at) = seen.find(title.as_str()) {
                let after = &seen[at + title.len()..];
                assert!(
                    after.starts_with(" (EN)"),
                    "{path}: the English NAICS title {title:?} is shown without (EN)"
                );
                marked += 1;
                seen.replace_range(at..at + title.len(), &" ".repeat(title.len()));
            }
        }
    }
    // Coveo's sector (513211) has no sourced French title: it is there, marked.
    assert!(marked > 0, "at least one marked English title was seen");
    c.goto(&format!("{}/organisations/universite-laval", server.base))
        .await
        .expect("open profile");
    let profile = text(c, "main").await;
    assert!(profile.contains("Universités"), "French title of 611310");
    screenshot(c, "sector-title-fr").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn a_staff_member_signs_in_with_the_form_sees_her_name_and_signs_out() {
    let server = support::start_with_users(&[("sophie", "staff", "mot-de-passe-staff")], &[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/reseau", server.base))
        .await
        .expect("network page");
    // Anonymous: the header offers to sign in, and brings her back here afterwards.
    find(c, "#signin-link")
        .await
        .click()
        .await
        .expect("sign-in link");
    find(c, "#signin-name")
        .await
        .send_keys("sophie")
        .await
        .expect("name");
    find(c, "#signin-password")
        .await
        .send_keys("pas-le-bon")
        .await
        .expect("password");
    find(c, "form.signin button")
        .await
        .click()
        .await
        .expect("submit");
    assert_eq!(
        text(c, "#signin-error").await,
        "Nom ou mot de passe incorrect."
    );
    find(c, "#signin-name")
        .await
        .send_keys("sophie")
        .await
        .expect("name");
    find(c, "#signin-password")
        .await
        .send_keys("mot-de-passe-staff")
        .await
        .expect("password");
    screenshot(c, "connexion").await;
    find(c, "form.signin button")
        .await
        .click()
        .await
        .expect("submit");
    find(c, "#signed-in").await;
    assert_eq!(c.current_url().await.expect("url").path(), "/reseau");
    assert_eq!(text(c, "#signed-in").await, "sophie (personnel)");
    // The cookie is out of reach of scripts (HttpOnly).
    let visible = c
        .execute("return document.cookie;", vec![])
        .await
        .expect("cookies");
    assert!(
        !visible
            .as_str()
            .unwrap_or_default()
            .contains("maillage_session"),
        "{visible}"
    );
    find(c, "form.signout button")
        .await
        .click()
        .await
        .expect("sign out");
    find(c, "#signin-link").await;
}

// --- Accessibility (axe-core) --------------------------------------------------------------

/// The strings of a JSON array that a page script returned (none when it is not an array).
fn strings(found: &serde_json::Value) -> Vec<String> {
    found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// axe-core's script, fetched by `scripts/bootstrap.sh --browser` (`AXE_CORE_JS` names
/// another copy).
fn axe_script() -> String {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .unwrap_or_else(|| PathBuf::from(".cache"));
            cache.join("maillage/axe-core-4.14.1/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not at {}: run `scripts/bootstrap.sh --browser` ({e})",
            path.display()
        )
    })
}

/// The violations axe-core finds on the page shown, one line each: rule, impact, how many
/// elements and the first element's selector. Swagger UI's own widget (`#swagger-ui` on
/// `/docs`, a third-party bundle drawn by its script) is left out: its contrast, heading order
/// and nested controls are its authors'; the page around it is ours and is checked.
async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
    c.execute(axe, vec![]).await.expect("axe-core loads");
    let found = c
        .execute(
            r##"return axe.run({ exclude: [["#swagger-ui"]] }).then(r => r.violations.map(v =>
                 `${v.id} (${v.impact}, ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(" ")}): ${v.help}`));"##,
            vec![],
        )
        .await
        .expect("axe-core runs");
    strings(&found)
}

/// Every page of the site, in French and in English, at a laptop's and a tablet's width, has
/// no accessibility violation that axe-core 4.14 finds (its default rules: WCAG 2.x A and AA,
/// and best practices).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn every_page_has_no_accessibility_violation() {
    let axe = axe_script();
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    // The checker itself finds a known violation (an image without a text alternative).
    c.goto("data:text/html,<!doctype html><html lang=fr><title>t</title><main><img src=x.png></main></html>")
        .await
        .expect("a data page");
    let known = axe_violations(c, &axe).await;
    assert!(
        known.iter().any(|v| v.starts_with("image-alt")),
        "axe-core finds the missing alt: {known:?}"
    );
    let mut problems = Vec::new();
    let mut checked = 0;
    for width in [WIDTH, 768] {
        set_width(c, width).await;
        for (_, path) in PAGES {
            for lang in ["fr", "en"] {
                let sep = if path.contains('?') { '&' } else { '?' };
                let url = format!("{}{path}{sep}lang={lang}", server.base);
                c.goto(&url).await.expect("page");
                settle(c).await;
                for v in axe_violations(c, &axe).await {
                    problems.push(format!("{path} ({lang}, {width} px): {v}"));
                }
                checked += 1;
            }
        }
    }
    set_width(c, WIDTH).await;
    assert_eq!(checked, PAGES.len() * 4);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// --- The selection pipeline (staff) -------------------------------------------------------

/// Signs in with the form of `/connexion`, to come back to `next`.
async fn sign_in(c: &Client, base: &str, name: &str, password: &str, next: &str) {
    c.goto(&format!("{base}/connexion?suivant={next}"))
        .await
        .expect("sign-in page");
    find(c, "#signin-name")
        .await
        .send_keys(name)
        .await
        .expect("name");
    find(c, "#signin-password")
        .await
        .send_keys(password)
        .await
        .expect("password");
    find(c, "form.signin button")
        .await
        .click()
        .await
        .expect("submit");
    find(c, "#signed-in").await;
}

/// Types into an organisation picker and chooses the option that names `option`.
async fn pick(c: &Client, field: &str, typed: &str, option: &str) {
    let input = find(c, &format!("#f-{field}")).await;
    input.clear().await.expect("clear");
    input.send_keys(typed).await.expect("type");
    let css = format!("#f-{field}-list li");
    let deadline = Instant::now() + WAIT;
    loop {
        let options = c.find_all(Locator::Css(&css)).await.expect("options");
        for o in &options {
            if o.text().await.unwrap_or_default().contains(option) {
                // The picker takes the option on mousedown (before the field loses focus).
                c.execute(
                    "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));",
                    vec![serde_json::to_value(o).expect("element")],
                )
                .await
                .expect("choose");
                let hidden = find(c, &format!("input[name={field}_id]")).await;
                assert!(
                    !hidden
                        .prop("value")
                        .await
                        .expect("id")
                        .unwrap_or_default()
                        .is_empty(),
                    "{field}: the picker set the organisation's id"
                );
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{field}: no option {option:?} for {typed:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the live verdict says `eligible` (`true`, `false` or `null`).
async fn verdict_is(c: &Client, eligible: &str) {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(
            "#verdict-summary[data-eligible=\"{eligible}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("the verdict never said {eligible}: {e}"));
}

/// Fills the new-project form (the pickers by typing) and waits for the live verdict.
async fn fill_project(
    c: &Client,
    base: &str,
    title: &str,
    supplier: (&str, &str),
    requested: &str,
    total: &str,
) {
    c.goto(&format!("{base}/projets/nouveau"))
        .await
        .expect("form");
    find(c, "#f-name_fr")
        .await
        .send_keys(title)
        .await
        .expect("title");
    pick(c, "supplier", supplier.0, supplier.1).await;
    pick(c, "adopter", "Usinage", "Usinage Précision").await;
    find(c, "#f-axes input[value=innovation-productivite]")
        .await
        .click()
        .await
        .expect("axis");
    find(c, "#f-amount_requested")
        .await
        .send_keys(requested)
        .await
        .expect("amount");
    find(c, "#f-total_cost")
        .await
        .send_keys(total)
        .await
        .expect("total");
    // Leaving the last field is a change: the verdict follows.
    find(c, "#f-name_fr")
        .await
        .click()
        .await
        .expect("focus elsewhere");
}

/// Moves the project shown to `status` with its button; waits for the page after the move.
async fn move_to(c: &Client, status: &str) {
    find(c, &format!("form.move[data-to={status}] button"))
        .await
        .click()
        .await
        .expect("move");
    settle(c).await;
}

/// The remaining amount of the ZEM envelope on `/enveloppe`, in dollars.
async fn remaining(c: &Client, base: &str) -> usize {
    c.goto(&format!("{base}/enveloppe"))
        .await
        .expect("envelope page");
    digits(&text(c, "#remaining-scale-ai-zem-2025").await)
}

/// The number of pages of a PDF (its page objects), after checking it is one.
fn pdf_pages(pdf: &[u8]) -> usize {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn staff_record_a_project_move_it_to_funded_and_the_envelope_follows() {
    let server = support::start_with_users(
        &[
            ("maud", "staff", "mot-de-passe-maud"),
            ("amelie", "admin", "mot-de-passe-amelie"),
        ],
        &["--demo"],
    );
    let base = server.base.clone();
    let axe = axe_script();
    let b = browser().await;
    let c = &b.client;
    // Anonymous: the form sends her to sign in, and back.
    c.goto(&format!("{base}/projets/nouveau"))
        .await
        .expect("form");
    find(c, "#signin-name").await;
    sign_in(c, &base, "maud", "mot-de-passe-maud", "/projets/nouveau").await;
    assert_eq!(
        c.current_url().await.expect("url").path(),
        "/projets/nouveau"
    );
    let before = remaining(c, &base).await;

    // A project between two organisations of the ZEM: the verdict shows before saving.
    fill_project(
        c,
        &base,
        "[Démo] Inspection des soudures par vision",
        ("VisionTech", "VisionTech Capitale"),
        "200 000",
        "600 000",
    )
    .await;
    verdict_is(c, "true").await;
    scroll_to(c, "#verdict").await;
    assert_eq!(
        c.find_all(Locator::Css("#verdict-rules tbody tr"))
            .await
            .expect("rules")
            .len(),
        8
    );
    screenshot(c, "projet-formulaire").await;
    find(c, "#save-button").await.click().await.expect("save");
    find(c, "#project-facts").await;
    assert!(
        c.current_url()
            .await
            .expect("url")
            .path()
            .starts_with("/projets/")
    );
    assert!(text(c, "p.badges").await.contains("proposé"));
    assert_eq!(
        c.find_all(Locator::Css("#project-history li"))
            .await
            .expect("history")
            .len(),
        1
    );
    for status in ["under-review", "recommended", "selected", "funded"] {
        move_to(c, status).await;
        find(c, "#project-history").await;
    }
    assert!(text(c, "p.badges").await.contains("financé"));
    assert_eq!(
        c.find_all(Locator::Css("#project-history li"))
            .await
            .expect("history")
            .len(),
        5
    );
    let project_url = c.current_url().await.expect("url").to_string();
    screenshot(c, "projet").await;
    let after = remaining(c, &base).await;
    assert_eq!(
        before - after,
        200_000,
        "the envelope's remaining amount drops by the grant"
    );
    scroll_to(c, "svg.envelope-chart").await;
    screenshot(c, "enveloppe").await;

    // An over-commitment: refused with the envelope's amount named.
    fill_project(
        c,
        &base,
        "[Démo] Projet trop coûteux",
        ("Perception", "Perception Lévis"),
        "9 000 000",
        "30 000 000",
    )
    .await;
    find(c, "#save-button").await.click().await.expect("save");
    find(c, "#project-facts").await;
    for status in ["under-review", "recommended", "selected"] {
        move_to(c, status).await;
    }
    let refusal = text(c, "#project-error").await;
    assert!(
        refusal.contains("4\u{202f}348\u{202f}000") || refusal.contains("4 348 000"),
        "{refusal}"
    );
    assert!(
        text(c, "p.badges").await.contains("recommandé"),
        "nothing moved"
    );

    // An out-of-zone supplier: ineligible, the failing rule named — live, and with « Vérifier ».
    fill_project(
        c,
        &base,
        "[Démo] Synthèse vocale hors zone",
        ("Voix", "Voix Montréal"),
        "100 000",
        "400 000",
    )
    .await;
    verdict_is(c, "false").await;
    // The verdict follows the form: wait for the one of the whole form.
    find(
        c,
        "#verdict-rules tr[data-rule=supplier-in-zem][data-passed=false]",
    )
    .await;
    find(
        c,
        "#verdict-rules tr[data-rule=adopter-in-zem][data-passed=true]",
    )
    .await;
    assert!(
        text(c, "#verdict-summary")
            .await
            .contains("Fournisseur dans la ZEM")
    );
    // « Vérifier » asks the server (the form without the script): the same verdict.
    find(c, "#check-button").await.click().await.expect("check");
    verdict_is(c, "false").await;
    let failing = find(
        c,
        "#verdict-rules tr[data-rule=supplier-in-zem][data-passed=false]",
    )
    .await;
    assert!(
        failing
            .text()
            .await
            .expect("row")
            .contains("hors de la ZEM")
    );

    // The board, the project, the envelope, the form and the dossier hold at every width and
    // pass axe-core, signed in.
    c.goto(&format!("{base}/projets")).await.expect("board");
    find(c, "#pipeline-totals").await;
    screenshot(c, "projets").await;
    let mut problems = Vec::new();
    for width in LAYOUT_WIDTHS {
        set_width(c, width).await;
        for url in [
            format!("{base}/projets"),
            project_url.clone(),
            format!("{base}/enveloppe"),
            format!("{base}/projets/nouveau"),
            format!("{base}/comite"),
            format!("{base}/comite?lang=en"),
        ] {
            c.goto(&url).await.expect("page");
            settle(c).await;
            for p in layout_problems(c).await {
                problems.push(format!("{url} at {width} px: {p}"));
            }
            if width != 1024 {
                for v in axe_violations(c, &axe).await {
                    problems.push(format!("{url} at {width} px: {v}"));
                }
            }
        }
    }
    set_width(c, WIDTH).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The committee's dossier, confidential version: printed on A4 and Letter, several pages.
    c.goto(&format!("{base}/comite")).await.expect("dossier");
    find(c, "#dossier-candidates").await;
    screenshot(c, "comite").await;
    for size in [
        fantoccini::wd::PrintSize::A4,
        fantoccini::wd::PrintSize::US_LETTER,
    ] {
        let config = fantoccini::wd::PrintConfiguration::builder()
            .size(size)
            .background(true)
            .build()
            .expect("print settings");
        let pdf = c.print(config).await.expect("print to PDF");
        let pages = pdf_pages(&pdf);
        assert!((4..=30).contains(&pages), "{pages} pages");
    }
}

/// The public dossier (anonymous, real data only) printed to PDF on A4: one part per page at
/// least, kept as `target/screenshots/comite.pdf` (`docs/comite.pdf` is a copy).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "headless Chromium suite: run by `make test` (-- --include-ignored)"]
async fn the_public_committee_dossier_prints_to_a_multi_page_pdf() {
    let server = support::start(&[]);
    let b = browser().await;
    let c = &b.client;
    c.goto(&format!("{}/comite", server.base))
        .await
        .expect("dossier");
    assert_eq!(text(c, "h1").await, "Dossier du comité régional en IA");
    assert!(
        text(c, "#dossier-version")
            .await
            .contains("version publique")
    );
    assert!(
        c.find_all(Locator::Css("#dossier-candidates"))
            .await
            .expect("find")
            .is_empty(),
        "no candidate in the public version"
    );
    find(c, "#gap-chart").await;
    find(c, "#inferred-caveat").await;
    find(c, "#dossier-brokers li").await;
    // Printed (the print stylesheet: no site header, no table of contents, each part on a new
    // page), on A4.
    let config = fantoccini::wd::PrintConfiguration::builder()
        .size(fantoccini::wd::PrintSize::A4)
        .background(true)
        .build()
        .expect("print settings");
    let pdf = c.print(config).await.expect("print to PDF");
    let pages = pdf_pages(&pdf);
    assert!((5..=30).contains(&pages), "{pages} pages");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("screenshots dir");
    std::fs::write(dir.join("comite.pdf"), &pdf).expect("write the PDF");
}
