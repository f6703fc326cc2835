//! The rules reference (`docs/rules.md`), generated from the policies themselves so that it can
//! never drift from what obligo checks. A test compares the committed file with this output.

use std::fmt::Write;

use crate::rules::RuleSet;
use crate::rules::rule::Rule;
use crate::rules::scope::AppliesTo;

/// How a rule's severity is chosen: one rule for every pack, stated at the head of the
/// reference so that reviewers of a new rule can hold its `@severity` against it.
const SEVERITY_RULE: &str = r#"## Severity

Every rule's severity follows one rule, read from the clause it encodes. It is about the duty,
not about the finding: a rule keeps its severity whether declared facts break the duty or the
file merely does not show it met.

- **error**: a hard duty. The clause commands or forbids ("moet", "zal", "dient",
  "is verplicht", "verplicht zich", "is gehouden", "mag niet", "het is niet toegestaan",
  or the present tense a contract uses to state its rules: "De Dienstverlener schakelt … uit",
  "Wij vernietigen …"), so declared facts that contradict it break the contract.
- **warning**: a softer duty.
  - An effort or a condition left to judgement: "spant zich in", "zal zich inspannen",
    "streeft ernaar", "naar beste kunnen", "zo nodig", "zo mogelijk", "waar passend",
    "kan", a design aim ("ontworpen om").
  - A duty the contract makes an effort obligation as a whole: Nmbrs art. 11.1 ("Alle diensten
    van Nnbrs BV worden uitgevoerd op basis van een inspanningsverbintenis") for its service
    levels, backups and facilities (art. 19–26), not for its duties as processor in art. 6, which
    the GDPR makes binding in any case; Smartlockr art. 4.3 ("best effort") for delivering the
    cloud service.
  - An allocation of responsibility or risk rather than a command: "is (volledig)
    verantwoordelijk voor", "draagt het risico", a warranty that a fact holds ("staat ervoor in
    dat hij gerechtigd is"), "neemt de volledige verantwoordelijkheid op zich en ontslaat NRB",
    a liability exclusion, consent deemed given, a party's right to end the contract.
  - A precaution the rule checks that the clause implies but does not itself require: attachment
    scanning for the ban on spreading malware, TLS 1.2 where the clause says "TLS", an idle
    timeout for the duty to have staff close sessions.
- **info**: no duty to break: definitions, descriptions of the service or the processing,
  billing, a party's rights and options, and the administration of the contract itself (renewal,
  how support reports are filed).

One exception, fixed by the specification: `nrb/unsupported-os` is an error although §8.1 words
it as a shift of responsibility. An operating system without vendor security updates is a
security defect in its own right, and §8.1 releases NRB from the security obligations that would
otherwise cover it.
"#;

/// The rules reference in Markdown, for the packs given (all when `None`).
pub fn markdown(set: &RuleSet, pack: Option<&str>) -> String {
    let mut out = String::from(
        "# Rules reference\n\n\
         Generated from `policies/` by `obligo rules --format markdown`; do not edit by hand \
         (a test fails when this file is out of date).\n\n",
    );
    out.push_str(SEVERITY_RULE);
    out.push('\n');
    out.push_str(&scope_section());
    let packs = set
        .packs
        .iter()
        .filter(|p| pack.is_none_or(|wanted| wanted == p.id));
    for pack in packs {
        let rules: Vec<&Rule> = set.rules.iter().filter(|r| r.pack == pack.id).collect();
        let _ = writeln!(out, "## `{}`: {}\n", pack.id, pack.title);
        if let Some(party) = &pack.party {
            let _ = writeln!(out, "Party: {party}.\n");
        }
        out.push_str("| rule | severity | binds | title | clause |\n|---|---|---|---|---|\n");
        for rule in &rules {
            let _ = writeln!(
                out,
                "| [`{}`](#{}) | {} | {} | {} | {} |",
                rule.id,
                anchor(&rule.id),
                rule.severity,
                rule.binds,
                cell(&rule.title),
                cell(&rule.clause)
            );
        }
        out.push('\n');
        for rule in rules {
            rule_section(&mut out, set, rule);
        }
    }
    if let Some(params) = params_section(set) {
        out.push_str(&params);
    }
    out.trim_end().to_owned() + "\n"
}

