//! The SPARQL cookbook (`docs/sparql-cookbook.md`) is executable documentation: every ```sparql
//! block is run with the real binary on a store holding the default data, and the
//! `<!-- expect: … -->` comments right after the block must hold. A recipe that drifts from the
//! data fails the test, named by its heading.

mod support;

use maillage_store::oxigraph::io::{RdfFormat, RdfParser};
use support::{maillage, path_str, stderr, stdout, succeed};

const COOKBOOK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sparql-cookbook.md");

/// The cookbook must keep at least this many recipes.
const MIN_RECIPES: usize = 15;

/// What a recipe promises about its result.
#[derive(Debug, Clone, PartialEq)]
enum Expectation {
    /// `rows >= N`: at least N result rows (CSV records after the header).
    RowsAtLeast(usize),
    /// `rows == N`: exactly N result rows.
    RowsExactly(usize),
    /// `contains "TEXT"`: the CSV output contains TEXT.
    Contains(String),
    /// `ask true` / `ask false`: the boolean an ASK query prints.
    Ask(bool),
    /// `triples >= N`: a CONSTRUCT prints Turtle with at least N triples.
    TriplesAtLeast(usize),
}

impl Expectation {
    /// Parses the inside of `<!-- expect: … -->`.
    fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("not a number in {text:?}"))
        };
        if let Some(rest) = text.strip_prefix("rows >=") {
            Ok(Expectation::RowsAtLeast(number(rest)?))
        } else if let Some(rest) = text.strip_prefix("rows ==") {
            Ok(Expectation::RowsExactly(number(rest)?))
        } else if let Some(rest) = text.strip_prefix("triples >=") {
            Ok(Expectation::TriplesAtLeast(number(rest)?))
        } else if let Some(rest) = text.strip_prefix("contains") {
            let quoted = rest.trim();
            quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .filter(|inner| !inner.is_empty())
                .map(|inner| Expectation::Contains(inner.to_owned()))
                .ok_or_else(|| format!("contains needs a non-empty \"TEXT\": {text:?}"))
        } else {
            match text {
                "ask true" => Ok(Expectation::Ask(true)),
                "ask false" => Ok(Expectation::Ask(false)),
                _ => Err(format!("unknown expectation {text:?}")),
            }
        }
    }
}

/// One ```sparql block of the cookbook, with the heading above it and the expectations below it.
#[derive(Debug)]
struct Recipe {
    heading: String,
    /// 1-based line of the opening fence, for error messages.
    line: usize,
    query: String,
    expectations: Vec<Expectation>,
    /// Malformed `<!-- expect … -->` lines.
    problems: Vec<String>,
}

impl Recipe {
    fn name(&self) -> String {
        format!("{} (line {})", self.heading, self.line)
    }
}

/// The cookbook's recipes, read by the parser the web SPARQL editor shares
/// (`maillage_api::cookbook`), with their expectations parsed.
fn recipes(markdown: &str) -> Vec<Recipe> {
    maillage_api::cookbook::recipes(markdown)
        .into_iter()
        .map(|r| {
            let mut expectations = Vec::new();
            let mut problems = r.malformed;
            for text in &r.expectations {
                match Expectation::parse(text) {
                    Ok(e) => expectations.push(e),
                    Err(e) => problems.push(e),
                }
            }
            Recipe {
                heading: r.heading,
                line: r.line,
                query: r.query,
                expectations,
                problems,
            }
        })
        .collect()
}

/// Number of CSV records (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn csv_records(csv: &str) -> usize {
    let mut records = 0;
    let mut in_quotes = false;
    let mut record_has_content = false;
    for c in csv.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                record_has_content = true;
            }
            '\n' if !in_quotes => {
                if record_has_content {
                    records += 1;
                }
                record_has_content = false;
            }
            '\r' if !in_quotes => {}
            _ => record_has_content = true,
        }
    }
    if record_has_content {
        records += 1;
    }
    records
}

/// Result rows of a SELECT printed as CSV: records after the header.
fn csv_rows(csv: &str) -> usize {
    csv_records(csv).saturating_sub(1)
}

fn turtle_triples(turtle: &str) -> Result<usize, String> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .try_fold(0, |n, quad| quad.map(|_| n + 1))
        .map_err(|e| format!("the CONSTRUCT output is not valid Turtle: {e}"))
}

