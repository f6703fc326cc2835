//! The error registry: every diagnostic obligo can emit has one stable code here,
//! `obligo::<area>::<name>`, with a one-line summary and an example of what causes it.
//! Diagnostics take their code from these constants and never spell one out, so a code cannot
//! be misspelt, reused for another meaning, or left out of `docs/errors.md` (which is generated
//! from [`ALL`] by [`markdown`]; a test fails when it is out of date).

use std::fmt;

/// A stable diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// The full code, `obligo::<area>::<name>`.
    pub id: &'static str,
    /// The area: one of [`AREAS`].
    pub area: &'static str,
    /// The kebab-case name within the area.
    pub name: &'static str,
    /// What the code means, one line.
    pub summary: &'static str,
    /// What causes it, e.g. an input line or a command (Markdown).
    pub example: &'static str,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// The areas, in the order `docs/errors.md` lists them, each with what it covers.
pub const AREAS: &[(&str, &str)] = &[
    (
        "input",
        "A tenant file, an evidence file it includes, or `obligo.toml` cannot be read or is invalid.",
    ),
    (
        "config",
        "`obligo.toml` is well-formed but names rules that do not exist, or sets what it cannot.",
    ),
    (
        "policy",
        "A policy pack (`--policies`): a `.cedar` file, the schema or `params.toml` is broken.",
    ),
    (
        "eval",
        "A rule could not be evaluated for a resource, so its obligation is not shown to be met.",
    ),
    (
        "entities",
        "The facts of a tenant do not fit the schema (a `--policies` schema that drops or adds attributes).",
    ),
    (
        "reference",
        "The reference data compiled into obligo is broken: a bug to report.",
    ),
    (
        "usage",
        "The command line asks for something obligo cannot do.",
    ),
    (
        "merge",
        "`obligo merge` cannot combine its JSON reports into the report of one whole run.",
    ),
    ("output", "A report could not be written."),
];

/// Defines each code as a constant and lists them all in [`ALL`].
macro_rules! registry {
    ($($konst:ident = $area:literal / $name:literal : $summary:literal, $example:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $konst: &Code = &Code {
                id: concat!("obligo::", $area, "::", $name),
                area: $area,
                name: $name,
                summary: $summary,
                example: $example,
            };
        )*
        /// Every code, grouped by area.
        pub const ALL: &[&Code] = &[$($konst),*];
    };
}

