//! A look at the text of a query or update before any parsing: how deep its brackets nest, how
//! many operators and pattern keywords it holds, and its normalised form (the key of the result
//! cache).
//!
//! oxigraph's parser and evaluator recurse on the nesting of a query: groups, but also chains
//! of operators (`a/b/c/…` paths, `x || y || …`, `1+1+…`) and of pattern elements (`UNION`,
//! `OPTIONAL`, `BIND`, `{…} {…}`) become left-deep trees, and one query of 20,000 path steps
//! used to overflow a worker's stack and kill the process. The counts here bound that depth
//! from above, so the store can refuse a hostile text before parsing and evaluate the rest on a
//! thread whose stack is known to be large enough.
//!
//! The scanner follows the SPARQL 1.1 grammar's terminals as oxigraph's parser (`spargebra`)
//! reads them: strings (short and long, with their escapes), comments, IRIs, prefixed names,
//! numbers and variables. Where it cannot know what the parser will make of a text it errs on
//! the side of counting: brackets count everywhere, even inside strings; an IRI's characters
//! are skipped only when they cannot be an expression (`scheme://…`, or no operator character
//! at all); a hyphen counts unless it is inside a prefixed name. A wrong count can only refuse a
//! text that is in fact harmless, never let a deep one through.

/// What the scanner saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// The deepest nesting of `{`, `(` and `[`.
    pub deepest: usize,
    /// Operators (`/ | ^ & ! + - * = < >`), `{`, and the pattern keywords `UNION`, `OPTIONAL`,
    /// `MINUS`, `BIND`, `FILTER`, `VALUES`, `GRAPH`, `SERVICE`, `SELECT`, `EXISTS`.
    pub operators: usize,
    /// The text with comments dropped and each run of white space made one space (strings and
    /// IRIs kept as they are): two texts with the same normalised form are the same query.
    pub normalised: String,
    /// The text calls a function whose value changes from one evaluation to the next (`NOW`,
    /// `RAND`, `UUID`, `STRUUID`, `BNODE`) or a remote `SERVICE`: its answer must not be
    /// reused. Counted as a bare word outside strings and IRIs, so a prefixed name such as
    /// `ex:now` does not count, and a word in a string does not either.
    pub volatile: bool,
}

const KEYWORDS: [&str; 10] = [
    "UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "VALUES", "GRAPH", "SERVICE", "SELECT",
    "EXISTS",
];

const VOLATILE: [&str; 6] = ["NOW", "RAND", "UUID", "STRUUID", "BNODE", "SERVICE"];

const OPERATOR_CHARS: &[u8] = b"/|^&!+-*=<>";

/// Scans a query or update (see the module's documentation).
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan {
        normalised: String::with_capacity(text.len()),
        ..Scan::default()
    };
    let mut depth: usize = 0;
    // Brackets count everywhere, strings included: conservative and independent of lexing.
    for &b in bytes {
        match b {
            b'{' | b'(' | b'[' => {
                depth += 1;
                scan.deepest = scan.deepest.max(depth);
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut i = 0;
    let mut pending_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        if b == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                i += 1;
            }
            pending_space = true;
            continue;
        }
        if b == b'"' || b == b'\'' {
            if let Some(end) = string_end(bytes, i) {
                i = end;
            } else {
                // Not a string the parser would read: it fails here.
                i += 1;
            }
        } else if b == b'<' {
            match iri_end(bytes, i) {
                Some(end) => {
                    let content = &bytes[i + 1..end - 1];
                    if !has_scheme_and_authority(content)
                        && content.iter().any(|c| OPERATOR_CHARS.contains(c))
                    {
                        // Perhaps a less-than and an expression: count what is inside.
                        scan.operators += 1 + count_operator_chars(content);
                    }
                    i = end;
                }
                None => {
                    scan.operators += 1;
                    i += 1;
                }
            }
        } else if b == b'\\' {
            // A prefixed name's escape (`ex:a\'b`): the next character is a name character.
            i = next_char_boundary(text, i + 1);
            i = next_char_boundary(text, i);
        } else if b == b'?' || b == b'$' {
            i += 1;
            while i < bytes.len() && is_name_byte(bytes[i]) && bytes[i] != b'-' && bytes[i] != b'.'
            {
                i += 1;
            }
        } else if b.is_ascii_digit() {
            i = number_end(bytes, i);
        } else if b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80 {
            let end = name_end(bytes, i);
            let token = &text[i..end];
            if token.contains(':') {
                // A prefixed name (or a blank node label): hyphens inside are its own.
            } else {
                for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                    if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                        scan.operators += 1;
                    }
                    if VOLATILE.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                        scan.volatile = true;
                    }
                }
                scan.operators += token.matches('-').count();
            }
            i = end.max(next_char_boundary(text, i));
        } else {
            if OPERATOR_CHARS.contains(&b) || b == b'{' {
                scan.operators += 1;
            }
            i = next_char_boundary(text, i);
        }
        if pending_space && !scan.normalised.is_empty() {
            scan.normalised.push(' ');
        }
        pending_space = false;
        scan.normalised.push_str(&text[start..i]);
    }
    scan
}

