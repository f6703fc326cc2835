//! `obligo explain RULE`: everything obligo knows about a rule, from its policy file.

use obligo::exit::Exit;
use obligo::rules::{Rule, RuleSet};
use obligo::suggest;

use crate::args::ExplainArgs;

pub fn run(args: ExplainArgs) -> Exit {
    let set = match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => set,
        Err(errors) => {
            return crate::eprint_diagnostics(errors.iter().map(|e| e as &dyn miette::Diagnostic));
        }
    };
    match set.get(&args.rule) {
        Some(rule) => {
            crate::print(&explain(rule));
            Exit::Clean
        }
        None => {
            let hint = suggest::closest(&args.rule, set.rules.iter().map(|r| r.id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| "; `obligo rules` lists them".into());
            eprintln!("error: unknown rule `{}`{hint}", args.rule);
            Exit::Error
        }
    }
}

/// The explanation of one rule as plain text.
pub fn explain(rule: &Rule) -> String {
    let mut out = format!("{} ({})\n{}\n\n", rule.id, rule.severity, rule.title);
    out.push_str(&format!("Clause\n  {}\n\n", rule.clause));
    if let Some(quote) = &rule.quote {
        out.push_str(&format!(
            "Contract text (nl)\n{}\n\n",
            indent(&format!("“{quote}”"))
        ));
    }
    if let Some(summary) = &rule.summary {
        out.push_str(&format!("Summary (en)\n{}\n\n", indent(summary)));
    }
    if !rule.docs.is_empty() {
        out.push_str(&rule.docs);
        out.push_str("\n\n");
    }
    out.push_str(&format!("How to fix\n{}\n\n", indent(&rule.remediation)));
    out.push_str(&format!(
        "Policy ({})\n{}",
        rule.file.name(),
        indent(rule.file.text())
    ));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
