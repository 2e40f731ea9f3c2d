//! Conditional expressions of `test`, `[ … ]` and `[[ … ]]`: string and integer comparisons,
//! `-z`/`-n`, file tests against the virtual filesystem, `!`, and `-a`/`-o` (`&&`/`||` in
//! `[[ ]]`), with parentheses.

use super::expand::wildcard_match;
use super::regex::Regex;
use crate::vfs::Vfs;

/// One operand as expanded: its text, and for `[[ ]]` its glob pattern (quoted parts escaped).
#[derive(Clone, Debug)]
pub struct Arg {
    pub text: String,
    pub pattern: Option<String>,
}

impl Arg {
    /// An operand of `test`/`[`: only text.
    pub fn plain(text: &str) -> Self {
        Arg { text: text.to_string(), pattern: None }
    }
}

/// Evaluates the expression; `double` selects `[[ ]]` rules (pattern `==`, `=~`, `&&`/`||`).
/// The error is the message bash prints after `bash: [: `.
pub fn evaluate(args: &[Arg], double: bool, fs: &Vfs) -> Result<bool, String> {
    if args.is_empty() {
        return Ok(false);
    }
    let mut e = Evaluator { args, pos: 0, double, fs, depth: 0 };
    let value = e.or()?;
    match args.get(e.pos) {
        None => Ok(value),
        Some(_) if double => Err(format!("syntax error near `{}'", args[e.pos].text)),
        Some(_) => Err("too many arguments".into()),
    }
}

struct Evaluator<'a> {
    args: &'a [Arg],
    pos: usize,
    double: bool,
    fs: &'a Vfs,
    /// Parentheses open at the cursor (bounded against stack overflow).
    depth: usize,
}

const UNARY: &[&str] = &["-z", "-n", "-f", "-d", "-e", "-s", "-r", "-w", "-x", "-L", "-h", "-v"];
const BINARY: &[&str] = &["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "=~"];

impl Evaluator<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).map(|a| a.text.as_str())
    }

    fn remaining(&self) -> usize {
        self.args.len() - self.pos
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut value = self.and()?;
        let op = if self.double { "||" } else { "-o" };
        while self.peek() == Some(op) && self.remaining() > 1 {
            self.pos += 1;
            let right = self.and()?;
            value = value || right;
        }
        Ok(value)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut value = self.not()?;
        let op = if self.double { "&&" } else { "-a" };
        while self.peek() == Some(op) && self.remaining() > 1 {
            self.pos += 1;
            let right = self.not()?;
            value = value && right;
        }
        Ok(value)
    }

    fn not(&mut self) -> Result<bool, String> {
        let mut negate = false;
        while self.peek() == Some("!") && self.remaining() > 1 {
            self.pos += 1;
            negate = !negate;
        }
        Ok(self.primary()? != negate)
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(first) = self.args.get(self.pos) else { return Err("argument expected".into()) };
        let second = self.args.get(self.pos + 1).map(|a| a.text.as_str());
        if self.remaining() >= 3 && second.is_some_and(|op| BINARY.contains(&op)) {
            let op = second.unwrap_or_default().to_string();
            let right = self.args[self.pos + 2].clone();
            self.pos += 3;
            return self.binary(&first.text, &op, &right);
        }
        if first.text == "(" && self.remaining() >= 3 {
            if self.depth > 64 {
                return Err("expression nested too deeply".into());
            }
            self.pos += 1;
            self.depth += 1;
            let value = self.or();
            self.depth -= 1;
            let value = value?;
            if self.peek() != Some(")") {
                return Err("`)' expected".into());
            }
            self.pos += 1;
            return Ok(value);
        }
        if UNARY.contains(&first.text.as_str()) && self.remaining() >= 2 {
            let op = first.text.clone();
            let operand = self.args[self.pos + 1].text.clone();
            self.pos += 2;
            return Ok(self.unary(&op, &operand));
        }
        if !self.double && self.remaining() == 2 {
            return Err(format!("{}: unary operator expected", first.text));
        }
        if self.double && self.remaining() >= 2 && !matches!(second, Some("&&" | "||" | ")")) {
            return Err("syntax error in conditional expression".into());
        }
        self.pos += 1;
        Ok(!first.text.is_empty())
    }

    fn unary(&self, op: &str, operand: &str) -> bool {
        let fs = self.fs;
        match op {
            "-z" => operand.is_empty(),
            "-n" => !operand.is_empty(),
            "-f" => fs.read(operand).is_some(),
            "-d" => fs.is_dir(operand),
            "-s" => fs.read(operand).is_some_and(|t| !t.is_empty()),
            "-L" | "-h" | "-v" => false,
            _ => fs.read(operand).is_some() || fs.is_dir(operand),
        }
    }

    fn binary(&self, left: &str, op: &str, right: &Arg) -> Result<bool, String> {
        let int = |text: &str| -> Result<i64, String> {
            text.trim().parse::<i64>().map_err(|_| format!("{text}: integer expression expected"))
        };
        Ok(match op {
            "=" | "==" | "!=" => {
                let equal = match (&right.pattern, self.double) {
                    (Some(pattern), true) => wildcard_match(pattern, left),
                    _ => left == right.text,
                };
                equal == (op != "!=")
            }
            "=~" => match Regex::new(&right.text, true, false) {
                Ok(regex) => regex.is_match(left),
                Err(_) => return Err(format!("{}: invalid regular expression", right.text)),
            },
            "<" => left < right.text.as_str(),
            ">" => left > right.text.as_str(),
            "-eq" => int(left)? == int(&right.text)?,
            "-ne" => int(left)? != int(&right.text)?,
            "-lt" => int(left)? < int(&right.text)?,
            "-le" => int(left)? <= int(&right.text)?,
            "-gt" => int(left)? > int(&right.text)?,
            _ => int(left)? >= int(&right.text)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(line: &str) -> Result<bool, String> {
        let args: Vec<Arg> = line.split_whitespace().map(Arg::plain).collect();
        evaluate(&args, false, &Vfs::with_tutorial_files())
    }

    #[test]
    fn strings_numbers_and_files() {
        assert_eq!(test("-z ''").map(|_| ()), Ok(()));
        assert_eq!(test("abc = abc"), Ok(true));
        assert_eq!(test("abc != abc"), Ok(false));
        assert_eq!(test("3 -lt 10"), Ok(true));
        assert_eq!(test("3 -gt 10 -o 1 -eq 1"), Ok(true));
        assert_eq!(test("! -n x"), Ok(false));
        assert_eq!(test("-f kube/depl.yaml"), Ok(true));
        assert_eq!(test("-d kube"), Ok(true));
        assert_eq!(test("-f kube"), Ok(false));
        assert_eq!(test("-n"), Ok(true));
        assert_eq!(test("( 1 -eq 2 ) -o x"), Ok(true));
    }

    #[test]
    fn errors() {
        assert_eq!(test("a -eq 1"), Err("a: integer expression expected".into()));
        assert_eq!(test("a b c d"), Err("too many arguments".into()));
        assert_eq!(test("1 -lt"), Err("1: unary operator expected".into()));
    }

    #[test]
    fn double_brackets_match_patterns() {
        let args = [Arg::plain("nginx-123"), Arg::plain("=="), Arg { text: "nginx-*".into(), pattern: Some("nginx-*".into()) }];
        assert_eq!(evaluate(&args, true, &Vfs::default()), Ok(true));
        let args = [Arg::plain("v1.2"), Arg::plain("=~"), Arg::plain("^v[0-9]+\\.")];
        assert_eq!(evaluate(&args, true, &Vfs::default()), Ok(true));
    }
}