fn next_char_boundary(text: &str, mut i: usize) -> usize {
    i += 1;
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

fn count_operator_chars(content: &[u8]) -> usize {
    content
        .iter()
        .filter(|c| OPERATOR_CHARS.contains(c) || **c == b'{')
        .count()
}

/// Bytes of a prefixed name's local part, a keyword or a bare word (PN_CHARS, `.`, `:`, `%`);
/// any non-ASCII byte counts as a name byte.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':' | b'%') || b >= 0x80
}

fn name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => i += 2,
            b if is_name_byte(b) => i += 1,
            _ => break,
        }
    }
    i
}

/// The end of a number: digits, a decimal point, an exponent (whose sign belongs to it).
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' | b'.' => i += 1,
            b'e' | b'E' => {
                i += 1;
                if i < bytes.len() && matches!(bytes[i], b'+' | b'-') {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    i
}

/// The end (exclusive) of the IRI reference opening at `i`, as the grammar's IRIREF reads it:
/// no white space, `<`, `"`, `{`, `}`, `|`, `^`, backquote or backslash before the `>`.
fn iri_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => return Some(j + 1),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            c if c <= 0x20 => return None,
            _ => j += 1,
        }
    }
    None
}

/// `scheme://`: such an IRI cannot also be read as an expression (`http:` and then `//`).
fn has_scheme_and_authority(content: &[u8]) -> bool {
    let Some(colon) = content.iter().position(|&c| c == b':') else {
        return false;
    };
    let scheme = &content[..colon];
    !scheme.is_empty()
        && scheme[0].is_ascii_alphabetic()
        && scheme
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        && content[colon + 1..].starts_with(b"//")
}

/// The end (exclusive) of the string literal opening at `i`, read as the parser reads it: a
/// long string first (`"""…"""`, `'''…'''`), else a short one; `None` when neither is there.
fn string_end(bytes: &[u8], i: usize) -> Option<usize> {
    let quote = bytes[i];
    if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..])
        && let Some(end) = long_string_end(bytes, i + 3, quote)
    {
        return Some(end);
    }
    short_string_end(bytes, i + 1, quote)
}

/// After `"""`: items of an optional one or two quotes and a character that is not a quote
/// (or an escape), then the closing `"""`.
fn long_string_end(bytes: &[u8], mut j: usize, quote: u8) -> Option<usize> {
    loop {
        // PEG commits to `""` when two quotes are there (then `"`), and the item fails if no
        // character follows them.
        let quotes = match (bytes.get(j), bytes.get(j + 1)) {
            (Some(a), Some(b)) if *a == quote && *b == quote => 2,
            (Some(a), _) if *a == quote => 1,
            _ => 0,
        };
        match char_or_escape(bytes, j + quotes, quote, true) {
            Some(end) => j = end,
            None => break,
        }
    }
    (bytes.get(j..j + 3) == Some(&[quote, quote, quote][..])).then_some(j + 3)
}

fn short_string_end(bytes: &[u8], mut j: usize, quote: u8) -> Option<usize> {
    while let Some(end) = char_or_escape(bytes, j, quote, false) {
        j = end;
    }
    (bytes.get(j) == Some(&quote)).then_some(j + 1)
}

/// One character of a string at `j` (not the quote, not a backslash, and in a short string not
/// a line break), or an escape (`\t \b \n \r \f \" \' \\`, `\uXXXX`, `\UXXXXXXXX`).
fn char_or_escape(bytes: &[u8], j: usize, quote: u8, long: bool) -> Option<usize> {
    let b = *bytes.get(j)?;
    if b == b'\\' {
        return match bytes.get(j + 1)? {
            b't' | b'b' | b'n' | b'r' | b'f' | b'"' | b'\'' | b'\\' => Some(j + 2),
            b'u' => hex(bytes, j + 2, 4),
            b'U' => hex(bytes, j + 2, 8),
            _ => None,
        };
    }
    if b == quote || (!long && (b == b'\n' || b == b'\r')) {
        return None;
    }
    Some(j + 1)
}

