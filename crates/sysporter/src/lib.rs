//! sysporter's command-line definition, as a library: [`Cli`], the clap
//! parser of its flags, which the `sysporter` program (`main.rs`) runs and
//! from which [`command`] renders the man page (`examples/manpage.rs`, run
//! by `cargo xtask dist`), so that the two never disagree.

mod cli;

pub use cli::{Cli, Driver, FileCodec, Mode};

/// The clap command `sysporter` parses its arguments with: every flag, its
/// help and the long description, as `sysporter --help` shows them.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    /// clap's own consistency checks of the definition (conflicting short
    /// flags, `requires` naming a missing argument, ...), which otherwise
    /// run only when a debug build parses.
    #[test]
    fn the_command_is_consistent() {
        super::command().debug_assert();
    }
}
