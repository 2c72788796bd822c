//! `AccountsSessionStore`: tower-sessions' records kept in the accounts database
//! (`maillage_accounts`), beside the store, so that sessions survive a restart and `maillage
//! user remove` signs a user out at once, even from another process.
//!
//! A record is saved as JSON of its data and expiry only — never its id: the database keys
//! sessions by the SHA-256 of the id (see [`Accounts::save_session_for`]), so a copy of the
//! file gives no cookie to replay. When the record's data has a string under `"user"` (the
//! signed-in user's name), it is saved as the session's user, which
//! [`Accounts::delete_sessions_of`] and [`Accounts::remove_user`] go by.

use std::collections::HashMap;

use maillage_accounts::{Accounts, AccountsError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// The key of a session's data that names its signed-in user.
pub const USER_KEY: &str = "user";

/// How many fresh ids `create` draws before giving up (a collision of two random 128-bit ids
/// is not expected to happen even once).
const CREATE_ATTEMPTS: usize = 8;

/// The session store of `maillage serve`: a handle on the accounts database.
#[derive(Clone, Debug)]
pub struct AccountsSessionStore(pub Accounts);

/// What is saved of a record: everything but its id.
#[derive(Serialize, Deserialize)]
struct Saved {
    data: HashMap<String, serde_json::Value>,
    #[serde(with = "time::serde::timestamp")]
    expiry_date: OffsetDateTime,
}

fn user_of(record: &Record) -> Option<String> {
    record
        .data
        .get(USER_KEY)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    serde_json::to_vec(&Saved {
        data: record.data.clone(),
        expiry_date: record.expiry_date,
    })
    .map_err(|e| session_store::Error::Encode(e.to_string()))
}

/// Runs a blocking call on the accounts database off the async threads.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, AccountsError> + Send + 'static,
) -> session_store::Result<T> {
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|e| session_store::Error::Backend(e.to_string()))?
        .map_err(|e| session_store::Error::Backend(e.detail()))
}

#[async_trait::async_trait]
impl SessionStore for AccountsSessionStore {
    /// Saves a new record, drawing a new id while the one given is taken.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let bytes = encode(record)?;
        let user = user_of(record);
        let expires = record.expiry_date.unix_timestamp();
        for _ in 0..CREATE_ATTEMPTS {
            let accounts = self.0.clone();
            let id = record.id.to_string();
            let (bytes, user) = (bytes.clone(), user.clone());
            let inserted =
                blocking(move || accounts.insert_session(&id, user.as_deref(), &bytes, expires))
                    .await?;
            if inserted {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(session_store::Error::Backend(format!(
            "no free session id after {CREATE_ATTEMPTS} attempts"
        )))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let bytes = encode(record)?;
        let user = user_of(record);
        let expires = record.expiry_date.unix_timestamp();
        let id = record.id.to_string();
        let accounts = self.0.clone();
        blocking(move || accounts.save_session_for(&id, user.as_deref(), &bytes, expires)).await
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let id = *session_id;
        let accounts = self.0.clone();
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let Some(bytes) = blocking(move || accounts.load_session(&id.to_string(), now)).await?
        else {
            return Ok(None);
        };
        let saved: Saved = serde_json::from_slice(&bytes)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id,
            data: saved.data,
            expiry_date: saved.expiry_date,
        }))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        let id = session_id.to_string();
        let accounts = self.0.clone();
        blocking(move || accounts.delete_session(&id)).await
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for AccountsSessionStore {
    /// Deletes the expired records (for `continuously_delete_expired`).
    async fn delete_expired(&self) -> session_store::Result<()> {
        let accounts = self.0.clone();
        let now = OffsetDateTime::now_utc().unix_timestamp();
        blocking(move || accounts.delete_expired_sessions(now).map(|_| ())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(user: Option<&str>, expires_in: time::Duration) -> Record {
        let mut data = HashMap::new();
        if let Some(user) = user {
            data.insert(USER_KEY.to_owned(), serde_json::json!(user));
        }
        data.insert("csrf".to_owned(), serde_json::json!("abc"));
        Record {
            id: Id::default(),
            data,
            expiry_date: OffsetDateTime::now_utc() + expires_in,
        }
    }

    #[tokio::test]
    async fn records_round_trip_by_id_until_they_expire_or_their_user_is_signed_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let accounts = Accounts::open(dir.path()).expect("opens");
        let store = AccountsSessionStore(accounts.clone());

        let mut signed_in = record(Some("alice"), time::Duration::hours(1));
        store.create(&mut signed_in).await.expect("created");
        let loaded = store
            .load(&signed_in.id)
            .await
            .expect("loads")
            .expect("found");
        assert_eq!(loaded.id, signed_in.id);
        assert_eq!(loaded.data, signed_in.data);
        assert_eq!(
            loaded.expiry_date.unix_timestamp(),
            signed_in.expiry_date.unix_timestamp()
        );

        // `create` with an id already taken draws another one and keeps the first record.
        let mut clash = record(None, time::Duration::hours(1));
        clash.id = signed_in.id;
        store.create(&mut clash).await.expect("created");
        assert_ne!(clash.id, signed_in.id);
        let first = store.load(&signed_in.id).await.expect("loads");
        assert_eq!(first.map(|r| r.data), Some(signed_in.data.clone()));

        // The id is not in the file (only its hash is).
        store.save(&signed_in).await.expect("saved");
        let bytes = std::fs::read(accounts.path().expect("on disk")).expect("read");
        let wal = std::fs::read(dir.path().join("accounts.sqlite3-wal")).unwrap_or_default();
        let id = signed_in.id.to_string();
        for file in [&bytes, &wal] {
            assert!(!String::from_utf8_lossy(file).contains(&id));
        }

        // The user column comes from the record's "user": signing alice out everywhere.
        accounts.delete_sessions_of("alice").expect("deleted");
        assert!(store.load(&signed_in.id).await.expect("loads").is_none());
        assert!(store.load(&clash.id).await.expect("loads").is_some());

        store.delete(&clash.id).await.expect("deleted");
        assert!(store.load(&clash.id).await.expect("loads").is_none());

        // Expired records are not loaded, and the deletion task removes them.
        let mut expired = record(Some("bob"), time::Duration::seconds(-1));
        store.save(&expired).await.expect("saved");
        assert!(store.load(&expired.id).await.expect("loads").is_none());
        expired.id = Id::default();
        store.save(&expired).await.expect("saved");
        store.delete_expired().await.expect("deleted");
        assert_eq!(accounts.delete_expired_sessions(i64::MAX).expect("ok"), 0);
    }
}
