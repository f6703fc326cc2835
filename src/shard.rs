//! `--shard K/N`: one of N disjoint parts of a corpus, for the jobs of a CI matrix.
//!
//! A file belongs to the shard its name hashes to: the SHA-256 of the path as obligo names it
//! (as walked from the paths given, `.` removed, with `/` separators), taken modulo N. The hash depends on
//! the name and nothing else, so every machine of a matrix computes the same split without
//! seeing the other jobs, and a file stays in its shard as the corpus grows: adding a tenant
//! moves no other tenant to another shard, so code scanning, which keeps results per shard
//! category, never sees an alert closed in one shard and opened in another. Positions in the
//! sorted list would balance shards exactly but shift every later file when one is added;
//! with thousands of files the hash's imbalance is a few per cent.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// Shard `index` of `count` (1-based, as written on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Shard {
    /// Shard `index` of `count`, or `None` unless `1 <= index <= count`.
    pub fn new(index: u32, count: u32) -> Option<Self> {
        (1..=count)
            .contains(&index)
            .then_some(Self { index, count })
    }

    /// The shard's number, from 1.
    pub fn index(self) -> u32 {
        self.index
    }

    /// The number of shards.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Whether the file named `path` belongs to this shard.
    pub fn contains(self, path: &Path) -> bool {
        Self::of(path, self.count) == self.index
    }

    /// The shard (from 1) of `count` that the file named `path` belongs to.
    pub fn of(path: &Path, count: u32) -> u32 {
        let name = crate::discover::normalize(path)
            .to_string_lossy()
            .replace('\\', "/");
        let digest = Sha256::digest(name.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        let bucket = u64::from_be_bytes(first) % u64::from(count.max(1));
        // Below `count`, which is a `u32`.
        u32::try_from(bucket).unwrap_or_default() + 1
    }

    /// The code-scanning category of the shard's SARIF when `--sarif-category` is not given,
    /// e.g. `obligo/shard-2-of-4`: a category of its own, so that the shards' uploads do not
    /// replace each other's results.
    pub fn sarif_category(self) -> String {
        format!("obligo/shard-{}-of-{}", self.index, self.count)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || format!("expected K/N with 1 <= K <= N, e.g. `2/4`, got `{s}`");
        let (index, count) = s.split_once('/').ok_or_else(expected)?;
        let number = |n: &str| n.trim().parse::<u32>().map_err(|_| expected());
        Self::new(number(index)?, number(count)?).ok_or_else(expected)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!("1/1".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/4", "5/4", "4", "a/4", "1/0", "-1/4", "1/4/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_file_is_in_exactly_one_shard() {
        let paths: Vec<PathBuf> = (0..1000)
            .map(|i| PathBuf::from(format!("tenants/t-{i}.toml")))
            .collect();
        for count in [1, 2, 3, 4, 7] {
            let mut sizes = vec![0usize; count as usize];
            for path in &paths {
                let owners: Vec<u32> = (1..=count)
                    .filter(|&k| Shard::new(k, count).is_some_and(|s| s.contains(path)))
                    .collect();
                assert_eq!(owners.len(), 1, "{} in shards {owners:?}", path.display());
                sizes[owners[0] as usize - 1] += 1;
            }
            // Balanced to within a fifth of the even share.
            let even = paths.len() / count as usize;
            assert!(
                sizes.iter().all(|&n| n.abs_diff(even) * 5 <= even),
                "{count}: {sizes:?}"
            );
        }
    }

    #[test]
    fn the_split_does_not_depend_on_the_separator() {
        assert_eq!(
            Shard::of(Path::new("tenants/a/b.toml"), 4),
            Shard::of(Path::new("tenants\\a\\b.toml"), 4)
        );
        assert_eq!(
            Shard::of(Path::new("./tenants/b.toml"), 4),
            Shard::of(Path::new("tenants/b.toml"), 4)
        );
    }
}
