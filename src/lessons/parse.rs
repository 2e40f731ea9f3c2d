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
    /// Prose lines (Markdown, without the fenced blocks and checks).
    pub prose: String,
    /// Each fenced block's text: what "copy to console" pastes.
    pub commands: Vec<String>,
    /// All must hold for the step to count as done.
    pub checks: Vec<Check>,
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
                step.commands.push(block);
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
            steps.push(Step { title: step_title.into(), prose: String::new(), commands: vec![], checks: vec![] });
        } else if line.trim_start().starts_with("```") {
            fence = Some((number, String::new()));
        } else if let Some(check) = line.strip_prefix("check:") {
            let check = Check::parse(check).map_err(|m| error(number, m))?;
            let step = steps.last_mut().ok_or_else(|| error(number, "check before the first step"))?;
            step.checks.push(check);
        } else if let Some(step) = steps.last_mut() {
            step.prose.push_str(line);
            step.prose.push('\n');
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
        step.prose = step.prose.trim().to_string();
    }
    Ok(Lesson { title, intro: intro.trim().to_string(), steps })
}
