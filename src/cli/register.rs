//! The `register` command's flags: the register file (`--register`), shared with `respond`,
//! and each `register` action's arguments.

use super::{keys, lang_parser, parse_date};
use clap::{Args, Subcommand};
use responsekit::config::values::IsoDate;
use responsekit::config::Role;
use responsekit::document::Lang;
use responsekit::register::{CustodyEvent, Outcome, DELIVERIES, ITEMS, KINDS};
use std::path::PathBuf;

/// `--register PATH`: the register file.
#[derive(Debug, Args)]
pub(crate) struct RegisterFile {
    /// The register (created on first use, readable by you only).
    #[arg(long = "register", value_name = "PATH", default_value = responsekit::register::DEFAULT_FILE)]
    pub(crate) path: PathBuf,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RegisterAction {
    /// Record a request handled outside `respond` (a phone call, a walk-in). Takes no name,
    /// birth date or address.
    #[command(after_help = "Example:
  responsekit register add -j us/ca/alameda --received-by sheriff --received 2026-11-20 \\
      --kind detainer --delivered fax --form I-247A --requested release_date,hold")]
    Add {
        #[command(flatten)]
        register: RegisterFile,
        /// The jurisdiction tree, read for the notices the jurisdiction's law requires.
        #[arg(
            long = "jurisdictions",
            value_name = "DIR",
            default_value = "jurisdictions"
        )]
        tree: PathBuf,
        /// The jurisdiction that received it, e.g. `us/ca/alameda`.
        #[arg(long, short = 'j', value_name = "ID")]
        jurisdiction: String,
        /// The agency (role) that received it.
        #[arg(long, value_name = "ROLE", value_parser = keys(Role::ALL.iter().map(|r| r.key())))]
        received_by: String,
        /// The day it arrived, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        received: IsoDate,
        /// What it is.
        #[arg(long, value_name = "KIND", value_parser = keys(KINDS.iter().copied()))]
        kind: String,
        /// What it asks for (comma-separated).
        #[arg(long, required = true, value_delimiter = ',', value_name = "ITEM", value_parser = keys(ITEMS.iter().copied()))]
        requested: Vec<String>,
        /// How it arrived.
        #[arg(long, value_name = "HOW", value_parser = keys(DELIVERIES.iter().copied()))]
        delivered: Option<String>,
        /// The form as printed, e.g. `I-247A`.
        #[arg(long, value_name = "FORM")]
        form: Option<String>,
        /// The office that issued it (not the officer's name).
        #[arg(long, value_name = "OFFICE")]
        office: Option<String>,
        /// The date it demands an answer by, YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        return_date: Option<IsoDate>,
        /// The booking or case number.
        #[arg(long, value_name = "NUMBER")]
        booking: Option<String>,
        /// The person is a juvenile.
        #[arg(long)]
        juvenile: bool,
        /// Record it this many times (for tests of concurrent writers).
        #[arg(long, hide = true, default_value_t = 1)]
        repeat: u32,
    },
    /// List the open requests, the earliest return date first; warns for each past its return
    /// date and for each notice its law requires that is not marked sent.
    #[command(after_help = "Example:
  responsekit register list --register ~/requests/register.sqlite")]
    List {
        #[command(flatten)]
        register: RegisterFile,
        /// The date to count from (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<IsoDate>,
    },
    /// Show everything recorded of one request, with its audit trail.
    #[command(after_help = "Example:
  responsekit register show 3")]
    Show {
        /// The request's number (`register list` shows it).
        id: i64,
        #[command(flatten)]
        register: RegisterFile,
    },
    /// Close a request with what was decided (closing again records the new outcome beside the old).
    #[command(after_help = "Example:
  responsekit register close 3 --outcome interview-with-consent --on 2026-11-25")]
    Close {
        /// The request's number.
        id: i64,
        /// What was decided.
        #[arg(long, value_enum)]
        outcome: Outcome,
        /// The day it was decided (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<IsoDate>,
        #[command(flatten)]
        register: RegisterFile,
    },
    /// Record what happened to the person's custody: bail posted, release, or transfer to
    /// another agency (with the offense that allowed it).
    #[command(after_help = "Examples:
  responsekit register custody 3 --event bail-posted --at 2026-11-21T09:30
  responsekit register custody 3 --event transferred --at 2026-11-22T14:05 \\
      --to \"U.S. Immigration and Customs Enforcement\" --offense \"PC 187\"")]
    Custody {
        /// The request's number.
        id: i64,
        /// What happened.
        #[arg(long, value_enum)]
        event: CustodyEvent,
        /// When, local date and time.
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_local_time)]
        at: String,
        /// The agency the person was transferred to (with `transferred` only; required there).
        #[arg(long, value_name = "AGENCY")]
        to: Option<String>,
        /// The offense that allowed the transfer, e.g. `PC 187` (with `transferred` only).
        #[arg(long, value_name = "TEXT")]
        offense: Option<String>,
        #[command(flatten)]
        register: RegisterFile,
    },
    /// Mark a document of a request as sent (a notice its law requires, the letter, …).
    #[command(after_help = "Example:
  responsekit register sent 3 notice-simultaneous --on 2026-11-21")]
    Sent {
        /// The request's number.
        id: i64,
        /// The document, e.g. `letter-detainer`, `notice-simultaneous` (`register show` lists them).
        document: String,
        /// The language of the copy sent.
        #[arg(long, value_name = "LANG", default_value = "en", value_parser = lang_parser())]
        lang: Lang,
        /// The day it was sent (default: today), YYYY-MM-DD.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<IsoDate>,
        #[command(flatten)]
        register: RegisterFile,
    },
    /// Write every table as CSV and JSON into a new folder (readable by you only).
    #[command(after_help = "Example:
  responsekit register export --out backup-2026-12")]
    Export {
        /// The folder to write: it must not exist yet.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        register: RegisterFile,
    },
    /// Read back an export: adds what the register does not hold (importing twice adds nothing).
    #[command(after_help = "Example:
  responsekit register import backup-2026-12 --register restored.sqlite")]
    Import {
        /// The folder `register export` wrote.
        dir: PathBuf,
        #[command(flatten)]
        register: RegisterFile,
    },
}

/// A `register custody --at`: a real local date and time, `YYYY-MM-DDTHH:MM`.
fn parse_local_time(s: &str) -> Result<String, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(s, &format)
        .map(|_| s.to_string())
        .map_err(|_| {
            format!("`{s}` is not a date and time: write it as YYYY-MM-DDTHH:MM (local time)")
        })
}
