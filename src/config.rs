//! Command line and `VITRINE_*` environment: parsed by clap, then checked into a `Config`.

use crate::auth::AccessList;
use crate::host::HostList;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the Debian package's service keeps its data (systemd `StateDirectory=vitrine`).
pub const INSTALLED_DATA_DIR: &str = "/var/lib/vitrine";

/// The screen beside the till: shows the community QR code, the groups and tips,
/// and lets volunteers change them from a laptop at http://<this machine>:8080/admin
#[derive(Debug, Parser)]
#[command(name = "vitrine", version = crate::version::describe(), max_term_width = 100)]
pub struct Cli {
    /// Folder for the content, pictures and accounts [default: $STATE_DIRECTORY, else ./data]
    #[arg(long, env = "VITRINE_DATA", value_name = "FOLDER", global = true)]
    pub data: Option<PathBuf>,

    /// How to serve when no command is given.
    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The flags of the server, and only of the server: `passwd` and `token` do not read them.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to serve on; 0.0.0.0 means every network of this machine
    #[arg(
        long,
        env = "VITRINE_LISTEN",
        default_value = "0.0.0.0:8080",
        value_name = "ADDRESS:PORT",
        value_parser = parse_listen
    )]
    pub listen: SocketAddr,

    /// Networks allowed to reach /admin and to change content through the API, comma-separated
    /// (e.g. 192.168.1.0/24,127.0.0.1); others get 403 [default: every network]
    #[arg(
        long,
        env = "VITRINE_ADMIN_FROM",
        value_name = "NETWORKS",
        value_parser = parse_access_list
    )]
    pub admin_from: Option<AccessList>,

    /// Host names the admin area answers to, besides IP addresses, localhost and *.local names,
    /// comma-separated (e.g. ecran.otsokop.org); others get 421 (against DNS rebinding)
    #[arg(
        long = "host",
        env = "VITRINE_HOSTS",
        value_name = "NAMES",
        value_parser = parse_host_list
    )]
    pub hosts: Option<HostList>,

    /// Where the Raspberry Pi's health is read (its sysfs and procfs): / on the Pi; another
    /// folder to see the dashboard's warnings from a copy [default: /]
    #[arg(long, env = "VITRINE_SYSTEM_ROOT", value_name = "FOLDER", hide = true)]
    pub system_root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the display and the admin area (what happens with no command)
    Serve(ServeArgs),
    /// Set or reset the password of an account, creating it as an admin if it does not exist
    /// (typed twice, or read from standard input)
    Passwd {
        /// The account's name [default: the only account; on a new install, "admin"]
        name: Option<String>,
    },
    /// Create an API token for scripts; it is printed once, only its hash is kept
    Token {
        /// What the token is for, shown in the admin area's list (e.g. backup-script)
        label: String,
    },
}

fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    s.trim().parse().map_err(|_| {
        "write an IP address and a port, like 0.0.0.0:8080 (every network) or \
         127.0.0.1:8080 (this machine only)"
            .to_owned()
    })
}

fn parse_access_list(s: &str) -> Result<AccessList, String> {
    s.parse()
}

fn parse_host_list(s: &str) -> Result<HostList, String> {
    s.parse()
}

/// The checked settings the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub admin_from: AccessList,
    pub hosts: HostList,
    /// Where the Pi's health is read (`--system-root`).
    pub system_root: PathBuf,
}

impl Cli {
    /// Resolves defaults that depend on the environment systemd gives us; the server's
    /// flags are those after `serve`, or before any command.
    pub fn config(&self) -> Config {
        let serve = match &self.command {
            Some(Command::Serve(args)) => args,
            _ => &self.serve,
        };
        Config {
            listen: serve.listen,
            data_dir: self.data_dir(),
            admin_from: serve.admin_from.clone().unwrap_or_default(),
            hosts: serve.hosts.clone().unwrap_or_default(),
            system_root: serve.system_root.clone().unwrap_or_else(|| "/".into()),
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.data.clone().unwrap_or_else(default_data_dir)
    }

    /// The data folder for `passwd` and `token`, typed over SSH where systemd's
    /// `$STATE_DIRECTORY` is unset: the installed service's folder when it exists and no
    /// `./data` does, so `sudo vitrine passwd` on the Pi sets the password the service uses.
    pub fn admin_data_dir(&self) -> PathBuf {
        if self.data.is_some() || std::env::var_os("STATE_DIRECTORY").is_some() {
            return self.data_dir();
        }
        let installed = Path::new(INSTALLED_DATA_DIR);
        if installed.is_dir() && !Path::new("data").exists() {
            installed.to_owned()
        } else {
            PathBuf::from("data")
        }
    }
}

/// `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`; first entry if several), else `./data`.
fn default_data_dir() -> PathBuf {
    std::env::var_os("STATE_DIRECTORY")
        .and_then(|v| {
            v.to_str()
                .and_then(|s| s.split(':').next().map(PathBuf::from))
        })
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("data"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn with_no_flag_it_listens_on_every_network_on_port_8080() {
        let command = Cli::command();
        let listen = command
            .get_arguments()
            .find(|a| a.get_id() == "listen")
            .expect("a --listen flag");
        assert_eq!(listen.get_default_values(), ["0.0.0.0:8080"]);
        assert_eq!(
            listen.get_env(),
            Some(std::ffi::OsStr::new("VITRINE_LISTEN"))
        );
    }

    #[test]
    fn bad_listen_address_is_a_clear_error() {
        for typed in ["nonsense", "localhost:8080", "8080"] {
            let err = Cli::try_parse_from(["vitrine", "--listen", typed])
                .unwrap_err()
                .to_string();
            assert!(err.contains("--listen") && err.contains(typed), "{err}");
            assert!(
                err.contains("like 0.0.0.0:8080"),
                "says what to write: {err}"
            );
        }
    }

    #[test]
    fn flags_override_defaults() {
        let cli =
            Cli::try_parse_from(["vitrine", "--listen", "127.0.0.1:9000", "--data", "/tmp/x"])
                .unwrap();
        let config = cli.config();
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(config.admin_from, AccessList::everyone());
    }

    #[test]
    fn a_bad_admin_network_is_a_clear_error() {
        let err = Cli::try_parse_from(["vitrine", "--admin-from", "192.168.1.0/24,nope"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--admin-from") && err.contains("nope"),
            "{err}"
        );
        let ok = Cli::try_parse_from(["vitrine", "--admin-from", "192.168.1.0/24, ::1"]).unwrap();
        assert_eq!(ok.config().admin_from.0.len(), 2);
        let ok = Cli::try_parse_from(["vitrine", "serve", "--admin-from", "::1"]).unwrap();
        assert_eq!(ok.config().admin_from.0.len(), 1);
    }

    #[test]
    fn passwd_takes_only_what_it_reads() {
        let mut command = Cli::command();
        // Global flags reach the subcommands when the command is built, as for a real run.
        command.build();
        let passwd = command
            .find_subcommand_mut("passwd")
            .expect("a passwd command");
        let help = passwd.render_long_help().to_string();
        assert!(help.contains("--data") && help.contains("[NAME]"), "{help}");
        for flag in ["--listen", "--admin-from"] {
            assert!(!help.contains(flag), "passwd does not read {flag}: {help}");
        }
        let err = Cli::try_parse_from(["vitrine", "passwd", "--listen", "127.0.0.1:1"]);
        assert!(err.is_err(), "a flag passwd ignores is refused");
        let cli = Cli::try_parse_from(["vitrine", "passwd", "Maite", "--data", "/tmp/x"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Passwd { name: Some(ref n) }) if n == "Maite"));
    }
}
