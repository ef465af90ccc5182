//! `vitrine passwd` and `vitrine token`: set an account's password and make API tokens over SSH.

use super::password::{check_new_password, hash_blocking, PasswordProblem, MAX_PASSWORD_CHARS};
use super::tokens::{clean_label, create_token};
use super::MIN_PASSWORD_CHARS;
use crate::store::{clean_name, Account, AccountError, Accounts, Role, Secrets, UPGRADED_ACCOUNT};
use std::io::{self, IsTerminal, Read};
use std::path::Path;

fn write_hint(dir: &Path, e: &io::Error) -> String {
    let hint = if e.kind() == io::ErrorKind::PermissionDenied {
        " (run it as the user the service runs as, e.g. `sudo -u vitrine vitrine passwd --data /var/lib/vitrine`, or with sudo)"
    } else {
        ""
    };
    format!(
        "cannot write in the data folder {}: {e}{hint}",
        dir.display()
    )
}

/// Reads the new password twice: hidden from a terminal, or as one or two lines of stdin.
fn read_new_password(name: &str) -> Result<(String, String), String> {
    if io::stdin().is_terminal() {
        eprintln!(
            "New password of the account \"{name}\" ({MIN_PASSWORD_CHARS} characters at least; nothing shows while you type)."
        );
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Same again: ").map_err(|e| e.to_string())?;
        return Ok((first, again));
    }
    let mut input = String::new();
    io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let mut lines = input.lines();
    let first = lines.next().unwrap_or_default().to_owned();
    // A second line, when given, must confirm the first.
    let again = lines
        .next()
        .filter(|l| !l.is_empty())
        .map_or_else(|| first.clone(), str::to_owned);
    Ok((first, again))
}

/// The account `vitrine passwd` is about: the one named, else the only one, else (on a new
/// install) the first admin account, named [`UPGRADED_ACCOUNT`].
fn target(accounts: &Accounts, name: Option<&str>) -> Result<String, String> {
    if let Some(name) = name {
        return clean_name(name)
            .ok_or_else(|| "give an account name of 1 to 40 characters, on one line".to_owned());
    }
    let list = accounts
        .list()
        .map_err(|e| format!("cannot read the accounts: {e}"))?;
    match list.as_slice() {
        [] => Ok(UPGRADED_ACCOUNT.to_owned()),
        [only] => Ok(only.name.clone()),
        several => Err(format!(
            "there are several accounts: name the one whose password to set, e.g. \
             `vitrine passwd {}` (accounts: {})",
            several[0].name,
            several
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Sets or resets the password of an account, creating it (as an admin) if it does not exist;
/// a running server ends that account's sessions at their next request.
pub fn passwd_command(dir: &Path, name: Option<&str>) -> Result<(), String> {
    let accounts = Accounts::new(dir);
    accounts
        .upgrade_single_password()
        .map_err(|e| write_hint(dir, &e))?;
    let name = target(&accounts, name)?;
    let (password, again) = read_new_password(&name)?;
    check_new_password(&password, &again).map_err(|p| match p {
        PasswordProblem::TooShort(n) => format!(
            "password too short ({n} characters): type at least {MIN_PASSWORD_CHARS}; \
             customers may share the shop's network"
        ),
        PasswordProblem::TooLong => {
            format!("password too long: {MAX_PASSWORD_CHARS} characters at most")
        }
        PasswordProblem::Differ => "the two passwords differ: nothing was changed".to_owned(),
    })?;
    let phc = hash_blocking(&password).map_err(|e| format!("cannot hash the password: {e}"))?;
    let refused = |e: AccountError| match e {
        AccountError::Io(e) => write_hint(dir, &e),
        other => format!("cannot save the account \"{name}\": {other}"),
    };
    let created = match accounts.set_password(&name, &phc) {
        Ok(account) => {
            if account.disabled {
                accounts.set_disabled(&name, false).map_err(refused)?;
            }
            false
        }
        Err(AccountError::Unknown) => {
            accounts
                .create(Account {
                    name: name.clone(),
                    role: Role::Admin,
                    password: Some(phc),
                    disabled: false,
                    invitation: None,
                    created: chrono::Utc::now(),
                })
                .map_err(refused)?;
            true
        }
        Err(e) => return Err(refused(e)),
    };
    Secrets::new(dir)
        .remove_setup_code()
        .map_err(|e| write_hint(dir, &e))?;
    if created {
        println!("Admin account \"{name}\" created in {}.", dir.display());
    } else {
        println!(
            "Password of \"{name}\" saved in {}; its open sessions have been ended.",
            dir.display()
        );
    }
    println!("Log in at http://<this machine>:8080/admin with the name \"{name}\".");
    Ok(())
}

/// Creates an API token and prints it, once.
pub fn token_command(dir: &Path, label: &str) -> Result<(), String> {
    let label = clean_label(label)
        .ok_or("give the token a name of 1 to 40 characters, e.g. `vitrine token backup-script`")?;
    let token = create_token(&Secrets::new(dir), &label, None).map_err(|e| write_hint(dir, &e))?;
    eprintln!("API token \"{label}\" created. Copy it now: it is shown only this once.");
    eprintln!("Use it as: curl -H 'Authorization: Bearer <token>' …/api/content");
    eprintln!("Revoke it in the admin area, page /admin/tokens.");
    println!("{token}");
    Ok(())
}
