//! Online backups and restores of a store directory.
//!
//! A backup is a complete, independent store: open it with [`crate::MaillageStore::open`] (or
//! `maillage serve --store BACKUP_DIR`) like any other, or copy it to a new place with
//! [`restore`]. It holds every quad of the source at one point in time — every named graph,
//! the history graph included — and only whole transactions: a write committed while the
//! backup runs is either entirely in it or entirely absent.
//!
//! How: the server holds RocksDB's lock on its directory, so another process can only open it
//! read-only. A read-only RocksDB instance is a point-in-time view (the SST files the manifest
//! names, plus the write-ahead log replayed up to its last complete write batch, and oxigraph
//! writes one batch per transaction). oxigraph's own `Store::backup` (a RocksDB checkpoint) does
//! not help here: on a read-only instance it succeeds but hard-links only the SST files and
//! leaves the write-ahead log out, so every write since the server's last memtable flush is
//! silently missing from it (measured with oxigraph 0.5.13: 278,090 of 478,090 quads lost). So
//! the view is copied quad by quad into a new store with oxigraph's bulk loader, in a staging
//! directory beside the target that is renamed into place only once complete and checked (same
//! number of quads). A crash during a backup leaves no half store at the target.
//!
//! A restore is the same copy from the backup into a new directory; both refuse a target that
//! exists and is not empty. Neither goes through [`crate::MaillageStore::write`]: they create a
//! new store from an exact copy of a validated one, they never change a store in place.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxigraph::store::{StorageError, Store};

/// What went wrong in a backup or a restore.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no store at {}", path.display())]
    NoSource { path: PathBuf },
    #[error("{} exists and is not empty: choose a new directory", path.display())]
    TargetNotEmpty { path: PathBuf },
    #[error("{} is inside the store {}: choose a directory outside it", target.display(), source_dir.display())]
    TargetInsideSource {
        target: PathBuf,
        source_dir: PathBuf,
    },
    #[error("cannot use {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the store at {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    #[error("cannot copy the quads into {}", path.display())]
    Copy {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// The copy does not hold as many quads as the view it was made from (a bug or a disk
    /// fault: the staging directory is removed, nothing is left at the target).
    #[error("the copy holds {copied} quads, the store {expected}: nothing was written")]
    Mismatch { expected: usize, copied: usize },
    /// The files kept beside the quads (see [`backup_with`]) could not be copied: nothing is
    /// left at the target.
    #[error("cannot copy the files kept beside the quads")]
    Beside {
        #[source]
        source: BesideError,
    },
}

/// What a copy of the files kept beside the quads may fail with (see [`backup_with`]).
pub type BesideError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What a backup or a restore copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupReport {
    /// Quads in the source view, and in the copy.
    pub quads: usize,
    /// Named graphs in the copy.
    pub graphs: usize,
    pub elapsed: Duration,
}

/// Copies the store at `source` (which a server may be running on and writing to) into a new
/// store at `target`, at one point in time. `progress` is called from time to time with the
/// number of quads copied so far and the total.
pub fn backup(
    source: &Path,
    target: &Path,
    progress: impl Fn(u64, u64) + Send + Sync + 'static,
) -> Result<BackupReport, BackupError> {
    copy_store(source, target, progress, |_, _| Ok(()))
}

/// [`backup`], with the files that other parts of Maillage keep in the store directory beside
/// RocksDB's (the accounts database): once the quads are copied and checked, `beside` is called
/// with the source directory and the staging directory of the copy, and copies those files
/// into it, before the staging directory is renamed into place. They are thus part of the
/// backup, all or nothing with it: if `beside` fails, nothing is left at the target. (Each
/// file is its own point in time: the accounts are not tied to the quads.)
pub fn backup_with(
    source: &Path,
    target: &Path,
    progress: impl Fn(u64, u64) + Send + Sync + 'static,
    beside: impl FnOnce(&Path, &Path) -> Result<(), BesideError>,
) -> Result<BackupReport, BackupError> {
    copy_store(source, target, progress, beside)
}

