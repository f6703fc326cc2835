//! `--format markdown`: the security-review report. Totals by contract, severity and tenant; a
//! table of violations per tenant followed by its evidence gaps, one line each; then each
//! violated rule once with its clause, the contract's words and the fix. The GitHub job summary
//! reuses the totals and tables.
//!
//! Both can be held under a size: the job summary always under GitHub's 1 MiB, the report under
//! `--markdown-limit` characters (a pull-request comment holds 65,536). The least important
//! findings are left out first ([`crate::render::truncate`]), with a note under the totals.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::render::review::{self, Review, TenantSection};
use crate::render::truncate::{self, Budget, Limits, Unit};
use crate::render::{Input, Renderer, escape_controls, problem_code, problem_position};
use crate::severity::Severity;

/// The `markdown` format.
#[derive(Debug, Clone, Copy)]
pub struct Markdown;

impl Renderer for Markdown {
    fn render(&self, input: &Input<'_>) -> String {
        let limits = &input.settings.limits;
        let budget = limits.markdown_chars.map(|max| Budget {
            max,
            unit: Unit::Chars,
        });
        within(input, budget, |shown| {
            let review = Review::showing(input.report, shown);
            let now = input.settings.now;
            let mut out = format!("# obligo compliance report — {now}\n\n");
            tables(&mut out, &review, now, 2, budget.map(|b| (b, limits)));
            clauses(&mut out, &review);
            out
        })
    }
}

/// The totals and tables without the clause texts, under a second-level heading: the job
/// summary a GitHub Actions run shows, held under its limit.
pub fn job_summary(input: &Input<'_>) -> String {
    let limits = &input.settings.limits;
    let budget = Budget {
        max: limits.summary_bytes,
        unit: Unit::Bytes,
    };
    within(input, Some(budget), |shown| {
        let review = Review::showing(input.report, shown);
        let now = input.settings.now;
        let mut out = format!("## obligo — evaluated on {now}\n\n");
        tables(&mut out, &review, now, 3, Some((budget, limits)));
        out
    })
}

/// `render` of every finding, or, when a `budget` is set and that does not fit, of the most
/// important findings that fit.
fn within(
    input: &Input<'_>,
    budget: Option<Budget>,
    render: impl Fn(Option<&[bool]>) -> String,
) -> String {
    match budget {
        None => render(None),
        Some(budget) => truncate::fit(
            &input.report.findings,
            budget,
            &input.settings.limits.full_report_pointer(),
            render,
        ),
    }
}

/// The note under the totals of a report that leaves findings out.
fn truncation_note(review: &Review, budget: Budget, limits: &Limits) -> String {
    let left_out = truncate::count(&review.left_out);
    let all = truncate::count(&review.totals);
    let pointer = match &limits.full_report {
        Some(url) => format!(
            "see [the full reports of this run]({})",
            url.replace(' ', "%20")
                .replace('(', "%28")
                .replace(')', "%29")
        ),
        None => "see the full report".to_owned(),
    };
    format!(
        "> **Shortened to fit {}:** {left_out} of {all} findings are left out, the least severe \
         first ({}); the totals count them all. For every finding, {pointer}.\n\n",
        budget.unit.describe(budget.max),
        truncate::breakdown(&review.left_out),
    )
}

