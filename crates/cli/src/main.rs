//! `factdesk`: the desk from the command line. A stable contract for newsroom scripts: `--json`
//! prints machine-readable objects (snake_case keys, as the Rust fields are named), errors go to
//! stderr, and the exit code is non-zero on any failure.

/// `println!` for the CLI's results: see `output::write_out`.
macro_rules! outln {
    () => {
        $crate::output::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for the CLI's results: see `output::write_out`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!($($arg)*))
    };
}

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
