//! Throttling of failed sign-ins: after [`Throttle::MAX_FAILURES`] failures for one account or
//! from one address within [`Throttle::WINDOW`], further attempts for that account or from that
//! address are refused (429 with `Retry-After`) until the oldest failure leaves the window — on
//! the sign-in form and on `POST /api/v1/session` alike. A successful sign-in clears the
//! account's failures (not the address's: one address guessing many accounts stays throttled).
//!
//! The counts live in memory: a restart forgets them, which costs an attacker a restart of the
//! server they cannot cause.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Recent failed sign-ins, per account name and per client address.
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(String),
}

impl Throttle {
    /// Failures allowed within the window.
    pub const MAX_FAILURES: usize = 10;
    /// The window: 15 minutes.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    /// `Some(wait)` when an attempt for `account` from `address` must be refused now.
    pub fn blocked(&self, account: &str, address: &str, now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        [key_account(account), Key::Address(address.to_owned())]
            .into_iter()
            .filter_map(|key| {
                let list = failures.get_mut(&key)?;
                prune(list, now);
                (list.len() >= Self::MAX_FAILURES)
                    .then(|| {
                        list.front()
                            .map(|oldest| Self::WINDOW - now.duration_since(*oldest))
                    })
                    .flatten()
            })
            .max()
    }

    /// Records a failed attempt for `account` from `address`.
    pub fn failed(&self, account: &str, address: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for key in [key_account(account), Key::Address(address.to_owned())] {
            let list = failures.entry(key).or_default();
            prune(list, now);
            list.push_back(now);
        }
        // Forget keys whose failures are all out of the window, so the map stays small.
        if failures.len() > 10_000 {
            failures.retain(|_, list| {
                prune(list, now);
                !list.is_empty()
            });
        }
    }

    /// Clears the account's failures after a successful sign-in.
    pub fn succeeded(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&key_account(account));
    }
}

/// Account names are compared as the accounts database does: exactly, but without case
/// tricks (`Alice` and `alice` share one count).
fn key_account(account: &str) -> Key {
    Key::Account(account.trim().to_lowercase())
}

fn prune(list: &mut VecDeque<Instant>, now: Instant) {
    while list
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Throttle::WINDOW)
    {
        list.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_block_the_account_and_the_address_until_the_window_passes() {
        let throttle = Throttle::default();
        let start = Instant::now();
        for i in 0..Throttle::MAX_FAILURES {
            assert_eq!(
                throttle.blocked("alice", "10.0.0.1", start),
                None,
                "attempt {i}"
            );
            throttle.failed("alice", "10.0.0.1", start + Duration::from_secs(i as u64));
        }
        let now = start + Duration::from_secs(60);
        let wait = throttle
            .blocked("alice", "10.0.0.9", now)
            .expect("account blocked");
        assert_eq!(wait, Throttle::WINDOW - Duration::from_secs(60));
        assert!(
            throttle.blocked("ALICE", "10.0.0.9", now).is_some(),
            "same account"
        );
        assert!(
            throttle.blocked("bob", "10.0.0.1", now).is_some(),
            "same address"
        );
        assert_eq!(
            throttle.blocked("bob", "10.0.0.2", now),
            None,
            "others are free"
        );
        // Once the oldest failure leaves the window, one more attempt is allowed.
        let later = start + Throttle::WINDOW + Duration::from_millis(1);
        assert_eq!(throttle.blocked("alice", "10.0.0.9", later), None);
    }

    #[test]
    fn a_success_clears_the_account_but_not_the_address() {
        let throttle = Throttle::default();
        let now = Instant::now();
        for _ in 0..Throttle::MAX_FAILURES {
            throttle.failed("alice", "10.0.0.1", now);
        }
        throttle.succeeded("alice");
        assert_eq!(throttle.blocked("alice", "10.0.0.2", now), None);
        assert!(throttle.blocked("alice", "10.0.0.1", now).is_some());
    }
}