registry! {
    INPUT_UNREADABLE = "input" / "unreadable":
        "A file or directory cannot be read, or is not UTF-8.",
        "`obligo check missing.toml`";
    INPUT_NOT_A_FILE = "input" / "not-a-file":
        "A path named as a file is a FIFO, socket, device or directory: reading it could block.",
        "`obligo check --config /dev/stdin`";
    INPUT_TOO_LARGE = "input" / "too-large":
        "A file is larger than `--max-file-size` (default 16 MiB).",
        "`obligo check --max-file-size 1KiB tenants/`";
    INPUT_SYNTAX = "input" / "syntax":
        "A file is not valid TOML.",
        "`id = \"web-01` (the string is not closed)";
    INPUT_JSON_SYNTAX = "input" / "json-syntax":
        "A `.json` file is not valid JSON: comments and trailing commas are not JSON.",
        "`{\"tenant\": {\"id\": \"acme\",}}` (a trailing comma)";
    INPUT_YAML_SYNTAX = "input" / "yaml-syntax":
        "A `.yaml` or `.yml` file is not valid YAML, or uses what a tenant file cannot hold: a key that is not text, a tag outside YAML's core schema.",
        "`contracts: [nrb, dpa` (the list is not closed)";
    INPUT_DUPLICATE_KEY = "input" / "duplicate-key":
        "A key written twice in one JSON object or YAML mapping (in TOML it is a syntax error).",
        "`id` twice under `tenant:`";
    INPUT_TOO_MANY_ALIASES = "input" / "too-many-aliases":
        "YAML aliases that copy more than 100000 values in all: nested aliases could fill memory.",
        "nine levels of anchors, each aliasing the one above ten times";
    INPUT_UNCONVERTIBLE = "input" / "unconvertible":
        "`obligo convert` met a value the target format cannot hold: `null` in TOML, several YAML documents in one TOML or JSON file.",
        "`obligo convert two-tenants.yaml --to toml`";
    INPUT_NOT_A_TENANT = "input" / "not-a-tenant":
        "A file named on the command line holds no tenant: no `[tenant]` table in TOML, no top-level `tenant` mapping in JSON or YAML.",
        "`obligo check notes.toml`";
    INPUT_UNKNOWN_KEY = "input" / "unknown-key":
        "A key the format does not define, with a suggestion when one is close.",
        "`last_usd = 2025-12-01` in `[[credential]]`";
    INPUT_MISSING_KEY = "input" / "missing-key":
        "A required key is absent.",
        "a `[[system]]` without `id`";
    INPUT_WRONG_TYPE = "input" / "wrong-type":
        "A value of the wrong TOML type.",
        "`mfa = \"yes\"` (a boolean is expected)";
    INPUT_INVALID_DATE = "input" / "invalid-date":
        "A value that is not a calendar date or point in time, a leap second among them.",
        "`created = 2026-02-30`";
    INPUT_UNKNOWN_VALUE = "input" / "unknown-value":
        "A value outside a fixed set: provider, kind, safeguard, country, region, contract, severity.",
        "`provider = \"awss\"`";
    INPUT_INVALID_VALUE = "input" / "invalid-value":
        "A value of the right type that is not valid for its kind: an IP address, e-mail address, CIDR block, count or duration.",
        "`address = \"999.1.1.1\"`";
    INPUT_DUPLICATE_ID = "input" / "duplicate-id":
        "An id used twice within one kind, also across a tenant and the evidence files it includes.",
        "two `[[system]]` tables with `id = \"web-01\"`";
    INPUT_DUPLICATE_TENANT = "input" / "duplicate-tenant":
        "Two tenant files declare the same `tenant.id`; the second is not checked.",
        "`id = \"acme\"` in both `a.toml` and `b.toml`";
    INPUT_INCLUDE = "input" / "include":
        "An entry of `tenant.include` that cannot be used: missing, unreadable, invalid, a tenant file, or named twice.",
        "`include = [\"missing.toml\"]`";
    INPUT_DANGLING_REFERENCE = "input" / "dangling-reference":
        "A reference to an id that no resource declares.",
        "`segment = \"dmz\"` with no `[[segment]]` `dmz`";
    INPUT_INCONSISTENT = "input" / "inconsistent":
        "Values that contradict each other, or a value that must not be empty.",
        "`region = \"eu-west-1\"` with `country = \"US\"`";
    INPUT_TOO_DEEP = "input" / "too-deep":
        "Brackets or dotted keys nested deeper than 64 levels.",
        "`a = [[[[…]]]]` 65 levels deep";
    INPUT_TOO_LONG = "input" / "too-long":
        "An id longer than 256 characters, or a string longer than 64 KiB.",
        "an `id` of 300 characters";
    INPUT_TOO_MANY_ERRORS = "input" / "too-many-errors":
        "More than 100 errors in one file: the rest are counted in this one.",
        "a file with 150 unknown keys";
    INPUT_NO_TENANTS = "input" / "no-tenants":
        "No tenant file was found under the paths given: a gate must not pass because its path was wrong.",
        "`obligo check empty-dir/`";
    CONFIG_INVALID_PATTERN = "config" / "invalid-pattern":
        "A rule pattern in `obligo.toml` is not a valid glob.",
        "`disable = [\"nrb/[\"]`";
    CONFIG_NO_MATCH = "config" / "no-match":
        "A rule pattern in `obligo.toml` matches no rule.",
        "`disable = [\"nbr/*\"]`";
    CONFIG_INVALID_PATH = "config" / "invalid-path":
        "A path pattern of an `[[overrides]]` table in `obligo.toml` is not a valid glob.",
        "`paths = [\"tenants/[\"]`";
    CONFIG_RUN_OPTION = "config" / "run-option":
        "`obligo.toml` sets an option of the whole run, which only the command line sets.",
        "`fail_on = \"warning\"` in obligo.toml";
    POLICY_UNREADABLE = "policy" / "unreadable":
        "A policy directory or file cannot be read.",
        "`obligo check --policies missing/ tenants/`";
    POLICY_NO_SCHEMA = "policy" / "no-schema":
        "The policy directory has no `schema.cedarschema`.",
        "`--policies` naming a directory of `.cedar` files only";
    POLICY_SCHEMA = "policy" / "schema":
        "The schema cannot be parsed.",
        "`entity System { os: }` in `schema.cedarschema`";
    POLICY_SYNTAX = "policy" / "syntax":
        "A `.cedar` file cannot be parsed.",
        "`forbid (principal, action, resource) when { resource. };`";
    POLICY_TOO_DEEP = "policy" / "too-deep":
        "A policy or the schema nests brackets or `if` expressions deeper than 64 levels.",
        "a `when` clause with 700 nested parentheses";
    POLICY_EMPTY = "policy" / "empty":
        "A `.cedar` file holds no policy.",
        "an empty `nrb/new-rule.cedar`";
    POLICY_MISSING_ANNOTATION = "policy" / "missing-annotation":
        "A rule's first policy lacks a required annotation.",
        "a policy without `@clause(\"…\")`";
    POLICY_ID_MISMATCH = "policy" / "id-mismatch":
        "A rule's `@id` does not match its file name.",
        "`@id(\"nrb/a\")` in `nrb/b.cedar`";
    POLICY_INVALID_ANNOTATION = "policy" / "invalid-annotation":
        "An annotation has a value obligo does not know.",
        "`@severity(\"fatal\")`";
    POLICY_UNEXPECTED_ANNOTATION = "policy" / "unexpected-annotation":
        "An annotation that is not allowed where it is written.",
        "`@id` on a rule's second policy";
    POLICY_NOT_FORBID = "policy" / "not-forbid":
        "A rule's policy is a `permit`: rules are written as `forbid` policies.",
        "`permit (principal, action, resource is Obligo::System);`";
    POLICY_UNSCOPED = "policy" / "unscoped":
        "A rule's policy does not constrain its resource type.",
        "`forbid (principal, action, resource) when { … };`";
    POLICY_DUPLICATE = "policy" / "duplicate":
        "A policy cannot be added to the policy set, because another has its id.",
        "two rules with the same `@id`";
    POLICY_SCHEMA_MISMATCH = "policy" / "schema-mismatch":
        "A policy does not validate against the schema.",
        "`resource.osname` where the schema says `os`";
    POLICY_UNKNOWN_ATTRIBUTE = "policy" / "unknown-attribute":
        "A rule's `@location`, or a `{placeholder}` in its `@message` or `@label`, names no attribute of its resource type or the context.",
        "`@message(\"{dpo.emial} is not monitored\")`";
    POLICY_PARAMS = "policy" / "params":
        "`params.toml` is not valid TOML or does not define parameters.",
        "`[retention]` without `type`";
    POLICY_PARAM_DEFAULT = "policy" / "param-default":
        "A parameter's default in `params.toml` is not a value of its type.",
        "`default = \"ten days\"` for a duration";
    POLICY_PACK = "policy" / "pack":
        "A pack's `pack.toml` is not valid TOML, lacks a key, has an unknown one, or holds a wrong value.",
        "`id = \"acme\"` in `other/pack.toml`";
    POLICY_NO_PACK = "policy" / "no-pack":
        "A directory of rules has no `pack.toml`, so obligo does not know the pack.",
        "`acme/encryption.cedar` without `acme/pack.toml`";
    EVAL_FAILED = "eval" / "failed":
        "A policy raised an error for a resource (Cedar would skip it; obligo fails closed).",
        "`resource.count + 1` overflowing";
    EVAL_REQUEST = "eval" / "request":
        "A resource could not be put to Cedar: the request or its context does not fit the schema.",
        "a `--policies` schema without the `deploy` action";
    EVAL_SELECTION = "eval" / "selection":
        "The policies of a tenant's packs could not be put together.",
        "two policies with one id in the selected packs";
    EVAL_SETUP = "eval" / "setup":
        "The evaluation engine could not be prepared.",
        "the action `Obligo::Action::\"deploy\"` cannot be named";
    ENTITIES_INVALID = "entities" / "invalid":
        "The entities of a tenant could not be built, at the resource whose entity does not fit the schema.",
        "a `--policies` schema that requires an attribute obligo does not derive";
    REFERENCE_PARSE = "reference" / "parse":
        "A reference data file is not valid TOML or lacks a field.",
        "a country without `name` in `data/countries.toml`";
    REFERENCE_INVALID_COUNTRY_CODE = "reference" / "invalid-country-code":
        "A key of `data/countries.toml` is not an ISO 3166-1 alpha-2 code.",
        "`[countries.deu]`";
    REFERENCE_UNKNOWN_COUNTRY = "reference" / "unknown-country":
        "A zone, adequacy decision or region names a country that is not in `data/countries.toml`.",
        "`members = [\"UK\"]`";
    REFERENCE_DUPLICATE = "reference" / "duplicate":
        "An entry of the reference data appears twice.",
        "`members = [\"DE\", \"DE\"]`";
    REFERENCE_EXTENDED_BEFORE_SUPPORT = "reference" / "extended-before-support":
        "An OS version's extended support ends before its standard support.",
        "`support_end = 2026-01-01` with an extended tier ending `2025-01-01`";
    REFERENCE_INVALID = "reference" / "invalid":
        "Any other invalid value in the reference data.",
        "an empty country name";
    USAGE_ARGUMENTS = "usage" / "arguments":
        "The command line does not parse: an unknown option, a missing or malformed value.",
        "`obligo check --now 20261121`";
    USAGE_SAME_OUTPUT = "usage" / "same-output":
        "Two `--output` reports would be written to one file.",
        "`--output sarif=r.txt --output junit=r.txt`";
    USAGE_UNKNOWN_RULE = "usage" / "unknown-rule":
        "`obligo explain` names a rule that does not exist.",
        "`obligo explain nrb/unsuported-os`";
    USAGE_UNKNOWN_PACK = "usage" / "unknown-pack":
        "`obligo rules --pack` or `obligo init --packs` names a pack that does not exist.",
        "`obligo rules --pack nbr`";
    USAGE_NO_CASES = "usage" / "no-cases":
        "`obligo test` found no rule test case (`<pack>/<rule>/pass*.toml` or `fail*.toml`) under its directory.",
        "`obligo test policies/`";
    USAGE_STDIN_FILENAME = "usage" / "stdin-filename":
        "`--stdin-filename` is given, but no path is `-` (standard input).",
        "`obligo check tenants/ --stdin-filename t.toml`";
    USAGE_SARIF_ROOT = "usage" / "sarif-root":
        "`--sarif-root` names no directory that SARIF paths can be made relative to.",
        "`obligo check --sarif-root no/such/dir`";
    USAGE_NOW_OUT_OF_RANGE = "usage" / "now-out-of-range":
        "The evaluation date is too close to the end of the calendar to count periods from.",
        "`obligo check --now 9999-06-01`";
    USAGE_EXISTS = "usage" / "exists":
        "`obligo init` would overwrite a file that exists (pass `--force` to overwrite it).",
        "`obligo init --packs nrb` in a directory that has a `tenant.toml`";
    USAGE_PACK_NAME = "usage" / "pack-name":
        "`obligo init --pack` names a pack that is built in or is not a valid pack id (lowercase letters, digits and hyphens).",
        "`obligo init --pack Acme_Policies`";
    MERGE_UNREADABLE = "merge" / "unreadable":
        "A report to merge cannot be read, or is not an obligo JSON report of version 1.",
        "`obligo merge obligo.sarif`";
    MERGE_MISMATCH = "merge" / "mismatch":
        "The reports were not made alike: another evaluation date or another obligo version.",
        "`obligo merge a.json b.json` where `a.json` was made with `--now 2026-11-21` and `b.json` without";
    MERGE_SHARDS = "merge" / "shards":
        "The shards' reports do not make up the whole corpus: one is missing, repeated, or of another split.",
        "`obligo merge shard-1.json shard-2.json` after a `--shard K/3` matrix";
    MERGE_NO_TENANTS = "merge" / "no-tenants":
        "No report read a tenant file: the shards' paths matched no tenant file at all.",
        "`obligo merge` of shards run with `--shard K/N` on a directory without tenant files";
    OUTPUT_STDOUT = "output" / "stdout":
        "The report could not be written to standard output (closed, or a full disk).",
        "`obligo check tenants/ >/dev/full`";
    OUTPUT_FILE = "output" / "file":
        "An `--output` report could not be written.",
        "`--output sarif=/proc/obligo.sarif`";
    OUTPUT_BASELINE = "output" / "baseline":
        "The baseline file of `--write-baseline` could not be written.",
        "`--write-baseline /proc/baseline.toml`";
    OUTPUT_STEP_SUMMARY = "output" / "step-summary":
        "The job summary could not be appended to `GITHUB_STEP_SUMMARY`.",
        "`GITHUB_STEP_SUMMARY=/proc/x obligo check --format github`";
    OUTPUT_TRUNCATED = "output" / "truncated":
        "A SARIF report leaves out its least severe results to stay within code scanning's limits \
         (a warning notification in the log, not a failure).",
        "`obligo check --format sarif` with more than 25,000 findings";
    OUTPUT_INIT = "output" / "init":
        "`obligo init` could not write a file.",
        "`obligo init /proc`";
    OUTPUT_MANUAL = "output" / "manual":
        "The manual page could not be rendered.",
        "`obligo man` failing inside its renderer";
}