/// Totals, one table per tenant and the problems, with headings at `level`; with a budget, the
/// note on what was left out to fit it.
fn tables(
    out: &mut String,
    review: &Review,
    now: Date,
    level: usize,
    budget: Option<(Budget, &Limits)>,
) {
    let h = "#".repeat(level);
    let _ = writeln!(
        out,
        "Evaluated on {now}: {}.\n",
        review::totals_sentence(review)
    );
    if let Some((budget, limits)) = budget
        && truncate::count(&review.left_out) > 0
    {
        out.push_str(&truncation_note(review, budget, limits));
    }
    let problems = &review.report.problems;
    if !problems.is_empty() {
        let _ = writeln!(
            out,
            "**{} prevented a complete check**: the findings below may be incomplete (see \
             [Problems](#problems)).\n",
            crate::render::human::plural(problems.len(), "problem")
        );
    }

    let _ = writeln!(out, "{h} Totals\n");
    out.push_str(
        "| Contract | Errors | Warnings | Infos | Violations | Evidence gaps |\n\
         |---|--:|--:|--:|--:|--:|\n",
    );
    for (pack, totals) in &review.by_pack {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&code(pack)),
            totals.errors,
            totals.warnings,
            totals.infos,
            totals.total(),
            totals.evidence
        );
    }
    let t = review.totals;
    let _ = writeln!(
        out,
        "| **all** | **{}** | **{}** | **{}** | **{}** | **{}** |\n",
        t.errors,
        t.warnings,
        t.infos,
        t.total(),
        t.evidence
    );
    out.push_str("| Severity | Violations |\n|---|--:|\n");
    for severity in Severity::ALL {
        let _ = writeln!(out, "| {severity} | {} |", t.get(severity));
    }
    out.push('\n');
    out.push_str(
        "| Tenant | File | Errors | Warnings | Infos | Violations | Evidence gaps |\n\
         |---|---|--:|--:|--:|--:|--:|\n",
    );
    for tenant in &review.tenants {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&code(tenant.id)),
            cell(&code(tenant.file)),
            tenant.totals.errors,
            tenant.totals.warnings,
            tenant.totals.infos,
            tenant.totals.total(),
            tenant.totals.evidence
        );
    }
    out.push('\n');

    for tenant in &review.tenants {
        let _ = write!(out, "{h} Tenant {}", code(tenant.id));
        if let Some(name) = tenant.name {
            let _ = write!(out, " — {}", prose(&one_line(name)));
        }
        out.push_str("\n\n");
        let _ = write!(out, "File {}", code(tenant.file));
        if !tenant.contracts.is_empty() {
            let packs: Vec<String> = tenant.contracts.iter().map(|c| code(c)).collect();
            let _ = write!(out, " · contracts {}", packs.join(", "));
        }
        let _ = writeln!(
            out,
            " · {} · {}\n",
            crate::render::human::plural(tenant.totals.total(), "violation"),
            crate::render::human::plural(tenant.totals.evidence, "evidence gap")
        );
        let set_aside = tenant.accepted.len() + tenant.baselined.len();
        if tenant.findings.is_empty() && tenant.evidence.is_empty() && set_aside == 0 {
            out.push_str("No findings: every rule of its contracts passes.\n\n");
            continue;
        }
        if tenant.findings.is_empty() {
            out.push_str("No violations.\n\n");
        } else {
            violations(out, tenant);
        }
        evidence(out, tenant, &h);
        accepted(out, tenant, &h);
        baselined(out, tenant, &h);
    }
    problems_table(out, problems, &h);
}

/// A tenant's violations as a table, most severe first.
fn violations(out: &mut String, tenant: &TenantSection) {
    out.push_str(
        "| Severity | Rule | Resource | Location | Clause | Status | Finding |\n\
             |---|---|---|---|---|---|---|\n",
    );
    for f in &tenant.findings {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            f.severity,
            cell(&code(&f.rule.id)),
            cell(&format!("{} {}", f.resource_kind, code(&f.resource))),
            cell(&code(&review::file_line(f))),
            cell(&prose(&f.rule.clause)),
            f.status.as_str(),
            cell(&prose(&f.message)),
        );
    }
    out.push('\n');
}

/// A tenant's evidence gaps, after its violations: one line each, grouped by contract.
fn evidence(out: &mut String, tenant: &TenantSection, h: &str) {
    if tenant.evidence.is_empty() {
        return;
    }
    let _ = writeln!(out, "{h}# Evidence not shown\n");
    for (pack, findings) in &tenant.evidence {
        let _ = writeln!(out, "{}:\n", code(pack));
        for f in findings {
            let _ = writeln!(
                out,
                "- {} {} — {} ({})",
                code(&f.rule.id),
                prose(&one_line(&f.message)),
                prose(&one_line(&f.rule.clause)),
                code(&review::file_line(f)),
            );
        }
        out.push('\n');
    }
}

/// A tenant's accepted risks: what each covers, who accepted it, why, and until when.
fn accepted(out: &mut String, tenant: &TenantSection, h: &str) {
    if tenant.accepted.is_empty() {
        return;
    }
    let _ = writeln!(out, "{h}# Accepted risks\n");
    out.push_str(
        "| Rule | Resource | Location | Accepted by | Reason | Expires | Reference |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for f in &tenant.accepted {
        let Some(a) = &f.acceptance else { continue };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&code(&f.rule.id)),
            cell(&format!("{} {}", f.resource_kind, code(&f.resource))),
            cell(&code(&review::file_line(f))),
            cell(&prose(&one_line(&a.accepted_by))),
            cell(&prose(&one_line(&a.reason))),
            a.expires,
            cell(&a.reference.as_deref().map(code).unwrap_or_default()),
        );
    }
    out.push('\n');
}

