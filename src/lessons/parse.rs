//! Reads a lesson file: front matter (`title:`), an intro, then `## Step: TITLE` sections
//! holding prose, fenced command blocks and `check:` lines. Errors carry line numbers.

use super::check::Check;
use std::fmt;

/// One lesson as the panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub title: String,
    /// Prose before the first step.
    pub intro: String,
    pub steps: Vec<Step>,
}

/// One step: what to read, what to type, and how we know it is done.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: String,
    /// Paragraphs and command blocks in the order the file gives them.
    pub body: Vec<Part>,
    /// All must hold for the step to count as done.
    pub checks: Vec<Check>,
}

/// A piece of a step's body: a paragraph of prose or a fenced command block.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// One paragraph (lines joined by spaces); `code` spans are split out by [`inline_spans`].
    Prose(String),
    /// A fenced block's text: what "copy to console" pastes.
    Command(String),
}

impl Step {
    /// The step's command blocks, in order.
    pub fn commands(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|part| match part {
            Part::Command(text) => Some(text.as_str()),
            Part::Prose(_) => None,
        })
    }

    /// Adds a prose line: a blank line ends the current paragraph (marked by a trailing newline
    /// until [`Step::finish`]).
    fn push_prose_line(&mut self, line: &str) {
        let line = line.trim();
        let open_paragraph = match self.body.last_mut() {
            Some(Part::Prose(paragraph)) if !paragraph.ends_with('\n') => Some(paragraph),
            _ => None,
        };
        match (line.is_empty(), open_paragraph) {
            (true, Some(paragraph)) => paragraph.push('\n'),
            (true, None) => {}
            (false, Some(paragraph)) => {
                paragraph.push(' ');
                paragraph.push_str(line);
            }
            (false, None) => self.body.push(Part::Prose(line.to_string())),
        }
    }

    /// Drops the end-of-paragraph marks left by [`Step::push_prose_line`].
    fn finish(&mut self) {
        for part in &mut self.body {
            if let Part::Prose(paragraph) = part {
                *paragraph = paragraph.trim().to_string();
            }
        }
    }
}

/// A run of prose text, plain or `code`.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text(String),
    Code(String),
}

/// Splits a paragraph at backticks into plain and code runs; an unmatched backtick stays text.
pub fn inline_spans(paragraph: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut rest = paragraph;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            spans.push(Span::Text(rest[..open].to_string()));
        }
        spans.push(Span::Code(rest[open + 1..open + 1 + close].to_string()));
        rest = &rest[open + 1 + close + 1..];
    }
    if !rest.is_empty() {
        spans.push(Span::Text(rest.to_string()));
    }
    spans
}

/// Why a lesson file could not be read, and on which line (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn error(line: usize, message: impl Into<String>) -> ParseError {
    ParseError { line, message: message.into() }
}

/// Parses a lesson file; never panics, every problem is a [`ParseError`].
pub fn parse_lesson(text: &str) -> Result<Lesson, ParseError> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim()) != Some("---") {
        return Err(error(1, "a lesson starts with front matter: `---`, `title: ...`, `---`"));
    }
    let mut title = None;
    let mut index = 1;
    loop {
        let Some(line) = lines.get(index) else {
            return Err(error(index, "front matter is not closed with `---`"));
        };
        index += 1;
        if line.trim() == "---" {
            break;
        }
        match line.split_once(':') {
            Some(("title", value)) if !value.trim().is_empty() => title = Some(value.trim().to_string()),
            _ => return Err(error(index, format!("unknown front matter line `{line}`"))),
        }
    }
    let title = title.ok_or_else(|| error(index, "front matter has no `title:`"))?;
    let mut intro = String::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut fence: Option<(usize, String)> = None;
    for (offset, line) in lines[index..].iter().enumerate() {
        let number = index + offset + 1;
        if let Some((_, block)) = fence.as_mut() {
            if line.trim_start().starts_with("```") {
                let (_, block) = fence.take().unwrap_or_default();
                let step = steps.last_mut().ok_or_else(|| error(number, "command block before the first step"))?;
                step.body.push(Part::Command(block));
            } else {
                block.push_str(line);
                block.push('\n');
            }
            continue;
        }
        if let Some(step_title) = line.strip_prefix("## Step:") {
            let step_title = step_title.trim();
            if step_title.is_empty() {
                return Err(error(number, "a step needs a title: `## Step: TITLE`"));
            }
            steps.push(Step { title: step_title.into(), body: vec![], checks: vec![] });
        } else if line.trim_start().starts_with("```") {
            fence = Some((number, String::new()));
        } else if let Some(check) = line.strip_prefix("check:") {
            let check = Check::parse(check).map_err(|m| error(number, m))?;
            let step = steps.last_mut().ok_or_else(|| error(number, "check before the first step"))?;
            step.checks.push(check);
        } else if let Some(step) = steps.last_mut() {
            step.push_prose_line(line);
        } else {
            intro.push_str(line);
            intro.push('\n');
        }
    }
    if let Some((start, _)) = fence {
        return Err(error(start, "command block is not closed with ```"));
    }
    if steps.is_empty() {
        return Err(error(lines.len(), "a lesson needs at least one `## Step: TITLE`"));
    }
    if let Some(step) = steps.iter().find(|s| s.checks.is_empty()) {
        return Err(error(lines.len(), format!("step `{}` has no `check:` line", step.title)));
    }
    for step in &mut steps {
        step.finish();
    }
    Ok(Lesson { title, intro: intro.trim().to_string(), steps })
}
