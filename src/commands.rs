//! The commands behind the CLI.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use maillage_model::{OrgKind, vocab};
use maillage_store::embedded::EmbeddedFile;
use maillage_store::oxigraph::model::NamedNode;
use maillage_store::{
    Budget, GraphFormat, MaillageStore, QueryOutput, QueryRequest, ResultsFormat, StoreError,
    WriteContext,
};

use crate::cli::{Cli, Command, ExportFormat, GenerateCommand, QueryFormat};
use crate::output::out;
use crate::{generate, output};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let demo = cli.demo;
    match cli.command {
        Command::Serve(args) => crate::serve::serve(args),
        Command::Load {
            store,
            defaults,
            graph,
            replace,
            system,
            files,
        } => load(&store, defaults, graph.as_deref(), replace, system, &files),
        Command::Validate {
            store: Some(store), ..
        } => validate_store(&store),
        Command::Validate { store: None, files } => validate(&files),
        Command::History {
            store,
            limit,
            format,
            lang,
        } => crate::history::run_history(&store, limit, format, &lang),
        Command::Revert { store, change_id } => crate::history::run_revert(&store, change_id),
        Command::Query {
            store,
            format,
            timeout,
            query,
        } => run_query(&store, format, timeout, &query),
        Command::Export {
            store,
            format,
            graph,
            output,
        } => export(&store, format, graph.as_deref(), output.as_deref()),
        Command::Stats { store } => stats(&store, demo),
        Command::Match {
            store,
            adopter,
            supplier,
            limit,
            eligible_only,
            format,
            lang,
        } => crate::analytics::run_match(
            &store,
            demo,
            adopter.as_deref(),
            supplier.as_deref(),
            limit,
            eligible_only,
            format,
            &lang,
        ),
        Command::Gaps {
            store,
            format,
            threshold,
            lang,
        } => crate::analytics::run_gaps(&store, demo, format, threshold, &lang),
        Command::Portfolio {
            store,
            budget,
            format,
            lang,
        } => crate::analytics::run_portfolio(&store, demo, budget, format, &lang),
        Command::Network {
            store,
            format,
            lang,
        } => crate::analytics::run_network(&store, demo, format, &lang),
        Command::Evaluate { orgs, seed } => crate::analytics::run_evaluate(orgs, seed),
        Command::Backup { store, to } => crate::backup::run_backup(&store, &to),
        Command::Restore { from, store } => crate::backup::run_restore(&from, &store),
        Command::User { action } => crate::accounts::run_user(action),
        Command::Token { action } => crate::accounts::run_token(action),
        Command::Generate { what } => generate_files(what),
    }
}

pub fn open_existing(dir: &Path) -> Result<MaillageStore> {
    if !dir.exists() {
        bail!(
            "no store at {}: create one with `maillage load --store {} --defaults`",
            dir.display(),
            dir.display()
        );
    }
    MaillageStore::open_read_only(dir)
        .with_context(|| format!("cannot open the store at {}", dir.display()))
}

fn progress_bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

/// Loads the embedded default data (all of it, or only the base vocabulary) with a progress bar.
pub fn load_embedded(store: &MaillageStore, all: bool) -> Result<()> {
    let include = |f: &EmbeddedFile| all || f.is_base();
    let count = maillage_store::embedded::EMBEDDED_FILES
        .iter()
        .filter(|f| include(f))
        .count();
    let bar = progress_bar(
        count,
        if all {
            "loading the default data"
        } else {
            "initialising the store"
        },
    );
    let report = store
        .load_embedded(include, |file, quads| {
            bar.set_message(format!("{} ({quads} quads)", file.path));
            bar.inc(1);
        })
        .inspect_err(|_| bar.abandon())?;
    bar.finish_and_clear();
    for (graph, quads) in &report.graphs {
        eprintln!("  {quads:>7} quads  {graph}");
    }
    if let Some(write) = &report.write {
        eprintln!(
            "validated and loaded in {:.2} s: the store holds {} quads",
            report.elapsed.as_secs_f64(),
            write.quads_after
        );
    }
    Ok(())
}

