//! A corpus read through obligo up to the point where Cedar takes over: each tenant parsed,
//! its entities built and its requests made, exactly as `obligo check` makes them, with the
//! default settings. Shared by the `raw-cedar` example and the benchmarks (included with
//! `#[path]`), so that both hand Cedar the same work.

use std::path::Path;
use std::sync::Arc;

use cedar_policy::{Authorizer, PolicySet, Request};
use jiff::civil::Date;
use obligo::config::{Catalog, Settings};
use obligo::entities::{EntitySchema, TenantEntities};
use obligo::eval::{Engine, EvalContext};
use obligo::facts::reference::ReferenceData;
use obligo::rules::RuleSet;
use obligo::source::SourceFile;
use obligo::tenant::{self, Parsed, Tenant};

/// The default largest file (16 MiB), as `obligo check` reads.
const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Everything obligo derives from a corpus before Cedar evaluates it.
pub struct Prepared {
    /// The rules' engine.
    pub engine: Engine,
    /// The reference data.
    pub refdata: ReferenceData,
    /// What the entities are built against.
    pub schema: EntitySchema,
    /// The settings every file gets without an `obligo.toml`.
    pub settings: Settings,
    /// The evaluation date and the default parameters.
    pub cx: EvalContext,
    /// Each tenant file, read.
    pub files: Vec<SourceFile>,
    /// Each valid tenant, with its entities.
    pub tenants: Vec<(Tenant, TenantEntities)>,
    /// Each tenant's requests, with the policies each is evaluated against.
    pub requests: Vec<Vec<(Request, Arc<PolicySet>)>>,
}

impl Prepared {
    /// Reads every `*.toml` file directly in `dir` (as the corpus generator writes them).
    pub fn load(dir: &Path, now: Date) -> Result<Self, String> {
        let rules = RuleSet::load(None).map_err(|e| format!("{e:?}"))?;
        let refdata = ReferenceData::embedded().map_err(|e| e.to_string())?;
        let engine = Engine::new(&rules).map_err(|e| e.to_string())?;
        let settings = Settings::defaults(&Catalog::of(&rules));
        let cx = EvalContext::new(now, settings.params().clone()).map_err(|e| e.to_string())?;
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        let files = paths
            .iter()
            .map(|path| {
                std::fs::read_to_string(path)
                    .map(|text| SourceFile::new(path, text))
                    .map_err(|e| format!("{}: {e}", path.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut prepared = Self {
            engine,
            refdata,
            schema: EntitySchema::of(&rules),
            settings,
            cx,
            files,
            tenants: Vec::new(),
            requests: Vec::new(),
        };
        for file in &prepared.files {
            let tenant = prepared.parse(file)?;
            let built = prepared.build(&tenant)?;
            prepared.requests.push(prepared.engine.requests(
                &tenant,
                &built,
                &prepared.cx,
                &prepared.settings,
            ));
            prepared.tenants.push((tenant, built));
        }
        Ok(prepared)
    }

    /// Parses and validates one tenant file.
    pub fn parse(&self, file: &SourceFile) -> Result<Tenant, String> {
        match tenant::parse_with_limit(file, &self.refdata, MAX_FILE_SIZE) {
            Parsed::Tenant(tenant) => Ok(*tenant),
            _ => Err(format!("{}: not a valid tenant file", file.name())),
        }
    }

    /// Derives a tenant's facts and builds its Cedar entities.
    pub fn build(&self, tenant: &Tenant) -> Result<TenantEntities, String> {
        TenantEntities::build(tenant, &self.refdata, &self.schema)
            .map_err(|e| format!("{}: {e}", tenant.file.name()))
    }

    /// Cedar alone: every request of tenant `index` against its policies and entities; the
    /// number of policies satisfied (each a finding, as obligo reads the response).
    pub fn raw_cedar(&self, authorizer: &Authorizer, index: usize) -> usize {
        let entities = &self.tenants[index].1.entities;
        self.requests[index]
            .iter()
            .map(|(request, policies)| {
                let response = authorizer.is_authorized(request, policies, entities);
                response.diagnostics().reason().count()
            })
            .sum()
    }

    /// The number of requests.
    pub fn request_count(&self) -> usize {
        self.requests.iter().map(Vec::len).sum()
    }
}
