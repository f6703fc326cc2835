//! Evaluation: one Cedar request per resource, against only the policies of the tenant's
//! packs that apply to the resource's type. A satisfied `forbid` is a finding; a policy that
//! fails to evaluate is an error (Cedar would skip it, which must never pass silently).
//! Nothing here prints.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use cedar_policy::{
    Authorizer, Context, EntityUid, PolicyId, PolicySet, Request, RestrictedExpression,
};
use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Settings;
use crate::entities::{Resource, TenantEntities};
use crate::facts::calendar;
use crate::finding::{Finding, Status};
use crate::problem::codes::{self, Code};
use crate::rules::params::ParamValue;
use crate::rules::{Rule, RuleSet};
use crate::source::SourceFile;
use crate::tenant::Tenant;

/// The facts of the evaluation that are not about the tenant: the date and the parameters.
/// Month periods are not counted from here but from each event (`facts::calendar`), so they
/// are entity facts.
#[derive(Debug, Clone)]
pub struct EvalContext {
    /// The evaluation date.
    pub now: Date,
    /// Every rule parameter with its effective value.
    pub params: BTreeMap<String, ParamValue>,
}

impl EvalContext {
    /// The context for evaluating on `now` with the given parameter values. Fails when `now`
    /// is so close to the end of the calendar that the month periods of the tenant's events
    /// could not be counted.
    pub fn new(now: Date, params: BTreeMap<String, ParamValue>) -> Result<Self, jiff::Error> {
        calendar::add_months(now, 12)?;
        Ok(Self { now, params })
    }

    fn display(&self, name: &str) -> Option<String> {
        match name {
            "now" => Some(self.now.to_string()),
            _ => name
                .strip_prefix("params.")
                .and_then(|p| self.params.get(p))
                .map(ParamValue::display),
        }
    }

    fn to_cedar(&self) -> Result<Context, String> {
        let params = RestrictedExpression::new_record(
            self.params
                .iter()
                .map(|(name, value)| (name.clone(), value.to_cedar())),
        )
        .map_err(|e| e.to_string())?;
        Context::from_pairs([
            ("now".to_owned(), crate::entities::cedar_date(self.now)),
            ("params".to_owned(), params),
        ])
        .map_err(|e| e.to_string())
    }
}

/// A policy that could not be evaluated for a resource, or a request Cedar rejected.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot evaluate `{rule}` for {resource}: {message}")]
pub struct EvalError {
    /// The registry code: a policy that failed, a rejected request, or policies that could
    /// not be selected.
    pub code: &'static Code,
    /// The tenant file.
    pub file: SourceFile,
    /// The resource's id span.
    pub span: std::ops::Range<usize>,
    /// The rule (or `*` when the request itself failed).
    pub rule: String,
    /// `system `web-01`` style description of the resource.
    pub resource: String,
    /// Cedar's message.
    pub message: String,
}

impl miette::Diagnostic for EvalError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(
            "the rule was not evaluated, so the obligation is not shown to be met; fix the policy or report a bug",
        ))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.file.text_as_source())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(
                Some("while evaluating this resource".into()),
                self.span.clone(),
            ),
        )))
    }
}

/// The evaluation engine could not be prepared: the action every request names does not
/// parse. A bug, reported as a problem rather than a panic.
#[derive(Debug, thiserror::Error)]
#[error("cannot prepare the evaluation: the action `{action}` cannot be named: {error}")]
pub struct EngineError {
    /// The action as written.
    pub action: &'static str,
    /// What the Cedar parser said.
    #[source]
    pub error: Box<cedar_policy::ParseErrors>,
}

impl miette::Diagnostic for EngineError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(codes::EVAL_SETUP))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("please report this as a bug"))
    }
}

/// How many resources of one tenant are evaluated by one parallel task: enough that a tenant
/// of a few dozen resources is one task, so that parallelism over files is not split finer.
const RESOURCES_PER_TASK: usize = 256;