/// Copies a backup (the `source`) into a new store at `target` (which must not exist, or be an
/// empty directory): the same quads, the history graph included. A restore is a backup of the
/// backup, the same one-point-in-time copy.
pub use self::backup as restore;

/// [`restore`], with the files kept beside the quads, as [`backup_with`] copies them.
pub use self::backup_with as restore_with;

/// Fails unless `path` is missing or an empty directory.
pub fn check_new_target(path: &Path) -> Result<(), BackupError> {
    match std::fs::read_dir(path) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                Err(BackupError::TargetNotEmpty {
                    path: path.to_path_buf(),
                })
            } else {
                Ok(())
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if path.exists() => Err(BackupError::TargetNotEmpty {
            path: path.to_path_buf(),
        }),
        Err(source) => Err(BackupError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn copy_store(
    source: &Path,
    target: &Path,
    progress: impl Fn(u64, u64) + Send + Sync + 'static,
    beside: impl FnOnce(&Path, &Path) -> Result<(), BesideError>,
) -> Result<BackupReport, BackupError> {
    let started = Instant::now();
    if !source.join("CURRENT").is_file() {
        return Err(BackupError::NoSource {
            path: source.to_path_buf(),
        });
    }
    check_new_target(target)?;
    let source_abs = source.canonicalize().map_err(io(source))?;
    let parent = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let parent_abs = parent.canonicalize().map_err(io(&parent))?;
    if parent_abs.starts_with(&source_abs) {
        return Err(BackupError::TargetInsideSource {
            target: target.to_path_buf(),
            source_dir: source.to_path_buf(),
        });
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".to_owned());
    let staging = parent_abs.join(format!(".{name}.partial-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }

    let result = copy_into(source, &staging, progress).and_then(|report| {
        beside(source, &staging)
            .map(|()| report)
            .map_err(|source| BackupError::Beside { source })
    });
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // Into place: an empty target directory is replaced, a missing one created by the rename.
    if target.exists() {
        std::fs::remove_dir(target).map_err(io(target))?;
    }
    std::fs::rename(&staging, target).map_err(io(target))?;
    Ok(BackupReport {
        elapsed: started.elapsed(),
        ..report
    })
}

/// The copy itself: the read-only view of `source` bulk-loaded into a new store at `staging`,
/// then checked by counting the quads of the copy.
fn copy_into(
    source: &Path,
    staging: &Path,
    progress: impl Fn(u64, u64) + Send + Sync + 'static,
) -> Result<BackupReport, BackupError> {
    let view = Store::open_read_only(source).map_err(|source_error| BackupError::Open {
        path: source.to_path_buf(),
        source: source_error,
    })?;
    let expected = view.len().map_err(|e| BackupError::Open {
        path: source.to_path_buf(),
        source: e,
    })?;
    let copy = Store::open(staging).map_err(|e| BackupError::Copy {
        path: staging.to_path_buf(),
        source: e,
    })?;
    let total = expected as u64;
    progress(0, total);
    let progress = Arc::new(progress);
    let mut loader = {
        let progress = Arc::clone(&progress);
        copy.bulk_loader().on_progress(move |n| progress(n, total))
    };
    let copy_error = |e: StorageError| BackupError::Copy {
        path: staging.to_path_buf(),
        source: e,
    };
    loader
        .load_ok_quads::<StorageError, StorageError>(view.iter())
        .map_err(copy_error)?;
    loader.commit().map_err(copy_error)?;
    drop(view);
    copy.flush().map_err(copy_error)?;
    let copied = copy.len().map_err(copy_error)?;
    if copied != expected {
        return Err(BackupError::Mismatch { expected, copied });
    }
    progress(total, total);
    let graphs = copy
        .named_graphs()
        .collect::<Result<Vec<_>, _>>()
        .map_err(copy_error)?
        .len();
    Ok(BackupReport {
        quads: copied,
        graphs,
        elapsed: Duration::ZERO,
    })
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    use super::*;

    fn quad(i: usize, graph: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(format!("http://example.org/s{i}")),
            NamedNode::new_unchecked("http://example.org/p"),
            Literal::from(i as i64),
            NamedNode::new_unchecked(graph),
        )
    }

    fn sorted(store: &Store) -> Vec<Quad> {
        let mut quads: Vec<Quad> = store
            .iter()
            .collect::<Result<_, _>>()
            .expect("the store reads");
        quads.sort_by_key(ToString::to_string);
        quads
    }

    /// A store on disk whose last writes are only in the write-ahead log (never flushed), as
    /// a server's are: the backup must still hold them.
    #[test]
    fn a_backup_and_its_restore_hold_every_quad_including_the_unflushed_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("store");
        let writer = Store::open(&source).expect("store opens");
        for i in 0..50 {
            writer
                .insert(&quad(i, "http://example.org/g1"))
                .expect("insert");
        }
        writer
            .insert(&Quad::new(
                NamedNode::new_unchecked("http://example.org/d"),
                NamedNode::new_unchecked("http://example.org/p"),
                Literal::from("default graph"),
                GraphName::DefaultGraph,
            ))
            .expect("insert");
        // The writer stays open (it holds the lock), like a running server.
        let backup_dir = dir.path().join("backup");
        let report = backup(&source, &backup_dir, |_, _| {}).expect("backup");
        assert_eq!(report.quads, 51);
        assert_eq!(report.graphs, 1);
        let expected = sorted(&writer);

        let restored = dir.path().join("restored");
        restore(&backup_dir, &restored, |_, _| {}).expect("restore");
        for copy in [&backup_dir, &restored] {
            let store = Store::open_read_only(copy).expect("the copy opens as a store");
            assert_eq!(sorted(&store), expected, "{}", copy.display());
        }
        // No staging directory is left beside the target.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_target_that_is_not_empty_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("store");
        let writer = Store::open(&source).expect("store opens");
        writer
            .insert(&quad(1, "http://example.org/g"))
            .expect("insert");
        let target = dir.path().join("full");
        std::fs::create_dir_all(&target).expect("mkdir");
        std::fs::write(target.join("keep.txt"), "mine").expect("write");
        let error = backup(&source, &target, |_, _| {}).expect_err("refused");
        assert!(
            matches!(error, BackupError::TargetNotEmpty { .. }),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(target.join("keep.txt")).expect("still there"),
            "mine"
        );
        // An empty directory is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir_all(&empty).expect("mkdir");
        backup(&source, &empty, |_, _| {}).expect("an empty directory is a valid target");
        // Inside the source: refused.
        let inside = source.join("backup");
        let error = backup(&source, &inside, |_, _| {}).expect_err("refused");
        assert!(
            matches!(error, BackupError::TargetInsideSource { .. }),
            "{error}"
        );
        // Not a store: refused.
        let error = backup(
            &dir.path().join("nothing"),
            &dir.path().join("b2"),
            |_, _| {},
        )
        .expect_err("refused");
        assert!(matches!(error, BackupError::NoSource { .. }), "{error}");
    }

    /// The files copied by `beside` are in the backup; when `beside` fails, nothing is left at
    /// the target (no store, no staging directory).
    #[test]
    fn the_files_beside_the_quads_are_part_of_the_copy_all_or_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("store");
        let writer = Store::open(&source).expect("store opens");
        writer
            .insert(&quad(1, "http://example.org/g"))
            .expect("insert");
        std::fs::write(source.join("beside.txt"), "kept").expect("write");

        let target = dir.path().join("backup");
        backup_with(
            &source,
            &target,
            |_, _| {},
            |from, staging| {
                assert!(
                    staging.join("CURRENT").is_file(),
                    "the quads are copied first"
                );
                std::fs::copy(from.join("beside.txt"), staging.join("beside.txt"))?;
                Ok(())
            },
        )
        .expect("backup");
        assert_eq!(
            std::fs::read_to_string(target.join("beside.txt")).expect("copied"),
            "kept"
        );
        Store::open_read_only(&target).expect("still a store beside the file");

        let failed = dir.path().join("failed");
        let error = restore_with(
            &target,
            &failed,
            |_, _| {},
            |_, _| Err("the disk is full".into()),
        )
        .expect_err("refused");
        assert!(matches!(error, BackupError::Beside { .. }), "{error}");
        assert!(!failed.exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
