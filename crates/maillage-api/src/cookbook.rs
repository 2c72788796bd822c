//! The SPARQL cookbook (`docs/sparql-cookbook.md`): its ```sparql blocks with the heading above
//! each and the `<!-- expect: … -->` comments below it. Shared by the web SPARQL editor (its
//! examples) and `tests/cookbook.rs` (which runs every recipe and checks the expectations).

use maillage_model::Label;

/// The cookbook, embedded in the binary.
pub const COOKBOOK: &str = include_str!("../../../docs/sparql-cookbook.md");

/// One ```sparql block of a markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipe {
    /// The nearest heading above the block, without its `#`s.
    pub heading: String,
    /// 1-based line of the opening fence.
    pub line: usize,
    pub query: String,
    /// The inside of each well-formed `<!-- expect: … -->` line right after the block.
    pub expectations: Vec<String>,
    /// Lines that start like an expectation but are malformed.
    pub malformed: Vec<String>,
}

/// Reads the fenced blocks of a markdown text. Headings inside any fenced block (e.g. `#`
/// comments of a shell example) are not headings; only blocks whose info string is exactly
/// `sparql` are recipes. Expectations are the `<!-- expect: … -->` lines right after the
/// closing fence (blank lines in between are allowed).
pub fn recipes(markdown: &str) -> Vec<Recipe> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut recipes = Vec::new();
    let mut heading = String::from("(before any heading)");
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(ticks) = fence(line) {
            let info = line.trim_start()[ticks.len()..].trim();
            let start = i;
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !closes(lines[i], ticks) {
                body.push(lines[i]);
                i += 1;
            }
            if info == "sparql" {
                let (expectations, malformed, next) = expectations_after(&lines, i + 1);
                recipes.push(Recipe {
                    heading: heading.clone(),
                    line: start + 1,
                    query: body.join("\n"),
                    expectations,
                    malformed,
                });
                i = next;
                continue;
            }
        } else if line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_owned();
        }
        i += 1;
    }
    recipes
}

/// The fence (three or more backticks) that opens a code block on this line, if any.
fn fence(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
    (ticks >= 3).then(|| &trimmed[..ticks])
}

fn closes(line: &str, fence: &str) -> bool {
    let trimmed = line.trim();
    trimmed.starts_with(fence) && trimmed.trim_start_matches('`').is_empty()
}

/// The expectation comments starting at line `from`, and the index of the first line after
/// them.
fn expectations_after(lines: &[&str], from: usize) -> (Vec<String>, Vec<String>, usize) {
    let mut expectations = Vec::new();
    let mut malformed = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() && expectations.is_empty() && malformed.is_empty() {
            i += 1;
            continue;
        }
        let Some(comment) = line
            .strip_prefix("<!--")
            .filter(|c| c.trim_start().starts_with("expect"))
        else {
            break;
        };
        match comment
            .trim_start()
            .strip_prefix("expect:")
            .and_then(|c| c.strip_suffix("-->"))
        {
            Some(inner) => expectations.push(inner.trim().to_owned()),
            None => malformed.push(format!("malformed expectation line {line:?}")),
        }
        i += 1;
    }
    (expectations, malformed, i)
}

/// The French and English halves of a bilingual heading "1. Français / English", as a label of
/// the data (the number is kept on both; the whole heading twice when it has no ` / `).
pub fn heading_label(heading: &str) -> Label {
    let Some((fr, en)) = heading.split_once(" / ") else {
        return Label::same(heading);
    };
    let (fr, en) = (fr.trim(), en.trim());
    let number = fr
        .split_once(". ")
        .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map(|(n, _)| format!("{n}. "))
        .unwrap_or_default();
    let en = if en.starts_with(&number) {
        en.to_owned()
    } else {
        format!("{number}{en}")
    };
    Label::new(fr, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_embedded_cookbook() {
        let all = recipes(COOKBOOK);
        assert!(all.len() >= 15);
        assert!(all.iter().all(|r| r.query.contains("SELECT")
            || r.query.contains("ASK")
            || r.query.contains("CONSTRUCT")));
    }

    #[test]
    fn headings_inside_blocks_are_ignored_and_expectations_are_read() {
        let md = "# A / B\n```sh\n# not a heading\n```\n```sparql\nASK {}\n```\n\n<!-- expect: ask true -->\n<!-- expect rows -->\n";
        let r = recipes(md);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].heading, "A / B");
        assert_eq!(r[0].line, 5);
        assert_eq!(r[0].expectations, vec!["ask true".to_owned()]);
        assert_eq!(r[0].malformed.len(), 1);
        assert_eq!(
            heading_label("2. Vision / Sight"),
            Label::new("2. Vision", "2. Sight")
        );
        assert_eq!(heading_label("Plain"), Label::same("Plain"));
    }
}
