//! Loading policy packs: the embedded packs, then a user directory that adds rules or replaces
//! them by id. Every policy is checked for its annotations and scope, and the whole set is
//! validated strictly against the schema, so a broken rule fails at start-up, at its own line.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use cedar_policy::{
    Effect, Policy, PolicyId, PolicySet, ResourceConstraint, Schema, ValidationMode, Validator,
};

use crate::limits::{self, Syntax};
use crate::problem::codes;
use crate::rules::embedded;
use crate::rules::error::PolicyError;
use crate::rules::pack::{self, Pack};
use crate::rules::params::{self, ParamDef};
use crate::rules::rule::{self, Rule, RulePart};
use crate::rules::scope::{self, AppliesTo, Binds};
use crate::rules::vocabulary::{self, Vocabulary};
use crate::source::SourceFile;

/// Every rule available to a run, with the schema they were validated against.
#[derive(Debug)]
pub struct RuleSet {
    /// The schema the entities and policies conform to.
    pub schema: Schema,
    /// The schema file (embedded or overridden).
    pub schema_file: SourceFile,
    /// Rules sorted by id.
    pub rules: Vec<Rule>,
    /// The parameters rules may read, sorted by name.
    pub params: Vec<ParamDef>,
    /// The packs, from their `pack.toml`, sorted by id.
    pub packs: Vec<Pack>,
    /// The packs whose contract record the schema declares, read with the schema.
    contract_records: Vec<String>,
}

impl RuleSet {
    /// Whether the schema is obligo's own: the one the entity builder is tested against.
    pub(crate) fn schema_is_embedded(&self) -> bool {
        embedded::FILES
            .iter()
            .any(|&(path, text)| path == embedded::SCHEMA_PATH && text == self.schema_file.text())
    }

    /// Loads the embedded packs, then `extra` (a directory of `<pack>/<rule>.cedar` files with
    /// `<pack>/pack.toml` for a new pack, and optionally `schema.cedarschema`) on top. All
    /// problems are returned, not just the first.
    pub fn load(extra: Option<&Path>) -> Result<RuleSet, Vec<PolicyError>> {
        let mut files: BTreeMap<String, SourceFile> = embedded::FILES
            .iter()
            .map(|(path, text)| {
                let file = SourceFile::new(format!("policies/{path}"), *text);
                ((*path).to_owned(), file)
            })
            .collect();
        if let Some(dir) = extra {
            for (relative, file) in read_dir(dir)? {
                files.insert(relative, file);
            }
        }
        Self::from_files(files)
    }

