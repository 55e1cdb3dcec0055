//! The `facts` command's flags: `facts --unknown` (the sheet of facts to fill) and
//! `facts apply FILE` (the filled sheet written back).

use super::{parse_date, TreeArgs};
use clap::{Args, Subcommand};
use responsekit::config::values::IsoDate;
use std::path::PathBuf;

/// `facts`: either `--unknown` or `apply`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct FactsArgs {
    #[command(subcommand)]
    pub(crate) apply: Option<FactsAction>,
    /// List every fact the tree declares `unknown`, once per file and line that declares it.
    #[arg(long, required = true)]
    pub(crate) unknown: bool,
    /// Also list every known fact last verified more than this many days ago.
    #[arg(long, value_name = "DAYS")]
    pub(crate) stale: Option<u32>,
    /// The date to count days from (default: today), YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) today: Option<IsoDate>,
    /// Only this jurisdiction and those under it (e.g. `us/ca`); repeatable.
    #[arg(long = "jurisdiction", short = 'j', value_name = "ID")]
    pub(crate) jurisdictions: Vec<String>,
    /// `table` to read, `csv` for a spreadsheet (with empty `value` and `source` to fill).
    #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
    pub(crate) format: FactsFormat,
    #[command(flatten)]
    pub(crate) tree: TreeArgs,
}

/// How `facts --unknown` prints its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FactsFormat {
    /// A table to read.
    Table,
    /// CSV with a header row.
    Csv,
}

#[derive(Debug, Subcommand)]
pub(crate) enum FactsAction {
    /// Write the values of a filled `facts --unknown --format csv` sheet into the config files
    /// (each with its source and today's date as `verified`), showing the diff first. All or
    /// nothing: any wrong row, or a fact no longer `unknown` where the sheet says, writes none.
    #[command(after_help = "Example:
  responsekit facts apply unknown.csv --dry-run       the diff only
  responsekit facts apply unknown.csv")]
    Apply {
        /// The filled sheet (CSV, as exported, with `value` and `source` filled for some rows).
        file: PathBuf,
        /// Show the diff, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The date written as each value's `verified` (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<IsoDate>,
        #[command(flatten)]
        tree: TreeArgs,
    },
}
