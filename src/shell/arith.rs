//! Shell arithmetic, as in `$(( i + 1 ))`: 64-bit integers with C operators, variables by bare
//! name (assignments such as `i++` or `n += 2` write them back), and bash's error texts.

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

/// Operators, longest first so `<<=` wins over `<<` and `<`.
const OPERATORS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "<=", ">=", "==", "!=", "&&",
    "||", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", "(", ")", ",",
];

/// Evaluates `expr` against `vars`; the error is worded as bash words it after `bash: `.
pub fn eval(expr: &str, vars: &mut BTreeMap<String, String>) -> Result<i64, String> {
    let tokens = tokenize(expr)?;
    if tokens.is_empty() {
        return Ok(0);
    }
    let mut p = Eval { tokens, pos: 0, vars, expr: expr.trim().to_string(), depth: 0 };
    let value = p.comma(false)?;
    match p.tokens.get(p.pos) {
        None => Ok(value),
        Some(_) => Err(p.error("syntax error in expression")),
    }
}

fn tokenize(expr: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let parsed = if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
                i64::from_str_radix(hex, 16).ok()
            } else if text.len() > 1 && text.starts_with('0') {
                i64::from_str_radix(&text[1..], 8).ok()
            } else {
                text.parse().ok()
            };
            match parsed {
                Some(n) => tokens.push(Tok::Num(n)),
                None => return Err(format!("{}: value too great for base (error token is \"{text}\")", expr.trim())),
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Tok::Name(chars[start..i].iter().collect()));
        } else {
            let rest: String = chars[i..].iter().take(3).collect();
            let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(*op)) else {
                let token: String = chars[i..].iter().collect();
                return Err(format!("{}: syntax error: invalid arithmetic operator (error token is \"{token}\")", expr.trim()));
            };
            tokens.push(Tok::Op(op));
            i += op.chars().count();
        }
    }
    Ok(tokens)
}

struct Eval<'a> {
    tokens: Vec<Tok>,
    pos: usize,
    vars: &'a mut BTreeMap<String, String>,
    expr: String,
    depth: usize,
}

/// Binary operators by precedence level, loosest first.
const LEVELS: &[&[&str]] =
    &[&["||"], &["&&"], &["|"], &["^"], &["&"], &["==", "!="], &["<", "<=", ">", ">="], &["<<", ">>"], &["+", "-"], &["*", "/", "%"]];

