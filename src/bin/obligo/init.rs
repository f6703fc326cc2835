//! `obligo init`: the files a new user starts from. With `--packs`, a commented tenant file
//! holding the facts those packs' rules look at (each pack's `starter.toml`) and an
//! `obligo.toml`; with `--pack NAME`, a custom pack (manifest, one rule, starter facts) with
//! its test cases, which `obligo validate` and `obligo test` accept as written.

use std::path::{Path, PathBuf};

use obligo::exit::Exit;
use obligo::problem::codes;
use obligo::rules::RuleSet;

use crate::args::InitArgs;

/// The skeleton pack's rule, by its name inside the pack.
const SKELETON_RULE: &str = "personal-data-without-anti-malware";

pub fn run(args: InitArgs) -> Exit {
    let set = match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => set,
        Err(errors) => return crate::eprint_policy_errors(&errors),
    };
    let files = match &args.pack {
        Some(name) => match skeleton(&set, name) {
            Ok(files) => files,
            Err(exit) => return exit,
        },
        None => match starter(&set, &args.packs) {
            Ok(files) => files,
            Err(exit) => return exit,
        },
    };
    let files: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|(path, text)| (args.dir.join(path), text))
        .collect();
    if !args.force
        && let Some((path, _)) = files.iter().find(|(path, _)| path.exists())
    {
        return crate::fail::error_with_help(
            codes::USAGE_EXISTS,
            format!("`{}` exists; nothing was written", path.display()),
            "pass `--force` to overwrite it, or name another directory",
        );
    }
    for (path, text) in &files {
        if let Err(error) = write(path, text) {
            return crate::fail::error(
                codes::OUTPUT_INIT,
                format!("cannot write `{}`: {error}", path.display()),
            );
        }
    }
    let mut text: String = files
        .iter()
        .map(|(path, _)| format!("wrote {}\n", path.display()))
        .collect();
    text.push_str(&next_steps(&args));
    crate::written(crate::print(&text))
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// What to run next, with the paths just written.
fn next_steps(args: &InitArgs) -> String {
    let dir = |path: &str| args.dir.join(path).display().to_string();
    match &args.pack {
        Some(name) => format!(
            "\nnext:\n  obligo validate --policies {policies}\n  \
             obligo test {cases} --policies {policies} --coverage\n  \
             obligo init --packs {name} --policies {policies} <DIR>\n",
            policies = dir("policies"),
            cases = dir("tests/rules"),
        ),
        None => {
            let policies = args
                .policies
                .as_ref()
                .map(|p| format!(" --policies {}", p.display()))
                .unwrap_or_default();
            format!(
                "\nnext: edit {tenant}, then\n  obligo check {tenant}{policies}\n",
                tenant = dir("tenant.toml"),
            )
        }
    }
}

/// `tenant.toml` and `obligo.toml` for `packs`.
fn starter(set: &RuleSet, packs: &[String]) -> Result<Vec<(PathBuf, String)>, Exit> {
    let mut packs: Vec<&str> = packs.iter().map(|p| p.trim()).collect();
    let mut seen = std::collections::BTreeSet::new();
    packs.retain(|p| seen.insert(*p));
    if let Some(exit) = packs
        .iter()
        .find_map(|pack| crate::rules::unknown_pack(set, pack))
    {
        return Err(exit);
    }
    let contracts = packs
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut tenant = include_str!("init/tenant-head.toml")
        .replace(
            "{packs}",
            &format!(
                "the pack{} {}",
                if packs.len() == 1 { "" } else { "s" },
                packs.join(", ")
            ),
        )
        .replace("{file}", "tenant.toml")
        .replace("{contracts}", &contracts);
    for pack in &packs {
        tenant.push('\n');
        match set.pack(pack).and_then(|p| p.starter.as_deref()) {
            Some(starter) => tenant.push_str(starter),
            None => tenant.push_str(&format!(
                "# Pack `{pack}` has no starter facts; `obligo rules --pack {pack}` lists what its \
                 rules check.\n"
            )),
        }
    }
    Ok(vec![
        ("tenant.toml".into(), tenant),
        (
            "obligo.toml".into(),
            include_str!("init/obligo.toml").to_owned(),
        ),
    ])
}

/// A custom pack `name` under `policies/`, and its cases under `tests/rules/`.
fn skeleton(set: &RuleSet, name: &str) -> Result<Vec<(PathBuf, String)>, Exit> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid || name == "obligo" {
        return Err(crate::fail::error_with_help(
            codes::USAGE_PACK_NAME,
            format!("`{name}` is not a valid pack id"),
            "a pack id starts with a lowercase letter and holds lowercase letters, digits and \
             hyphens, e.g. `acme-security`",
        ));
    }
    if set.pack(name).is_some() {
        return Err(crate::fail::error_with_help(
            codes::USAGE_PACK_NAME,
            format!("`{name}` is a pack obligo already has"),
            "to change one of its rules, put a file with the rule's id under `--policies`; a new \
             pack needs a name of its own",
        ));
    }
    let title = format!("{name} policy");
    let fill = |template: &str| template.replace("{pack}", name).replace("{title}", &title);
    let pack = PathBuf::from("policies").join(name);
    let cases = PathBuf::from("tests/rules").join(name).join(SKELETON_RULE);
    Ok(vec![
        (pack.join("pack.toml"), fill(include_str!("init/pack.toml"))),
        (
            pack.join(format!("{SKELETON_RULE}.cedar")),
            fill(include_str!("init/rule.cedar")),
        ),
        (
            pack.join("starter.toml"),
            fill(include_str!("init/starter.toml")),
        ),
        (
            cases.join("pass.toml"),
            fill(include_str!("init/pass.toml")),
        ),
        (
            cases.join("fail.toml"),
            fill(include_str!("init/fail.toml")),
        ),
    ])
}
