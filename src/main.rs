//! `maillage`: the command-line entry point of the Maillage service (load, validate, query,
//! export, generate). The only place that reads configuration (flags and `MAILLAGE_*`
//! environment variables) and the only user of `anyhow`.

mod accounts;
mod analytics;
mod backup;
mod cli;
mod commands;
mod generate;
mod history;
mod output;
mod serve;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
