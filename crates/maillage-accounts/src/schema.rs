//! The database schema and its migrations, run when a database is opened.
//!
//! The schema version is SQLite's `PRAGMA user_version`: 0 for a new, empty file, then the
//! number of the last migration applied. Each migration runs in one `IMMEDIATE` transaction
//! with the version bump, so two processes opening a new file at once cannot both apply it (the
//! second waits for the first, then finds the new version), and a crash leaves the file at the
//! previous version. A file of a newer version than [`SCHEMA_VERSION`] is refused rather than
//! misread.

use rusqlite::{Connection, TransactionBehavior};

use crate::AccountsError;

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Migration `n` (1-based) brings a database from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: users, their API tokens, the web sessions.
    //
    // Names compare without ASCII case (`COLLATE NOCASE`): « Alice » and « alice » are one
    // user, found under either spelling, and the name keeps the spelling it was created with.
    // A token belongs to a user (removed with it, by the foreign key); a revoked token stays
    // listed with its time of revocation. A session may name its user (`user`, no foreign
    // key: a session row is saved by the web layer and must not fail because its user was
    // removed meanwhile; `remove_user` deletes the user's sessions itself).
    "CREATE TABLE users (
        name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('reader', 'staff', 'admin')),
        password_hash TEXT NOT NULL,
        created TEXT NOT NULL
    ) STRICT;
    CREATE TABLE tokens (
        id TEXT NOT NULL PRIMARY KEY,
        user TEXT NOT NULL COLLATE NOCASE REFERENCES users (name) ON DELETE CASCADE,
        label TEXT,
        secret_hash TEXT NOT NULL,
        created TEXT NOT NULL,
        revoked TEXT
    ) STRICT;
    CREATE INDEX tokens_by_user ON tokens (user);
    CREATE TABLE sessions (
        id TEXT NOT NULL PRIMARY KEY,
        user TEXT COLLATE NOCASE,
        data BLOB NOT NULL,
        expires INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_by_expiry ON sessions (expires);
    CREATE INDEX sessions_by_user ON sessions (user);",
];

/// The schema version of the database on `conn`.
pub fn version(conn: &Connection) -> Result<i64, AccountsError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the database up to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<(), AccountsError> {
    debug_assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(AccountsError::NewerSchema {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        let migration =
            MIGRATIONS[usize::try_from(current).map_err(|_| AccountsError::Corrupt {
                what: format!("schema version {current}"),
            })?];
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
