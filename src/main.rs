//! The `veille` binary: parse the arguments, run the command, turn its outcome into an exit
//! code (0 all fine, 1 some inputs failed, 2 usage or configuration error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
