//! The binary's command-line flags, exactly as typed (clap derive), and the library values
//! they stand for. Running the command is [`responsekit::commands`]' job.

use clap::{Args, CommandFactory, Parser, Subcommand};
use responsekit::commands::TreePaths;
use responsekit::config::status::DEFAULT_STALE_DAYS;
use responsekit::config::values::IsoDate;
use responsekit::config::Role;
use responsekit::document::Lang;
use responsekit::export::Format;
use responsekit::kit::Selection;
use std::path::PathBuf;

mod facts;
mod register;
pub(crate) use facts::{FactsAction, FactsArgs, FactsFormat};
pub(crate) use register::{RegisterAction, RegisterFile};

/// Response kits for agencies answering non-binding DHS/ICE requests at release.
///
/// Renders "responsible release" kits — model policies, declination letters for non-binding
/// DHS/ICE requests, notices and handouts — for each jurisdiction of a config tree, in English
/// and Spanish, as DOCX, PDF, HTML and Markdown, and answers one request that arrived
/// (`respond`).
///
/// Every document is model language for review by counsel, not legal advice.
#[derive(Debug, Parser)]
#[command(
    name = "responsekit",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    after_help = "Start with `responsekit check`, then `responsekit build`; `responsekit <command> --help` shows examples."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is done (`build` and `respond`: each file written).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The jurisdiction tree to read.
    #[arg(
        long = "jurisdictions",
        value_name = "DIR",
        default_value = "jurisdictions"
    )]
    pub root: PathBuf,
    /// Use the templates in DIR instead of the shipped set (the tree's own `templates/`
    /// overrides still apply on top).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

impl From<TreeArgs> for TreePaths {
    fn from(args: TreeArgs) -> TreePaths {
        TreePaths {
            root: args.root,
            templates: args.templates,
        }
    }
}

/// What `build --format` can name: a document format, or the zip bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Output {
    Docx,
    Html,
    Md,
    #[cfg(feature = "pdf")]
    Pdf,
    Zip,
}

impl Output {
    /// What `build` makes: the jurisdictions and languages named, and the outputs of `--format`
    /// (with none, everything; with some, the bundles only when `zip` is named).
    pub(crate) fn selection(
        jurisdictions: Vec<String>,
        langs: Vec<Lang>,
        outputs: &[Output],
    ) -> Selection {
        Selection {
            jurisdictions,
            langs,
            formats: outputs.iter().filter_map(|o| o.format()).collect(),
            bundles: outputs.is_empty() || outputs.contains(&Output::Zip),
        }
    }

