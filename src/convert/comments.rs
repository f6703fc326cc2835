//! The `#` comments of a TOML or YAML file, handed out once each as the writer meets the values
//! they stand before or after: the comment lines above a key (back to the last line with
//! content), and the comment at the end of a value's line. What no value takes is written at
//! the end, so no comment is lost.

use crate::source::SourceFile;

pub(super) struct Comments {
    file: Option<SourceFile>,
    /// Per line: its text when the line holds only a comment.
    lines: Vec<Option<String>>,
    /// Per line: whether the line holds anything but a comment or blanks.
    content: Vec<bool>,
    /// Per line: whether its comment was handed out.
    used: Vec<bool>,
    /// Per line: whether the comment at its end was handed out.
    used_after: Vec<bool>,
}

impl Comments {
    /// No comments (JSON has none).
    pub(super) fn none() -> Self {
        Self {
            file: None,
            lines: Vec::new(),
            content: Vec::new(),
            used: Vec::new(),
            used_after: Vec::new(),
        }
    }

    pub(super) fn of(file: &SourceFile) -> Self {
        let mut lines = Vec::new();
        let mut content = Vec::new();
        for line in file.text().lines() {
            let trimmed = line.trim();
            let comment = trimmed.strip_prefix('#').map(|c| c.trim_end().to_owned());
            content.push(comment.is_none() && !trimmed.is_empty() && trimmed != "---");
            lines.push(comment);
        }
        let used = vec![false; lines.len()];
        Self {
            file: Some(file.clone()),
            used_after: used.clone(),
            lines,
            content,
            used,
        }
    }

    /// The comment lines above the line of `offset` that no value took yet, back to the last
    /// line with content.
    pub(super) fn above(&mut self, offset: usize) -> Vec<String> {
        let Some(file) = &self.file else {
            return Vec::new();
        };
        let (line, _) = file.line_col(offset);
        let mut index = line.saturating_sub(1);
        let mut found = Vec::new();
        while index > 0 && !self.content[index - 1] {
            index -= 1;
            if let Some(text) = &self.lines[index]
                && !self.used[index]
            {
                self.used[index] = true;
                found.push(text.clone());
            }
        }
        found.reverse();
        found
    }

    /// The comment after `end` on its line, when only commas and blanks stand between.
    pub(super) fn after(&mut self, end: usize) -> Option<String> {
        let file = self.file.as_ref()?;
        let text = file.text();
        let rest = text.get(end..)?;
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let comment = rest
            .trim_start_matches([' ', '\t', ','])
            .strip_prefix('#')?;
        let (line, _) = file.line_col(end);
        let used = self.used_after.get_mut(line - 1)?;
        if std::mem::replace(used, true) {
            return None;
        }
        Some(comment.trim_end().to_owned())
    }

    /// The comment lines no value took, in file order.
    pub(super) fn rest(&mut self) -> Vec<String> {
        let mut found = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            if let Some(text) = line
                && !self.used[index]
            {
                self.used[index] = true;
                found.push(text.clone());
            }
        }
        found
    }
}
