//! `obligo check`: load rules and reference data, run the check, print the report.

use obligo::check::{CheckOptions, Checker, Report};
use obligo::exit::Exit;
use obligo::facts::reference::ReferenceData;
use obligo::problem::Problem;
use obligo::render::{human, json};
use obligo::rules::RuleSet;

use crate::args::{CheckArgs, Format};

pub fn run(args: CheckArgs) -> Exit {
    let report = match prepare(&args) {
        Ok(checker) => {
            let now = args.now.unwrap_or_else(|| jiff::Zoned::now().date());
            checker.check(&CheckOptions {
                paths: args.paths.clone(),
                now,
            })
        }
        Err(problems) => Report {
            problems,
            ..Report::default()
        },
    };
    if args.verbose {
        for path in &report.skipped {
            eprintln!("skipped {} (no [tenant] table)", path.display());
        }
    }
    let text = match args.format {
        Format::Human => human::render(
            &report,
            human::Style {
                color: args.color.enabled(),
                width: 100,
            },
        ),
        Format::Json => json::render(&report),
    };
    crate::print(&text);
    Exit::of(&report, args.fail_on)
}

fn prepare(args: &CheckArgs) -> Result<Checker, Vec<Problem>> {
    let refdata = ReferenceData::embedded().map_err(|e| vec![Problem::from(e)])?;
    let rules = RuleSet::load(args.policies.as_deref())
        .map_err(|errors| errors.into_iter().map(Problem::from).collect::<Vec<_>>())?;
    Checker::new(&rules, refdata).map_err(|message| vec![Problem::Internal(message)])
}
