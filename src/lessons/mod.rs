//! Lessons: the data lives in `lessons/*.md` (embedded at build time), this code only parses
//! the files and checks a learner's progress against the cluster and the console history.

pub mod check;
pub mod parse;

pub use check::{Check, Target};
pub use parse::{inline_spans, parse_lesson, Lesson, ParseError, Part, Span, Step};

use crate::session::Session;

/// Every lesson shipped with the page, as (file name, text), in teaching order.
pub const LESSON_FILES: &[(&str, &str)] =
    &[("01-namespaces-and-pods.md", include_str!("../../lessons/01-namespaces-and-pods.md"))];

/// The shipped lessons, parsed; a file that fails to parse is reported with its name.
pub fn all_lessons() -> Vec<Result<Lesson, String>> {
    LESSON_FILES
        .iter()
        .map(|(name, text)| parse_lesson(text).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// Whether each step of a lesson is done, evaluated against a session (read-only).
pub fn progress(lesson: &Lesson, session: &Session) -> Vec<bool> {
    lesson
        .steps
        .iter()
        .map(|step| step.checks.iter().all(|c| c.holds(&session.world, &session.shell.history)))
        .collect()
}

/// A learner's progress through one lesson. Steps are done in order: a step is only checked once
/// all steps before it are done (so "pod absent" does not tick before the pod was ever made), and
/// once done it stays done (deleting the pod in the last step must not un-tick its creation).
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    done: Vec<bool>,
}

impl Progress {
    /// Nothing done yet.
    pub fn new(lesson: &Lesson) -> Self {
        Progress { done: vec![false; lesson.steps.len()] }
    }

    /// Re-evaluates the checks (call it when the store revision or the history changed) and
    /// returns which steps are done.
    pub fn update(&mut self, lesson: &Lesson, session: &Session) -> &[bool] {
        let now = progress(lesson, session);
        self.done.resize(now.len(), false);
        for (done, holds) in self.done.iter_mut().zip(now) {
            *done |= holds;
            if !*done {
                break;
            }
        }
        &self.done
    }
}

#[cfg(test)]
mod tests;
