//! The `vitrine` command: parses the command line and runs what it asks for.

use clap::Parser;
use std::process::ExitCode;
use vitrine::config::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VITRINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        // Under systemd the output goes to the journal: no colour codes there.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
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
