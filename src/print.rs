//! How the binary shows a command's [`Report`]: its messages on standard error as `--quiet`
//! and `--verbose` say, its output on standard output (a reader that closed the pipe early
//! ends the program quietly), and a progress bar while a build renders.

use responsekit::commands::build::Watch;
use responsekit::commands::Report;
use std::io::{IsTerminal, Write as _};
use std::sync::OnceLock;

/// Shows reports as the flags say, with the progress bar of a build.
pub(crate) struct Printer {
    /// `--quiet`: only errors and notices.
    quiet: bool,
    /// `--verbose`: details (each file written) too.
    verbose: bool,
    bar: OnceLock<indicatif::ProgressBar>,
}

impl Printer {
    /// A printer for these flags, with no progress bar yet.
    pub(crate) fn new(quiet: bool, verbose: bool) -> Printer {
        Printer {
            quiet,
            verbose,
            bar: OnceLock::new(),
        }
    }

    /// Prints `report`: first what goes to standard error, in order, then its output.
    pub(crate) fn print(&self, report: &Report) {
        for message in &report.messages {
            if message.shown(self.quiet, self.verbose) {
                eprintln!("{message}");
            }
        }
        if !report.stdout.is_empty() {
            print_out(&report.stdout);
        }
    }
}

/// Writes `text` to standard output. A reader that closed the pipe early (`| head`) ends the
/// program quietly with success, as ripgrep does; `println!` would panic.
fn print_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output ({e})");
        std::process::exit(1);
    }
}

impl Watch for Printer {
    fn notice(&self, text: &str) {
        eprintln!("{text}");
    }

    /// A bar over the jurisdictions, only for a person watching: never with --quiet, in CI,
    /// or when standard error is a pipe or a file.
    fn start(&self, jurisdictions: usize) {
        let watched =
            !self.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !watched || jurisdictions < 2 {
            return;
        }
        let bar = indicatif::ProgressBar::new(jurisdictions as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} jurisdictions {wide_bar} {eta}",
        ) {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    fn step(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
