//! Terminal output: tables for people, machine formats for programs.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use maillage_store::QueryOutput;
use maillage_store::oxigraph::model::Term;

/// A compact, human-readable form of an RDF term: IRIs in the project namespaces are shortened
/// with their prefix, literals shown by value.
pub fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => shorten(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{} @{lang}", l.value()),
            None => l.value().to_owned(),
        },
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

pub fn shorten(iri: &str) -> String {
    for (prefix, ns) in maillage_model::vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
        {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}

/// Renders SELECT/ASK results as a table.
pub fn results_table(output: &QueryOutput) -> String {
    match output {
        QueryOutput::Boolean(b) => b.to_string(),
        QueryOutput::Solutions { variables, rows } => {
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED);
            table.set_header(variables.iter().map(|v| v.as_str().to_owned()));
            for row in rows {
                table.add_row(
                    row.iter()
                        .map(|t| t.as_ref().map(term_text).unwrap_or_default()),
                );
            }
            format!("{table}\n{} row(s)", rows.len())
        }
        QueryOutput::Graph(triples) => format!("{} triple(s)", triples.len()),
    }
}

/// Writes a line to standard output; a closed pipe (`maillage … | head`) ends the program
/// quietly instead of panicking.
pub fn print_line(line: &str) -> anyhow::Result<()> {
    write_stdout(format!("{line}\n").as_bytes())
}

/// Writes bytes to standard output, ending quietly on a closed pipe.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}

/// `println!` that survives a closed pipe (see [`print_line`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::print_line(&format!($($arg)*))?
    };
}
pub(crate) use out;
