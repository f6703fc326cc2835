//! `obligo test`: runs rule test cases (`<pack>/<rule>/{pass,fail}*.toml` with `# expect:`
//! markers) against the rules, as `cargo test` runs the project's own fixtures, and says which
//! cases fail and why.

use std::collections::BTreeSet;

use obligo::check::Checker;
use obligo::exit::Exit;
use obligo::facts::reference::ReferenceData;
use obligo::problem::{Problem, codes};
use obligo::rule_tests;
use obligo::rules::RuleSet;

use crate::args::TestArgs;

pub fn run(args: TestArgs) -> Exit {
    let rules = match RuleSet::load(args.policies.as_deref()) {
        Ok(rules) => rules,
        Err(errors) => return crate::eprint_policy_errors(&errors),
    };
    let checker = match ReferenceData::embedded()
        .map_err(|e| Box::new(Problem::from(e)))
        .and_then(|refdata| Checker::new(&rules, refdata).map_err(|e| Box::new(Problem::from(e))))
    {
        Ok(checker) => checker,
        Err(problem) => {
            crate::fail::eprint(problem.as_ref());
            return Exit::Error;
        }
    };
    let (cases, layout_errors) = rule_tests::collect(&args.dir);
    if cases.is_empty() && layout_errors.is_empty() {
        return crate::fail::error(
            codes::USAGE_NO_CASES,
            format!(
                "no rule test case under `{}`: cases are `<pack>/<rule-name>/pass*.toml` and \
                 `fail*.toml`",
                args.dir.display()
            ),
        );
    }
    let ids: BTreeSet<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
    let mut out = String::new();
    let mut failed = 0;
    for case in &cases {
        if let Err(errors) = rule_tests::run(&checker, &ids, case) {
            failed += 1;
            out.push_str(&format!("FAIL {} ({})\n", case.path.display(), case.rule));
            for error in errors {
                for line in error.trim_end().lines() {
                    out.push_str(&format!("  {line}\n").replace("  \n", "\n"));
                }
            }
        }
    }
    for error in &layout_errors {
        out.push_str(&format!("FAIL {error}\n"));
    }
    failed += layout_errors.len();
    if args.coverage {
        let tested = rule_tests::tested_rules(&rules, &cases);
        let missing = rule_tests::without_fail_case(&tested, &cases);
        let mut packs: Vec<&str> = tested
            .iter()
            .filter_map(|id| id.split('/').next())
            .collect();
        packs.dedup();
        out.push_str(&format!(
            "\n{} of {} rules of {} have no fail case{}\n",
            missing.len(),
            tested.len(),
            match packs.as_slice() {
                [one] => format!("pack {one}"),
                many => format!("packs {}", many.join(", ")),
            },
            if missing.is_empty() { "" } else { ":" }
        ));
        for id in missing {
            out.push_str(&format!("  {id}\n"));
        }
    }
    out.push_str(&format!(
        "\n{} passed, {failed} failed\n",
        cases.len() + layout_errors.len() - failed
    ));
    if !crate::print(&out) {
        return Exit::Error;
    }
    if failed == 0 {
        Exit::Clean
    } else {
        Exit::Violations
    }
}
