//! `--format html`: the security-review report as one self-contained page. The style sheet
//! (screen and print) is inline, the chart of findings by contract and severity is inline SVG,
//! and there are no scripts, fonts or images to fetch: a Content-Security-Policy forbids any.
//! The page is the template `html.html`, rendered by minijinja with HTML auto-escaping, so
//! every piece of text from a tenant file or a rule is escaped unless a filter here escapes it
//! first and marks it safe.

use minijinja::{AutoEscape, Environment, HtmlEscape, Value, context, escape_formatter};
use serde::Serialize;

use crate::finding::Finding;
use crate::render::human::plural;
use crate::render::review::{self, Review, TenantSection};
use crate::render::{Input, Renderer, Totals, problem_code, problem_position, sarif, xml_text};
use crate::severity::Severity;

const CSS: &str = include_str!("html.css");
const TEMPLATE: &str = include_str!("html.html");

/// The `html` format.
#[derive(Debug, Clone, Copy)]
pub struct Html;

impl Renderer for Html {
    fn render(&self, input: &Input<'_>) -> String {
        let review = Review::new(input.report);
        let now = input.settings.now.to_string();
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        // Controls and bidirectional overrides become U+FFFD before the escaping.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if !value.is_safe() => {
                escape_formatter(out, state, &Value::from(xml_text(text).as_ref()))
            }
            _ => escape_formatter(out, state, value),
        });
        env.add_filter("inline", |text: String| {
            Value::from_safe_string(inline(&text))
        });
        env.add_filter("path", |text: String| Value::from_safe_string(path(&text)));
        env.add_filter("plural", |n: usize, noun: String| plural(n, &noun));
        let page = env.add_template("report.html", TEMPLATE).and_then(|()| {
            env.get_template("report.html")?.render(context! {
                now,
                css => CSS,
                sentence => review::totals_sentence(&review),
                cards => cards(&review),
                chart => Chart::of(&review.by_pack),
                by_pack => review.by_pack.iter().map(|(name, totals)| PackRow {
                    name,
                    totals: Counts::of(totals),
                }).collect::<Vec<_>>(),
                totals => Counts::of(&review.totals),
                tenants => review.tenants.iter().map(TenantView::of).collect::<Vec<_>>(),
                problems => input.report.problems.iter().map(|p| ProblemView {
                    position: problem_position(p),
                    code: problem_code(p),
                    message: p.to_string(),
                }).collect::<Vec<_>>(),
                rules => review.rules.iter().map(|r| RuleView {
                    anchor: anchor("rule", &r.id, ""),
                    id: &r.id,
                    title: &r.title,
                    clause: &r.clause,
                    quote: r.quote.as_deref(),
                    summary: r.summary.as_deref(),
                    remediation: &r.remediation,
                    severity: r.severity.as_str(),
                    security_severity: sarif::security_severity(r.severity),
                }).collect::<Vec<_>>(),
            })
        });
        page.unwrap_or_else(|error| {
            format!(
                "<!DOCTYPE html>\n<p>cannot render the report: {}</p>\n",
                HtmlEscape(&error.to_string())
            )
        })
    }
}

#[derive(Serialize)]
struct Card {
    class: &'static str,
    n: usize,
    noun: String,
}

/// The summary cards: a count and its noun, one per severity, evidence gaps and tenants.
fn cards(review: &Review) -> Vec<Card> {
    let card = |class, n, noun: &str| Card {
        class,
        n,
        noun: if n == 1 {
            noun.to_owned()
        } else {
            format!("{noun}s")
        },
    };
    let mut cards: Vec<Card> = Severity::ALL
        .iter()
        .map(|s| card(s.as_str(), review.totals.get(*s), s.as_str()))
        .collect();
    cards.push(card("", review.totals.evidence, "evidence gap"));
    cards.push(card("", review.report.tenants, "tenant"));
    cards
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
    total: usize,
    evidence: usize,
}

impl Counts {
    fn of(totals: &Totals) -> Self {
        Self {
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
            total: totals.total(),
            evidence: totals.evidence,
        }
    }
}

#[derive(Serialize)]
struct PackRow<'a> {
    name: &'a str,
    totals: Counts,
}

/// A horizontal stacked bar per contract, one segment per severity, with a legend: the
/// geometry; the template draws it.
#[derive(Serialize)]
struct Chart<'a> {
    width: usize,
    height: usize,
    label: usize,
    bar: usize,
    top: usize,
    legend: Vec<Legend>,
    rows: Vec<ChartRow<'a>>,
}

#[derive(Serialize)]
struct Legend {
    x: usize,
    color: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct ChartRow<'a> {
    y: usize,
    pack: &'a str,
    segments: Vec<Segment>,
    end: usize,
    total: usize,
}

#[derive(Serialize)]
struct Segment {
    x: usize,
    w: usize,
    n: usize,
    color: &'static str,
    severity: &'static str,
}

