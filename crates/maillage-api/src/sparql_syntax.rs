//! A SPARQL syntax error summarised for a person: where the parser stopped (1-based line and
//! column), what it found there and the keywords or punctuation it expected.
//!
//! oxigraph 0.5's parser (spargebra 0.4, a `peg` grammar) exposes no position API: its error
//! says `error at LINE:COLUMN: expected one of "(", "WHERE", ['a'..='z'], …` (peg's own
//! format; the column counts characters). That text is read here once; the unit tests below
//! run the real parser, so a change of format fails them instead of silently losing the
//! position.

/// The parts of a syntax error a person needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub line: u64,
    pub column: u64,
    /// The word or character at the position; `None` at the end of the text (or when the text
    /// is not at hand).
    pub found: Option<String>,
    /// The tokens the grammar expected there (keywords, punctuation), at most
    /// [`MAX_EXPECTED`]; character classes are left out.
    pub expected: Vec<String>,
}

/// Expected tokens shown; beyond that the list ends with "…".
const MAX_EXPECTED: usize = 8;

/// The summary of the parser's message, with the token found in `text` at the position.
/// `None` when the message has no position (an invalid base IRI, a blank node shared by two
/// blocks of an update).
pub(crate) fn summarise(parser_message: &str, text: Option<&str>) -> Option<Summary> {
    let rest = parser_message.trim().strip_prefix("error at ")?;
    let (position, expected) = match rest.split_once(": expected ") {
        Some((position, expected)) => (position, expected),
        None => (rest.trim_end_matches(':'), ""),
    };
    let (line, column) = position.split_once(':')?;
    let line: u64 = line.trim().parse().ok()?;
    let column: u64 = column.trim().parse().ok()?;
    let found = text.and_then(|t| token_at(t, line, column));
    Some(Summary {
        line,
        column,
        found,
        expected: literal_tokens(expected),
    })
}

/// The word (or the one punctuation character) at a 1-based line and column of `text`, after
/// any white space there; `None` when only white space is left.
fn token_at(text: &str, line: u64, column: u64) -> Option<String> {
    let line_text = text
        .split('\n')
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let skip = usize::try_from(column).ok()?.checked_sub(1)?;
    let start: String = line_text.chars().skip(skip).collect();
    // The rest of the text from the position on, so a token on a later line is found too.
    let after_line = text
        .split('\n')
        .skip(usize::try_from(line).ok()?)
        .collect::<Vec<_>>()
        .join("\n");
    let rest = format!("{start}\n{after_line}");
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let first = chars.next()?;
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | ':' | '?' | '$' | '-');
    let token: String = if word(first) {
        rest.chars().take_while(|c| word(*c)).take(30).collect()
    } else {
        first.to_string()
    };
    Some(token)
}

/// Where an item of peg's expected set ends in `list`: the first `close` that ends the list or
/// precedes ", " (a literal may hold quotes and commas of its own).
fn item_end(list: &str, close: char) -> Option<usize> {
    list.match_indices(close).map(|(i, _)| i).find(|&i| {
        let tail = &list[i + 1..];
        tail.is_empty() || tail.starts_with(", ")
    })
}

/// The literals (`","`, unquoted) and keywords (`WHERE`) of peg's expected set, in the
/// parser's (sorted) order, without repeats; character classes (`['0'..='9']`) are left out.
fn literal_tokens(expected: &str) -> Vec<String> {
    let list = expected
        .trim()
        .strip_prefix("one of ")
        .unwrap_or(expected.trim());
    let mut tokens: Vec<String> = Vec::new();
    let mut rest = list;
    let mut more = false;
    while !rest.is_empty() {
        let (token, after) = if let Some(quoted) = rest.strip_prefix('"') {
            // A literal: up to the quote that ends the list or precedes ", ".
            let end = item_end(quoted, '"').unwrap_or(quoted.len());
            (
                Some(quoted[..end].to_owned()),
                quoted.get(end + 1..).unwrap_or(""),
            )
        } else if rest.starts_with('[') {
            let end = item_end(rest, ']').unwrap_or(rest.len().saturating_sub(1));
            (None, rest.get(end + 1..).unwrap_or(""))
        } else {
            // A keyword of the grammar (matched without regard to case): `WHERE`, `isIRI`.
            let (word, after) = rest.split_once(", ").unwrap_or((rest, ""));
            let keyword = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric());
            (keyword.then(|| word.to_owned()), after)
        };
        rest = after.strip_prefix(", ").unwrap_or(after);
        if let Some(token) = token.filter(|t| !t.trim().is_empty() && !tokens.contains(t)) {
            if tokens.len() == MAX_EXPECTED {
                more = true;
                break;
            }
            tokens.push(token);
        }
    }
    if more {
        tokens.push("…".to_owned());
    }
    tokens
}

