//! The policy packs compiled into the binary from `policies/`.

/// Every embedded policy file as (path relative to `policies/`, text), sorted by path.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/policies.rs"));

/// The path of the schema inside the packs.
pub const SCHEMA_PATH: &str = "schema.cedarschema";

/// The ids of the built-in packs: the directories with a `pack.toml`, sorted.
pub fn pack_ids() -> Vec<&'static str> {
    FILES
        .iter()
        .filter_map(|(path, _)| super::pack::manifest_dir(path))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_directory_of_rules_has_a_manifest() {
        let mut dirs: Vec<&str> = super::FILES
            .iter()
            .filter(|(path, _)| path.ends_with(".cedar"))
            .filter_map(|(path, _)| path.split_once('/').map(|(dir, _)| dir))
            .collect();
        dirs.dedup();
        assert!(!dirs.is_empty());
        assert_eq!(super::pack_ids(), dirs);
    }
}
