//! `obligo explain RULE`: everything obligo knows about a rule, from its policy file.

use obligo::exit::Exit;
use obligo::rules::params::ParamDef;
use obligo::rules::{Rule, RuleSet};
use obligo::suggest;

use crate::args::ExplainArgs;

pub fn run(args: ExplainArgs) -> Exit {
    let set = match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => set,
        Err(errors) => {
            return crate::eprint_policy_errors(&errors);
        }
    };
    match set.get(&args.rule) {
        Some(rule) => {
            if crate::print(&explain(rule, &set.params)) {
                Exit::Clean
            } else {
                Exit::Error
            }
        }
        None => {
            let hint = suggest::closest(&args.rule, set.rules.iter().map(|r| r.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "`obligo rules` lists them".into());
            crate::fail::error_with_help(
                obligo::problem::codes::USAGE_UNKNOWN_RULE,
                format!("unknown rule `{}`", args.rule),
                hint,
            )
        }
    }
}

/// The explanation of one rule as plain text.
pub fn explain(rule: &Rule, params: &[ParamDef]) -> String {
    let mut out = format!("{} ({})\n{}\n\n", rule.id, rule.severity, rule.title);
    out.push_str(&format!("Clause\n  {}\n\n", rule.clause));
    out.push_str(&format!(
        "Binds\n  the {}; applies to {}:\n{}\n\n",
        rule.binds,
        rule.applies_to,
        indent(&wrap(rule.applies_to.description(), 2 * COLUMN))
    ));
    match (&rule.quote, &rule.summary) {
        (Some(quote), Some(summary)) => {
            out.push_str(&side_by_side(
                ("Contract text (nl)", &format!("“{quote}”")),
                ("Summary (en)", summary),
                COLUMN,
            ));
            out.push('\n');
        }
        (quote, summary) => {
            if let Some(quote) = quote {
                out.push_str(&format!(
                    "Contract text (nl)\n{}\n\n",
                    indent(&wrap(&format!("“{quote}”"), 2 * COLUMN))
                ));
            }
            if let Some(summary) = summary {
                out.push_str(&format!(
                    "Summary (en)\n{}\n\n",
                    indent(&wrap(summary, 2 * COLUMN))
                ));
            }
        }
    }
    if !rule.docs.is_empty() {
        // The header comment's `## Heading` sections become titled, indented blocks.
        for line in rule.docs.lines() {
            match line.strip_prefix("## ") {
                Some(heading) => out.push_str(heading),
                None if line.is_empty() => {}
                None => {
                    out.push_str("  ");
                    out.push_str(line);
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "How to fix\n{}\n\n",
        indent(&wrap(&rule.remediation, 2 * COLUMN))
    ));
    if !rule.params.is_empty() {
        out.push_str("Parameters (set in obligo.toml [params])\n");
        for name in &rule.params {
            match params.iter().find(|p| &p.name == name) {
                Some(p) => out.push_str(&format!(
                    "  {name} = {} (default): {}\n",
                    p.default.display(),
                    p.description
                )),
                None => out.push_str(&format!("  {name}\n")),
            }
        }
        out.push('\n');
    }
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

/// Width of each column when the quote and the summary are shown side by side.
const COLUMN: usize = 46;

/// Two titled texts in columns, wrapped at `width` characters each.
fn side_by_side(left: (&str, &str), right: (&str, &str), width: usize) -> String {
    let left_lines = wrap(left.1, width);
    let right_lines = wrap(right.1, width);
    let left_lines: Vec<&str> = std::iter::once(left.0).chain(left_lines.lines()).collect();
    let right_lines: Vec<&str> = std::iter::once(right.0)
        .chain(right_lines.lines())
        .collect();
    let rows = left_lines.len().max(right_lines.len());
    let mut out = String::new();
    for row in 0..rows {
        let l = left_lines.get(row).copied().unwrap_or("");
        let r = right_lines.get(row).copied().unwrap_or("");
        let pad = width.saturating_sub(l.chars().count());
        let line = format!("  {l}{}  │ {r}", " ".repeat(pad));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("een twee drie vier", 9), "een twee\ndrie vier");
    }

    #[test]
    fn columns_line_up() {
        let text = side_by_side(("nl", "een twee drie"), ("en", "one"), 8);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "  nl        │ en");
        assert_eq!(lines[1], "  een twee  │ one");
        assert_eq!(lines[2], "  drie      │");
    }
}