    /// The document format it names, if it names one.
    fn format(self) -> Option<Format> {
        match self {
            Output::Docx => Some(Format::Docx),
            Output::Html => Some(Format::Html),
            Output::Md => Some(Format::Markdown),
            #[cfg(feature = "pdf")]
            Output::Pdf => Some(Format::Pdf),
            Output::Zip => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the kits: dist/<jurisdiction>/<lang>/<document>.<ext> and dist/manifest.json.
    ///
    /// With no options, builds every jurisdiction in every language and format.
    #[command(after_help = "Examples:
  responsekit build                                   every kit, every format, into dist/
  responsekit build -j us/ca/alameda --format docx,pdf
  responsekit build --lang es --out /tmp/kits --force")]
    Build {
        #[command(flatten)]
        tree: TreeArgs,
        /// Output folder.
        #[arg(long, value_name = "DIR", default_value = "dist")]
        out: PathBuf,
        /// Only this jurisdiction and those under it (e.g. `us/ca`); repeatable.
        #[arg(long = "jurisdiction", short = 'j', value_name = "ID")]
        jurisdictions: Vec<String>,
        /// Only these languages (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "LANG", value_parser = lang_parser())]
        lang: Vec<Lang>,
        /// Only these outputs (comma-separated): document formats, and `zip` for the bundles.
        #[arg(long, value_delimiter = ',', value_name = "FORMAT")]
        format: Vec<Output>,
        /// Rebuild everything, even what did not change; a file edited since the last build
        /// is moved aside to `<name>.edited-<time>.<ext>` first, never lost.
        #[arg(long)]
        force: bool,
        /// Mark on the directory pages every fact not confirmed within this many days.
        #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_STALE_DAYS)]
        stale: u32,
        /// The date to count days from (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date, hide = true)]
        today: Option<IsoDate>,
    },
    /// Check everything without writing: configs, authorities, templates, sources, fill-ins.
    ///
    /// Renders every document in memory (each distinct template set in every format) and
    /// reports every problem at once; exits 1 if any.
    #[command(after_help = "Examples:
  responsekit check
  responsekit check --stale 90 --today 2026-12-01
  responsekit check --format md          quicker: no PDF, DOCX or HTML export
  responsekit check -j us/ca/marin       one county (and what it inherits)")]
    Check {
        #[command(flatten)]
        tree: TreeArgs,
        /// Only this jurisdiction and those under it (e.g. `us/ca`); repeatable.
        #[arg(long = "jurisdiction", short = 'j', value_name = "ID")]
        jurisdictions: Vec<String>,
        /// Only export to these outputs (comma-separated), as for `build`.
        #[arg(long, value_delimiter = ',', value_name = "FORMAT")]
        format: Vec<Output>,
        /// List every authority and fact not confirmed within this many days.
        #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_STALE_DAYS)]
        stale: u32,
        /// The date to count days from (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<IsoDate>,
    },
    /// List jurisdictions (with their inheritance chain), documents and languages.
    #[command(after_help = "Example:
  responsekit list --jurisdictions jurisdictions")]
    List {
        #[command(flatten)]
        tree: TreeArgs,
    },
    /// Create a jurisdiction config under its parent, with every field the parent does not
    /// provide written out as a fill-in.
    #[command(after_help = "Example:
  responsekit new us/wa/spokane      writes jurisdictions/us/wa/spokane/jurisdiction.yaml")]
    New {
        /// The new jurisdiction's id: its parent's id, `/`, and a lowercase name.
        id: String,
        #[command(flatten)]
        tree: TreeArgs,
    },
    /// The facts to fill: every fact declared `unknown` (and, with `--stale`, every one not
    /// verified lately) as a table or a CSV sheet; `facts apply` writes a filled sheet back.
    #[command(after_help = "Examples:
  responsekit facts --unknown
  responsekit facts --unknown --stale 180 -j us/ca --format csv > unknown.csv
  responsekit facts apply unknown.csv --dry-run")]
    Facts(FactsArgs),
    /// Write a starter tree into a new folder: California as shipped, one county of it with
    /// every fact a fill-in, and the JSON Schemas; it builds as it is.
    #[command(after_help = "Example:
  responsekit init my-tree           then: cd my-tree && responsekit check && responsekit build")]
    Init {
        /// The folder to write it into: new, or empty (never written over).
        dir: PathBuf,
    },
    /// Answer one incoming DHS request: the letter, the notices the jurisdiction's law
    /// requires, and a memo for counsel (DOCX, PDF and Markdown, readable by you only).
    ///
    /// `--jurisdiction` and `--request` are required (unless `--example`). An answer is written
    /// only when every fact it needs is known, unless `--draft`. Exits 3, writing no document,
    /// when the request is signed by a judge (with `--draft` too): that may be a court order that
    /// has to be obeyed, and counsel must review it now. Every request is recorded in the
    /// register (`--register`; a draft as a draft), unless `--no-register`.
    #[command(after_help = "Examples:
  responsekit respond --example > incoming.yaml       a request to fill in (keep it out of git:
                                                      it holds a person's name and birth date)
  responsekit respond -j us/ca/alameda --request incoming.yaml
  responsekit respond -j us/ca/alameda --request incoming.yaml --draft
                                                      a draft with the facts still unknown as
                                                      fill-ins, to finish in Word
  responsekit respond -j us/ca/alameda --request incoming.yaml --lang es --out answers")]
    Respond {
        #[command(flatten)]
        tree: TreeArgs,
        /// The jurisdiction that received it, e.g. `us/ca/alameda`.
        #[arg(
            long,
            short = 'j',
            value_name = "ID",
            required_unless_present = "example"
        )]
        jurisdiction: Option<String>,
        /// The request file (YAML); `--example` prints one to start from.
        #[arg(long, value_name = "FILE", required_unless_present = "example")]
        request: Option<PathBuf>,
        /// Languages to write (comma-separated; default: the jurisdiction's).
        #[arg(long, value_delimiter = ',', value_name = "LANG", value_parser = lang_parser())]
        lang: Vec<Lang>,
        /// The folder holding the answers: each is written into a new folder in it, named
        /// from the request's `received` date and a number (e.g. `2026-11-20-01`).
        #[arg(long, value_name = "DIR", default_value = "response")]
        out: PathBuf,
        /// Print a complete example request file and exit.
        #[arg(long)]
        example: bool,
        /// The date to count days from (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<IsoDate>,
        /// Write a draft even while facts are unknown: each one a highlighted fill-in (and a
        /// note), every document marked as a draft not ready to send.
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        register: RegisterFile,
        /// Do not record the request in the register.
        #[arg(long, conflicts_with = "path")]
        no_register: bool,
    },
    /// The request register: every request received, its return date, what was decided and
    /// which documents were prepared (an SQLite file holding no name, birth date or address).
    #[command(after_help = "Examples:
  responsekit register list                           open requests, most urgent first
  responsekit register add -j us/ca/alameda --received-by sheriff --received 2026-11-20 \\
      --kind detainer --requested release_date --return-date 2026-12-04
  responsekit register show 3
  responsekit register sent 3 notice-simultaneous  a notice the law requires, now sent
  responsekit register custody 3 --event released --at 2026-11-21T09:30
  responsekit register close 3 --outcome declined
  responsekit register export --out backup-2026-12   CSV and JSON of every table
  responsekit register import backup-2026-12")]
    Register {
        #[command(subcommand)]
        action: RegisterAction,
    },
    /// Write the annual reports the states' laws ask of an agency, counted from the register:
    /// DOCX, CSV (and PDF), in English and Spanish, into `<out>/<jurisdiction>/<agency>/<lang>/`.
    ///
    /// California: the TRUTH Act forum data and the Values Act report to the DOJ; Illinois: the
    /// 5 ILCS 805/25 report to the Attorney General (with the zero certification); Oregon: a
    /// compilation to check the CJC reports against. Public figures from 1 to 4 print as
    /// "fewer than 5"; the filings print every figure. The folder is written whole, and replaces
    /// only a folder `report` wrote for the same year.
    #[command(after_help = "Examples:
  responsekit report --year 2026                      every jurisdiction the register has requests for
  responsekit report --year 2026 -j us/il/cook        Illinois, even with no requests (the zero certification)
  responsekit report --year 2026 -j us/ca/alameda --register ~/requests/register.sqlite --out ~/requests/reports-2026")]
    Report {
        #[command(flatten)]
        tree: TreeArgs,
        /// The calendar year to report on, e.g. 2026.
        #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(u16).range(2000..=9999))]
        year: u16,
        /// Only this jurisdiction (and those under it); reported even with nothing recorded.
        /// Repeatable.
        #[arg(long = "jurisdiction", short = 'j', value_name = "ID")]
        jurisdictions: Vec<String>,
        /// The agency (role) of each `-j` named.
        #[arg(long, value_name = "ROLE", default_value = "sheriff", value_parser = keys(Role::ALL.iter().map(|r| r.key())))]
        agency: String,
        #[command(flatten)]
        register: RegisterFile,
        /// The reports folder (default: `reports-YYYY`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Open the counsel's desk: a local web interview that answers a request without writing
    /// YAML, the register's open requests, and the annual reports — in a browser on this
    /// computer.
    ///
    /// Listens on 127.0.0.1 only and prints the address to open, with a token that only that
    /// address carries. Nothing typed leaves the computer: answers go into the register and
    /// into the files downloaded. Stop it with Ctrl-C.
    #[command(after_help = "Examples:
  responsekit serve                                 a free port; open the address it prints
  responsekit serve --port 8700 --register ~/requests/register.sqlite")]
    Serve {
        #[command(flatten)]
        tree: TreeArgs,
        #[command(flatten)]
        register: RegisterFile,
        /// The port on 127.0.0.1 (default: a free one).
        #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
        port: Option<u16>,
        /// The date to count from (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date, hide = true)]
        today: Option<IsoDate>,
    },
    /// Write the JSON Schemas (draft-07) of jurisdiction and authority files, for editors.
    #[command(after_help = "Examples:
  responsekit schema                 writes schema/*.json
  responsekit schema --check         exits 1 if schema/ is out of date")]
    Schema {
        /// Folder to write them to.
        #[arg(long, value_name = "DIR", default_value = "schema")]
        out: PathBuf,
        /// Do not write; exit 1 if the files in DIR are not up to date.
        #[arg(long)]
        check: bool,
    },
    /// Print a completion script for a shell, e.g. `responsekit completions bash`.
    #[command(after_help = "Examples:
  responsekit completions bash > ~/.local/share/bash-completion/completions/responsekit
  responsekit completions zsh > ~/.zfunc/_responsekit
  responsekit completions fish > ~/.config/fish/completions/responsekit.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    #[command(after_help = "Examples:
  responsekit man | man -l -
  responsekit man --out man/         writes responsekit.1, responsekit-build.1, …")]
    Man {
        /// Write `responsekit.1` and a page per command into DIR instead of printing.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// One of the words `words` (listed in the help).
pub(crate) fn keys(
    words: impl Iterator<Item = &'static str>,
) -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(words.collect::<Vec<_>>())
}

/// A `--today` date: a wrong one is a bad command line (exit 2), named by clap.
pub(crate) fn parse_date(s: &str) -> Result<IsoDate, String> {
    IsoDate::parse(s).ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD"))
}

/// `--lang`: one of the languages the kit has tables for, listed in the help.
pub(crate) fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Lang::codes())
        .try_map(|code: String| Lang::from_code(&code).ok_or("not a language of the kit"))
}

/// The completion script of `shell` for these flags.
pub(crate) fn completions(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "responsekit", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The manual pages (file name, roff): `responsekit.1`, then `responsekit-<command>.1` for
/// each command.
pub(crate) fn manual_pages() -> Vec<(String, Vec<u8>)> {
    let top = Cli::command();
    let mut pages = vec![("responsekit.1".to_string(), roff(top.clone()))];
    for command in top.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("responsekit-{}", command.get_name());
        pages.push((format!("{name}.1"), roff(command.clone().name(name))));
    }
    pages
}

fn roff(command: clap::Command) -> Vec<u8> {
    let mut page = Vec::new();
    // Rendering into a Vec cannot fail: it only writes to memory.
    let _ = clap_mangen::Man::new(command).render(&mut page);
    page
}
