//! Where reports go: the `--format` report to stdout, each `--output FORMAT=PATH` report to its
//! file, and the GitHub job summary to `GITHUB_STEP_SUMMARY`. Only the formats asked for are
//! rendered; the renderers themselves do no I/O.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use obligo::check::Report;
use obligo::problem::codes;
use obligo::render::{Format, Input, Settings, markdown};
use obligo::rules::Rule;

use crate::args::OutputSpec;

/// The input of every renderer.
#[derive(Clone, Copy)]
pub struct Reports<'a> {
    /// The findings and problems.
    pub report: &'a Report,
    /// Every rule of the run (SARIF lists them all).
    pub rules: &'a [Arc<Rule>],
    /// The settings for stdout.
    pub settings: &'a Settings,
}

impl Reports<'_> {
    /// Renders one format for stdout.
    pub fn render(&self, format: Format) -> String {
        format.render(&self.input(self.settings))
    }

    fn input<'s>(&'s self, settings: &'s Settings) -> Input<'s> {
        Input {
            report: self.report,
            rules: self.rules,
            settings,
        }
    }

    /// Writes each `--output` report, creating parent directories. Every failure is reported
    /// on stderr; returns whether all were written.
    pub fn write_files(&self, outputs: &[OutputSpec]) -> bool {
        let mut ok = true;
        // A file has no terminal: wrap human output at the default width, not the terminal's,
        // and without colours.
        let files = Settings {
            width: crate::args::DEFAULT_WIDTH,
            color: false,
            ..self.settings.clone()
        };
        for spec in outputs {
            let text = spec.format.render(&self.input(&files));
            if let Err(error) = write_file(&spec.path, &text) {
                not_written(spec, &error);
                ok = false;
            }
        }
        ok
    }

    /// Appends the Markdown job summary to the file named by `GITHUB_STEP_SUMMARY`, when that
    /// variable is set; returns whether that worked (or was not needed).
    pub fn append_step_summary(&self) -> bool {
        let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
            return true;
        };
        let path = Path::new(&path);
        let summary = markdown::job_summary(&self.input(self.settings));
        let appended = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(summary.as_bytes()));
        if let Err(error) = appended {
            crate::fail::error(
                codes::OUTPUT_STEP_SUMMARY,
                format!(
                    "cannot append the job summary to `{}` (GITHUB_STEP_SUMMARY): {error}",
                    path.display()
                ),
            );
            return false;
        }
        true
    }
}

/// Checks that no two `--output` reports go to one file, where the last would silently
/// replace the others.
pub fn distinct_paths(outputs: &[OutputSpec]) -> Result<(), String> {
    for (index, spec) in outputs.iter().enumerate() {
        let target = resolved(&spec.path);
        if let Some(earlier) = outputs[..index]
            .iter()
            .find(|other| resolved(&other.path) == target)
        {
            return Err(format!(
                "`--output {}={}` and `--output {}={}` write to the same file; give each report \
                 its own path",
                earlier.format.name(),
                earlier.path.display(),
                spec.format.name(),
                spec.path.display()
            ));
        }
    }
    Ok(())
}

/// The path a report would be written to, with `.` and `..` resolved and the longest existing
/// ancestor's links resolved (the file and its directories may not exist yet: they are
/// created when the report is written).
fn resolved(path: &Path) -> std::path::PathBuf {
    use std::path::{Component, PathBuf};
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(canonical, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    create(path)?.write_all(text.as_bytes())
}

/// Reports on stderr that the `--output` report `spec` could not be written.
pub fn not_written(spec: &OutputSpec, error: &std::io::Error) {
    crate::fail::error(
        codes::OUTPUT_FILE,
        format!(
            "cannot write the {} report to `{}`: {error}",
            spec.format.name(),
            spec.path.display()
        ),
    );
}

/// Creates (or truncates) the file of a report, and its parent directories.
pub fn create(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::File::create(path)
}
