//! `AccountsError`: what went wrong with an account, a token, a session or the database.

use std::path::PathBuf;

/// What went wrong. The messages are for developers and logs (English); the CLI and the HTTP
/// edge turn each variant into a catalogue message in the reader's language.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    /// The SQLite database refused or failed an operation.
    #[error("the accounts database failed")]
    Database {
        #[from]
        source: rusqlite::Error,
    },
    /// The store directory or the database file could not be created or read.
    #[error("cannot use {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database was written by a newer Maillage (its schema version is unknown here).
    #[error(
        "the accounts database has schema version {found}; this Maillage knows up to {supported}"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("the user {name:?} already exists")]
    UserExists { name: String },
    #[error("there is no user {name:?}")]
    NoSuchUser { name: String },
    #[error("there is no token {id:?}")]
    NoSuchToken { id: String },
    /// A user name must be 1 to 64 ASCII letters, digits, `.`, `_` or `-`.
    #[error("{name:?} is not a valid user name (1 to 64 letters, digits, '.', '_' or '-')")]
    InvalidName { name: String },
    /// `write-token` and `cli` name the actors of the write token and the command line.
    #[error("the user name {name:?} is reserved")]
    ReservedName { name: String },
    #[error("the password is too short: at least {min} characters")]
    WeakPassword { min: usize },
    #[error("the password is too long: at most {max} bytes")]
    PasswordTooLong { max: usize },
    #[error("{given:?} is not a role (reader, staff or admin)")]
    InvalidRole { given: String },
    #[error("a token label is at most {max} characters, without control characters")]
    InvalidLabel { max: usize },
    /// A backup never overwrites a file.
    #[error("{} already exists: choose a new file", path.display())]
    BackupTargetExists { path: PathBuf },
    /// Hashing or verifying with Argon2 failed (not a wrong password: a malformed stored hash,
    /// or no randomness from the operating system for a salt).
    #[error("Argon2 hashing failed")]
    Hash {
        #[source]
        source: argon2::password_hash::Error,
    },
    /// The operating system gave no random bytes (for a token).
    #[error("no random bytes from the operating system")]
    Random {
        #[source]
        source: getrandom::Error,
    },
    /// A value read from the database is not what this version wrote (a corrupt database).
    #[error("the accounts database holds an unexpected value: {what}")]
    Corrupt { what: String },
}

impl From<argon2::password_hash::Error> for AccountsError {
    fn from(source: argon2::password_hash::Error) -> Self {
        AccountsError::Hash { source }
    }
}

impl AccountsError {
    /// The error and its causes on one line (`a: b: c`), for a CLI message or a log.
    pub fn detail(&self) -> String {
        let mut text = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            text.push_str(": ");
            text.push_str(&c.to_string());
            cause = c.source();
        }
        text
    }
}
