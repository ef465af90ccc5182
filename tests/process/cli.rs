//! `vitrine passwd` and `vitrine token` from a shell, including against a running server.

use crate::common;

use common::binary::{request, start, start_with_env, vitrine};
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn passwd(data: &Path, stdin: &str) -> Output {
    passwd_of(data, &[], stdin)
}

/// `vitrine passwd [ARGS] --data DATA` with `stdin` typed in.
fn passwd_of(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = vitrine()
        .arg("passwd")
        .args(args)
        .arg("--data")
        .arg(data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refusal may come before the child reads its input: a closed pipe is then no error.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn passwd_reads_stdin_checks_and_saves_a_private_argon2id_hash() {
    let data = tempfile::tempdir().unwrap();
    let secrets = vitrine::store::Secrets::new(data.path());
    let accounts = vitrine::store::Accounts::new(data.path());
    vitrine::auth::ensure_setup_code(&secrets, &accounts).unwrap();

    let short = passwd(data.path(), "court\ncourt\n");
    assert!(!short.status.success());
    assert!(stderr(&short).contains("at least 10"), "{}", stderr(&short));
    let differ = passwd(
        data.path(),
        "une phrase assez longue\nune autre phrase longue\n",
    );
    assert!(!differ.status.success());
    assert!(stderr(&differ).contains("differ"), "{}", stderr(&differ));
    assert!(accounts.is_empty().unwrap(), "nothing saved on a refusal");

    // On a new install, with no name: the first account, an admin named "admin".
    let ok = passwd(
        data.path(),
        "une phrase assez longue\nune phrase assez longue\n",
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let list = accounts.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "admin");
    assert_eq!(list[0].role, vitrine::store::Role::Admin);
    let hash = list[0].password.clone().unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("une phrase"));
    assert_eq!(
        secrets.setup_code().unwrap(),
        None,
        "the setup code is retired"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.path().join("accounts.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn passwd_sets_the_password_of_the_named_account_and_asks_which_when_several() {
    let data = tempfile::tempdir().unwrap();
    let accounts = vitrine::store::Accounts::new(data.path());
    let first = "une phrase assez longue";
    let out = passwd_of(data.path(), &["Maite"], &format!("{first}\n"));
    assert!(out.status.success(), "{}", stderr(&out));
    let out = passwd_of(data.path(), &["Jon"], &format!("{first}\n"));
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = accounts
        .list()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Maite", "Jon"]);
    // Several accounts and no name: which one is asked for, nothing changes.
    let before = accounts.list().unwrap();
    let which = passwd(data.path(), "une autre phrase longue\n");
    assert!(!which.status.success());
    assert!(
        stderr(&which).contains("vitrine passwd Maite") && stderr(&which).contains("Jon"),
        "{}",
        stderr(&which)
    );
    assert_eq!(accounts.list().unwrap(), before);
    // A reset changes that account only, and re-enables it if it was disabled.
    accounts.set_disabled("Jon", true).unwrap();
    let out = passwd_of(data.path(), &["jon"], "une autre phrase longue\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let after = accounts.list().unwrap();
    assert_eq!(after[0], before[0], "Maite's account untouched");
    assert_ne!(after[1].password, before[1].password);
    assert!(!after[1].disabled);
}

#[test]
fn passwd_help_lists_only_what_it_reads() {
    let out = vitrine().args(["passwd", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--data") && help.contains("[NAME]"), "{help}");
    assert!(
        !help.contains("--listen") && !help.contains("--admin-from"),
        "{help}"
    );
}

#[test]
fn token_prints_a_token_once_and_stores_only_its_hash() {
    let data = tempfile::tempdir().unwrap();
    let out = vitrine()
        .args(["token", "sauvegarde", "--data"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let secrets = vitrine::store::Secrets::new(data.path());
    let stored = std::fs::read_to_string(data.path().join("api-tokens.json")).unwrap();
    assert!(!stored.contains(&token));
    assert_eq!(
        vitrine::auth::tokens::verify_token(&secrets, &[], &token)
            .unwrap()
            .map(|holder| holder.label)
            .as_deref(),
        Some("sauvegarde")
    );
    let empty = vitrine()
        .args(["token", "  ", "--data"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(!empty.status.success());
    assert!(stderr(&empty).contains("1 to 40"), "{}", stderr(&empty));
}

#[test]
fn passwd_on_a_running_server_ends_its_sessions() {
    let data = tempfile::tempdir().unwrap();
    let server = start(data.path());
    let code = std::fs::read_to_string(data.path().join("setup-code"))
        .expect("setup code written at start");
    assert!(!code.trim().is_empty());

    let first = "une phrase assez longue";
    assert!(passwd(data.path(), &format!("{first}\n{first}\n"))
        .status
        .success());
    assert!(!data.path().join("setup-code").exists());

    let origin = format!("http://{}", server.addr);
    let login = |password: &str| {
        let body =
            serde_urlencoded::to_string([("name", "admin"), ("password", password)]).unwrap();
        request(
            server.addr,
            "POST",
            "/admin/login",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &origin),
            ],
            body.as_bytes(),
        )
        .unwrap()
    };
    let reply = login(first);
    assert_eq!(reply.status, 303);
    let cookie = reply
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let admin = |cookie: &str| {
        request(server.addr, "GET", "/admin", &[("Cookie", cookie)], b"")
            .unwrap()
            .status
    };
    assert_eq!(admin(&cookie), 200);

    let second = "une toute autre phrase";
    assert!(passwd(data.path(), &format!("{second}\n")).status.success());
    assert_eq!(admin(&cookie), 303, "the old session ended");
    assert_eq!(login(first).status, 401);
    assert_eq!(login(second).status, 303);
}

#[test]
fn the_real_server_checks_admin_from_against_the_peer_address() {
    let data = tempfile::tempdir().unwrap();
    let allowed = start_with_env(data.path(), &[("VITRINE_ADMIN_FROM", "127.0.0.0/8")]);
    let login = request(allowed.addr, "GET", "/admin/login", &[], b"").unwrap();
    assert_eq!(login.status, 200, "loopback is in the list");
    drop(allowed);

    let elsewhere = start_with_env(data.path(), &[("VITRINE_ADMIN_FROM", "10.0.0.0/8")]);
    let forwarded = [("X-Forwarded-For", "10.1.2.3")];
    let refused = request(elsewhere.addr, "GET", "/admin/login", &forwarded, b"").unwrap();
    assert_eq!(refused.status, 403);
    assert!(String::from_utf8_lossy(&refused.body).contains("--admin-from"));
    let display = request(elsewhere.addr, "GET", "/", &[], b"").unwrap();
    assert_eq!(display.status, 200, "the display stays public");
}
