//! The kind of every case of every rule: `violation` (declared facts break the duty) or
//! `evidence` (`@kind("evidence")`: the tenant does not show the duty is met).
//!
//! Two checks read each case's condition (its Cedar AST, as JSON) and catch the obvious
//! misclassifications; a snapshot of the whole classification makes every other change to it
//! show in review.

// `cfg(test)` lets the helpers unwrap like the tests (clippy.toml allows it in test code only).
#![cfg(test)]

use obligo::finding::Kind;
use obligo::rules::RuleSet;
use serde_json::Value;

/// Violation cases that fire on an absent attribute, with why the absence is a declared fact
/// and not missing evidence. Each entry is `<rule id>#<case>`.
const ABSENCE_IS_A_FACT: &[(&str, &str)] = &[
    (
        "dpa/standing-support-access#0",
        "a support account without `expires` is standing access: the missing end date is the fact",
    ),
    (
        "dpa/transfer-not-documented#2",
        "a transfer from GB or CH without `local_safeguard` has no basis: a missing permission is a violation",
    ),
    (
        "dpa/transfer-outside-eea#0",
        "`destination.adequacy_scope` is derived from the reference data: absent means the country has no partial adequacy decision, a fact, not a missing declaration",
    ),
    (
        "smartlockr/legal-disclosure-not-announced#1",
        "a disclosure declared as made (`outcome = \"complied\"`) with no notice at all: the notice never came",
    ),
    (
        "smartlockr/sub-processor-late-notice#1",
        "engaged after signing (declared dates) with no notice at all: the engagement is the event, the notice never came",
    ),
];

/// Evidence cases that test no absent attribute, with why they are evidence all the same.
const EVIDENCE_WITHOUT_ABSENCE: &[(&str, &str)] = &[(
    "nrb/os-support-unverified#0",
    "the declared OS is not in the lifecycle table: its support dates are unknown, not past",
)];

/// The top-level conjuncts of a `when` condition.
fn conjuncts(expr: &Value) -> Vec<&Value> {
    match expr.get("&&") {
        Some(and) => {
            let mut out = conjuncts(&and["left"]);
            out.extend(conjuncts(&and["right"]));
            out
        }
        None => vec![expr],
    }
}

/// `!(x has a)`: the case tests that an attribute is absent.
fn is_absence(expr: &Value) -> bool {
    expr.get("!")
        .is_some_and(|not| not["arg"].get("has").is_some())
}

/// Whether any part of `expr` satisfies `test`.
fn any(expr: &Value, test: &dyn Fn(&Value) -> bool) -> bool {
    test(expr)
        || match expr {
            Value::Object(map) => map.values().any(|v| any(v, test)),
            Value::Array(items) => items.iter().any(|v| any(v, test)),
            _ => false,
        }
}

/// A negation of something that can be missing: an attribute (`has`), a list entry
/// (`contains`, `containsAll`) or a list's emptiness.
fn negates_presence(expr: &Value) -> bool {
    any(expr, &|e| {
        e.get("!").is_some_and(|not| {
            any(&not["arg"], &|inner| {
                ["has", "contains", "containsAll", "isEmpty"]
                    .iter()
                    .any(|key| inner.get(key).is_some())
            })
        })
    })
}

/// Whether the condition compares with the evaluation date or its cut-offs (a deadline).
fn reads_context(expr: &Value) -> bool {
    any(expr, &|e| e.get("Var").is_some_and(|v| v == "context"))
}

struct Case {
    name: String,
    kind: Kind,
    condition: Value,
}

fn cases() -> Vec<Case> {
    let rules = RuleSet::load(None).unwrap();
    let mut cases = Vec::new();
    for rule in &rules.rules {
        for (index, part) in rule.parts.iter().enumerate() {
            let json = part.policy.to_json().unwrap();
            let conditions = json["conditions"].as_array().unwrap();
            assert_eq!(
                conditions.len(),
                1,
                "{}#{index}: one `when` per case",
                rule.id
            );
            cases.push(Case {
                name: format!("{}#{index}", rule.id),
                kind: part.kind,
                condition: conditions[0]["body"].clone(),
            });
        }
    }
    cases
}

#[test]
fn a_case_that_fires_only_on_an_absent_attribute_is_evidence() {
    let mut wrong = Vec::new();
    for case in cases() {
        let parts = conjuncts(&case.condition);
        let absent = parts.iter().any(|c| is_absence(c));
        let allowed = ABSENCE_IS_A_FACT.iter().any(|(name, _)| *name == case.name);
        // A passed deadline makes a missing follow-up (no `notified` date) a violation.
        if case.kind == Kind::Violation && absent && !reads_context(&case.condition) && !allowed {
            wrong.push(case.name);
        }
    }
    assert!(
        wrong.is_empty(),
        "these violation cases fire because an attribute is absent: mark them \
         `@kind(\"evidence\")`, or list them in ABSENCE_IS_A_FACT with the reason:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn an_evidence_case_tests_that_something_is_missing() {
    let wrong: Vec<String> = cases()
        .into_iter()
        .filter(|c| c.kind == Kind::Evidence && !negates_presence(&c.condition))
        .filter(|c| {
            !EVIDENCE_WITHOUT_ABSENCE
                .iter()
                .any(|(name, _)| *name == c.name)
        })
        .map(|c| c.name)
        .collect();
    assert!(
        wrong.is_empty(),
        "these evidence cases test no absent attribute, list entry or attestation, so they fire \
         on declared facts: they are violations:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_allow_lists_name_real_cases_of_their_kind() {
    let cases = cases();
    let lists = [
        (ABSENCE_IS_A_FACT, Kind::Violation),
        (EVIDENCE_WITHOUT_ABSENCE, Kind::Evidence),
    ];
    for (list, kind) in lists {
        for (name, _) in list {
            let case = cases.iter().find(|c| c.name == *name);
            assert!(
                case.is_some_and(|c| c.kind == kind),
                "`{name}` is not a {} case",
                kind.as_str()
            );
        }
    }
}

#[test]
fn classification_of_every_case() {
    let cases = cases();
    let mut text = String::new();
    let mut counts = std::collections::BTreeMap::<(String, &str), usize>::new();
    for case in &cases {
        let pack = case.name.split('/').next().unwrap_or_default().to_owned();
        *counts.entry((pack, case.kind.as_str())).or_default() += 1;
    }
    for ((pack, kind), n) in &counts {
        text.push_str(&format!("{pack}: {n} {kind}\n"));
    }
    text.push('\n');
    for case in &cases {
        text.push_str(&format!("{} {}\n", case.name, case.kind.as_str()));
    }
    insta::assert_snapshot!(text);
}
