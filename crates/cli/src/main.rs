//! `factdesk`: the desk from the command line. A stable contract for newsroom scripts: `--json`
//! prints machine-readable objects (snake_case keys, as the Rust fields are named), errors go to
//! stderr, and the exit code is non-zero on any failure.

mod args;
mod output;
mod run;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let json = cli.json;
    match run::run(cli) {
        Ok(code) => code,
        Err(e) => {
            output::error(json, &e);
            ExitCode::from(2)
        }
    }
}