fn rule_section(out: &mut String, set: &RuleSet, rule: &Rule) {
    let _ = writeln!(out, "### `{}`\n", rule.id);
    let _ = writeln!(
        out,
        "**{}** · {}{} · {}\n",
        rule.title,
        rule.severity,
        if rule.is_security() {
            " · security"
        } else {
            ""
        },
        rule.clause
    );
    let _ = writeln!(
        out,
        "**Binds** the {}; **applies to** [`{}`](#whom-a-rule-binds): {}.\n",
        rule.binds,
        rule.applies_to,
        rule.applies_to.description()
    );
    if rule.quote.is_some() || rule.summary.is_some() {
        out.push_str("| contract (nl) | summary (en) |\n|---|---|\n");
        let _ = writeln!(
            out,
            "| {} | {} |\n",
            cell(rule.quote.as_deref().unwrap_or("")),
            cell(rule.summary.as_deref().unwrap_or(""))
        );
    }
    if !rule.docs.is_empty() {
        // Demote the header comment's headings below this section's level.
        for line in rule.docs.lines() {
            if line.starts_with('#') {
                let _ = writeln!(out, "###{line}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "**Fix.** {}\n", rule.remediation);
    if !rule.acceptable {
        out.push_str(
            "**Cannot be accepted.** The clause allows no exception, so an `[[accepted_risk]]` \
             for this rule is an input error.\n\n",
        );
    }
    if !rule.params.is_empty() {
        let names: Vec<String> = rule
            .params
            .iter()
            .map(|name| {
                let default = set
                    .params
                    .iter()
                    .find(|p| &p.name == name)
                    .map(|p| format!(" (default `{}`)", p.default.display()))
                    .unwrap_or_default();
                format!("`{name}`{default}")
            })
            .collect();
        let _ = writeln!(out, "**Parameters.** {}\n", names.join(", "));
    }
    let _ = writeln!(out, "Policy: [`{0}`](../{0})\n", rule.file.name());
}

/// The `@binds` / `@applies_to` vocabulary, and how an undeclared fact is read.
fn scope_section() -> String {
    let mut out = String::from(
        "## Whom a rule binds

         Every rule states whom its clause binds (`@binds`: the subject of the contract's \
         sentence) and what it reaches (`@applies_to`), and judges only that. A resource leaves \
         a rule's reach only when the tenant file *declares* it outside: `operator` (who runs a \
         system, data store, backup, facility, link or transfer), `party` and `operator` of a \
         credential, `hosting.provider`. A resource that declares none of them is judged \
         (fail closed); see docs/format.md.\n\n\
         | applies to | binds | what it reaches |\n|---|---|---|\n",
    );
    for reach in AppliesTo::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            reach,
            reach.binds(),
            cell(reach.description())
        );
    }
    out.push('\n');
    out
}

/// The rules' metadata as a JSON array, for the packs given (all when `None`).
pub fn json(set: &RuleSet, pack: Option<&str>) -> String {
    let rules: Vec<serde_json::Value> = set
        .rules
        .iter()
        .filter(|r| pack.is_none_or(|wanted| wanted == r.pack))
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "pack": r.pack,
                "severity": r.severity.as_str(),
                "title": r.title,
                "binds": r.binds.as_str(),
                "applies_to": r.applies_to.as_str(),
                "clause": r.clause,
                "quote": r.quote,
                "summary": r.summary,
                "remediation": r.remediation,
                "tags": r.tags,
                "resource_types": r.resource_types(),
                "params": r.params,
                "acceptable": r.acceptable,
                "file": r.file.name(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
}

fn params_section(set: &RuleSet) -> Option<String> {
    if set.params.is_empty() {
        return None;
    }
    let mut out = String::from(
        "## Parameters\n\nNumbers the contracts leave open; change them in `obligo.toml` under \
         `[params]`.\n\n| parameter | default | what it sets | basis |\n|---|---|---|---|\n",
    );
    for p in &set.params {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            p.name,
            p.default.display(),
            cell(&p.description),
            cell(&p.basis)
        );
    }
    out.push('\n');
    Some(out)
}

/// A GitHub-style heading anchor for a rule id heading like "`nrb/unsupported-os`".
pub fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase()
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github_rules() {
        assert_eq!(anchor("nrb/unsupported-os"), "nrbunsupported-os");
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn the_reference_lists_every_rule_once_with_its_quote() {
        let set = RuleSet::load(None).unwrap();
        let text = markdown(&set, None);
        for rule in &set.rules {
            assert_eq!(
                text.matches(&format!("### `{}`", rule.id)).count(),
                1,
                "{}",
                rule.id
            );
            if let Some(quote) = &rule.quote {
                assert!(text.contains(&cell(quote)), "{}", rule.id);
            }
        }
    }

    #[test]
    fn json_lists_each_rule_with_its_scope() {
        let set = RuleSet::load(None).unwrap();
        let rules: serde_json::Value = serde_json::from_str(&json(&set, Some("nrb"))).unwrap();
        let rules = rules.as_array().unwrap();
        assert!(rules.iter().all(|r| r["pack"] == "nrb"));
        let unsupported = rules
            .iter()
            .find(|r| r["id"] == "nrb/unsupported-os")
            .unwrap();
        assert_eq!(unsupported["binds"], "customer");
        assert_eq!(unsupported["applies_to"], "on-provider-infrastructure");
    }

    #[test]
    fn filtering_by_pack_keeps_only_that_pack() {
        let set = RuleSet::load(None).unwrap();
        let text = markdown(&set, Some("dpa"));
        assert!(text.contains("### `dpa/inactive-credential`"));
        assert!(!text.contains("### `nrb/"));
    }
}