impl Eval<'_> {
    fn error(&self, what: &str) -> String {
        self.error_from(self.pos, what)
    }

    fn error_from(&self, pos: usize, what: &str) -> String {
        let rest: Vec<String> = self.tokens[pos.min(self.tokens.len())..].iter().map(tok_text).collect();
        format!("{}: {what} (error token is \"{}\")", self.expr, rest.join(" "))
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.tokens.get(self.pos) == Some(&Tok::Op(static_op(op))) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn comma(&mut self, skip: bool) -> Result<i64, String> {
        let mut value = self.assignment(skip)?;
        while self.eat(",") {
            value = self.assignment(skip)?;
        }
        Ok(value)
    }

    fn assignment(&mut self, skip: bool) -> Result<i64, String> {
        if let (Some(Tok::Name(name)), Some(Tok::Op(op))) = (self.tokens.get(self.pos).cloned(), self.tokens.get(self.pos + 1).cloned()) {
            if matches!(op, "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=") {
                self.pos += 2;
                let rhs = self.assignment(skip)?;
                let value = if op == "=" { rhs } else { self.apply(&op[..op.len() - 1], self.var(&name), rhs)? };
                if !skip {
                    self.vars.insert(name, value.to_string());
                }
                return Ok(value);
            }
        }
        self.ternary(skip)
    }

    fn ternary(&mut self, skip: bool) -> Result<i64, String> {
        let condition = self.binary(0, skip)?;
        if !self.eat("?") {
            return Ok(condition);
        }
        let yes = self.comma(skip || condition == 0)?;
        if !self.eat(":") {
            return Err(self.error("syntax error in expression"));
        }
        let no = self.ternary(skip || condition != 0)?;
        Ok(if condition != 0 { yes } else { no })
    }

    fn binary(&mut self, level: usize, skip: bool) -> Result<i64, String> {
        let Some(ops) = LEVELS.get(level) else { return self.power(skip) };
        let mut left = self.binary(level + 1, skip)?;
        while let Some(Tok::Op(op)) = self.tokens.get(self.pos).cloned() {
            if !ops.contains(&op) {
                break;
            }
            self.pos += 1;
            let short = match op {
                "&&" => left == 0,
                "||" => left != 0,
                _ => false,
            };
            let right = self.binary(level + 1, skip || short)?;
            left = if skip || short { i64::from(op == "||") * i64::from(left != 0) } else { self.apply(op, left, right)? };
        }
        Ok(left)
    }

    fn power(&mut self, skip: bool) -> Result<i64, String> {
        let base = self.unary(skip)?;
        if !self.eat("**") {
            return Ok(base);
        }
        let exponent = self.power(skip)?;
        if exponent < 0 {
            return Err(self.error("exponent less than 0"));
        }
        Ok(base.wrapping_pow(exponent.min(u32::MAX as i64) as u32))
    }

    fn unary(&mut self, skip: bool) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.error("expression recursion level exceeded"));
        }
        let result = self.unary_inner(skip);
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self, skip: bool) -> Result<i64, String> {
        let Some(tok) = self.tokens.get(self.pos).cloned() else {
            return Err(self.error("syntax error: operand expected"));
        };
        self.pos += 1;
        match tok {
            Tok::Num(n) => Ok(n),
            Tok::Name(name) => {
                let value = self.var(&name);
                for (op, delta) in [("++", 1), ("--", -1)] {
                    if self.eat(op) {
                        if !skip {
                            self.vars.insert(name.clone(), value.wrapping_add(delta).to_string());
                        }
                        return Ok(value);
                    }
                }
                Ok(value)
            }
            Tok::Op(op @ ("++" | "--")) => {
                let Some(Tok::Name(name)) = self.tokens.get(self.pos).cloned() else {
                    return Err(self.error("syntax error: operand expected"));
                };
                self.pos += 1;
                let value = self.var(&name).wrapping_add(if op == "++" { 1 } else { -1 });
                if !skip {
                    self.vars.insert(name, value.to_string());
                }
                Ok(value)
            }
            Tok::Op("-") => Ok(self.unary(skip)?.wrapping_neg()),
            Tok::Op("+") => self.unary(skip),
            Tok::Op("!") => Ok(i64::from(self.unary(skip)? == 0)),
            Tok::Op("~") => Ok(!self.unary(skip)?),
            Tok::Op("(") => {
                let value = self.comma(skip)?;
                if !self.eat(")") {
                    return Err(self.error("missing `)'"));
                }
                Ok(value)
            }
            Tok::Op(_) => {
                self.pos -= 1;
                Err(self.error("syntax error: operand expected"))
            }
        }
    }

    fn var(&self, name: &str) -> i64 {
        let text = self.vars.get(name).map(|v| v.trim().to_string()).unwrap_or_default();
        text.parse().unwrap_or(0)
    }

    fn apply(&self, op: &str, a: i64, b: i64) -> Result<i64, String> {
        Ok(match op {
            "+" => a.wrapping_add(b),
            "-" => a.wrapping_sub(b),
            "*" => a.wrapping_mul(b),
            "/" | "%" if b == 0 => return Err(self.error_from(self.pos.saturating_sub(1), "division by 0")),
            "/" => a.wrapping_div(b),
            "%" => a.wrapping_rem(b),
            "<<" => a.wrapping_shl(b as u32),
            ">>" => a.wrapping_shr(b as u32),
            "&" => a & b,
            "|" => a | b,
            "^" => a ^ b,
            "==" => i64::from(a == b),
            "!=" => i64::from(a != b),
            "<" => i64::from(a < b),
            "<=" => i64::from(a <= b),
            ">" => i64::from(a > b),
            ">=" => i64::from(a >= b),
            "&&" => i64::from(a != 0 && b != 0),
            "||" => i64::from(a != 0 || b != 0),
            _ => return Err(self.error("syntax error in expression")),
        })
    }
}

fn static_op(op: &str) -> &'static str {
    OPERATORS.iter().find(|o| **o == op).copied().unwrap_or("")
}

fn tok_text(tok: &Tok) -> String {
    match tok {
        Tok::Num(n) => n.to_string(),
        Tok::Name(n) => n.clone(),
        Tok::Op(o) => o.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calc(expr: &str) -> Result<i64, String> {
        let mut vars = BTreeMap::from([("i".to_string(), "4".to_string())]);
        eval(expr, &mut vars)
    }

    #[test]
    fn precedence_and_operators() {
        assert_eq!(calc("1+2*3"), Ok(7));
        assert_eq!(calc("(1+2)*3"), Ok(9));
        assert_eq!(calc("2**10 - 1"), Ok(1023));
        assert_eq!(calc("i % 3 == 1 && i > 2"), Ok(1));
        assert_eq!(calc("i < 2 ? 10 : 20"), Ok(20));
        assert_eq!(calc("-i + 0x10 + 010"), Ok(20));
        assert_eq!(calc(""), Ok(0));
    }

    #[test]
    fn assignments_write_variables() {
        let mut vars = BTreeMap::new();
        assert_eq!(eval("n += 5", &mut vars), Ok(5));
        assert_eq!(eval("n++", &mut vars), Ok(5));
        assert_eq!(eval("++n", &mut vars), Ok(7));
        assert_eq!(vars.get("n").map(String::as_str), Some("7"));
        assert_eq!(eval("0 && (m = 1)", &mut vars), Ok(0));
        assert!(!vars.contains_key("m"));
    }

    #[test]
    fn errors_read_like_bash() {
        assert_eq!(calc("1/0"), Err("1/0: division by 0 (error token is \"0\")".into()));
        assert!(calc("1 +").is_err_and(|e| e.starts_with("1 +: syntax error: operand expected")));
    }
}
