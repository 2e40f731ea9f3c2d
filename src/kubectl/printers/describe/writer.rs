//! The prefix writer describers write through: indentation levels of two spaces, tab-separated
//! cells aligned at the end by [`super::tabwriter`], and flush points where alignment restarts
//! (the Events table is aligned apart from what precedes it).

use super::tabwriter;

/// Collects describe text; [`DescribeWriter::finish`] aligns it.
#[derive(Default)]
pub struct DescribeWriter {
    pending: String,
    flushed: String,
}

impl DescribeWriter {
    /// A new, empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `text` indented by `level` steps of two spaces (the text carries its own `\n`).
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.pending.push_str("  ");
        }
        self.pending.push_str(text);
    }

    /// Writes a whole line with no indentation.
    pub fn line(&mut self, text: &str) {
        self.pending.push_str(text);
        self.pending.push('\n');
    }

    /// Aligns everything written so far; later text is aligned on its own.
    pub fn flush(&mut self) {
        let text = std::mem::take(&mut self.pending);
        self.flushed.push_str(&tabwriter::align(&text, 0, 2));
    }

    /// The aligned text.
    pub fn finish(mut self) -> String {
        self.flush();
        self.flushed
    }

    /// The text without alignment, tabs kept: what `rollout history --revision` prints, since
    /// kubectl writes that template straight to its output.
    pub fn finish_raw(self) -> String {
        self.flushed + &self.pending
    }
}
