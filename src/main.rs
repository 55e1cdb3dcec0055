//! The `responsekit` binary: parses flags (`cli`), runs one command (`responsekit::commands`),
//! prints its report (`print`), and maps how it ended to an exit status (0 success, 1 problems
//! found, 2 usage error — clap's —, 3 a request from a court).

mod cli;
mod print;
#[cfg(test)]
mod readme_commands;

use clap::Parser;
use cli::RegisterAction;
use cli::{Cli, Command, Output};
use print::Printer;
use responsekit::build::Rebuild;
use responsekit::commands::{self, Status};
use responsekit::config::status::Freshness;
use responsekit::register::{Custody, NewRequest};
use responsekit::respond::Mode;
use responsekit::values::IsoDate;
use std::process::ExitCode;

// A build allocates and frees millions of small XML and Markdown pieces on every core; glibc's
// allocator spent a fifth of the CPU doing so and kept per-thread arenas of freed memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let printer = Printer::new(cli.quiet, cli.verbose);
    let report = match cli.command {
        Command::Build {
            tree,
            out,
            jurisdictions,
            lang,
            format,
            force,
            stale,
            today,
        } => {
            let rebuild = if force {
                Rebuild::Force
            } else {
                Rebuild::Changed
            };
            let selection = Output::selection(jurisdictions, lang, &format);
            let freshness = Freshness {
                stale_days: stale,
                today: today.unwrap_or_else(IsoDate::today),
            };
            commands::build::run(&tree.into(), &out, &selection, rebuild, freshness, &printer)
        }
        Command::Check {
            tree,
            jurisdictions,
            format,
            stale,
            today,
        } => {
            let selection = Output::selection(jurisdictions, Vec::new(), &format);
            commands::check::run(&tree.into(), &selection, stale, today)
        }
        Command::List { tree } => commands::list::run(&tree.into()),
        Command::Facts(args) => facts(args),
        Command::New { id, tree } => commands::new::run(&tree.root, &id),
        Command::Init { dir } => commands::init::run(&dir),
        Command::Schema { out, check } => commands::schema::run(&out, check),
        // clap requires both the jurisdiction and the request unless --example is given.
        Command::Respond {
            tree,
            jurisdiction: Some(id),
            request: Some(request),
            lang,
            out,
            example: false,
            today,
            draft,
            register,
            no_register,
        } => {
            let mode = if draft { Mode::Draft } else { Mode::Send };
            let keep = commands::respond::Keep {
                out: &out,
                register: (!no_register).then_some(register.path.as_path()),
            };
            commands::respond::run(&tree.into(), &id, &request, &lang, today, mode, &keep)
        }
        Command::Register { action } => register(action),
        Command::Report {
            tree,
            year,
            jurisdictions,
            agency,
            register,
            out,
        } => {
            let out = out.unwrap_or_else(|| format!("reports-{year}").into());
            let options = commands::annual::Options {
                year,
                jurisdictions: &jurisdictions,
                agency: &agency,
                register: &register.path,
                out: &out,
            };
            commands::annual::run(&tree.into(), &options)
        }
        Command::Serve {
            tree,
            register,
            port,
            today,
        } => {
            let options = responsekit::serve::Options {
                tree: tree.into(),
                register: register.path,
                port,
                today,
            };
            match responsekit::serve::bind(options) {
                Ok(server) => {
                    printer.print(&server.started());
                    server.run()
                }
                Err(d) => {
                    let mut report = commands::Report::default();
                    report.problem(&d);
                    report.finish(false)
                }
            }
        }
        Command::Respond { .. } => commands::respond::example(),
        Command::Completions { shell } => commands::generated::print(cli::completions(shell)),
        Command::Man { out: None } => {
            let pages = cli::manual_pages();
            commands::generated::print(String::from_utf8_lossy(&pages[0].1).into_owned())
        }
        Command::Man { out: Some(dir) } => commands::generated::write(&dir, &cli::manual_pages()),
    };
    printer.print(&report);
    match report.status {
        Status::Success => ExitCode::SUCCESS,
        Status::Problems => ExitCode::from(1),
        Status::CourtOrder => ExitCode::from(3),
    }
}

/// Runs one `register` command.
fn facts(args: cli::FactsArgs) -> commands::Report {
    match args.apply {
        Some(cli::FactsAction::Apply {
            file,
            dry_run,
            today,
            tree,
        }) => commands::facts::apply(&tree.into(), &file, dry_run, today),
        None => {
            let list = commands::facts::List {
                jurisdictions: args.jurisdictions,
                stale_days: args.stale,
                today: args.today,
                csv: args.format == cli::FactsFormat::Csv,
            };
            commands::facts::unknown(&args.tree.into(), &list)
        }
    }
}

fn register(action: RegisterAction) -> commands::Report {
    use commands::register;
    match action {
        RegisterAction::Add {
            register: file,
            tree,
            jurisdiction,
            received_by,
            received,
            kind,
            requested,
            delivered,
            form,
            office,
            return_date,
            booking,
            juvenile,
            repeat,
        } => {
            let request = NewRequest {
                jurisdiction,
                received_by,
                received: received.to_string(),
                delivered,
                kind,
                form,
                issuing_office: office,
                requested,
                return_date: return_date.map(|d| d.to_string()),
                booking,
                juvenile,
                recorded_by: "add",
                documents: Vec::new(),
                required: Vec::new(),
            };
            register::add(&file.path, &tree, &request, repeat)
        }
        RegisterAction::List {
            register: file,
            today,
        } => register::list(&file.path, today.unwrap_or_else(IsoDate::today)),
        RegisterAction::Show { id, register: file } => register::show(&file.path, id),
        RegisterAction::Close {
            id,
            outcome,
            on,
            register: file,
        } => register::close(&file.path, id, outcome, on.unwrap_or_else(IsoDate::today)),
        RegisterAction::Custody {
            id,
            event,
            at,
            to,
            offense,
            register: file,
        } => {
            let custody = Custody {
                event,
                at,
                to_agency: to,
                offense,
            };
            register::custody(&file.path, id, &custody)
        }
        RegisterAction::Sent {
            id,
            document,
            lang,
            on,
            register: file,
        } => register::sent(
            &file.path,
            id,
            &document,
            lang.code(),
            on.unwrap_or_else(IsoDate::today),
        ),
        RegisterAction::Export {
            out,
            register: file,
        } => register::export(&file.path, &out),
        RegisterAction::Import {
            dir,
            register: file,
        } => register::import(&file.path, &dir),
    }
}
