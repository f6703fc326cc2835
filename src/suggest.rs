//! "Did you mean" suggestions for misspelt keys, values and ids.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                c,
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
            )
        })
        .filter(|&(c, distance)| distance <= max_distance(word.chars().count().max(c.len())))
        .min_by_key(|&(c, distance)| (distance, c))
        .map(|(c, _)| c)
}

fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_a_typo() {
        let keys = ["last_used", "created", "enabled"];
        assert_eq!(closest("last_usd", keys), Some("last_used"));
        assert_eq!(closest("enabeld", keys), Some("enabled"));
    }

    #[test]
    fn ignores_unrelated_words() {
        assert_eq!(closest("colour", ["last_used", "created"]), None);
    }

    #[test]
    fn is_case_insensitive() {
        assert_eq!(closest("Aws", ["aws", "gcp"]), Some("aws"));
    }
}