/// A tenant's baselined findings, one line each.
fn baselined(out: &mut String, tenant: &TenantSection, h: &str) {
    if tenant.baselined.is_empty() {
        return;
    }
    let _ = writeln!(out, "{h}# Baselined\n");
    for f in &tenant.baselined {
        let _ = writeln!(
            out,
            "- {} {} ({})",
            code(&f.rule.id),
            prose(&one_line(&f.message)),
            code(&review::file_line(f)),
        );
    }
    out.push('\n');
}

fn problems_table(out: &mut String, problems: &[crate::problem::Problem], h: &str) {
    if !problems.is_empty() {
        let _ = writeln!(out, "{h} Problems\n");
        out.push_str("| Location | Code | Problem |\n|---|---|---|\n");
        for problem in problems {
            let location = problem_position(problem)
                .map(|p| code(&p))
                .unwrap_or_default();
            let code_text = code(&problem_code(problem));
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&location),
                cell(&code_text),
                cell(&prose(&problem.to_string()))
            );
        }
        out.push('\n');
    }
}

/// Each violated rule once: clause, the contract's words, the summary and the fix.
fn clauses(out: &mut String, review: &Review) {
    if review.rules.is_empty() {
        return;
    }
    out.push_str("## Clauses\n\n");
    for rule in &review.rules {
        let _ = writeln!(
            out,
            "### {} — {}\n",
            code(&rule.id),
            prose(&one_line(&rule.title))
        );
        let _ = writeln!(out, "**Clause:** {}\n", prose(&one_line(&rule.clause)));
        if let Some(quote) = &rule.quote {
            for line in quote.lines() {
                let _ = writeln!(out, "> {}", prose(line));
            }
            out.push_str(">\n> — contract text (Dutch)\n\n");
        }
        if let Some(summary) = &rule.summary {
            let _ = writeln!(out, "**Summary:** {}\n", prose(&one_line(summary)));
        }
        let _ = writeln!(out, "**Fix:** {}\n", prose(&one_line(&rule.remediation)));
    }
}

/// Text as a code span, with a fence longer than any run of backticks inside it; control
/// characters are made visible.
pub fn code(text: &str) -> String {
    let text = one_line(&escape_controls(text));
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// Prose: `code` spans are kept as they are (Markdown shows their content literally), and
/// outside them the characters Markdown would read as emphasis, links or HTML are
/// backslash-escaped. Spans are paired as CommonMark pairs them, a run of backticks with the
/// next run of the same length, so a backtick inside a value cannot open a span that leaves
/// markup outside it; an unpaired run is escaped. Control characters are made visible.
pub fn prose(text: &str) -> String {
    let text = escape_controls(text);
    let chars: Vec<char> = text.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|&&c| c == '`').count();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let n = run_at(i);
            let mut j = i + n;
            let close = loop {
                match chars[j..].iter().position(|&c| c == '`') {
                    None => break None,
                    Some(p) => {
                        let m = run_at(j + p);
                        if m == n {
                            break Some(j + p);
                        }
                        j += p + m;
                    }
                }
            };
            match close {
                Some(close) => {
                    out.extend(&chars[i..close + n]);
                    i = close + n;
                }
                None => {
                    out.push_str(&"\\`".repeat(n));
                    i += n;
                }
            }
            continue;
        }
        if matches!(
            chars[i],
            '\\' | '*' | '_' | '<' | '>' | '[' | ']' | '&' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Text for a table cell: `|` escaped, line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a|b\nc\r\nd"), "a\\|b<br>c<br>d");
    }

    #[test]
    fn prose_escapes_markup_outside_code_spans() {
        assert_eq!(
            prose("<b>a_b</b> `x<y>` & [l](u)"),
            "\\<b\\>a\\_b\\</b\\> `x<y>` \\& \\[l\\](u)"
        );
        assert_eq!(prose("odd ` tick *"), "odd \\` tick \\*");
    }

    #[test]
    fn backticks_pair_by_run_length_so_values_cannot_leave_markup_unescaped() {
        // The message quotes an id that holds backticks: the spans pair as CommonMark pairs
        // them, and the HTML between them stays escaped.
        assert_eq!(
            prose("system `a`<img src=x>`b` and ``c``<i>"),
            "system `a`\\<img src=x\\>`b` and ``c``\\<i\\>"
        );
        assert_eq!(prose("``x`<b>"), "\\`\\`x\\`\\<b\\>");
        // Outside a code span the backslash of the escape is itself escaped.
        assert_eq!(prose("bell\u{7} `esc\u{1b}`"), "bell\\\\u{7} `esc\\u{1b}`");
        assert_eq!(code("a\u{1b}[31m"), "`a\\u{1b}[31m`");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("web-01"), "`web-01`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("two\nlines"), "`two lines`");
    }
}
