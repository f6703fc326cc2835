//! The tenant's tables joined by id, built once per tenant. Derived facts that look from one
//! row into another table (a transfer's source, a backup's sources, the other accounts with the
//! same login) find their rows here in constant time; a scan of the other table for every row
//! made a tenant of 100,000 resources take minutes.
//!
//! Ids are unique within a valid tenant (the reader rejects duplicates), so each lookup has one
//! answer; where two tables could hold the same id, the order of the former scans is kept:
//! systems before data stores, and the first row of a table before later ones.

use std::collections::HashMap;

use crate::source::Located;
use crate::tenant::Tenant;
use crate::tenant::model::data::{DataFacts, SubProcessor};
use crate::tenant::model::{Credential, Hosting, Transfer};

/// A system or data store, as other tables see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hosted<'t> {
    /// Where it is hosted.
    pub(crate) hosting: Option<&'t Located<Hosting>>,
    /// The facts about the data it holds.
    pub(crate) data: &'t DataFacts,
    /// Whether it holds personal data.
    pub(crate) personal_data: Option<&'t Located<bool>>,
}

/// The rows of one tenant by the ids and keys other rows name them with.
#[derive(Debug, Default)]
pub(crate) struct Index<'t> {
    hosted: HashMap<&'t str, Hosted<'t>>,
    sub_processors: HashMap<&'t str, &'t SubProcessor>,
    /// For each resource id, the `of` entry of each backup copying it, in file order.
    backups_of: HashMap<&'t str, Vec<&'t Located<String>>>,
    /// For each sub-processor id, the transfers naming it, in file order.
    transfers_to: HashMap<&'t str, Vec<&'t Transfer>>,
    /// Credentials by login, compared without regard to ASCII case, in file order.
    by_login: HashMap<String, Vec<&'t Credential>>,
    /// Credentials by person, in file order.
    by_person: HashMap<&'t str, Vec<&'t Credential>>,
}

impl<'t> Index<'t> {
    /// Indexes `tenant`.
    pub(crate) fn of(tenant: &'t Tenant) -> Self {
        let mut index = Self::default();
        for s in &tenant.systems {
            index.hosted.entry(&s.id.value).or_insert(Hosted {
                hosting: s.hosting.as_ref(),
                data: &s.data,
                personal_data: s.personal_data.as_ref(),
            });
        }
        for d in &tenant.data_stores {
            index.hosted.entry(&d.id.value).or_insert(Hosted {
                hosting: d.hosting.as_ref(),
                data: &d.data,
                personal_data: d.personal_data.as_ref(),
            });
        }
        for s in &tenant.sub_processors {
            index.sub_processors.entry(&s.id.value).or_insert(s);
        }
        for backup in &tenant.backups {
            let Some(of) = &backup.of else { continue };
            for (i, id) in of.value.iter().enumerate() {
                // A backup copies a resource once, however often its list names it.
                if of.value[..i]
                    .iter()
                    .all(|earlier| earlier.value != id.value)
                {
                    index.backups_of.entry(&id.value).or_default().push(id);
                }
            }
        }
        for t in &tenant.transfers {
            if let Some(sub) = &t.sub_processor {
                index.transfers_to.entry(&sub.value).or_default().push(t);
            }
        }
        for c in &tenant.credentials {
            if let Some(login) = &c.account.login {
                let key = login.value.to_ascii_lowercase();
                index.by_login.entry(key).or_default().push(c);
            }
            if let Some(person) = &c.account.person {
                index.by_person.entry(&person.value).or_default().push(c);
            }
        }
        index
    }

    /// The system or data store `id`.
    pub(crate) fn hosted(&self, id: &str) -> Option<Hosted<'t>> {
        self.hosted.get(id).copied()
    }

    /// The sub-processor `id`.
    pub(crate) fn sub_processor(&self, id: &str) -> Option<&'t SubProcessor> {
        self.sub_processors.get(id).copied()
    }

    /// The `of` entries naming `id`, one per backup that copies it.
    pub(crate) fn backups_of(&self, id: &str) -> &[&'t Located<String>] {
        self.backups_of.get(id).map_or(&[], Vec::as_slice)
    }

    /// The transfers that name sub-processor `id`.
    pub(crate) fn transfers_to(&self, id: &str) -> &[&'t Transfer] {
        self.transfers_to.get(id).map_or(&[], Vec::as_slice)
    }

    /// The credentials whose login is `login`, ignoring ASCII case.
    pub(crate) fn with_login(&self, login: &str) -> &[&'t Credential] {
        self.by_login
            .get(&login.to_ascii_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// The credentials held by `person`.
    pub(crate) fn of_person(&self, person: &str) -> &[&'t Credential] {
        self.by_person.get(person).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::Index;
    use crate::facts::reference::ReferenceData;
    use crate::source::SourceFile;
    use crate::tenant::{Parsed, parse};

    fn tenant(text: &str) -> crate::tenant::Tenant {
        let rd = ReferenceData::embedded().unwrap();
        match parse(&SourceFile::new("t.toml", text), &rd) {
            Parsed::Tenant(t) => *t,
            other => panic!("not a tenant: {other:?}"),
        }
    }

    const HEAD: &str = "[tenant]\nid = \"t\"\ncontracts = [\"dpa\"]\n";

    #[test]
    fn finds_rows_by_id_and_keeps_file_order() {
        let t = tenant(&format!(
            "{HEAD}
[[system]]
id = \"web\"
personal_data = true
[[data_store]]
id = \"db\"
[[sub_processor]]
id = \"mail\"
contract = \"dpa\"
[[backup]]
id = \"b1\"
of = [\"web\", \"db\", \"web\"]
[[backup]]
id = \"b2\"
of = [\"web\"]
[[transfer]]
id = \"t1\"
sub_processor = \"mail\"
destination = {{ country = \"US\" }}
[[transfer]]
id = \"t2\"
sub_processor = \"mail\"
destination = {{ country = \"DE\" }}
"
        ));
        let index = Index::of(&t);
        assert!(index.hosted("web").unwrap().personal_data.unwrap().value);
        assert!(index.hosted("db").unwrap().personal_data.is_none());
        assert!(index.hosted("mail").is_none());
        assert_eq!(index.sub_processor("mail").unwrap().id.value, "mail");
        // One entry per backup, though b1 names `web` twice; b1's comes first.
        let web = index.backups_of("web");
        assert_eq!(web.len(), 2);
        assert!(web[0].span.start < web[1].span.start);
        assert_eq!(index.backups_of("db").len(), 1);
        assert!(index.backups_of("nothing").is_empty());
        let flows: Vec<&str> = index
            .transfers_to("mail")
            .iter()
            .map(|t| t.id.value.as_str())
            .collect();
        assert_eq!(flows, ["t1", "t2"]);
    }

    #[test]
    fn logins_match_without_regard_to_case() {
        let t = tenant(&format!(
            "{HEAD}
[[credential]]
id = \"c1\"
login = \"Admin\"
person = \"ann\"
[[credential]]
id = \"c2\"
login = \"admin\"
person = \"bob\"
[[credential]]
id = \"c3\"
login = \"other\"
person = \"ann\"
"
        ));
        let index = Index::of(&t);
        let ids = |cs: &[&crate::tenant::model::Credential]| {
            cs.iter().map(|c| c.id.value.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(index.with_login("ADMIN")), ["c1", "c2"]);
        assert_eq!(ids(index.of_person("ann")), ["c1", "c3"]);
        assert!(index.with_login("nobody").is_empty());
    }
}
