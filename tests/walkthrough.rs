//! The walkthrough in docs/writing-rules.md, done exactly as written: in an empty directory,
//! each file block is written to its path, each command is run with the built binary, and
//! its output must hold every line the document shows. A change that breaks a step, or a step
//! edited into something obligo does not do, fails here.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use std::path::Path;

#[allow(
    dead_code,
    reason = "only `obligo_in` of the shared helpers is used here"
)]
mod common;

const DOC: &str = "docs/writing-rules.md";
const MARK: &str = "<!-- walkthrough: ";

/// One marked step of the walkthrough.
#[derive(Debug)]
enum Step {
    /// Write the block to this path.
    File(String, String),
    /// Run the command; the exit code it must give.
    Run(String, i32),
    /// The previous command's stdout holds each of these lines.
    Output(Vec<String>),
}

/// The marked steps, in document order: a marker line, then a fenced block.
fn steps(doc: &str) -> Vec<Step> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut steps = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(marker) = line.strip_prefix(MARK).and_then(|m| m.strip_suffix(" -->")) else {
            continue;
        };
        assert!(
            lines[i + 1].starts_with("```"),
            "{DOC}:{}: a marker is followed by a fenced block",
            i + 1
        );
        let block: Vec<String> = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .map(|l| (*l).to_owned())
            .collect();
        let step = if let Some(path) = marker.strip_prefix("file ") {
            Step::File(path.to_owned(), block.join("\n") + "\n")
        } else if let Some(run) = marker.strip_prefix("run") {
            let exit = run
                .strip_prefix(", exit ")
                .map_or(0, |code| code.parse().unwrap());
            assert_eq!(block.len(), 1, "{DOC}:{}: one command per block", i + 1);
            Step::Run(block[0].clone(), exit)
        } else if marker == "output" {
            Step::Output(block)
        } else {
            panic!("{DOC}:{}: unknown marker `{marker}`", i + 1);
        };
        steps.push(step);
    }
    steps
}

fn run(dir: &Path, command: &str) -> (i32, String, String) {
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("obligo"), "{command}");
    common::obligo_in(dir, words)
}

#[test]
fn the_walkthrough_works_as_written() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    let steps = steps(&doc);
    let count = |f: fn(&Step) -> bool| steps.iter().filter(|s| f(s)).count();
    assert!(count(|s| matches!(s, Step::Run(..))) >= 4, "{steps:#?}");
    assert!(count(|s| matches!(s, Step::File(..))) >= 3, "{steps:#?}");
    assert!(count(|s| matches!(s, Step::Output(..))) >= 4, "{steps:#?}");

    let dir = tempfile::tempdir().unwrap();
    let mut last: Option<(String, String)> = None;
    for step in &steps {
        match step {
            Step::File(path, text) => {
                let path = dir.path().join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            Step::Run(command, exit) => {
                let (code, stdout, stderr) = run(dir.path(), command);
                assert_eq!(code, *exit, "`{command}`:\n{stdout}\n{stderr}");
                last = Some((command.clone(), stdout));
            }
            Step::Output(expected) => {
                let (command, stdout) = last.as_ref().expect("an output follows a command");
                for line in expected {
                    assert!(
                        stdout.contains(line.as_str()),
                        "`{command}` does not print\n  {line}\nbut:\n{stdout}"
                    );
                }
            }
        }
    }
}
