//! API tokens: made once (only their hash is kept) and checked for the API. A token made in
//! the admin area belongs to the account that made it, and works only while that account is
//! an enabled admin with a password: disabled, reset or made a volunteer, it stops at once.

use crate::store::{same_name, Account, Role, Secrets, StoredToken};
use sha2::{Digest, Sha256};

/// Every token starts with this, so a leaked one is easy to recognise in a log or a repo.
const PREFIX: &str = "vitrine_";

fn hash_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token name: one line, 1 to 40 characters.
pub fn clean_label(label: &str) -> Option<String> {
    let label = label.trim();
    let n = label.chars().count();
    ((1..=40).contains(&n) && !label.chars().any(char::is_control)).then(|| label.to_owned())
}

/// Makes a token, stores its hash, and returns the token itself (to be shown once).
/// `by` is the account that asks for it (`None` on the command line).
pub fn create_token(secrets: &Secrets, label: &str, by: Option<&str>) -> std::io::Result<String> {
    let token = format!("{PREFIX}{}", super::session::random_token(32));
    secrets.add_token(StoredToken {
        id: super::session::random_token(6),
        label: label.to_owned(),
        hash: hash_hex(&token),
        created: chrono::Utc::now(),
        created_by: by.map(str::to_owned),
    })?;
    Ok(token)
}

/// Who writes with a token: the script's label, and the account behind it (`None` for a
/// token made on the server with `vitrine token`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHolder {
    pub label: String,
    pub account: Option<String>,
}

impl TokenHolder {
    /// As the history names it: « Bob, par le script « sauvegarde » ».
    pub fn author(&self) -> String {
        match &self.account {
            Some(account) => format!("{account}, par le script « {} »", self.label),
            None => format!("script « {} » (jeton du serveur)", self.label),
        }
    }
}

/// Whether the account that made a token may still write with it.
pub fn account_allows(accounts: &[Account], name: &str) -> Option<String> {
    accounts
        .iter()
        .find(|a| same_name(&a.name, name))
        .filter(|a| a.role == Role::Admin && !a.disabled && a.password.is_some())
        .map(|a| a.name.clone())
}

/// Who holds the stored token matching `token`, if any and if its account still allows it.
/// Tokens carry 256 random bits, so a plain SHA-256 is enough: there is nothing to
/// brute-force.
pub fn verify_token(
    secrets: &Secrets,
    accounts: &[Account],
    token: &str,
) -> std::io::Result<Option<TokenHolder>> {
    let hash = hash_hex(token.trim());
    let Some(stored) = secrets.tokens()?.into_iter().find(|t| t.hash == hash) else {
        return Ok(None);
    };
    let account = match &stored.created_by {
        Some(name) => match account_allows(accounts, name) {
            Some(account) => Some(account),
            None => return Ok(None),
        },
        None => None,
    };
    Ok(Some(TokenHolder {
        label: stored.label,
        account,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_until_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::new(dir.path());
        let token = create_token(&secrets, "export", Some("Maite")).unwrap();
        assert!(token.starts_with(PREFIX));
        let stored = secrets.tokens().unwrap();
        assert!(!serde_json::to_string(&stored).unwrap().contains(&token));
        let maite = Account {
            name: "Maite".into(),
            role: Role::Admin,
            password: Some("$argon2id$x".into()),
            disabled: false,
            invitation: None,
            created: chrono::Utc::now(),
        };
        let holder = verify_token(&secrets, std::slice::from_ref(&maite), &token)
            .unwrap()
            .unwrap();
        assert_eq!(holder.author(), "Maite, par le script « export »");
        assert_eq!(
            verify_token(&secrets, std::slice::from_ref(&maite), "vitrine_guess").unwrap(),
            None
        );
        // Disabled, reset or made a volunteer: the account's token stops working.
        for changed in [
            Account {
                disabled: true,
                ..maite.clone()
            },
            Account {
                password: None,
                ..maite.clone()
            },
            Account {
                role: Role::Volunteer,
                ..maite.clone()
            },
        ] {
            assert_eq!(verify_token(&secrets, &[changed], &token).unwrap(), None);
        }
        assert_eq!(
            verify_token(&secrets, &[], &token).unwrap(),
            None,
            "deleted"
        );
        secrets.revoke_token(&stored[0].id).unwrap();
        assert_eq!(verify_token(&secrets, &[maite], &token).unwrap(), None);
    }
}
