//! API tokens: made once (only their hash is kept) and checked for the API.

use crate::store::{Secrets, StoredToken};
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

/// The label of the stored token matching `token`, if any. Tokens carry 256 random bits,
/// so a plain SHA-256 is enough: there is nothing to brute-force.
pub fn verify_token(secrets: &Secrets, token: &str) -> std::io::Result<Option<String>> {
    let hash = hash_hex(token.trim());
    Ok(secrets
        .tokens()?
        .into_iter()
        .find(|t| t.hash == hash)
        .map(|t| t.label))
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
        assert_eq!(
            verify_token(&secrets, &token).unwrap().as_deref(),
            Some("export")
        );
        assert_eq!(verify_token(&secrets, "vitrine_guess").unwrap(), None);
        secrets.revoke_token(&stored[0].id).unwrap();
        assert_eq!(verify_token(&secrets, &token).unwrap(), None);
    }
}