/// The action of every request.
const ACTION: &str = r#"Obligo::Action::"deploy""#;

/// What evaluating one tenant produced.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// The ids of the rules evaluated (those of the tenant's packs that are not disabled),
    /// sorted: JUnit reports a passing case for each rule without a finding.
    pub rules: Vec<String>,
    /// Violations, unsorted.
    pub findings: Vec<Finding>,
    /// Evaluation errors.
    pub errors: Vec<EvalError>,
}

/// The policies of a selection of packs, split by resource type.
type Selection = HashMap<String, Arc<PolicySet>>;

/// Evaluates tenants against a rule set. Shared between threads.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    parts: HashMap<PolicyId, (usize, usize)>,
    action: EntityUid,
    schema: cedar_policy::Schema,
    authorizer: Authorizer,
    /// Keyed by the indices of the rules selected: the tenant's packs less the disabled rules.
    selections: Mutex<HashMap<Vec<usize>, Arc<Selection>>>,
}

impl Engine {
    /// Prepares the rules for evaluation.
    pub fn new(set: &RuleSet) -> Result<Self, EngineError> {
        let rules: Vec<Arc<Rule>> = set.rules.iter().cloned().map(Arc::new).collect();
        let mut parts = HashMap::new();
        for (r, rule) in rules.iter().enumerate() {
            for (p, part) in rule.parts.iter().enumerate() {
                parts.insert(part.policy.id().clone(), (r, p));
            }
        }
        let action = ACTION.parse().map_err(|error| EngineError {
            action: ACTION,
            error: Box::new(error),
        })?;
        Ok(Self {
            rules,
            parts,
            action,
            schema: set.schema.clone(),
            authorizer: Authorizer::new(),
            selections: Mutex::new(HashMap::new()),
        })
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// The indices of the rules a tenant bound by `packs` is evaluated against: those of its
    /// packs that its settings do not disable, in id order.
    fn selected(&self, packs: &[String], settings: &Settings) -> Vec<usize> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, r)| packs.contains(&r.pack) && !settings.is_disabled(&r.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// The policy sets of the rules `selected` (indices from [`Engine::selected`]), built once
    /// per distinct selection.
    fn selection(&self, selected: Vec<usize>) -> Result<Arc<Selection>, String> {
        let mut cache = self
            .selections
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(selection) = cache.get(&selected) {
            return Ok(Arc::clone(selection));
        }
        let mut by_type: HashMap<String, PolicySet> = HashMap::new();
        for rule in selected.iter().map(|&i| &self.rules[i]) {
            for part in &rule.parts {
                by_type
                    .entry(part.resource_type.clone())
                    .or_default()
                    .add(part.policy.clone())
                    .map_err(|e| e.to_string())?;
            }
        }
        let selection: Arc<Selection> = Arc::new(
            by_type
                .into_iter()
                .map(|(ty, set)| (ty, Arc::new(set)))
                .collect(),
        );
        cache.insert(selected, Arc::clone(&selection));
        Ok(selection)
    }

    /// Evaluates every resource of `tenant` against the rules of its contracts, with the
    /// settings of its file (disabled rules, severities; `cx` carries its parameters).
    pub fn evaluate(
        &self,
        tenant: &Tenant,
        built: &TenantEntities,
        cx: &EvalContext,
        settings: &Settings,
    ) -> Evaluation {
        let mut out = Evaluation::default();
        let selected = self.selected(&packs_of(tenant), settings);
        out.rules = selected.iter().map(|&i| self.rules[i].id.clone()).collect();
        let selection = match self.selection(selected) {
            Ok(selection) => selection,
            Err(message) => {
                out.errors.push(EvalError {
                    code: codes::EVAL_SELECTION,
                    file: tenant.file.clone(),
                    span: tenant.id.span.clone(),
                    rule: "*".into(),
                    resource: format!("tenant `{}`", tenant.id.value),
                    message,
                });
                return out;
            }
        };
        let run = Run {
            tenant,
            built,
            cx,
            settings,
            selection: &selection,
        };
        // A tenant of many resources is evaluated in parallel, a chunk per task; the chunks'
        // results are put back in file order, so the outcome does not depend on scheduling.
        let chunks: Vec<Evaluation> = built
            .resources
            .par_chunks(RESOURCES_PER_TASK)
            .map(|chunk| self.evaluate_chunk(&run, chunk))
            .collect();
        for chunk in chunks {
            out.findings.extend(chunk.findings);
            out.errors.extend(chunk.errors);
        }
        out
    }

    /// Evaluates `resources`, a run of the tenant's, in order.
    fn evaluate_chunk(&self, run: &Run<'_>, resources: &[Resource]) -> Evaluation {
        let mut out = Evaluation::default();
        let mut requests = Requests::new(self, run.built, run.cx);
        for resource in resources {
            let Some(policies) = run.selection.get(resource.entity_type) else {
                continue;
            };
            let request = match requests.make(resource) {
                Ok(request) => request,
                Err(message) => {
                    out.errors.push(run.request_error(resource, message));
                    continue;
                }
            };
            let response = self
                .authorizer
                .is_authorized(&request, policies, &run.built.entities);
            let first_error = out.errors.len();
            for error in response.diagnostics().errors() {
                let rule = match error {
                    cedar_policy::AuthorizationError::PolicyEvaluationError(e) => {
                        self.parts.get(e.policy_id()).map_or_else(
                            || e.policy_id().to_string(),
                            |&(r, _)| self.rules[r].id.clone(),
                        )
                    }
                };
                out.errors.push(EvalError {
                    code: codes::EVAL_FAILED,
                    rule,
                    ..run.request_error(resource, error.to_string())
                });
            }
            // Cedar's order of policies follows its hashing; the rule's id does not.
            out.errors[first_error..].sort_by(|a, b| a.rule.cmp(&b.rule));
            // Cedar gives the policies that fired as a set; rule order makes the findings'
            // order independent of its hashing.
            let mut fired: Vec<(usize, usize)> = response
                .diagnostics()
                .reason()
                .filter_map(|policy_id| self.parts.get(policy_id).copied())
                .collect();
            fired.sort_unstable();
            for (r, p) in fired {
                let mut finding =
                    self.finding(run.tenant, run.built, run.cx, resource, &self.rules[r], p);
                finding.severity = run
                    .settings
                    .severity(&finding.rule.id, finding.rule.severity);
                out.findings.push(finding);
            }
        }
        out
    }

    /// The Cedar requests [`Engine::evaluate`] makes for a tenant, each with the policies it
    /// is evaluated against (requests that cannot be made are left out): what a benchmark
    /// hands to Cedar alone, to measure what obligo adds to it.
    pub fn requests(
        &self,
        tenant: &Tenant,
        built: &TenantEntities,
        cx: &EvalContext,
        settings: &Settings,
    ) -> Vec<(Request, Arc<PolicySet>)> {
        let Ok(selection) = self.selection(self.selected(&packs_of(tenant), settings)) else {
            return Vec::new();
        };
        let mut requests = Requests::new(self, built, cx);
        built
            .resources
            .iter()
            .filter_map(|resource| {
                let policies = selection.get(resource.entity_type)?;
                let request = requests.make(resource).ok()?;
                Some((request, Arc::clone(policies)))
            })
            .collect()
    }

    fn finding(
        &self,
        tenant: &Tenant,
        built: &TenantEntities,
        cx: &EvalContext,
        resource: &Resource,
        rule: &Arc<Rule>,
        part: usize,
    ) -> Finding {
        let case = part;
        let part = &rule.parts[part];
        let fact = built.fact(&resource.uid, &part.location);
        let span = fact
            .and_then(|f| f.span.clone())
            .unwrap_or_else(|| resource.reference.span.clone());
        let related = fact
            .map(|f| {
                f.related
                    .iter()
                    .map(|(span, label)| (tenant.sources.location(span.clone()), label.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let fill = |template: &str| fill_template(template, built, cx, resource);
        Finding {
            rule: Arc::clone(rule),
            severity: rule.severity,
            status: Status::Open,
            acceptance: None,
            tenant: tenant.id.value.clone(),
            resource_kind: resource.reference.kind,
            resource: resource.reference.id.clone(),
            case,
            kind: part.kind,
            tenant_file: tenant.file.name().to_owned(),
            location: tenant.sources.location(span),
            related,
            message: fill(&part.message),
            label: part
                .label
                .as_deref()
                .map_or_else(|| rule.title.clone(), fill),
        }
    }
}

/// What every chunk of one tenant's evaluation shares.
struct Run<'a> {
    tenant: &'a Tenant,
    built: &'a TenantEntities,
    cx: &'a EvalContext,
    settings: &'a Settings,
    selection: &'a Selection,
}

impl Run<'_> {
    /// An error about the request for `resource`, located on its id.
    fn request_error(&self, resource: &Resource, message: String) -> EvalError {
        let at = self
            .tenant
            .sources
            .location(resource.reference.span.clone());
        EvalError {
            code: codes::EVAL_REQUEST,
            file: at.file,
            span: at.span,
            rule: "*".into(),
            resource: describe(resource),
            message,
        }
    }
}

/// Makes the requests of one tenant, each validated against the schema.
///
/// What Cedar validates in a request (that the action applies to the principal's and the
/// resource's types, and that the context conforms) depends on the types and the context, not
/// on the resource's id; every request of a tenant has the same principal and context. So the
/// first request of each resource type is validated and the verdict is kept for the others:
/// validating the context of every request took more time than evaluating its policies.
struct Requests<'a> {
    engine: &'a Engine,
    built: &'a TenantEntities,
    context: Result<Context, String>,
    /// The outcome of validating a request for each resource type met so far.
    validated: HashMap<&'static str, Result<(), String>>,
}

impl<'a> Requests<'a> {
    fn new(engine: &'a Engine, built: &'a TenantEntities, cx: &EvalContext) -> Self {
        Self {
            engine,
            built,
            context: cx.to_cedar(),
            validated: HashMap::new(),
        }
    }

    /// The request for `resource`, or why it cannot be made (the same message for every
    /// resource of its type).
    fn make(&mut self, resource: &Resource) -> Result<Request, String> {
        let context = self.context.clone()?;
        let make = |context, schema| {
            Request::new(
                self.built.principal.clone(),
                self.engine.action.clone(),
                resource.uid.clone(),
                context,
                schema,
            )
            .map_err(|e| e.to_string())
        };
        match self.validated.get(resource.entity_type) {
            Some(Ok(())) => make(context, None),
            Some(Err(message)) => Err(message.clone()),
            None => {
                let request = make(context, Some(&self.engine.schema));
                let verdict = request.as_ref().map(drop).map_err(Clone::clone);
                self.validated.insert(resource.entity_type, verdict);
                request
            }
        }
    }
}

/// The packs that bind `tenant`, sorted, each once.
fn packs_of(tenant: &Tenant) -> Vec<String> {
    let mut packs: Vec<String> = tenant
        .contracts
        .value
        .iter()
        .map(|c| c.value.clone())
        .collect();
    packs.sort();
    packs.dedup();
    packs
}

fn describe(resource: &Resource) -> String {
    format!("{} `{}`", resource.reference.kind, resource.reference.id)
}

/// Fills `{resource}`, `{kind}`, `{context.name}` and `{attr.path}` from the resource's facts.
/// A fact the file does not declare is shown as `(not declared)`.
fn fill_template(
    template: &str,
    built: &TenantEntities,
    cx: &EvalContext,
    resource: &Resource,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let value = match name {
            "resource" => Some(resource.reference.id.clone()),
            "kind" => Some(resource.reference.kind.to_owned()),
            _ => match name.strip_prefix("context.") {
                Some(key) => cx.display(key),
                None => built
                    .exact_fact(&resource.uid, name)
                    .map(|f| f.display.clone()),
            },
        };
        out.push_str(value.as_deref().unwrap_or("(not declared)"));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod context_tests {
    use std::collections::BTreeMap;

    use jiff::civil::date;

    use super::EvalContext;

    #[test]
    fn the_context_shows_the_date() {
        let cx = EvalContext::new(date(2026, 11, 30), BTreeMap::new()).unwrap();
        assert_eq!(cx.display("now").as_deref(), Some("2026-11-30"));
        assert!(EvalContext::new(date(9999, 6, 1), BTreeMap::new()).is_err());
    }
}

#[cfg(test)]
mod chunk_tests {
    use std::fmt::Write as _;

    use jiff::civil::date;

    use super::{Engine, EvalContext, RESOURCES_PER_TASK, Run};
    use crate::config::{Catalog, Settings};
    use crate::entities::{EntitySchema, TenantEntities};
    use crate::facts::reference::ReferenceData;
    use crate::finding::Finding;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;
    use crate::tenant::{Parsed, Tenant, parse};

    /// A tenant of more resources than one task takes is split into chunks evaluated in
    /// parallel; every resource's findings must come back, in the order of the file, including
    /// across the chunks' boundaries.
    #[test]
    fn a_large_tenant_is_evaluated_whole_and_in_order() {
        let count = 2 * RESOURCES_PER_TASK + 7;
        let mut text = String::from("[tenant]\nid = \"big\"\ncontracts = [\"dpa\"]\n");
        for i in 0..count {
            write!(
                text,
                "[[system]]\nid = \"s{i:04}\"\noperator = \"dpa\"\nservice_data = true\n\
                 anonymous_access = true\n"
            )
            .unwrap();
        }
        let refdata = ReferenceData::embedded().unwrap();
        let file = SourceFile::new("big.toml", text);
        let Parsed::Tenant(tenant) = parse(&file, &refdata) else {
            panic!("not a tenant");
        };
        let tenant: Box<Tenant> = tenant;
        let rules = RuleSet::load(None).unwrap();
        let built = TenantEntities::build(&tenant, &refdata, &EntitySchema::of(&rules)).unwrap();
        let engine = Engine::new(&rules).unwrap();
        let settings = Settings::defaults(&Catalog::of(&rules));
        let cx = EvalContext::new(date(2026, 11, 30), settings.params().clone()).unwrap();
        let out = engine.evaluate(&tenant, &built, &cx, &settings);

        let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages.is_empty(), "{messages:?}");
        let anonymous: Vec<&str> = out
            .findings
            .iter()
            .filter(|f| f.rule.id == "dpa/anonymous-access")
            .map(|f| f.resource.as_str())
            .collect();
        let expected: Vec<String> = (0..count).map(|i| format!("s{i:04}")).collect();
        assert_eq!(anonymous, expected);
        // The same findings, in the same order, as evaluating all resources in one run.
        let selection = engine
            .selection(engine.selected(&["dpa".to_owned()], &settings))
            .unwrap();
        let run = Run {
            tenant: &tenant,
            built: &built,
            cx: &cx,
            settings: &settings,
            selection: &selection,
        };
        let whole = engine.evaluate_chunk(&run, &built.resources);
        let key = |f: &Finding| {
            (
                f.rule.id.clone(),
                f.resource.clone(),
                f.case,
                f.message.clone(),
            )
        };
        assert!(whole.findings.len() > count);
        assert_eq!(
            out.findings.iter().map(key).collect::<Vec<_>>(),
            whole.findings.iter().map(key).collect::<Vec<_>>()
        );
    }
}
