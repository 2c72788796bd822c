//! Staff accounts of Maillage: users with a role, their API tokens, and the web sessions.
//!
//! **Invariant: no secret in a graph, only hashes at rest.** Accounts live in their own SQLite
//! database, `DIR/accounts.sqlite3` inside the store directory `DIR` (RocksDB ignores the files
//! it did not create), never in the RDF store: no password hash, token or session can be reached
//! through SPARQL, the Graph Store Protocol, linked data or an export. Passwords are kept as
//! Argon2id PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`, a random salt each), token
//! secrets likewise; the clear token is shown once, when it is created, and never stored.
//! Web sessions are stored under the SHA-256 of their id (the cookie's value), not the id.
//!
//! **Several processes on one file.** `maillage serve` keeps the database open while the CLI
//! adds a user or revokes a token on the same store directory. The database is in SQLite's
//! write-ahead-log mode (readers and one writer at a time, across processes, without blocking
//! each other's reads) with a busy timeout ([`BUSY_TIMEOUT`]): a writer that finds the file
//! locked waits for the other process's transaction instead of failing. Nothing is cached
//! across calls except verified token secrets, and [`Accounts::authenticate_token`] still reads
//! the token's row on every call, so a token revoked by another process stops working at once.
//!
//! Every method blocks (SQLite, and Argon2 hashing — tens of milliseconds by design): call them
//! from `spawn_blocking` in async code. Argon2 runs outside the connection's lock, so hashing
//! for one request never holds up the database for others.

mod error;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub use error::AccountsError;
pub use schema::SCHEMA_VERSION;

/// The accounts database's file name inside a store directory.
pub const FILE_NAME: &str = "accounts.sqlite3";

/// How long a call waits for another connection's (or process's) write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The longest password accepted, in bytes (a bound on the work a sign-in can ask for).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// The longest user name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The longest token label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

/// Names of actors that are not users: the `--write-token` and the command line.
pub const RESERVED_NAMES: [&str; 2] = ["write-token", "cli"];

/// What every token starts with, so that a leaked one is recognisable (and scannable).
pub const TOKEN_PREFIX: &str = "mlg_";

/// Random bytes of a token's secret.
const SECRET_BYTES: usize = 32;

/// Random bytes of a token's id (shown as 16 hexadecimal digits).
const ID_BYTES: usize = 8;

/// What a user may do. Ordered: `Reader < Staff < Admin`, each role may do what the roles
/// below it may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Signed-in reading, the confidential graphs included.
    Reader,
    /// Reading, and editing organisations, projects, notes and imports.
    Staff,
    /// Everything: users, system loads, reverting any change.
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 3] = [Role::Reader, Role::Staff, Role::Admin];

    /// `"reader"`, `"staff"` or `"admin"` (also the database's and the wire's spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = AccountsError;

    /// `reader`, `staff` or `admin`, in any case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| AccountsError::InvalidRole {
                given: s.to_owned(),
            })
    }
}

/// A user, without their password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    /// The name, as spelled when the user was created (names compare without ASCII case).
    pub name: String,
    pub role: Role,
    /// When the user was created, RFC 3339 in UTC (`2025-06-01T14:03:00Z`).
    pub created: String,
}

/// An API token, without its secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// The token's public id (16 hexadecimal digits): the part of the token between
    /// `mlg_` and the next `_`, used to list and revoke it.
    pub id: String,
    /// The user the token acts as.
    pub user: String,
    pub label: Option<String>,
    /// RFC 3339 in UTC.
    pub created: String,
    pub revoked: bool,
}

/// A verified token secret: the stored hash it was checked against, and the SHA-256 of the
/// secret that passed.
#[derive(Clone)]
struct Verified {
    secret_hash: String,
    digest: [u8; 32],
}

