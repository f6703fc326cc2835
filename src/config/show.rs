//! `obligo check --show-settings`: the effective settings of each file as plain text, one
//! block per file, every line in a fixed order, so that two runs can be compared with `diff`.

use std::fmt::Write as _;

use super::settings::Catalog;
use super::tree::FileSettings;

/// The settings of each file, in the order given.
pub fn show_settings(catalog: &Catalog, files: &[(String, FileSettings)]) -> String {
    let mut out = String::new();
    for (i, (name, file)) in files.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        block(&mut out, catalog, name, file);
    }
    out
}

/// Writes `label` and the first line, then the other lines indented below it.
fn field(out: &mut String, label: &str, lines: &[String]) {
    let mut lines = lines.iter();
    let first = lines.next().map_or("none", String::as_str);
    let _ = writeln!(out, "  {label:<16}{first}");
    for line in lines {
        let _ = writeln!(out, "  {:<16}{line}", "");
    }
}

fn block(out: &mut String, catalog: &Catalog, name: &str, file: &FileSettings) {
    let settings = &file.settings;
    let _ = writeln!(out, "{name}");
    field(
        out,
        "config file",
        &[file
            .config
            .clone()
            .unwrap_or_else(|| "none (obligo's defaults)".into())],
    );
    let overrides: Vec<String> = file
        .overrides
        .iter()
        .map(|o| {
            let paths: Vec<String> = o.paths.iter().map(|p| format!("{p:?}")).collect();
            format!("{} paths = [{}]", o.at, paths.join(", "))
        })
        .collect();
    field(out, "overrides", &overrides);
    field(out, "evidence", &[settings.evidence().as_str().to_owned()]);
    let acceptance = settings.acceptance();
    field(
        out,
        "accepted_risk",
        &[format!(
            "warn_within = {}d, max_term = {}d",
            acceptance.warn_within_days, acceptance.max_term_days
        )],
    );
    let mut packs = Vec::new();
    let mut off = Vec::new();
    for pack in catalog.packs() {
        let prefix = format!("{pack}/");
        let rules: Vec<&str> = catalog
            .ids()
            .iter()
            .map(String::as_str)
            .filter(|id| id.starts_with(&prefix))
            .collect();
        let disabled: Vec<&str> = rules
            .iter()
            .copied()
            .filter(|id| settings.is_disabled(id))
            .collect();
        packs.push(format!(
            "{pack}: {} of {} rules on",
            rules.len() - disabled.len(),
            rules.len()
        ));
        if !disabled.is_empty() && disabled.len() == rules.len() {
            off.push(format!("{pack} (the whole pack)"));
        } else if disabled.len() * 2 > rules.len() {
            // Most of the pack is off: name the rules that are on instead.
            let on: Vec<&str> = rules
                .iter()
                .copied()
                .filter(|id| !settings.is_disabled(id))
                .collect();
            off.push(format!("{pack} (all but {})", on.join(", ")));
        } else {
            off.extend(disabled.into_iter().map(str::to_owned));
        }
    }
    field(out, "packs", &packs);
    field(out, "rules off", &off);
    let severities: Vec<String> = catalog
        .rules()
        .filter(|(id, _)| !settings.is_disabled(id))
        .filter_map(|(id, default)| {
            let effective = settings.severity(id, default);
            (effective != default).then(|| format!("{id} = {effective} (default {default})"))
        })
        .collect();
    field(out, "severity", &severities);
    let params: Vec<String> = catalog
        .params()
        .iter()
        .map(|def| {
            let value = settings
                .params()
                .get(&def.name)
                .map_or_else(|| def.default.display(), |v| v.display());
            if value == def.default.display() {
                format!("{} = {value}", def.name)
            } else {
                format!("{} = {value} (default {})", def.name, def.default.display())
            }
        })
        .collect();
    field(out, "params", &params);
}
