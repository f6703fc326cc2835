//! The comments a rule test case carries: `# expect: <rule-id>[, <rule-id>…]` trailing the line
//! where a finding must start, and `# now: YYYY-MM-DD` on a line of its own.

use jiff::civil::Date;

/// What a case's comments declare.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Markers {
    /// The evaluation date, when the case sets one.
    pub now: Option<Date>,
    /// `(rule id, 1-based line)` for every id of every `# expect:` comment.
    pub expected: Vec<(String, usize)>,
}

/// Reads the markers of a case; `Err` lists each malformed one as `line N: …`.
pub fn read(text: &str) -> Result<Markers, Vec<String>> {
    let mut out = Markers::default();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(date) = line.trim().strip_prefix('#').map(str::trim_start)
            && let Some(date) = date.strip_prefix("now:")
        {
            match date.trim().parse::<Date>() {
                Ok(_) if out.now.is_some() => {
                    errors.push(format!("line {number}: a second `# now:`"));
                }
                Ok(date) => out.now = Some(date),
                Err(error) => errors.push(format!(
                    "line {number}: `# now:` needs a date YYYY-MM-DD: {error}"
                )),
            }
            continue;
        }
        let Some((before, ids)) = expect_comment(line) else {
            continue;
        };
        if before.trim().is_empty() {
            errors.push(format!(
                "line {number}: `# expect:` must trail the line where the finding starts, not \
                 stand alone"
            ));
            continue;
        }
        let ids: Vec<&str> = ids.split(',').map(str::trim).collect();
        if ids.iter().any(|id| id.is_empty()) {
            errors.push(format!(
                "line {number}: `# expect:` needs comma-separated rule ids, found `{}`",
                line[before.len()..].trim()
            ));
            continue;
        }
        out.expected
            .extend(ids.into_iter().map(|id| (id.to_owned(), number)));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Splits `<toml> # expect: <ids>` into the part before the comment and the ids.
fn expect_comment(line: &str) -> Option<(&str, &str)> {
    line.match_indices('#').find_map(|(at, _)| {
        let ids = line[at + 1..]
            .trim_start()
            .strip_prefix("expect")?
            .trim_start()
            .strip_prefix(':')?;
        Some((&line[..at], ids))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_ids_and_the_date_are_read() {
        let text = "# now: 2026-08-31\na = 1 # expect: x/a, y/b\nb = \"#\" #expect : x/a\n";
        assert_eq!(
            read(text),
            Ok(Markers {
                now: Some(jiff::civil::date(2026, 8, 31)),
                expected: vec![("x/a".into(), 2), ("y/b".into(), 2), ("x/a".into(), 3)],
            })
        );
    }

    #[test]
    fn malformed_markers_are_errors() {
        assert!(read("a = 1 # expect:\n").is_err());
        assert!(read("# now: 2026-02-30\n").is_err());
        assert!(read("# now: 2026-02-03\n# now: 2026-02-04\n").is_err());
        assert_eq!(
            read("# expect: x/a\n"),
            Err(vec![
                "line 1: `# expect:` must trail the line where the finding starts, not stand \
                 alone"
                    .to_owned()
            ])
        );
    }
}
