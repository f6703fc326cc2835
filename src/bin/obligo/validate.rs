//! `obligo validate`: loads the packs, with `--policies`, exactly as `check` does, and says
//! whether they are fit to run. A platform team runs it on its own rules before a gate uses
//! them; every problem is reported in its `.cedar` file, at its annotation or expression.

use obligo::exit::Exit;
use obligo::rules::RuleSet;

use crate::args::ValidateArgs;

pub fn run(args: ValidateArgs) -> Exit {
    let set = match RuleSet::load(args.policies.as_deref()) {
        Ok(set) => set,
        Err(errors) => {
            let exit = crate::eprint_policy_errors(&errors);
            eprintln!(
                "{} problem{} in the policies",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            return exit;
        }
    };
    let policies: usize = set.rules.iter().map(|r| r.parts.len()).sum();
    let source = match &args.policies {
        Some(dir) => format!("the built-in packs and `{}`", dir.display()),
        None => "the built-in packs".to_owned(),
    };
    let text = format!(
        "{} rules ({policies} policies) in {} packs from {source}: valid against the schema, \
         with complete annotations\n",
        set.rules.len(),
        set.pack_ids().len(),
    );
    crate::written(crate::print(&text))
}
