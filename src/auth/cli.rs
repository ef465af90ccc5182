//! `vitrine passwd` and `vitrine token`: set the password and make API tokens over SSH.

use super::password::{check_new_password, hash_blocking, PasswordProblem, MAX_PASSWORD_CHARS};
use super::tokens::{clean_label, create_token};
use super::MIN_PASSWORD_CHARS;
use crate::store::Secrets;
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
fn read_new_password() -> Result<(String, String), String> {
    if io::stdin().is_terminal() {
        eprintln!(
            "New admin password ({MIN_PASSWORD_CHARS} characters at least; nothing shows while you type)."
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

/// Sets or resets the admin password; a running server ends its sessions at their next request.
pub fn passwd_command(dir: &Path) -> Result<(), String> {
    let (password, again) = read_new_password()?;
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
    Secrets::new(dir)
        .set_password_hash(&phc)
        .map_err(|e| write_hint(dir, &e))?;
    println!(
        "Admin password saved in {}. Log in at http://<this machine>:8080/admin; \
         every open admin session has been ended.",
        dir.display()
    );
    Ok(())
}

/// Creates an API token and prints it, once.
pub fn token_command(dir: &Path, label: &str) -> Result<(), String> {
    let label = clean_label(label)
        .ok_or("give the token a name of 1 to 40 characters, e.g. `vitrine token backup-script`")?;
    let token = create_token(&Secrets::new(dir), &label).map_err(|e| {
        if crate::store::is_damaged(&e) {
            format!(
                "{e}: nothing was changed. Repair it in the admin area (page /admin/tokens, \
                 \"Start a new token list\"), or move the file away, then try again"
            )
        } else {
            write_hint(dir, &e)
        }
    })?;
    eprintln!("API token \"{label}\" created. Copy it now: it is shown only this once.");
    eprintln!("Use it as: curl -H 'Authorization: Bearer <token>' …/api/content");
    eprintln!("Revoke it in the admin area, page /admin/tokens.");
    println!("{token}");
    Ok(())
}