/// The accounts database. Cheap to clone (one shared connection behind a mutex), `Send` and
/// `Sync`. Open one per process and share it; other processes may open the same file too.
#[derive(Clone)]
pub struct Accounts {
    conn: Arc<Mutex<Connection>>,
    path: Option<Arc<PathBuf>>,
    /// Token id → the secret last verified for it (see [`Accounts::authenticate_token`]).
    verified: Arc<Mutex<HashMap<String, Verified>>>,
}

impl fmt::Debug for Accounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accounts")
            .field("path", &self.path())
            .finish_non_exhaustive()
    }
}

/// The accounts database's path inside the store directory `store_dir`.
pub fn database_path(store_dir: &Path) -> PathBuf {
    store_dir.join(FILE_NAME)
}

/// Copies the accounts database of the store directory `from` into the store directory `to`
/// (which must not hold one yet) with SQLite's online backup: a consistent copy at one point in
/// time, also while a server is writing to it. The source is opened read-only. Returns
/// `false`, copying nothing, when `from` has no accounts database.
pub fn copy_database(from: &Path, to: &Path) -> Result<bool, AccountsError> {
    let source = database_path(from);
    if !source.is_file() {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(
        &source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    backup_connection(&conn, &database_path(to))?;
    Ok(true)
}

/// The online backup of `conn` into a new file at `target`, all pages in one step: the copy
/// is of one point in time (a step reads under one read transaction, which in WAL mode never
/// waits for writers; copying a few pages at a time would restart whenever another process
/// writes). A step that finds the source locked is retried until [`BUSY_TIMEOUT`].
fn backup_connection(conn: &Connection, target: &Path) -> Result<(), AccountsError> {
    if target.exists() {
        return Err(AccountsError::BackupTargetExists {
            path: target.to_path_buf(),
        });
    }
    create_private_file(target)?;
    let result = (|| {
        let mut copy = Connection::open(target)?;
        let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                rusqlite::backup::StepResult::More => {}
                _ if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => {
                    return Err(AccountsError::Database {
                        source: rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some("the database stayed locked during the backup".to_owned()),
                        ),
                    });
                }
            }
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(target);
    }
    result
}

/// Creates an empty file readable by its owner only (an empty file is an empty SQLite
/// database). SQLite gives its `-wal` and `-shm` files the database file's permissions.
fn create_private_file(path: &Path) -> Result<(), AccountsError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(AccountsError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The current time as RFC 3339 in UTC, to the second.
fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

/// Checks a new user name: 1 to 64 ASCII letters, digits, `.`, `_`, `-`, not reserved.
pub fn check_name(name: &str) -> Result<(), AccountsError> {
    let valid = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return Err(AccountsError::InvalidName {
            name: name.to_owned(),
        });
    }
    if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return Err(AccountsError::ReservedName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters, at most
/// [`MAX_PASSWORD_BYTES`] bytes.
pub fn check_password(password: &str) -> Result<(), AccountsError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountsError::WeakPassword {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(AccountsError::PasswordTooLong {
            max: MAX_PASSWORD_BYTES,
        });
    }
    Ok(())
}

/// The Argon2id PHC string of `secret`, with a fresh random salt and the default parameters
/// (Argon2id v19, m = 19 456 KiB, t = 2, p = 1: OWASP's recommendation).
fn hash_secret(secret: &[u8]) -> Result<String, AccountsError> {
    Ok(Argon2::default().hash_password(secret)?.to_string())
}

/// Whether `secret` matches the PHC string `phc`. A malformed stored hash is an error, not a
/// mismatch.
fn verify_secret(secret: &[u8], phc: &str) -> Result<bool, AccountsError> {
    match Argon2::default().verify_password(secret, phc) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// A hash of a random password, verified against when a sign-in names an unknown user, so that
/// the answer takes the same time as for a known user with a wrong password.
fn dummy_hash() -> Result<&'static str, AccountsError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_secret(&random_bytes::<32>()?)?;
    Ok(DUMMY.get_or_init(|| hash))
}

/// `N` random bytes from the operating system.
fn random_bytes<const N: usize>() -> Result<[u8; N], AccountsError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|source| AccountsError::Random { source })?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A token's id and secret, if `token` has the shape `mlg_<16 hex digits>_<43 base64url>`.
fn parse_token(token: &str) -> Option<(&str, &str)> {
    let rest = token.trim().strip_prefix(TOKEN_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let id_ok = id.len() == ID_BYTES * 2
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let secret_ok = URL_SAFE_NO_PAD
        .decode(secret)
        .is_ok_and(|bytes| bytes.len() == SECRET_BYTES);
    (id_ok && secret_ok).then_some((id, secret))
}

/// The key a session is stored under: the SHA-256 of its id, in hexadecimal. A session id is
/// a bearer secret (the cookie); a copy of the database must not hand it out.
fn session_key(id: &str) -> String {
    hex(&Sha256::digest(id.as_bytes()))
}

fn role_of(text: &str) -> Result<Role, AccountsError> {
    text.parse().map_err(|_| AccountsError::Corrupt {
        what: format!("role {text:?}"),
    })
}

fn user_from_row(name: String, role: String, created: String) -> Result<User, AccountsError> {
    Ok(User {
        name,
        role: role_of(&role)?,
        created,
    })
}

impl Accounts {
    /// Opens the accounts database of the store directory `store_dir`
    /// (`store_dir/accounts.sqlite3`), creating the directory and the file (readable by its
    /// owner only) if missing, and brings its schema up to date. Write-ahead-log mode and a busy
    /// timeout let other processes use the same file at the same time (see the crate's
    /// documentation).
    pub fn open(store_dir: &Path) -> Result<Accounts, AccountsError> {
        std::fs::create_dir_all(store_dir).map_err(|source| AccountsError::Io {
            path: store_dir.to_path_buf(),
            source,
        })?;
        let path = database_path(store_dir);
        create_private_file(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Returns the mode now in force; "wal" unless the file system cannot share memory.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        Accounts::setup(conn, Some(path))
    }

    /// A database in memory, gone when the last clone is dropped (tests).
    pub fn in_memory() -> Result<Accounts, AccountsError> {
        Accounts::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Accounts, AccountsError> {
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn)?;
        Ok(Accounts {
            conn: Arc::new(Mutex::new(conn)),
            path: path.map(Arc::new),
            verified: Arc::default(),
        })
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref().map(PathBuf::as_path)
    }

    /// The connection. A panic while it was held cannot leave SQLite inconsistent (an open
    /// transaction is rolled back when dropped), so a poisoned lock is taken over.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn verified(&self) -> MutexGuard<'_, HashMap<String, Verified>> {
        self.verified.lock().unwrap_or_else(|p| p.into_inner())
    }

    // ---------------------------------------------------------------- users

    /// Adds a user. The name must be valid ([`check_name`]) and new (without regard to ASCII
    /// case), the password at least [`MIN_PASSWORD_CHARS`] characters.
    pub fn add_user(&self, name: &str, role: Role, password: &str) -> Result<User, AccountsError> {
        check_name(name)?;
        check_password(password)?;
        if self.user(name)?.is_some() {
            return Err(AccountsError::UserExists {
                name: name.to_owned(),
            });
        }
        let hash = hash_secret(password.as_bytes())?;
        let user = User {
            name: name.to_owned(),
            role,
            created: now_rfc3339(),
        };
        let inserted = self.conn().execute(
            "INSERT INTO users (name, role, password_hash, created) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO NOTHING",
            params![user.name, role.as_str(), hash, user.created],
        )?;
        if inserted == 0 {
            // Added meanwhile, by another call or process.
            return Err(AccountsError::UserExists {
                name: name.to_owned(),
            });
        }
        Ok(user)
    }

    /// The user called `name` (without regard to ASCII case), if any.
    pub fn user(&self, name: &str) -> Result<Option<User>, AccountsError> {
        let row = self
            .conn()
            .query_row(
                "SELECT name, role, created FROM users WHERE name = ?1",
                [name],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        row.map(|(n, r, c)| user_from_row(n, r, c)).transpose()
    }

    /// Every user, by name.
    pub fn list_users(&self) -> Result<Vec<User>, AccountsError> {
        let conn = self.conn();
        let mut statement =
            conn.prepare("SELECT name, role, created FROM users ORDER BY name COLLATE NOCASE")?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<Vec<(String, String, String)>, _>>()?;
        rows.into_iter()
            .map(|(n, r, c)| user_from_row(n, r, c))
            .collect()
    }

    /// Removes a user with their tokens and sessions, in one transaction.
    pub fn remove_user(&self, name: &str) -> Result<(), AccountsError> {
        let removed_tokens: Vec<String> = {
            let mut conn = self.conn();
            let tx = conn.transaction()?;
            let tokens = {
                let mut statement = tx.prepare("SELECT id FROM tokens WHERE user = ?1")?;
                statement
                    .query_map([name], |row| row.get(0))?
                    .collect::<Result<Vec<String>, _>>()?
            };
            tx.execute("DELETE FROM tokens WHERE user = ?1", [name])?;
            tx.execute("DELETE FROM sessions WHERE user = ?1", [name])?;
            if tx.execute("DELETE FROM users WHERE name = ?1", [name])? == 0 {
                return Err(AccountsError::NoSuchUser {
                    name: name.to_owned(),
                });
            }
            tx.commit()?;
            tokens
        };
        let mut verified = self.verified();
        for id in removed_tokens {
            verified.remove(&id);
        }
        Ok(())
    }

    /// Gives a user a new password. Their sessions and tokens stay valid (call
    /// [`Accounts::delete_sessions_of`] to sign them out everywhere).
    pub fn set_password(&self, name: &str, password: &str) -> Result<(), AccountsError> {
        check_password(password)?;
        if self.user(name)?.is_none() {
            return Err(AccountsError::NoSuchUser {
                name: name.to_owned(),
            });
        }
        let hash = hash_secret(password.as_bytes())?;
        let changed = self.conn().execute(
            "UPDATE users SET password_hash = ?2 WHERE name = ?1",
            params![name, hash],
        )?;
        if changed == 0 {
            return Err(AccountsError::NoSuchUser {
                name: name.to_owned(),
            });
        }
        Ok(())
    }

    /// The user, if `name` and `password` match; `None` for a wrong password or an unknown
    /// name, which costs the same Argon2 verification (against a dummy hash), so the time of
    /// the answer does not tell whether the name exists.
    pub fn verify_password(
        &self,
        name: &str,
        password: &str,
    ) -> Result<Option<User>, AccountsError> {
        if password.len() > MAX_PASSWORD_BYTES {
            // Never stored (check_password refuses it): not worth hashing.
            return Ok(None);
        }
        let row = self
            .conn()
            .query_row(
                "SELECT name, role, created, password_hash FROM users WHERE name = ?1",
                [name],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?;
        match row {
            Some((name, role, created, hash)) => {
                if verify_secret(password.as_bytes(), &hash)? {
                    Ok(Some(user_from_row(name, role, created)?))
                } else {
                    Ok(None)
                }
            }
            None => {
                verify_secret(password.as_bytes(), dummy_hash()?)?;
                Ok(None)
            }
        }
    }

    // --------------------------------------------------------------- tokens

    /// Creates an API token for `user`. Returns its description and the token itself,
    /// `mlg_<id>_<secret>`, to show once: only the Argon2id hash of the secret is stored.
    pub fn create_token(
        &self,
        user: &str,
        label: Option<&str>,
    ) -> Result<(TokenInfo, String), AccountsError> {
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        if let Some(label) = label
            && (label.chars().count() > MAX_LABEL_CHARS || label.chars().any(char::is_control))
        {
            return Err(AccountsError::InvalidLabel {
                max: MAX_LABEL_CHARS,
            });
        }
        let Some(owner) = self.user(user)? else {
            return Err(AccountsError::NoSuchUser {
                name: user.to_owned(),
            });
        };
        let id = hex(&random_bytes::<ID_BYTES>()?);
        let secret = URL_SAFE_NO_PAD.encode(random_bytes::<SECRET_BYTES>()?);
        let secret_hash = hash_secret(secret.as_bytes())?;
        let info = TokenInfo {
            id,
            user: owner.name,
            label: label.map(str::to_owned),
            created: now_rfc3339(),
            revoked: false,
        };
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        // The user may have been removed meanwhile (the foreign key would refuse the insert
        // with a less telling error).
        let exists = tx
            .query_row("SELECT 1 FROM users WHERE name = ?1", [&info.user], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if !exists {
            return Err(AccountsError::NoSuchUser {
                name: user.to_owned(),
            });
        }
        tx.execute(
            "INSERT INTO tokens (id, user, label, secret_hash, created) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![info.id, info.user, info.label, secret_hash, info.created],
        )?;
        tx.commit()?;
        let token = format!("{TOKEN_PREFIX}{}_{secret}", info.id);
        Ok((info, token))
    }

    /// The tokens of `user` (`NoSuchUser` if there is none), or of everyone; revoked ones
    /// included. Oldest first.
    pub fn list_tokens(&self, user: Option<&str>) -> Result<Vec<TokenInfo>, AccountsError> {
        if let Some(name) = user
            && self.user(name)?.is_none()
        {
            return Err(AccountsError::NoSuchUser {
                name: name.to_owned(),
            });
        }
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT id, user, label, created, revoked IS NOT NULL FROM tokens
             WHERE ?1 IS NULL OR user = ?1 ORDER BY created, id",
        )?;
        let tokens = statement
            .query_map([user], |row| {
                Ok(TokenInfo {
                    id: row.get(0)?,
                    user: row.get(1)?,
                    label: row.get(2)?,
                    created: row.get(3)?,
                    revoked: row.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tokens)
    }

    /// Revokes a token: from now on it authenticates no one, in this process and any other on
    /// the same file. Revoking a revoked token does nothing; an unknown id is `NoSuchToken`.
    pub fn revoke_token(&self, id: &str) -> Result<(), AccountsError> {
        let known = {
            let mut conn = self.conn();
            let tx = conn.transaction()?;
            tx.execute(
                "UPDATE tokens SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL",
                params![id, now_rfc3339()],
            )?;
            let known = tx
                .query_row("SELECT 1 FROM tokens WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some();
            tx.commit()?;
            known
        };
        self.verified().remove(id);
        if known {
            Ok(())
        } else {
            Err(AccountsError::NoSuchToken { id: id.to_owned() })
        }
    }

    /// The user a presented token acts as; `None` for a malformed, unknown or revoked token,
    /// a wrong secret, or a token whose user was removed.
    ///
    /// The database is read on every call (the token exists, is not revoked, its user exists),
    /// so revocation is immediate even from another process. Only the Argon2 verification of
    /// the secret is cached: once a secret has passed for a token id, this process keeps the
    /// SHA-256 of that secret (with the stored hash it passed against) and compares later
    /// presentations with it in constant time instead of running Argon2 again.
    pub fn authenticate_token(&self, token: &str) -> Result<Option<User>, AccountsError> {
        let Some((id, secret)) = parse_token(token) else {
            return Ok(None);
        };
        let row = self
            .conn()
            .query_row(
                "SELECT t.secret_hash, u.name, u.role, u.created
                 FROM tokens t JOIN users u ON u.name = t.user
                 WHERE t.id = ?1 AND t.revoked IS NULL",
                [id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((secret_hash, name, role, created)) = row else {
            self.verified().remove(id);
            return Ok(None);
        };
        let digest: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        let cached = self
            .verified()
            .get(id)
            .filter(|v| v.secret_hash == secret_hash)
            .map(|v| bool::from(v.digest.ct_eq(&digest)));
        let valid = match cached {
            Some(true) => true,
            // Another secret passed for this id: this one cannot (one secret per token).
            Some(false) => false,
            None => {
                let valid = verify_secret(secret.as_bytes(), &secret_hash)?;
                if valid {
                    self.verified().insert(
                        id.to_owned(),
                        Verified {
                            secret_hash,
                            digest,
                        },
                    );
                }
                valid
            }
        };
        if valid {
            Ok(Some(user_from_row(name, role, created)?))
        } else {
            Ok(None)
        }
    }

    // ------------------------------------------------------------- sessions

    /// Saves (creates or replaces) the session record `id`, opaque bytes valid until
    /// `expires_unix` (seconds since the Unix epoch), without a user. Same as
    /// [`Accounts::save_session_for`] with `None`.
    pub fn save_session(
        &self,
        id: &str,
        data: &[u8],
        expires_unix: i64,
    ) -> Result<(), AccountsError> {
        self.save_session_for(id, None, data, expires_unix)
    }

    /// Saves (creates or replaces) the session record `id` of `user` (the signed-in user's
    /// name, or `None` for an anonymous session): [`Accounts::delete_sessions_of`] and
    /// [`Accounts::remove_user`] delete a user's sessions by this column. The user need not
    /// exist.
    ///
    /// Sessions are stored under the SHA-256 of their id, never the id itself (a session id is
    /// a bearer secret, like a token): `id` is hashed by every session method.
    pub fn save_session_for(
        &self,
        id: &str,
        user: Option<&str>,
        data: &[u8],
        expires_unix: i64,
    ) -> Result<(), AccountsError> {
        self.conn().execute(
            "INSERT INTO sessions (id, user, data, expires) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE
             SET user = excluded.user, data = excluded.data, expires = excluded.expires",
            params![session_key(id), user, data, expires_unix],
        )?;
        Ok(())
    }

    /// Saves a new session record `id` only if no session has that id: `false` (nothing
    /// written) on a collision, so that the caller can draw another id.
    pub fn insert_session(
        &self,
        id: &str,
        user: Option<&str>,
        data: &[u8],
        expires_unix: i64,
    ) -> Result<bool, AccountsError> {
        let inserted = self.conn().execute(
            "INSERT INTO sessions (id, user, data, expires) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO NOTHING",
            params![session_key(id), user, data, expires_unix],
        )?;
        Ok(inserted == 1)
    }

    /// The session record `id`, unless missing or expired (`expires_unix <= now_unix`; an
    /// expired record found is deleted).
    pub fn load_session(&self, id: &str, now_unix: i64) -> Result<Option<Vec<u8>>, AccountsError> {
        let key = session_key(id);
        let conn = self.conn();
        let row: Option<(Vec<u8>, i64)> = conn
            .query_row(
                "SELECT data, expires FROM sessions WHERE id = ?1",
                [&key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match row {
            Some((data, expires)) if expires > now_unix => Ok(Some(data)),
            Some(_) => {
                conn.execute(
                    "DELETE FROM sessions WHERE id = ?1 AND expires <= ?2",
                    params![key, now_unix],
                )?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Deletes the session record `id` (nothing if there is none).
    pub fn delete_session(&self, id: &str) -> Result<(), AccountsError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE id = ?1", [session_key(id)])?;
        Ok(())
    }

    /// Deletes every session expired at `now_unix`; returns how many.
    pub fn delete_expired_sessions(&self, now_unix: i64) -> Result<u64, AccountsError> {
        let deleted = self
            .conn()
            .execute("DELETE FROM sessions WHERE expires <= ?1", [now_unix])?;
        Ok(deleted as u64)
    }

    /// Deletes every session saved for `user` (signs them out everywhere).
    pub fn delete_sessions_of(&self, user: &str) -> Result<(), AccountsError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE user = ?1", [user])?;
        Ok(())
    }

    // --------------------------------------------------------------- backup

    /// Copies the database into a new file at `path` with SQLite's online backup (a
    /// consistent copy, also while other connections write). An existing file is refused.
    pub fn backup_to(&self, path: &Path) -> Result<(), AccountsError> {
        let conn = self.conn();
        backup_connection(&conn, path)
    }
}