fn hex(bytes: &[u8], j: usize, n: usize) -> Option<usize> {
    let digits = bytes.get(j..j + n)?;
    digits
        .iter()
        .all(|c| c.is_ascii_hexdigit())
        .then_some(j + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_comments_are_normalised_strings_and_iris_kept() {
        let a = scan(
            "SELECT ?s   # a comment with { and \"\n WHERE {\n\t?s <http://x/a#b> \"a  b # c\" }",
        );
        assert_eq!(
            a.normalised,
            "SELECT ?s WHERE { ?s <http://x/a#b> \"a  b # c\" }"
        );
        let b = scan("  SELECT ?s WHERE { ?s <http://x/a#b> \"a  b # c\" }  ");
        assert_eq!(a.normalised, b.normalised);
        assert_ne!(
            scan("SELECT ?s WHERE { ?s ?p 'a b' }").normalised,
            scan("SELECT ?s WHERE { ?s ?p 'a  b' }").normalised
        );
        let long = scan("SELECT * { ?s ?p \"\"\"two\n  lines \"quoted\" \"\"\" }");
        assert!(
            long.normalised
                .contains("\"\"\"two\n  lines \"quoted\" \"\"\"")
        );
    }

    #[test]
    fn operator_chains_are_counted_wherever_the_parser_would_read_them() {
        let path = format!(
            "SELECT * {{ ?s {} ?o }}",
            vec!["<http://x/p>"; 50].join("/")
        );
        assert_eq!(scan(&path).operators, 49 + 2 + 1);
        let or = format!("ASK {{ FILTER({}) }}", vec!["true"; 30].join("||"));
        assert_eq!(scan(&or).operators, 29 * 2 + 1 + 1);
        let minus = format!("SELECT ({} AS ?x) {{}}", vec!["1"; 40].join("-"));
        assert_eq!(scan(&minus).operators, 39 + 1 + 1);
        let union = vec!["{ ?s ?p ?o }"; 20].join(" UNION ");
        assert_eq!(scan(&union).operators, 20 + 19);
        // A less-than followed by an expression that looks like an IRI is counted.
        let hidden = format!("ASK {{ FILTER(?x <{}> 0) }}", vec!["1"; 25].join("/"));
        assert!(scan(&hidden).operators >= 24, "{:?}", scan(&hidden));
        // An apostrophe in a prefixed name does not open a string that would hide operators.
        let escaped = format!(
            "PREFIX e: <http://e/> ASK {{ e:a\\'b e:p ?o FILTER({}) }} e:c\\'",
            vec!["1"; 25].join("+")
        );
        assert!(scan(&escaped).operators >= 24);
    }

    #[test]
    fn names_iris_strings_and_values_are_not_operators() {
        let values: Vec<String> = (0..500)
            .map(|i| format!("<https://w3id.org/maillage/org/org-{i}> org:a-b-{i} \"x-y/z {i}\""))
            .collect();
        let text = format!(
            "PREFIX org: <https://w3id.org/maillage/org/>\nSELECT ?o WHERE {{ VALUES ?o {{ {} }} ?o ?p ?v }}",
            values.join(" ")
        );
        let s = scan(&text);
        // SELECT, WHERE's brace, VALUES and its brace.
        assert_eq!(s.operators, 4, "{s:?}");
        assert_eq!(scan("SELECT ?a_b1 {}").operators, 2);
        assert_eq!(scan("ASK { FILTER(1.5e-3 > 0) }").operators, 3);
    }

    #[test]
    fn functions_that_change_between_evaluations_make_the_text_volatile() {
        for text in [
            "SELECT (NOW() AS ?t) {}",
            "SELECT (rand() AS ?r) {}",
            "SELECT (STRUUID() AS ?u) {}",
            "SELECT * { ?s ?p ?o BIND(BNODE() AS ?b) }",
            "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        ] {
            assert!(scan(text).volatile, "{text}");
        }
        for text in [
            "SELECT * { ?s ?p \"now\" }",
            "PREFIX ex: <http://ex/> SELECT * { ?s ex:now ?o }",
            "SELECT * { ?s <http://ex/rand> ?o }",
            "SELECT ?nowhere { ?nowhere ?p ?o }",
        ] {
            assert!(!scan(text).volatile, "{text}");
        }
    }

    #[test]
    fn brackets_count_everywhere() {
        assert_eq!(scan("ASK { ?s ?p \"((((\" }").deepest, 5);
        let deep = format!("ASK {}{}", "{".repeat(300), "}".repeat(300));
        assert_eq!(scan(&deep).deepest, 300);
    }
}