impl<'a> Chart<'a> {
    fn of(by_pack: &[(&'a str, Totals)]) -> Self {
        const LABEL: usize = 110;
        const BAR: usize = 360;
        const ROW: usize = 34;
        const TOP: usize = 34;
        let max = by_pack
            .iter()
            .map(|(_, t)| t.total())
            .max()
            .unwrap_or(0)
            .max(1);
        let legend = Severity::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| Legend {
                x: LABEL + 90 * i,
                color: color(*s),
                name: s.as_str(),
            })
            .collect();
        let rows = by_pack
            .iter()
            .enumerate()
            .map(|(i, (pack, totals))| {
                let mut x = LABEL;
                let mut segments = Vec::new();
                for severity in Severity::ALL {
                    let n = totals.get(severity);
                    if n == 0 {
                        continue;
                    }
                    let w = BAR * n / max;
                    segments.push(Segment {
                        x,
                        w,
                        n,
                        color: color(severity),
                        severity: severity.as_str(),
                    });
                    x += w;
                }
                ChartRow {
                    y: TOP + i * ROW,
                    pack,
                    segments,
                    end: x,
                    total: totals.total(),
                }
            })
            .collect();
        Self {
            width: LABEL + BAR + 50,
            height: TOP + ROW * by_pack.len().max(1) + 8,
            label: LABEL,
            bar: BAR,
            top: TOP,
            legend,
            rows,
        }
    }
}

fn color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "#b3261e",
        Severity::Warning => "#b25e00",
        Severity::Info => "#1f5fbf",
    }
}

#[derive(Serialize)]
struct TenantView<'a> {
    anchor: String,
    id: &'a str,
    name: Option<&'a str>,
    file: &'a str,
    contracts: &'a [&'a str],
    totals: Counts,
    findings: Vec<FindingView<'a>>,
    evidence: Vec<EvidenceGroup<'a>>,
    accepted: Vec<FindingView<'a>>,
    baselined: Vec<FindingView<'a>>,
}

impl<'a> TenantView<'a> {
    fn of(tenant: &'a TenantSection<'a>) -> Self {
        let views =
            |findings: &[&'a Finding]| findings.iter().map(|f| FindingView::of(f)).collect();
        Self {
            anchor: anchor("tenant", tenant.id, tenant.file),
            id: tenant.id,
            name: tenant.name,
            file: tenant.file,
            contracts: &tenant.contracts,
            totals: Counts::of(&tenant.totals),
            findings: views(&tenant.findings),
            evidence: tenant
                .evidence
                .iter()
                .map(|(pack, findings)| EvidenceGroup {
                    pack,
                    findings: views(findings),
                })
                .collect(),
            accepted: views(&tenant.accepted),
            baselined: views(&tenant.baselined),
        }
    }
}

#[derive(Serialize)]
struct EvidenceGroup<'a> {
    pack: &'a str,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    rule: &'a str,
    rule_anchor: String,
    severity: &'static str,
    resource_kind: &'static str,
    resource: &'a str,
    at: String,
    clause: &'a str,
    status: &'static str,
    message: &'a str,
    acceptance: Option<AcceptanceView<'a>>,
}

#[derive(Serialize)]
struct AcceptanceView<'a> {
    accepted_by: &'a str,
    reason: &'a str,
    expires: String,
    reference: Option<&'a str>,
}

impl<'a> FindingView<'a> {
    fn of(f: &'a Finding) -> Self {
        Self {
            rule: &f.rule.id,
            rule_anchor: anchor("rule", &f.rule.id, ""),
            severity: f.severity.as_str(),
            resource_kind: f.resource_kind,
            resource: &f.resource,
            at: review::file_line(f),
            clause: &f.rule.clause,
            status: f.status.as_str(),
            message: &f.message,
            acceptance: f.acceptance.as_deref().map(|a| AcceptanceView {
                accepted_by: &a.accepted_by,
                reason: &a.reason,
                expires: a.expires.to_string(),
                reference: a.reference.as_deref(),
            }),
        }
    }
}

#[derive(Serialize)]
struct ProblemView {
    position: Option<String>,
    code: String,
    message: String,
}

#[derive(Serialize)]
struct RuleView<'a> {
    anchor: String,
    id: &'a str,
    title: &'a str,
    clause: &'a str,
    quote: Option<&'a str>,
    summary: Option<&'a str>,
    remediation: &'a str,
    severity: &'static str,
    security_severity: &'static str,
}

/// Escaped text in which `code` spans (between backticks) become `<code>` elements.
fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: show the text as it is.
        return esc(text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

/// A path (or rule id) as code that may break after each `/`.
fn path(text: &str) -> String {
    let parts: Vec<String> = text.split('/').map(esc).collect();
    format!("<code class=\"path\">{}</code>", parts.join("/<wbr>"))
}

/// minijinja's own HTML escaping, for the filters that build markup around text, after the
/// same replacement of controls as every other value.
fn esc(text: &str) -> String {
    HtmlEscape(&xml_text(text)).to_string()
}

/// An element id made of letters, digits and dashes; `extra` keeps ids of two tenants with the
/// same id in different files apart.
fn anchor(prefix: &str, id: &str, extra: &str) -> String {
    let mut out = String::from(prefix);
    for part in [id, extra] {
        if part.is_empty() {
            continue;
        }
        out.push('-');
        out.extend(
            part.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtick_spans_become_code_and_everything_is_escaped() {
        assert_eq!(
            inline("system `<web>` & more"),
            "system <code>&lt;web&gt;</code> &amp; more"
        );
        assert_eq!(inline("odd ` tick"), "odd ` tick");
        assert_eq!(
            inline("bell\u{7} `x\u{1b}`"),
            "bell\u{FFFD} <code>x\u{FFFD}</code>"
        );
    }

    #[test]
    fn anchors_are_plain() {
        assert_eq!(
            anchor("rule", "nrb/unsupported-os", ""),
            "rule-nrb-unsupported-os"
        );
        assert_eq!(anchor("tenant", "acme", "t/a.toml"), "tenant-acme-t-a-toml");
    }
}
