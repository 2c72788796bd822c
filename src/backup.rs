//! `maillage backup` and `maillage restore`: a consistent copy of a store, taken while a server
//! may be running on it, and the way back (see `maillage_store::backup` for how). The accounts
//! database of the store directory (`maillage_accounts`) is copied with the quads, by SQLite's
//! online backup, into the copy's staging directory: it is in the backup, all or nothing with
//! it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use maillage_store::backup::{self, BackupError, BackupReport, BesideError};

fn quad_bar(what: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} quads")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

/// Runs one copy with a progress bar; a refused target is a clear message and exit code 1.
fn copy(
    what: &str,
    run: impl FnOnce(ProgressBar) -> Result<BackupReport, BackupError>,
) -> Result<Option<BackupReport>> {
    let bar = quad_bar(what);
    match run(bar.clone()) {
        Ok(report) => {
            bar.finish_and_clear();
            Ok(Some(report))
        }
        Err(
            error @ (BackupError::TargetNotEmpty { .. }
            | BackupError::TargetInsideSource { .. }
            | BackupError::NoSource { .. }),
        ) => {
            bar.abandon();
            eprintln!("error: {error}; nothing was written");
            Ok(None)
        }
        Err(error) => {
            bar.abandon();
            Err(anyhow::Error::new(error).context("nothing was written"))
        }
    }
}

fn progress(bar: ProgressBar) -> impl Fn(u64, u64) + Send + Sync + 'static {
    move |done, total| {
        bar.set_length(total);
        bar.set_position(done.min(total));
    }
}

/// Copies the accounts database of the store directory `from` (if it has one) into the
/// staging directory `to`; records whether there was one.
fn accounts_beside(copied: &mut bool) -> impl FnOnce(&Path, &Path) -> Result<(), BesideError> {
    move |from, to| {
        *copied = maillage_accounts::copy_database(from, to)?;
        Ok(())
    }
}

fn accounts_note(copied: bool) -> &'static str {
    if copied {
        ", with the accounts database"
    } else {
        ""
    }
}

pub fn run_backup(store: &Path, to: &Path) -> Result<ExitCode> {
    if !store.exists() {
        bail!("no store at {}", store.display());
    }
    let mut accounts = false;
    let Some(report) = copy("backing up", |bar| {
        backup::backup_with(store, to, progress(bar), accounts_beside(&mut accounts))
    })?
    else {
        return Ok(ExitCode::FAILURE);
    };
    eprintln!(
        "backed up {} quads in {} named graphs{} from {} to {} in {:.2} s; open it as a store, or `maillage restore --from {} --store NEW_DIR`",
        report.quads,
        report.graphs,
        accounts_note(accounts),
        store.display(),
        to.display(),
        report.elapsed.as_secs_f64(),
        to.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_restore(from: &Path, store: &Path) -> Result<ExitCode> {
    let mut accounts = false;
    let Some(report) = copy("restoring", |bar| {
        backup::restore_with(from, store, progress(bar), accounts_beside(&mut accounts))
    })?
    else {
        return Ok(ExitCode::FAILURE);
    };
    eprintln!(
        "restored {} quads in {} named graphs{} from {} into {} in {:.2} s",
        report.quads,
        report.graphs,
        accounts_note(accounts),
        from.display(),
        store.display(),
        report.elapsed.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