/// Checks one expectation against the output of the query; `None` when it holds.
fn check(expectation: &Expectation, output: &str) -> Option<String> {
    match expectation {
        Expectation::RowsAtLeast(n) => {
            let rows = csv_rows(output);
            (rows < *n).then(|| format!("expected rows >= {n}, got {rows}"))
        }
        Expectation::RowsExactly(n) => {
            let rows = csv_rows(output);
            (rows != *n).then(|| format!("expected rows == {n}, got {rows}"))
        }
        Expectation::Contains(text) => {
            (!output.contains(text.as_str())).then(|| format!("the output lacks {text:?}"))
        }
        Expectation::Ask(answer) => {
            let printed = output.trim();
            (printed != answer.to_string())
                .then(|| format!("expected ask {answer}, got {printed:?}"))
        }
        Expectation::TriplesAtLeast(n) => match turtle_triples(output) {
            Ok(triples) if triples >= *n => None,
            Ok(triples) => Some(format!("expected triples >= {n}, got {triples}")),
            Err(e) => Some(e),
        },
    }
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 1500;
    if text.len() <= MAX {
        return text.to_owned();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n… ({} bytes in all)", &text[..end], text.len())
}

#[test]
fn every_recipe_of_the_sparql_cookbook_gives_its_expected_answer_on_the_default_data() {
    let markdown = std::fs::read_to_string(COOKBOOK).expect("docs/sparql-cookbook.md is readable");
    let recipes = recipes(&markdown);
    assert!(
        recipes.len() >= MIN_RECIPES,
        "the cookbook has {} ```sparql recipes, at least {MIN_RECIPES} expected",
        recipes.len()
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let store = path_str(&store);
    succeed(&["load", "--store", store, "--defaults"]);

    let mut failures = Vec::new();
    for recipe in &recipes {
        let mut problems = recipe.problems.clone();
        if recipe.expectations.is_empty() && problems.is_empty() {
            problems.push("no <!-- expect: … --> line after the query".to_owned());
        }
        let out = maillage(&["query", "--store", store, "--format", "csv", &recipe.query]);
        let output = stdout(&out);
        if out.status.success() {
            problems.extend(recipe.expectations.iter().filter_map(|e| check(e, &output)));
        } else {
            problems.push(format!("the query failed:\n{}", stderr(&out)));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "- {}:\n    {}\n  output:\n{}",
                recipe.name(),
                problems.join("\n    "),
                excerpt(&output)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cookbook recipes fail:\n{}",
        failures.len(),
        recipes.len(),
        failures.join("\n")
    );
}

#[test]
fn the_cookbook_reader_finds_sparql_blocks_their_headings_and_expectations() {
    let markdown = r#"# Title
```sh
# not a heading: a shell comment
maillage query --store s 'ASK {}'
```
## 1. Count / Compter
```sparql
SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }
```

<!-- expect: rows == 1 -->
<!-- expect: contains "n" -->
## 2. Nothing expected
```sparql
ASK { ?s ?p ?o }
```
Some prose.
## 3. Broken
```sparql
CONSTRUCT WHERE { ?s ?p ?o }
```
<!-- expect: triples at least 3 -->
"#;
    let found = recipes(markdown);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].heading, "1. Count / Compter");
    assert_eq!(found[0].line, 7);
    assert_eq!(found[0].query, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    assert_eq!(
        found[0].expectations,
        vec![
            Expectation::RowsExactly(1),
            Expectation::Contains("n".to_owned())
        ]
    );
    assert!(found[1].expectations.is_empty() && found[1].problems.is_empty());
    assert!(found[2].expectations.is_empty());
    assert_eq!(found[2].problems.len(), 1, "{:?}", found[2].problems);
}

#[test]
fn csv_rows_count_records_not_lines() {
    assert_eq!(csv_rows(""), 0);
    assert_eq!(csv_rows("a,b\n"), 0);
    assert_eq!(csv_rows("a,b\r\n1,2\r\n3,4\r\n"), 2);
    assert_eq!(
        csv_rows("name,comment\n\"A, inc.\",\"two\nlines \"\"quoted\"\"\"\nB,x"),
        2
    );
    assert_eq!(check(&Expectation::Ask(true), "true"), None);
    assert!(check(&Expectation::Ask(true), "false").is_some());
}
