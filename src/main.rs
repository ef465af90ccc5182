//! The `vitrine` command: parses the command line and runs what it asks for.

use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use vitrine::config::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::registry()
        .with(log_filter())
        .with(
            tracing_subscriber::fmt::layer()
                .with_target(false)
                // Under systemd the output goes to the journal: no colour codes there.
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout())),
        )
        .init();
    let config = cli.config();
    let result = match &cli.command {
        None | Some(Command::Serve(_)) => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| {
                rt.block_on(vitrine::server::run(config))
                    .map_err(|e| e.to_string())
            }),
        Some(Command::Passwd { name }) => {
            vitrine::auth::passwd_command(&cli.admin_data_dir(), name.as_deref())
        }
        Some(Command::Token { label }) => {
            vitrine::auth::token_command(&cli.admin_data_dir(), label)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("vitrine: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `VITRINE_LOG`: a level (`debug`, `warn`, …) or `target=level` pairs separated by commas
/// (`vitrine=debug,hyper=warn`); `info` when unset. A value that does not parse is said on
/// stderr and `info` is used: a typo in a unit file must not keep the screen from starting.
fn log_filter() -> Targets {
    let fallback = || Targets::new().with_default(tracing::Level::INFO);
    match std::env::var("VITRINE_LOG") {
        Err(_) => fallback(),
        Ok(value) => value.parse().unwrap_or_else(|e| {
            eprintln!("VITRINE_LOG={value:?} is not a log filter ({e}): using info");
            fallback()
        }),
    }
}
