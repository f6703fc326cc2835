//! `obligo merge`: reads the shards' JSON reports, prints the report of the whole run. Exits 2
//! when the reports cannot be merged, when the merged report has problems, or when no shard
//! read a tenant file (each shard alone may be empty; together they must not be), else 0:
//! findings are counted towards `--fail-on` by the shards' own jobs.

use obligo::exit::Exit;
use obligo::problem::codes;
use obligo::render::json::merge;

use crate::args::MergeArgs;

pub fn run(args: &MergeArgs) -> Exit {
    let mut reports = Vec::new();
    for path in &args.reports {
        match obligo::limits::read_text(path, args.max_file_size) {
            Ok(text) => reports.push((path.display().to_string(), text)),
            Err(error) => {
                return crate::fail::error(
                    codes::MERGE_UNREADABLE,
                    format!("cannot read `{}`: {error}", path.display()),
                );
            }
        }
    }
    let merged = match merge::merge(&reports) {
        Ok(merged) => merged,
        Err(error) => return crate::fail::error(error.code, error.message),
    };
    if !crate::print(&merged.text) {
        return Exit::Error;
    }
    if merged.files == 0 && merged.problems == 0 {
        return crate::fail::error(
            codes::MERGE_NO_TENANTS,
            "no report read a tenant file: the shards' paths matched no tenant file at all",
        );
    }
    if merged.problems > 0 {
        Exit::Error
    } else {
        Exit::Clean
    }
}