fn load(
    dir: &Path,
    defaults: bool,
    graph: Option<&str>,
    replace: bool,
    system: bool,
    files: &[std::path::PathBuf],
) -> Result<ExitCode> {
    if !defaults && files.is_empty() {
        bail!("nothing to load: give RDF files and/or --defaults");
    }
    let graph = graph
        .map(|g| NamedNode::new(g).with_context(|| format!("--graph {g:?} is not a valid IRI")))
        .transpose()?;
    let store = MaillageStore::open(dir)
        .with_context(|| format!("cannot open or create the store at {}", dir.display()))?;
    if defaults {
        load_embedded(&store, true)?;
    } else if !store.is_initialised()? {
        load_embedded(&store, false)?;
    }
    if !files.is_empty() {
        let mut context = WriteContext::cli_load();
        if system {
            context = context.system();
        }
        let report = match store.load_files(&context, files, graph.as_ref(), replace) {
            Ok(report) => report,
            Err(e) => return report_store_error(e),
        };
        for (g, quads) in &report.graphs {
            eprintln!("  {quads:>7} quads  {g}");
        }
        if let Some(write) = report.write {
            eprintln!(
                "validated and loaded in {:.2} s: {:+} quads, the store holds {}",
                report.elapsed.as_secs_f64(),
                write.delta(),
                write.quads_after
            );
        }
    }
    store.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a store error the way a person fixing their file needs it, and fails.
pub fn report_store_error(error: StoreError) -> Result<ExitCode> {
    match &error {
        StoreError::ShapeViolations(violations) => {
            eprintln!(
                "error: {} SHACL violation(s); nothing was written:",
                violations.len()
            );
            for v in violations {
                eprintln!("  - {v}");
            }
            Ok(ExitCode::FAILURE)
        }
        _ => Err(error.into()),
    }
}

fn validate(files: &[std::path::PathBuf]) -> Result<ExitCode> {
    // An in-memory store with the base vocabulary gives the files their context (classes,
    // municipalities, concepts); the files are then checked as if loaded, nothing persists.
    let store = MaillageStore::in_memory()?;
    store
        .load_embedded(EmbeddedFile::is_base, |_, _| {})
        .context("the built-in vocabulary does not load")?;
    match store.load_files(&WriteContext::cli_load(), files, None, false) {
        Ok(report) => {
            let quads: usize = report.graphs.iter().map(|(_, n)| n).sum();
            out!(
                "valid: {} file(s), {quads} quads conform to the shapes",
                files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report_store_error(e),
    }
}

fn validate_store(dir: &Path) -> Result<ExitCode> {
    let store = open_existing(dir)?;
    let violations = store.validate_all()?;
    if violations.is_empty() {
        out!(
            "valid: the {} quads of {} conform to the shapes",
            store.quad_count()?,
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    report_store_error(StoreError::ShapeViolations(violations))
}

fn run_query(dir: &Path, format: QueryFormat, timeout: f64, query: &str) -> Result<ExitCode> {
    if !(timeout.is_finite() && timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let text = if query == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the query from standard input")?;
        text
    } else {
        query.to_owned()
    };
    let store = open_existing(dir)?;
    let output = store.query(
        &QueryRequest::new(text),
        &Budget::new(Duration::from_secs_f64(timeout)),
    )?;
    let bytes = match (format, &output) {
        (_, QueryOutput::Graph(_)) => output.write_graph(GraphFormat::Turtle)?,
        (QueryFormat::Table, _) => format!("{}\n", output::results_table(&output)).into_bytes(),
        (QueryFormat::Json, _) => output.write_results(ResultsFormat::Json)?,
        (QueryFormat::Csv, _) => output.write_results(ResultsFormat::Csv)?,
        (QueryFormat::Tsv, _) => output.write_results(ResultsFormat::Tsv)?,
    };
    crate::output::write_stdout(&bytes)?;
    Ok(ExitCode::SUCCESS)
}

fn export(
    dir: &Path,
    format: ExportFormat,
    graph: Option<&str>,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let graph = graph
        .map(|g| NamedNode::new(g).with_context(|| format!("--graph {g:?} is not a valid IRI")))
        .transpose()?;
    let store = open_existing(dir)?;
    let format = match format {
        ExportFormat::Nquads => GraphFormat::NQuads,
        ExportFormat::Turtle => GraphFormat::Turtle,
    };
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut writer = std::io::BufWriter::new(file);
            store.dump(format, graph.as_ref(), &mut writer)?;
            writer.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut writer = std::io::BufWriter::new(stdout.lock());
            store.dump(format, graph.as_ref(), &mut writer)?;
            writer.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(dir: &Path, demo: bool) -> Result<ExitCode> {
    let store = open_existing(dir)?;
    out!("quads: {}", store.quad_count()?);
    for g in store.graph_names()? {
        let n = store.graph_len(&NamedNode::new_unchecked(g.clone()))?;
        out!("  {n:>7}  {g}");
    }
    let (eco, snapshot) =
        maillage_store::snapshot::read_within(&store, &maillage_store::GraphScope::member(demo))?;
    out!(
        "organisations: {} (snapshot read in {:.0} ms)",
        eco.organizations.len(),
        snapshot.elapsed.as_secs_f64() * 1000.0
    );
    let english = maillage_i18n::Locale::parse("en").unwrap_or_default();
    for kind in OrgKind::ALL {
        let n = eco
            .organizations
            .values()
            .filter(|o| o.kind == Some(kind))
            .count();
        if n > 0 {
            out!("  {n:>5}  {}", english.t(kind.label_id()));
        }
    }
    let suppliers = eco
        .organizations
        .values()
        .filter(|o| o.is_supplier())
        .count();
    let adopters = eco
        .organizations
        .values()
        .filter(|o| eco.is_adopter(o))
        .count();
    let in_zem = eco.organizations.values().filter(|o| eco.in_zem(o)).count();
    out!("  AI suppliers: {suppliers}, AI adopters (stated or sector-typical needs): {adopters}");
    out!("  located in the ZEM: {in_zem}");
    out!(
        "municipalities: {} ({} in the ZEM {})",
        eco.municipalities.len(),
        eco.municipalities.values().filter(|m| m.in_zem).count(),
        vocab::ZEM
    );
    out!(
        "expertise concepts: {}, NAICS classes: {}, projects: {}, envelopes: {}",
        eco.expertise_concepts().count(),
        eco.sectors.len(),
        eco.projects.len(),
        eco.envelopes.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn generate_files(what: GenerateCommand) -> Result<ExitCode> {
    let header = |text: &str| {
        format!(
            "{text}\nGenerated by `maillage generate` — do not edit by hand; regenerate instead."
        )
    };
    match what {
        GenerateCommand::Synthetic { orgs, seed, output } => {
            return generate::synthetic::run(orgs, seed, &output);
        }
        GenerateCommand::Naics {
            input,
            french,
            output,
        } => {
            let generate::naics::Generated {
                triples,
                classes,
                french,
            } = generate::naics::generate(&input, &french)?;
            let n = triples.len();
            write_output(&output, |w| {
                triples.write_turtle(
                    &header(&format!(
                        "NAICS Canada 2022 v1.0 as SKOS, from {} (Statistics Canada Open Licence).",
                        generate::naics::SOURCE
                    )),
                    w,
                )
            })?;
            eprintln!(
                "{classes} NAICS classes ({french} with a sourced French title), {n} triples → {}",
                output.display()
            );
        }
        GenerateCommand::Territory {
            municipalities,
            places,
            output,
        } => {
            let (triples, summary) = generate::territory::generate(&municipalities, &places)?;
            let n = triples.len();
            write_output(&output, |w| {
                triples.write_turtle(
                    &header(&format!(
                        "Québec municipalities from the MAMH register ({}, CC BY 4.0);\ncoordinates from GeoNames ({}, CC BY 4.0) where a place of the same name exists in the same region.",
                        generate::territory::MAMH_SOURCE,
                        generate::territory::GEONAMES_SOURCE
                    )),
                    w,
                )
            })?;
            eprintln!(
                "{} municipalities ({} in the ZEM, {} with coordinates), {} regions, {} MRCs, {n} triples → {}",
                summary.municipalities,
                summary.zem_members,
                summary.with_coordinates,
                summary.regions,
                summary.mrcs,
                output.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_output(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    write(&mut writer)?;
    writer.flush()?;
    Ok(())
}
