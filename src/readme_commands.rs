//! The README's commands parse as this binary's command line: each `responsekit …` and
//! `cargo run --release -- …` command of a `sh` code block goes through the clap definitions `main`
//! uses, so a subcommand or flag renamed without the README fails `cargo test`, naming the
//! README line. Running the commands is `tests/scripts/readme-check.sh`'s job (cargo cannot run
//! inside a test: the build lock); both find the commands with `tests/scripts/readme-commands.awk`.

use crate::cli::Cli;
use clap::error::ErrorKind;
use clap::Parser;

/// Every command line of the `sh` code blocks of `markdown`, with the line it starts on, as
/// `tests/scripts/readme-commands.awk` finds them: the rule of which lines are commands is the
/// one `readme-check.sh` runs by, written once (blank lines and comments skipped, a line ending
/// in `\` joined with the next).
fn sh_commands(markdown: &str) -> Vec<(usize, String)> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scripts/readme-commands.awk"
    );
    let mut awk = Command::new("awk")
        .args(["-f", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("awk runs");
    awk.stdin
        .take()
        .expect("awk's input")
        .write_all(markdown.as_bytes())
        .expect("awk reads the README");
    let out = awk.wait_with_output().expect("awk finishes");
    assert!(out.status.success(), "{script} failed");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|row| {
            let mut fields = row.splitn(3, '\t');
            let (_block, line, command) = (fields.next(), fields.next(), fields.next());
            let line = line
                .and_then(|l| l.parse().ok())
                .expect("BLOCK<TAB>LINE<TAB>COMMAND");
            (line, command.unwrap_or_default().to_owned())
        })
        .collect()
}

/// The arguments a command passes to `responsekit` (its name first), or `None` when it runs
/// something else: the words up to the first redirection, pipe or list operator.
fn responsekit_args(command: &str) -> Option<Vec<String>> {
    let words = shlex::split(command)?;
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .take_while(|w| !w.starts_with(['>', '<', '|', '&', ';']))
        .collect();
    let (["responsekit", ref rest @ ..] | ["cargo", "run", "--release", "--", ref rest @ ..]) =
        words[..]
    else {
        return None;
    };
    Some(
        std::iter::once("responsekit")
            .chain(rest.iter().copied())
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn every_readme_command_parses_as_the_cli() {
    let readme = include_str!("../README.md");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (line, command) in sh_commands(readme) {
        let Some(args) = responsekit_args(&command) else {
            continue;
        };
        checked += 1;
        if let Err(e) = Cli::try_parse_from(&args) {
            if !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let message = e.to_string();
                wrong.push(format!(
                    "README.md:{line}: {command}\n  {}",
                    message.lines().next().unwrap_or_default()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The README's build, --help, respond and new examples at least: a change in how commands
    // are found must not leave nothing to check.
    assert!(
        checked >= 5,
        "only {checked} README commands found to check"
    );
}

#[test]
fn commands_are_read_from_sh_blocks_only() {
    let markdown =
        "```sh\nresponsekit build   # all\n\n# a comment\nresponsekit check \\\n  -q\n```\n\n\
                    ```text\nresponsekit <command>\n```\n\n```sh\necho $EDITOR > x\n```\n";
    assert_eq!(
        sh_commands(markdown),
        [
            (2, "responsekit build   # all".to_owned()),
            (5, "responsekit check    -q".to_owned()),
            (14, "echo $EDITOR > x".to_owned()),
        ]
    );
    assert_eq!(
        responsekit_args("cargo run --release -- respond --example > incoming.yaml # start"),
        Some(vec![
            "responsekit".into(),
            "respond".into(),
            "--example".into()
        ])
    );
    assert_eq!(responsekit_args("SCREENSHOTS=/tmp/s bash x.sh"), None);
}