/// The code with `id`, if there is one.
pub fn find(id: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|code| code.id == id)
}

/// `docs/errors.md`: every code by area, with its summary and example.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Generated from `src/problem/codes.rs` by `OBLIGO_BLESS=1 cargo test --test errors_reference`; \
         do not edit by hand (a test fails when this file is out of date).\n\n\
         Every diagnostic obligo emits carries one of these codes: problems in every report \
         format (`code` in JSON, the rule id in SARIF, the first line in human output), usage and \
         output errors on stderr. A problem makes the run exit 2. Codes are stable: a code is \
         never reused for another meaning.\n",
    );
    for (area, about) in AREAS {
        out.push_str(&format!("\n## `obligo::{area}`\n\n{about}\n\n"));
        out.push_str("| code | meaning | example |\n|---|---|---|\n");
        for code in ALL.iter().filter(|c| c.area == *area) {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.id,
                code.summary.replace('|', "\\|"),
                code.example.replace('|', "\\|")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in ALL {
            assert!(seen.insert(code.id), "duplicate code {}", code.id);
            assert!(
                AREAS.iter().any(|(area, _)| *area == code.area),
                "{}: undocumented area",
                code.id
            );
            assert!(
                !code.name.is_empty()
                    && code
                        .name
                        .split('-')
                        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{}: not kebab-case",
                code.id
            );
            assert_eq!(code.id, format!("obligo::{}::{}", code.area, code.name));
            assert!(!code.summary.is_empty(), "{}: no summary", code.id);
            assert!(!code.example.is_empty(), "{}: no example", code.id);
        }
    }

    #[test]
    fn every_area_has_codes_and_the_docs_list_every_code() {
        for (area, _) in AREAS {
            assert!(ALL.iter().any(|c| c.area == *area), "area {area} is empty");
        }
        let docs = markdown();
        for code in ALL {
            assert!(docs.contains(&format!("`{}`", code.id)), "{}", code.id);
        }
    }

    #[test]
    fn codes_are_found_by_id() {
        assert_eq!(find("obligo::input::syntax"), Some(INPUT_SYNTAX));
        assert_eq!(find("input::syntax"), None);
    }
}