    /// Builds a rule set from files keyed by their path relative to the packs' root.
    pub fn from_files(
        mut files: BTreeMap<String, SourceFile>,
    ) -> Result<RuleSet, Vec<PolicyError>> {
        let schema_file = files.remove(embedded::SCHEMA_PATH).ok_or_else(|| {
            vec![PolicyError::new(
                codes::POLICY_NO_SCHEMA,
                &SourceFile::new(embedded::SCHEMA_PATH, ""),
                None,
                "no schema: the policy packs need a `schema.cedarschema`",
            )]
        })?;
        if let Some(error) = too_deep(&schema_file, Syntax::Cedar) {
            return Err(vec![error]);
        }
        let schema = match Schema::from_cedarschema_str(schema_file.text()) {
            Ok((schema, _warnings)) => schema,
            Err(error) => {
                return Err(vec![PolicyError::from_cedar(
                    codes::POLICY_SCHEMA,
                    &schema_file,
                    &error,
                    "invalid schema",
                )]);
            }
        };
        let mut errors = Vec::new();
        let params = match files.remove(params::PARAMS_PATH) {
            Some(file) => too_deep(&file, Syntax::Toml)
                .map_or_else(|| params::parse(&file), Err)
                .unwrap_or_else(|e| {
                    errors.push(e);
                    Vec::new()
                }),
            None => Vec::new(),
        };
        let (packs, broken) = read_manifests(&mut files, &mut errors);
        let vocabulary = Vocabulary::from_schema(schema_file.text());
        let mut by_id: BTreeMap<String, Rule> = BTreeMap::new();
        let mut unknown_packs = Vec::new();
        for (relative, file) in files {
            let dir = relative.split_once('/').map(|(dir, _)| dir);
            let pack = dir.and_then(|dir| packs.get(dir));
            if let Some(dir) = dir
                && pack.is_none()
                && !broken.contains(&dir.to_owned())
                && !unknown_packs.contains(&dir.to_owned())
            {
                unknown_packs.push(dir.to_owned());
                errors.push(no_pack(dir, &file));
            }
            match parse_rule(&relative, &file, vocabulary.as_ref(), pack) {
                Ok(rule) => {
                    // A later file with the same id (a user pack) replaces the earlier one.
                    by_id.insert(rule.id.clone(), rule);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        let rules: Vec<Rule> = by_id.into_values().collect();
        errors.extend(validate(&schema, &rules));
        if errors.is_empty() {
            Ok(RuleSet {
                schema,
                schema_file,
                rules,
                params,
                contract_records: packs
                    .keys()
                    .filter(|id| {
                        vocabulary
                            .as_ref()
                            .is_some_and(|v| v.has("Obligo::Tenant", &format!("contract.{id}")))
                    })
                    .cloned()
                    .collect(),
                packs: packs.into_values().collect(),
            })
        } else {
            Err(errors)
        }
    }

    /// The rule with `id`.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The ids of the packs, sorted.
    pub fn pack_ids(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.id.as_str()).collect()
    }

    /// The packs whose contract record (`Tenant.contract.<pack>`) the schema declares: only
    /// those get the facts of `[[contract]]`.
    pub fn contract_records(&self) -> &[String] {
        &self.contract_records
    }

    /// The pack with `id`.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }
}

/// Takes the packs' manifests out of `files` and reads them; returns the packs by id, and the
/// directories whose manifest is broken (reported in `errors`, so that their rules are not
/// reported again as belonging to no pack).
fn read_manifests(
    files: &mut BTreeMap<String, SourceFile>,
    errors: &mut Vec<PolicyError>,
) -> (BTreeMap<String, Pack>, Vec<String>) {
    let manifests: Vec<String> = files
        .keys()
        .filter(|path| pack::manifest_dir(path).is_some())
        .cloned()
        .collect();
    let mut packs = BTreeMap::new();
    let mut broken = Vec::new();
    for relative in manifests {
        let (Some(file), Some(dir)) = (files.remove(&relative), pack::manifest_dir(&relative))
        else {
            continue;
        };
        match too_deep(&file, Syntax::Toml)
            .map_or_else(|| pack::parse(dir, &file), |e| Err(vec![e]))
        {
            Ok(pack) => {
                packs.insert(dir.to_owned(), pack);
            }
            Err(mut e) => {
                broken.push(dir.to_owned());
                errors.append(&mut e);
            }
        }
    }
    let starters: Vec<String> = files
        .keys()
        .filter(|path| pack::starter_dir(path).is_some())
        .cloned()
        .collect();
    for relative in starters {
        // A starter beside no manifest is reported with the pack's rules (or is harmless).
        if let (Some(file), Some(pack)) = (
            files.remove(&relative),
            pack::starter_dir(&relative).and_then(|dir| packs.get_mut(dir)),
        ) {
            pack.starter = Some(file.text().to_owned());
        }
    }
    (packs, broken)
}

fn no_pack(dir: &str, file: &SourceFile) -> PolicyError {
    PolicyError::new(
        codes::POLICY_NO_PACK,
        file,
        Some(0..0),
        format!("the rules in `{dir}/` belong to no pack: `{dir}/pack.toml` is missing"),
    )
    .with_help(format!(
        "add `{dir}/pack.toml` with `id = \"{dir}\"`, `title` and `documents` \
         (`obligo init --pack {dir}` writes one; see docs/writing-rules.md)"
    ))
}

fn read_dir(dir: &Path) -> Result<Vec<(String, SourceFile)>, Vec<PolicyError>> {
    let unreadable = |path: &Path, error: &dyn std::fmt::Display| {
        vec![PolicyError::new(
            codes::POLICY_UNREADABLE,
            &SourceFile::new(path, ""),
            None,
            format!("cannot read policy directory: {error}"),
        )]
    };
    if !dir.is_dir() {
        return Err(unreadable(dir, &"not a directory"));
    }
    let mut files = Vec::new();
    for entry in walkdir(dir) {
        let entry = entry.map_err(|e| unreadable(dir, &e))?;
        let path = entry.path();
        let is_policy = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("cedar" | "cedarschema")
        ) || path.file_name().is_some_and(|n| {
            [params::PARAMS_PATH, pack::MANIFEST, pack::STARTER]
                .contains(&n.to_string_lossy().as_ref())
        });
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_policy {
            continue;
        }
        let text = limits::read_text(path, limits::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| unreadable(path, &e))?;
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        files.push((relative, SourceFile::new(path, text)));
    }
    Ok(files)
}

/// Every file under `dir`, following symbolic links (a pack linked in from elsewhere is loaded
/// like any other; a link back to an ancestor is reported as an error, not followed forever).
fn walkdir(dir: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .follow_links(true)
        .sort_by_file_path(Path::cmp)
        .build()
}

/// Cedar's parser recurses per level of nesting and overflows the stack at a few hundred, so
/// deeper text is refused before it is parsed.
fn too_deep(file: &SourceFile, syntax: Syntax) -> Option<PolicyError> {
    let offset = limits::too_deep(file.text(), syntax, limits::MAX_NESTING)?;
    Some(
        PolicyError::new(
            codes::POLICY_TOO_DEEP,
            file,
            Some(offset..offset + 1),
            format!(
                "nested too deeply: more than {} levels of brackets, or more than {0} `if` \
                 expressions",
                limits::MAX_NESTING
            ),
        )
        .with_help("split the expression, or name parts of it in the schema"),
    )
}

fn parse_rule(
    relative: &str,
    file: &SourceFile,
    vocabulary: Option<&Vocabulary>,
    pack: Option<&Pack>,
) -> Result<Rule, Vec<PolicyError>> {
    if let Some(error) = too_deep(file, Syntax::Cedar) {
        return Err(vec![error]);
    }
    let set = PolicySet::from_str(file.text()).map_err(|errors| {
        errors
            .iter()
            .map(|e| PolicyError::from_cedar(codes::POLICY_SYNTAX, file, e, "invalid policy"))
            .collect::<Vec<_>>()
    })?;
    // The parser names policies `policy0`, `policy1`, … in file order.
    let mut policies: Vec<_> = set.policies().collect();
    policies.sort_by_key(|p| {
        p.id()
            .to_string()
            .trim_start_matches("policy")
            .parse::<usize>()
            .unwrap_or(usize::MAX)
    });
    let whole_file = |message: String| {
        vec![PolicyError::new(
            codes::POLICY_EMPTY,
            file,
            Some(0..0),
            message,
        )]
    };
    let Some(first) = policies.first() else {
        return Err(whole_file(format!("`{relative}` holds no policy")));
    };
    let mut errors = Vec::new();
    let annotation = |key: &str| annotation_of(first, key).map(str::to_owned);
    let first_span = policy_starts(file.text()).first().map(|&s| s..s + 6);
    let default_severity = pack.and_then(|p| p.default_severity);
    for key in rule::REQUIRED {
        if key == "severity" && default_severity.is_some() {
            continue;
        }
        if annotation(key).is_none() {
            errors.push(
                PolicyError::new(
                    codes::POLICY_MISSING_ANNOTATION,
                    file,
                    first_span.clone(),
                    format!("missing annotation `@{key}`"),
                )
                .with_help(format!("every rule's first policy carries `@{key}(\"…\")`")),
            );
        }
    }
    let id = annotation("id").unwrap_or_default();
    let expected_id = relative.strip_suffix(".cedar").unwrap_or(relative);
    if !id.is_empty() && id != expected_id {
        errors.push(
            PolicyError::new(
                codes::POLICY_ID_MISMATCH,
                file,
                annotation_span(file.text(), "id"),
                format!("rule id `{id}` does not match its file `{relative}`"),
            )
            .with_help(format!("a rule `<pack>/<name>` lives in `<pack>/<name>.cedar`; rename the file or use `@id(\"{expected_id}\")`")),
        );
    }
    let severity = annotation("severity")
        .map_or(
            Ok(default_severity.unwrap_or(crate::severity::Severity::Error)),
            |s| s.parse(),
        )
        .unwrap_or_else(|message: String| {
            errors.push(PolicyError::new(
                codes::POLICY_INVALID_ANNOTATION,
                file,
                annotation_span(file.text(), "severity"),
                message,
            ));
            crate::severity::Severity::Error
        });
    let acceptable = match annotation("acceptable").as_deref() {
        None => pack.is_none_or(|p| p.acceptable),
        Some("true") => true,
        Some("false") => false,
        Some(other) => {
            errors.push(
                PolicyError::new(
                    codes::POLICY_INVALID_ANNOTATION,
                    file,
                    annotation_span(file.text(), "acceptable"),
                    format!("`@acceptable(\"{other}\")`: expected \"true\" or \"false\""),
                )
                .with_help("write `@acceptable(\"false\")` when the clause allows no exception"),
            );
            true
        }
    };
    let (binds, applies_to) = match scope::parse(
        &annotation("binds").unwrap_or_default(),
        &annotation("applies_to").unwrap_or_default(),
    ) {
        Ok(scope) => scope,
        Err(error) => {
            // A missing annotation is reported above; only a wrong value is reported here.
            if annotation(error.annotation()).is_some() {
                errors.push(
                    PolicyError::new(
                        codes::POLICY_INVALID_ANNOTATION,
                        file,
                        annotation_span(file.text(), error.annotation()),
                        error.to_string(),
                    )
                    .with_help(error.help()),
                );
            }
            (Binds::Provider, AppliesTo::ProviderProcessing)
        }
    };

    let tags: Vec<String> = annotation("tags")
        .map(|text| {
            text.split(',')
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for tag in &tags {
        if !rule::TAGS.contains(&tag.as_str()) {
            errors.push(
                PolicyError::new(
                    codes::POLICY_INVALID_ANNOTATION,
                    file,
                    annotation_span(file.text(), "tags"),
                    format!("unknown tag `{tag}` in `@tags`"),
                )
                .with_help(format!("known tags: {}", rule::TAGS.join(", "))),
            );
        }
    }

    if let (Some(pack), Some(clause)) = (pack, annotation("clause"))
        && !pack
            .documents
            .iter()
            .any(|d| clause.starts_with(d.as_str()))
    {
        errors.push(
            PolicyError::new(
                codes::POLICY_INVALID_ANNOTATION,
                file,
                annotation_span(file.text(), "clause"),
                format!("`@clause` does not cite a document of pack `{}`", pack.id),
            )
            .with_help(format!(
                "start the clause with one of the documents in `{}/pack.toml`: {}",
                pack.id,
                pack.documents
                    .iter()
                    .map(|d| format!("\"{d}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }

    let starts = policy_starts(file.text());
    let mut parts = Vec::new();
    for (index, policy) in policies.iter().enumerate() {
        let anchor = starts.get(index).map(|&start| start..start + 6);
        for (key, _) in policy.annotations() {
            let anchor = annotation_span(file.text(), key).or_else(|| anchor.clone());
            let allowed = if index == 0 {
                rule::KNOWN.contains(&key)
            } else {
                rule::PER_PART.contains(&key)
                    || (key == "id" && annotation_of(policy, "id") == Some(&id))
            };
            if !allowed {
                let help = if index == 0 {
                    format!("known annotations: {}", rule::KNOWN.join(", "))
                } else {
                    format!(
                        "later policies of a rule may only set {}",
                        rule::PER_PART.join(", ")
                    )
                };
                errors.push(
                    PolicyError::new(
                        codes::POLICY_UNEXPECTED_ANNOTATION,
                        file,
                        anchor.clone(),
                        format!("unexpected annotation `@{key}`"),
                    )
                    .with_help(help),
                );
            }
        }
        if policy.effect() != Effect::Forbid {
            errors.push(
                PolicyError::new(codes::POLICY_NOT_FORBID, file, anchor.clone(), "a rule's policies must be `forbid` policies")
                    .with_help("a satisfied `forbid` is a violation; write the violating condition in its `when`"),
            );
        }
        let resource_type = match policy.resource_constraint() {
            ResourceConstraint::Is(ty) => ty.to_string(),
            _ => {
                errors.push(
                    PolicyError::new(codes::POLICY_UNSCOPED, file, anchor.clone(), "a rule's policy must constrain its resource type")
                        .with_help("write the scope as `resource is Obligo::System` (or another resource type)"),
                );
                continue;
            }
        };
        let own = |key: &str| annotation_of(policy, key).map(str::to_owned);
        let kind = own("kind")
            .map(|k| k.parse())
            .transpose()
            .unwrap_or_else(|message: String| {
                let span = nth_annotation_span(file.text(), "kind", starts.get(index).copied());
                errors.push(PolicyError::new(
                    codes::POLICY_INVALID_ANNOTATION,
                    file,
                    span.or_else(|| anchor.clone()),
                    message,
                ));
                None
            })
            .unwrap_or_default();
        let policy_id = PolicyId::new(format!("{id}#{index}"));
        let part = RulePart {
            policy: (*policy).clone().new_id(policy_id),
            resource_type,
            location: own("location")
                .or_else(|| annotation("location"))
                .unwrap_or_default(),
            message: own("message")
                .or_else(|| annotation("message"))
                .unwrap_or_default(),
            label: own("label").or_else(|| annotation("label")),
            kind,
        };
        if let Some(vocabulary) = vocabulary {
            // An inherited annotation is the first policy's; the error goes where it is written.
            let written = |key: &str| {
                if own(key).is_some() {
                    nth_annotation_span(file.text(), key, starts.get(index).copied())
                } else {
                    annotation_span(file.text(), key)
                }
            };
            errors.extend(vocabulary::check_part(vocabulary, file, &part, written));
        }
        parts.push(part);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        pack: id.split('/').next().unwrap_or_default().to_owned(),
        id,
        severity,
        title: annotation("title").unwrap_or_default(),
        binds,
        applies_to,
        clause: annotation("clause").unwrap_or_default(),
        quote: annotation("quote"),
        summary: annotation("summary"),
        remediation: annotation("remediation").unwrap_or_default(),
        tags,
        acceptable,
        max_term_days: pack.and_then(|p| p.max_term_days),
        docs: rule::header_docs(file.text()),
        params: params::used_by(file.text()),
        file: file.clone(),
        parts,
    })
}

/// Byte offsets of each policy's effect keyword (`forbid` / `permit`), in file order.
/// The value of annotation `@key` of `policy`. Cedar's `Policy::annotation` parses the key
/// with its policy parser, whose lexer is built anew on each call; looking the key up among
/// the annotations costs nothing, and start-up reads every annotation of every policy.
fn annotation_of<'p>(policy: &'p Policy, key: &str) -> Option<&'p str> {
    policy
        .annotations()
        .find_map(|(k, value)| (k == key).then_some(value))
}

fn policy_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if ["forbid", "permit"].iter().any(|kw| {
            trimmed
                .strip_prefix(kw)
                .is_some_and(|rest| rest.starts_with([' ', '(', '\t']))
        }) {
            starts.push(offset + indent);
        }
        offset += line.len();
    }
    starts
}

/// The span of the first `@key(` annotation in the text.
fn annotation_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let needle = format!("@{key}(");
    text.find(&needle)
        .map(|start| start..start + needle.len() - 1)
}

/// The span of the last `@key(` annotation before the policy starting at `before` (the
/// annotations of a later policy sit between the previous policy and its effect keyword).
fn nth_annotation_span(
    text: &str,
    key: &str,
    before: Option<usize>,
) -> Option<std::ops::Range<usize>> {
    let needle = format!("@{key}(");
    let end = before.unwrap_or(text.len());
    text.get(..end)?
        .rfind(&needle)
        .map(|start| start..start + needle.len() - 1)
}

fn validate(schema: &Schema, rules: &[Rule]) -> Vec<PolicyError> {
    let mut set = PolicySet::new();
    let mut files = BTreeMap::new();
    for rule in rules {
        for part in &rule.parts {
            files.insert(part.policy.id().clone(), &rule.file);
            if let Err(error) = set.add(part.policy.clone()) {
                return vec![PolicyError::from_cedar(
                    codes::POLICY_DUPLICATE,
                    &rule.file,
                    &error,
                    "cannot add policy",
                )];
            }
        }
    }
    let result = Validator::new(schema.clone()).validate(&set, ValidationMode::Strict);
    result
        .validation_errors()
        .filter_map(|error| {
            let file = files.get(error.policy_id())?;
            Some(PolicyError::from_cedar(
                codes::POLICY_SCHEMA_MISMATCH,
                file,
                error,
                "policy does not match the schema",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_rule(path: &str, text: &str) -> Result<RuleSet, Vec<PolicyError>> {
        let mut files: BTreeMap<String, SourceFile> = embedded::FILES
            .iter()
            .map(|(p, t)| ((*p).to_owned(), SourceFile::new(*p, *t)))
            .collect();
        files.insert(path.to_owned(), SourceFile::new(path, text));
        RuleSet::from_files(files)
    }

    fn errors_of(result: Result<RuleSet, Vec<PolicyError>>) -> Vec<PolicyError> {
        match result {
            Ok(_) => panic!("expected the rule set to be rejected"),
            Err(errors) => errors,
        }
    }

    #[test]
    fn embedded_packs_load_and_validate() {
        let set = match RuleSet::load(None) {
            Ok(set) => set,
            Err(errors) => panic!("{errors:#?}"),
        };
        for id in [
            "nrb/dual-homed-system",
            "nrb/unsupported-os",
            "nrb/public-cloud-resource",
            "dpa/inactive-credential",
            "dpa/transfer-outside-eea",
        ] {
            assert!(set.get(id).is_some(), "missing core rule {id}");
        }
    }

    #[test]
    fn rule_ids_are_unique_and_match_their_files() {
        let set = RuleSet::load(None).unwrap();
        let mut ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
        for rule in &set.rules {
            assert!(rule.file.name().ends_with(&format!("{}.cedar", rule.id)));
        }
    }

    /// A rule with every annotation, `scope` being its `@binds` / `@applies_to` lines, up to
    /// its policy's `when`.
    fn complete_rule(scope: &str) -> String {
        format!(
            "@id(\"nrb/broken\")\n@severity(\"error\")\n@title(\"t\")\n{scope}@clause(\"NRB-Online Services terms §1\")\n@quote(\"q\")\n@summary(\"s\")\n@remediation(\"r\")\n@location(\"os\")\n@message(\"m\")\nforbid (principal, action, resource is Obligo::System)\n"
        )
    }

    fn messages(errors: &[PolicyError]) -> Vec<&str> {
        errors.iter().map(|e| e.message.as_str()).collect()
    }

    #[test]
    fn a_rule_without_binds_or_applies_to_is_rejected() {
        let text = complete_rule("") + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(
            messages(&errors),
            [
                "missing annotation `@binds`",
                "missing annotation `@applies_to`"
            ]
        );
        let text = complete_rule("@binds(\"customer\")\n") + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(messages(&errors), ["missing annotation `@applies_to`"]);
    }

    #[test]
    fn an_unknown_or_mismatched_scope_is_reported_at_its_annotation() {
        let text = complete_rule("@binds(\"customer\")\n@applies_to(\"everything\")\n")
            + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(
            messages(&errors),
            ["unknown `@applies_to` value `everything`"]
        );
        assert_eq!(errors[0].line_col().0, 5, "{errors:#?}");

        let text = complete_rule("@binds(\"customer\")\n@applies_to(\"provider-processing\")\n")
            + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert!(
            errors[0].message.contains("describes a provider duty"),
            "{errors:#?}"
        );

        let text = complete_rule("@binds(\"supplier\")\n@applies_to(\"customer-use\")\n")
            + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(messages(&errors), ["unknown `@binds` value `supplier`"]);
        assert_eq!(errors[0].line_col().0, 4, "{errors:#?}");
    }

    #[test]
    fn a_policy_that_does_not_match_the_schema_is_reported_at_its_line() {
        let text = complete_rule("@binds(\"customer\")\n@applies_to(\"customer-components\")\n")
            + "when { resource.no_such_attribute };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].line_col().0, 13, "{errors:#?}");
        assert!(errors[0].message.contains("schema"));
    }

    #[test]
    fn a_syntax_error_is_reported_at_its_line() {
        let errors = errors_of(with_rule(
            "nrb/broken.cedar",
            "@id(\"nrb/broken\")\nforbid (principal, action, resource is\n",
        ));
        assert_eq!(errors[0].file.name(), "nrb/broken.cedar");
        assert!(errors[0].span.is_some());
    }

    #[test]
    fn missing_annotations_and_unscoped_resources_are_rejected() {
        let errors = errors_of(with_rule(
            "nrb/broken.cedar",
            "@id(\"nrb/broken\")\n@colour(\"red\")\nforbid (principal, action, resource);\n",
        ));
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.contains(&"missing annotation `@severity`"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"unexpected annotation `@colour`"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"a rule's policy must constrain its resource type"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_rule_id_must_match_its_path() {
        let text = std::fs::read_to_string("policies/nrb/dual-homed-system.cedar").unwrap();
        let errors = errors_of(with_rule("nrb/other-name.cedar", &text));
        assert!(errors[0].message.contains("does not match its file"));
    }

    /// The text at an error's span.
    fn at(error: &PolicyError) -> &str {
        let span = error.span.clone().unwrap();
        &error.file.text()[span]
    }

    #[test]
    fn a_misspelt_placeholder_is_reported_where_it_is_written() {
        let scope = "@binds(\"customer\")\n@applies_to(\"customer-components\")\n";
        let text = complete_rule(scope).replace(
            "@message(\"m\")",
            "@message(\"system `{resource}` runs {os.nmae} until {context.tomorrow}\")",
        ) + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(
            messages(&errors),
            [
                "placeholder `{os.nmae}` in `@message` names no attribute of `Obligo::System`",
                "placeholder `{context.tomorrow}` in `@message` names no attribute of `Obligo::System`",
            ]
        );
        assert_eq!(at(&errors[0]), "{os.nmae}");
        assert_eq!(at(&errors[1]), "{context.tomorrow}");
        assert_eq!(errors[0].code, codes::POLICY_UNKNOWN_ATTRIBUTE);
    }

    #[test]
    fn a_location_the_resource_type_lacks_is_reported_at_its_annotation() {
        let scope = "@binds(\"customer\")\n@applies_to(\"customer-components\")\n";
        let text = complete_rule(scope).replace("@location(\"os\")", "@location(\"oss\")")
            + "when { true };\n";
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(
            messages(&errors),
            ["`@location(\"oss\")` is not an attribute of `Obligo::System`"]
        );
        assert_eq!(at(&errors[0]), "@location");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `os`?"));

        // A later policy about another type inherits the first policy's location: an error at
        // the first policy's annotation, unless the later policy sets its own.
        let second = "@message(\"credential `{resource}`\")\n\
                      forbid (principal, action, resource is Obligo::Credential) when { true };\n";
        let text = complete_rule(scope) + "when { true };\n" + second;
        let errors = errors_of(with_rule("nrb/broken.cedar", &text));
        assert_eq!(
            messages(&errors),
            ["`@location(\"os\")` is not an attribute of `Obligo::Credential`"]
        );
        let text = complete_rule(scope) + "when { true };\n@location(\"id\")\n" + second;
        assert!(with_rule("nrb/broken.cedar", &text).is_ok());
    }

    fn acme(manifest: Option<&str>, rule: &str) -> Result<RuleSet, Vec<PolicyError>> {
        let mut files: BTreeMap<String, SourceFile> = embedded::FILES
            .iter()
            .map(|(p, t)| ((*p).to_owned(), SourceFile::new(*p, *t)))
            .collect();
        if let Some(manifest) = manifest {
            files.insert(
                "acme/pack.toml".into(),
                SourceFile::new("acme/pack.toml", manifest),
            );
        }
        for name in ["one", "two"] {
            let path = format!("acme/{name}.cedar");
            let text = rule.replace("nrb/broken", &format!("acme/{name}"));
            files.insert(path.clone(), SourceFile::new(path, text));
        }
        RuleSet::from_files(files)
    }

    const ACME: &str = "id = \"acme\"\ntitle = \"Acme\"\ndocuments = [\"Acme Terms\"]\n";

    fn acme_rule() -> String {
        complete_rule("@binds(\"customer\")\n@applies_to(\"customer-components\")\n")
            .replace("NRB-Online Services terms", "Acme Terms")
            + "when { true };\n"
    }

    #[test]
    fn a_directory_of_rules_without_a_manifest_is_reported_once() {
        let errors = errors_of(acme(None, &acme_rule()));
        assert_eq!(
            messages(&errors),
            ["the rules in `acme/` belong to no pack: `acme/pack.toml` is missing"]
        );
        assert_eq!(errors[0].code, codes::POLICY_NO_PACK);
        assert_eq!(errors[0].file.name(), "acme/one.cedar");
    }

    #[test]
    fn a_broken_manifest_is_reported_in_it_and_not_again_at_its_rules() {
        let errors = errors_of(acme(Some("id = \"acme\"\n"), &acme_rule()));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].code, codes::POLICY_PACK);
        assert_eq!(errors[0].file.name(), "acme/pack.toml");
    }

    #[test]
    fn a_custom_pack_with_a_manifest_loads_and_is_known() {
        let set = acme(Some(ACME), &acme_rule()).unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(set.pack_ids().contains(&"acme"));
        assert_eq!(set.pack("acme").map(|p| p.title.as_str()), Some("Acme"));
        assert!(!set.contract_records().contains(&"acme".to_owned()));
        assert!(set.contract_records().contains(&"nrb".to_owned()));
    }

    #[test]
    fn a_clause_must_cite_a_document_of_its_pack() {
        let text = acme_rule().replace("Acme Terms §1", "Other Terms §1");
        let errors = errors_of(acme(Some(ACME), &text));
        assert_eq!(
            messages(&errors),
            [
                "`@clause` does not cite a document of pack `acme`",
                "`@clause` does not cite a document of pack `acme`",
            ]
        );
        assert_eq!(at(&errors[0]), "@clause");
    }

    #[test]
    fn a_pack_sets_the_default_severity_and_acceptability_of_its_rules() {
        let manifest = format!(
            "{ACME}default_severity = \"warning\"\n[accepted_risk]\nacceptable = false\nmax_term_days = 90\n"
        );
        let text = acme_rule().replace("@severity(\"error\")\n", "");
        let one = acme(Some(&manifest), &text.replace("acme/two", "acme/one"))
            .unwrap_or_else(|e| panic!("{e:#?}"));
        let rule = one.get("acme/one").unwrap_or_else(|| panic!("no rule"));
        assert_eq!(rule.severity, crate::severity::Severity::Warning);
        assert!(!rule.acceptable);
        assert_eq!(rule.max_term_days, Some(90));
        // Without a default, `@severity` stays required.
        let errors = errors_of(acme(Some(ACME), &text));
        assert!(messages(&errors).contains(&"missing annotation `@severity`"));
    }
}
