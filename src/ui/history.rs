//! Command history for the up/down keys, like a shell's: browsing keeps the line being typed
//! as a draft and gives it back when you come down past the newest entry.

/// Entered commands, oldest first, and where the user is browsing.
#[derive(Debug, Default)]
pub struct History {
    entries: Vec<String>,
    /// Index into `entries` while browsing; `None` when editing a fresh line.
    cursor: Option<usize>,
    /// The line that was being typed when browsing started.
    draft: String,
}

impl History {
    /// A history holding `entries` (oldest first), e.g. restored from a saved state.
    pub fn from_entries(entries: Vec<String>) -> Self {
        History { entries, cursor: None, draft: String::new() }
    }

    /// Records a submitted command (blank lines and repeats of the last one are not kept).
    pub fn push(&mut self, command: &str) {
        self.cursor = None;
        self.draft.clear();
        let command = command.trim_end_matches('\n');
        if command.trim().is_empty() || self.entries.last().map(String::as_str) == Some(command) {
            return;
        }
        self.entries.push(command.to_string());
    }

    /// The entry before the current one, if any; `current` is kept as the draft on the first step.
    pub fn older(&mut self, current: &str) -> Option<String> {
        let next = match self.cursor {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(i) => i.checked_sub(1)?,
        };
        self.cursor = Some(next);
        self.entries.get(next).cloned()
    }

    /// The entry after the current one, or the draft when moving past the newest.
    pub fn newer(&mut self) -> Option<String> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            self.entries.get(i + 1).cloned()
        } else {
            self.cursor = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Ctrl+R: the newest entry containing `query` older than entry `before` (all when `None`),
    /// with its index so a further Ctrl+R can look older still.
    pub fn search(&self, query: &str, before: Option<usize>) -> Option<(usize, String)> {
        let end = before.unwrap_or(self.entries.len()).min(self.entries.len());
        self.entries[..end].iter().enumerate().rev().find(|(_, e)| e.contains(query)).map(|(i, e)| (i, e.clone()))
    }
}