#[cfg(test)]
mod tests {
    use maillage_store::oxigraph::sparql::SparqlEvaluator;

    use super::*;

    fn query_error(query: &str) -> String {
        match SparqlEvaluator::new().parse_query(query) {
            Ok(_) => panic!("{query} parses"),
            Err(e) => e.to_string(),
        }
    }

    /// The real parser's message for a query, and its summary.
    fn summary(query: &str) -> (String, Summary) {
        let message = query_error(query);
        let s = summarise(&message, Some(query)).expect(&message);
        (message, s)
    }

    #[test]
    fn the_real_parser_s_message_gives_line_column_and_found_token() {
        let query = "PREFIX mo: <https://w3id.org/maillage/ontology#>\nSELECT ?o\nWHERE { ?o a mo:Organization }\nLIMIT dix";
        let (message, s) = summary(query);
        assert_eq!((s.line, s.column), (4, 7), "{message}");
        assert_eq!(s.found.as_deref(), Some("dix"));
        assert!(s.expected.iter().any(|t| t == "OFFSET"), "{s:?}");
        assert!(s.expected.iter().all(|t| !t.starts_with('[')), "{s:?}");
        // The parser reports where its furthest attempt failed: after a misspelt keyword.
        let misspelt = "SELECT ?o\nWHER { ?o ?p ?q }";
        let (message, s) = summary(misspelt);
        assert_eq!((s.line, s.found.as_deref()), (2, Some("{")), "{message}");
        assert!(s.expected.iter().any(|t| t == "WHERE"), "{s:?}");
    }

    #[test]
    fn a_column_inside_a_line_and_the_end_of_the_text() {
        let query = "SELECT * WHERE {\n  ?s <http://a ?o .\n}";
        let (message, s) = summary(query);
        // An IRI left open runs to the end of the text, where ">" is expected.
        assert_eq!(
            (s.line, s.column, s.found.as_deref()),
            (3, 2, None),
            "{message}"
        );
        assert_eq!(s.expected, vec![">"], "{s:?}");
        let many = "SELECT * WHERE { ?s ?p ?o FILTER(?o > ) }";
        let (_, s) = summary(many);
        assert_eq!(s.expected.len(), MAX_EXPECTED + 1, "{s:?}");
        assert_eq!(s.expected.last().map(String::as_str), Some("…"));
        let unfinished = "SELECT * WHERE { ?s ?p ?o";
        let (_, s) = summary(unfinished);
        assert_eq!(s.line, 1);
        assert_eq!(s.found, None, "{s:?}");
        assert!(s.expected.iter().any(|t| t == "}"), "{s:?}");
    }

    #[test]
    fn columns_count_characters_and_commas_are_tokens() {
        let query = "SELECT ?é WHERE { ?é ?p ?o } LIMIT x";
        let (message, s) = summary(query);
        assert_eq!(s.found.as_deref(), Some("x"), "{message}");
        assert_eq!(
            s.column,
            u64::try_from(query.chars().position(|c| c == 'x').expect("x") + 1).expect("small")
        );
        assert_eq!(
            literal_tokens(r#"one of ",", "WHERE", ['a'..='z'], "}""#),
            vec![",", "WHERE", "}"]
        );
    }

    #[test]
    fn messages_without_a_position_give_none() {
        assert_eq!(
            summarise(
                "The blank node _:b cannot be shared by multiple blocks",
                None
            ),
            None
        );
    }
}
