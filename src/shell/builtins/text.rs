//! Text filters: grep, head, tail, wc, sort, uniq, cut, tr, sed, awk.

use super::{lines, read_inputs, Ctx};
use crate::job::Exec;
use crate::shell::regex::Regex;

fn usage_error(ctx: &mut Ctx, prog: &str, message: &str, usage: &str) -> Exec {
    ctx.out.errln(format!("{prog}: {message}"));
    if !usage.is_empty() {
        ctx.out.errln(format!("Usage: {prog} {usage}"));
    }
    ctx.out.errln(format!("Try '{prog} --help' for more information."));
    Exec::Done(if prog == "grep" { 2 } else { 1 })
}

/// Reads the value of an option given as `-n5`, `-n 5`, `--lines=5`, `--lines 5`.
fn take_value(attached: &str, args: &[String], i: &mut usize) -> Option<String> {
    if !attached.is_empty() {
        return Some(attached.to_string());
    }
    *i += 1;
    args.get(*i).cloned()
}

#[derive(Default)]
struct GrepOptions {
    ignore_case: bool,
    invert: bool,
    count: bool,
    only_matching: bool,
    extended: bool,
    fixed: bool,
    word: bool,
    line_numbers: bool,
    quiet: bool,
    files_with_matches: bool,
    with_filename: Option<bool>,
    after: usize,
    before: usize,
    max_count: Option<usize>,
    patterns: Vec<String>,
}

const GREP_USAGE: &str = "[OPTION]... PATTERNS [FILE]...";

/// `egrep`: `grep -E`.
pub fn egrep(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut args = vec!["grep".to_string(), "-E".to_string()];
    args.extend_from_slice(&argv[1..]);
    grep(ctx, &args)
}

/// `grep`: `-i -v -c -o -E -F -w -n -a -q -l -h -H -m N -e P -A N -B N -C N -N`.
pub fn grep(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let args = &argv[1..];
    let mut o = GrepOptions::default();
    let mut operands = Vec::new();
    let mut i = 0;
    let mut context_digits = String::new();
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            operands.extend(args[i + 1..].iter().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, attached) = long.split_once('=').map_or((long, ""), |(n, v)| (n, v));
            let number = |v: Option<String>| v.and_then(|v| v.parse::<usize>().ok());
            match name {
                "ignore-case" => o.ignore_case = true,
                "invert-match" => o.invert = true,
                "count" => o.count = true,
                "only-matching" => o.only_matching = true,
                "extended-regexp" => o.extended = true,
                "fixed-strings" => o.fixed = true,
                "word-regexp" => o.word = true,
                "line-number" => o.line_numbers = true,
                "text" | "color" | "colour" => {}
                "quiet" | "silent" => o.quiet = true,
                "files-with-matches" => o.files_with_matches = true,
                "no-filename" => o.with_filename = Some(false),
                "with-filename" => o.with_filename = Some(true),
                "after-context" | "before-context" | "context" | "max-count" | "regexp" => {
                    let value = take_value(attached, args, &mut i);
                    match name {
                        "regexp" => o.patterns.extend(value),
                        _ => {
                            let Some(n) = number(value) else {
                                return usage_error(ctx, "grep", &format!("{arg}: invalid context length argument"), "");
                            };
                            match name {
                                "after-context" => o.after = n,
                                "before-context" => o.before = n,
                                "max-count" => o.max_count = Some(n),
                                _ => (o.after, o.before) = (n, n),
                            }
                        }
                    }
                }
                _ => return usage_error(ctx, "grep", &format!("unrecognized option '{arg}'"), GREP_USAGE),
            }
            i += 1;
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') {
            let chars: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                if c.is_ascii_digit() {
                    context_digits.push(c);
                    j += 1;
                    continue;
                }
                if !context_digits.is_empty() {
                    let n = context_digits.parse().unwrap_or(0);
                    (o.after, o.before) = (n, n);
                    context_digits.clear();
                }
                match c {
                    'i' | 'y' => o.ignore_case = true,
                    'v' => o.invert = true,
                    'c' => o.count = true,
                    'o' => o.only_matching = true,
                    'E' => o.extended = true,
                    'F' => o.fixed = true,
                    'G' => o.extended = false,
                    'w' => o.word = true,
                    'n' => o.line_numbers = true,
                    'a' | 's' | 'U' => {}
                    'q' => o.quiet = true,
                    'l' => o.files_with_matches = true,
                    'h' => o.with_filename = Some(false),
                    'H' => o.with_filename = Some(true),
                    'A' | 'B' | 'C' | 'm' | 'e' => {
                        let attached: String = chars[j + 1..].iter().collect();
                        let value = take_value(&attached, args, &mut i);
                        j = chars.len();
                        if c == 'e' {
                            o.patterns.extend(value);
                            continue;
                        }
                        let Some(n) = value.as_deref().and_then(|v| v.parse::<usize>().ok()) else {
                            let shown = value.unwrap_or_default();
                            return usage_error(ctx, "grep", &format!("{shown}: invalid context length argument"), "");
                        };
                        match c {
                            'A' => o.after = n,
                            'B' => o.before = n,
                            'C' => (o.after, o.before) = (n, n),
                            _ => o.max_count = Some(n),
                        }
                        continue;
                    }
                    other => return usage_error(ctx, "grep", &format!("invalid option -- '{other}'"), GREP_USAGE),
                }
                j += 1;
            }
            if !context_digits.is_empty() {
                let n = context_digits.parse().unwrap_or(0);
                (o.after, o.before) = (n, n);
                context_digits.clear();
            }
            i += 1;
            continue;
        }
        operands.push(arg.clone());
        i += 1;
    }
    if o.patterns.is_empty() {
        if operands.is_empty() {
            ctx.out.errln(format!("Usage: grep {GREP_USAGE}"));
            ctx.out.errln("Try 'grep --help' for more information.");
            return Exec::Done(2);
        }
        o.patterns.push(operands.remove(0));
    }
    let mut regexes = Vec::new();
    for pattern in o.patterns.iter().flat_map(|p| p.split('\n')) {
        let compiled =
            if o.fixed { Ok(Regex::literal(pattern, o.ignore_case)) } else { Regex::new(pattern, o.extended, o.ignore_case) };
        match compiled {
            Ok(re) => regexes.push(re),
            Err(message) => {
                ctx.out.errln(format!("grep: {message}"));
                return Exec::Done(2);
            }
        }
    }
    let (inputs, missing) = read_inputs(ctx, "grep", &operands);
    let show_names = o.with_filename.unwrap_or(operands.len() > 1);
    let mut any = false;
    for (name, text) in &inputs {
        let prefix = if show_names { name.clone() } else { String::new() };
        let found = grep_text(ctx, &o, &regexes, text, &prefix);
        any |= found > 0;
        if o.quiet && any {
            return Exec::Done(0);
        }
    }
    Exec::Done(if missing && !o.quiet { 2 } else if any { 0 } else { 1 })
}

/// The first match in `line` at or after `from`, honouring `-w`.
fn find_match(regexes: &[Regex], line: &[char], from: usize, word: bool) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for start in from..=line.len() {
        for re in regexes {
            if let Some(found) = re.match_here(line, start) {
                if word {
                    let before_ok = start == 0 || !is_word(line[start - 1]);
                    let after_ok = found.end == line.len() || !is_word(line[found.end]);
                    if !(before_ok && after_ok) || found.end == start {
                        continue;
                    }
                }
                return Some((found.start, found.end));
            }
        }
    }
    None
}

/// Greps one input; returns the number of selected lines.
fn grep_text(ctx: &mut Ctx, o: &GrepOptions, regexes: &[Regex], text: &str, name: &str) -> usize {
    let all: Vec<&str> = lines(text);
    let selected: Vec<bool> = all
        .iter()
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            find_match(regexes, &chars, 0, o.word).is_some() != o.invert
        })
        .collect();
    let mut chosen: Vec<usize> = selected.iter().enumerate().filter(|(_, s)| **s).map(|(i, _)| i).collect();
    if let Some(max) = o.max_count {
        chosen.truncate(max);
    }
    let count = chosen.len();
    if o.quiet {
        return count;
    }
    let name_prefix = |sep: char| if name.is_empty() { String::new() } else { format!("{name}{sep}") };
    if o.files_with_matches {
        if count > 0 {
            ctx.out.outln(name_or_stdin(name));
        }
        return count;
    }
    if o.count {
        ctx.out.outln(format!("{}{count}", name_prefix(':')));
        return count;
    }
    let mut printed_up_to: Option<usize> = None;
    let last_chosen = chosen.last().copied();
    for (k, &index) in chosen.iter().enumerate() {
        let first_context = index.saturating_sub(o.before);
        let start = match printed_up_to {
            Some(p) if p + 1 >= first_context => p + 1,
            Some(_) => {
                if o.before > 0 || o.after > 0 {
                    ctx.out.outln("--");
                }
                first_context
            }
            None => first_context,
        };
        for (ctx_index, line) in all.iter().enumerate().take(index).skip(start) {
            let number = if o.line_numbers { format!("{}-", ctx_index + 1) } else { String::new() };
            ctx.out.outln(format!("{}{number}{line}", name_prefix('-')));
        }
        let line = all[index];
        let number = if o.line_numbers { format!("{}:", index + 1) } else { String::new() };
        if o.only_matching {
            if !o.invert {
                let chars: Vec<char> = line.chars().collect();
                let mut from = 0;
                while let Some((s, e)) = find_match(regexes, &chars, from, o.word) {
                    if e > s {
                        let piece: String = chars[s..e].iter().collect();
                        ctx.out.outln(format!("{}{number}{piece}", name_prefix(':')));
                    }
                    from = if e > s { e } else { s + 1 };
                    if from > chars.len() {
                        break;
                    }
                }
            }
        } else {
            ctx.out.outln(format!("{}{number}{line}", name_prefix(':')));
        }
        let next_chosen = chosen.get(k + 1).copied();
        let mut end = index;
        for after in index + 1..=(index + o.after).min(all.len().saturating_sub(1)) {
            if Some(after) == next_chosen || (o.max_count.is_none() && selected[after]) {
                break;
            }
            let number = if o.line_numbers { format!("{}-", after + 1) } else { String::new() };
            ctx.out.outln(format!("{}{number}{}", name_prefix('-'), all[after]));
            end = after;
        }
        printed_up_to = Some(end);
        if Some(index) == last_chosen {
            break;
        }
    }
    count
}

fn name_or_stdin(name: &str) -> &str {
    if name.is_empty() {
        "(standard input)"
    } else {
        name
    }
}

/// Parses `-n N`, `-N`, `-nN`, `--lines=N` for head and tail; returns (count text, files).
fn count_and_files(ctx: &mut Ctx, prog: &str, args: &[String]) -> Result<(String, Vec<String>), Exec> {
    let mut count = "10".to_string();
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if let Some(rest) = arg.strip_prefix("-n").or_else(|| arg.strip_prefix("--lines=")) {
            match take_value(rest, args, &mut i) {
                Some(v) => count = v,
                None => return Err(usage_error(ctx, prog, "option requires an argument -- 'n'", "")),
            }
        } else if arg.len() > 1 && arg.starts_with('-') && arg[1..].chars().all(|c| c.is_ascii_digit()) {
            count = arg[1..].to_string();
        } else if arg == "-f" || arg == "-F" || arg == "-q" {
            // Following a file is not needed here; quiet headers are the default for one input.
        } else if arg.starts_with('-') && arg.len() > 1 {
            let c = arg.chars().nth(1).unwrap_or('-');
            return Err(usage_error(ctx, prog, &format!("invalid option -- '{c}'"), "[OPTION]... [FILE]..."));
        } else {
            files.push(arg.clone());
        }
        i += 1;
    }
    Ok((count, files))
}

/// `head -n N` / `-N` / `-n -N`.
pub fn head(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (count, files) = match count_and_files(ctx, "head", &argv[1..]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let (all_but_last, number) = match count.strip_prefix('-') {
        Some(n) => (true, n),
        None => (false, count.as_str()),
    };
    let Ok(n) = number.parse::<usize>() else {
        ctx.out.errln(format!("head: invalid number of lines: '{count}'"));
        return Exec::Done(1);
    };
    let (inputs, missing) = read_inputs(ctx, "head", &files);
    let many = inputs.len() > 1;
    for (k, (name, text)) in inputs.iter().enumerate() {
        if many {
            ctx.out.outln(format!("{}==> {name} <==", if k > 0 { "\n" } else { "" }));
        }
        let all = lines(text);
        let take = if all_but_last { all.len().saturating_sub(n) } else { n.min(all.len()) };
        for line in &all[..take] {
            ctx.out.outln(line);
        }
    }
    Exec::Done(i32::from(missing))
}

/// `tail -n N` / `-N` / `-n +N`.
pub fn tail(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (count, files) = match count_and_files(ctx, "tail", &argv[1..]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let (from_start, number) = match count.strip_prefix('+') {
        Some(n) => (true, n),
        None => (false, count.as_str()),
    };
    let Ok(n) = number.parse::<usize>() else {
        ctx.out.errln(format!("tail: invalid number of lines: '{count}'"));
        return Exec::Done(1);
    };
    let (inputs, missing) = read_inputs(ctx, "tail", &files);
    let many = inputs.len() > 1;
    for (k, (name, text)) in inputs.iter().enumerate() {
        if many {
            ctx.out.outln(format!("{}==> {name} <==", if k > 0 { "\n" } else { "" }));
        }
        let all = lines(text);
        let skip = if from_start { n.saturating_sub(1).min(all.len()) } else { all.len().saturating_sub(n) };
        for line in &all[skip..] {
            ctx.out.outln(line);
        }
    }
    Exec::Done(i32::from(missing))
}

/// `wc` with `-l -w -c` (all three by default).
pub fn wc(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (mut l, mut w, mut c) = (false, false, false);
    let mut files = Vec::new();
    for arg in &argv[1..] {
        match arg.as_str() {
            "--lines" => l = true,
            "--words" => w = true,
            "--bytes" | "--chars" => c = true,
            a if a.starts_with('-') && a.len() > 1 => {
                for ch in a[1..].chars() {
                    match ch {
                        'l' => l = true,
                        'w' => w = true,
                        'c' | 'm' => c = true,
                        other => return usage_error(ctx, "wc", &format!("invalid option -- '{other}'"), "[OPTION]... [FILE]..."),
                    }
                }
            }
            _ => files.push(arg.clone()),
        }
    }
    if !(l || w || c) {
        (l, w, c) = (true, true, true);
    }
    let (inputs, missing) = read_inputs(ctx, "wc", &files);
    let counts: Vec<(String, [usize; 3])> = inputs
        .iter()
        .map(|(name, text)| (name.clone(), [text.matches('\n').count(), text.split_whitespace().count(), text.len()]))
        .collect();
    let shown = [l, w, c].iter().filter(|x| **x).count();
    let total: [usize; 3] = counts.iter().fold([0; 3], |acc, (_, n)| [acc[0] + n[0], acc[1] + n[1], acc[2] + n[2]]);
    let width = if shown == 1 && counts.len() == 1 {
        1
    } else if files.is_empty() {
        7
    } else {
        total[2].to_string().len()
    };
    let mut rows = counts.clone();
    if counts.len() > 1 {
        rows.push(("total".into(), total));
    }
    for (name, n) in rows {
        let mut fields: Vec<String> = Vec::new();
        for (k, on) in [l, w, c].iter().enumerate() {
            if *on {
                fields.push(format!("{:>width$}", n[k]));
            }
        }
        let mut line = fields.join(" ");
        if !files.is_empty() {
            line.push(' ');
            line.push_str(&name);
        }
        ctx.out.outln(line);
    }
    Exec::Done(i32::from(missing))
}

/// The sort key of a line: fields from `start` (1-based) to `end`, split on `sep` or blanks.
fn sort_key(line: &str, key: Option<(usize, Option<usize>)>, sep: Option<char>) -> String {
    let Some((start, end)) = key else { return line.to_string() };
    let fields: Vec<&str> = match sep {
        Some(s) => line.split(s).collect(),
        None => line.split_whitespace().collect(),
    };
    let last = end.unwrap_or(fields.len()).min(fields.len());
    if start == 0 || start > last {
        return String::new();
    }
    fields[start - 1..last].join(&sep.map_or(" ".to_string(), |s| s.to_string()))
}

fn leading_number(text: &str) -> f64 {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
        .map_or(t.len(), |(i, _)| i);
    t[..end].parse().unwrap_or(0.0)
}

/// `sort` with `-r -n -u -k N[,M] -t SEP`.
pub fn sort(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let args = &argv[1..];
    let (mut reverse, mut numeric, mut unique) = (false, false, false);
    let mut key = None;
    let mut sep = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg.starts_with('-') && arg.len() > 1 {
            let chars: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                match chars[j] {
                    'r' => reverse = true,
                    'n' | 'h' | 'g' => numeric = true,
                    'u' => unique = true,
                    'b' | 'f' | 's' | 'V' => {}
                    'k' | 't' => {
                        let attached: String = chars[j + 1..].iter().collect();
                        let value = take_value(&attached, args, &mut i).unwrap_or_default();
                        if chars[j] == 't' {
                            sep = value.chars().next();
                        } else {
                            let (a, b) = value.split_once(',').map_or((value.as_str(), None), |(a, b)| (a, Some(b)));
                            let num = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).split('.').next().and_then(|n| n.parse::<usize>().ok());
                            match num(a) {
                                Some(start) => key = Some((start, b.and_then(num))),
                                None => {
                                    ctx.out.errln(format!("sort: invalid number at field start: invalid count at start of '{value}'"));
                                    return Exec::Done(2);
                                }
                            }
                        }
                        j = chars.len();
                        continue;
                    }
                    other => return usage_error(ctx, "sort", &format!("invalid option -- '{other}'"), "[OPTION]... [FILE]..."),
                }
                j += 1;
            }
        } else {
            files.push(arg.clone());
        }
        i += 1;
    }
    let (inputs, missing) = read_inputs(ctx, "sort", &files);
    if missing {
        return Exec::Done(2);
    }
    let text: String = inputs.iter().map(|(_, t)| if t.ends_with('\n') || t.is_empty() { t.clone() } else { format!("{t}\n") }).collect();
    let mut all: Vec<&str> = lines(&text);
    all.sort_by(|a, b| {
        let (ka, kb) = (sort_key(a, key, sep), sort_key(b, key, sep));
        let primary = if numeric {
            leading_number(&ka).partial_cmp(&leading_number(&kb)).unwrap_or(std::cmp::Ordering::Equal)
        } else {
            ka.cmp(&kb)
        };
        let ordering = primary.then_with(|| if unique { std::cmp::Ordering::Equal } else { a.cmp(b) });
        if reverse { ordering.reverse() } else { ordering }
    });
    if unique {
        all.dedup_by(|a, b| {
            let (ka, kb) = (sort_key(a, key, sep), sort_key(b, key, sep));
            if numeric { leading_number(&ka) == leading_number(&kb) } else { ka == kb }
        });
    }
    for line in all {
        ctx.out.outln(line);
    }
    Exec::Done(0)
}

/// `uniq` with `-c -d -u`.
pub fn uniq(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (mut count, mut dups, mut uniques) = (false, false, false);
    let mut files = Vec::new();
    for arg in &argv[1..] {
        if arg.starts_with('-') && arg.len() > 1 {
            for c in arg[1..].chars() {
                match c {
                    'c' => count = true,
                    'd' => dups = true,
                    'u' => uniques = true,
                    other => return usage_error(ctx, "uniq", &format!("invalid option -- '{other}'"), "[OPTION]... [INPUT [OUTPUT]]"),
                }
            }
        } else {
            files.push(arg.clone());
        }
    }
    let (inputs, missing) = read_inputs(ctx, "uniq", &files[..files.len().min(1)]);
    let text = inputs.first().map(|(_, t)| t.clone()).unwrap_or_default();
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for line in lines(&text) {
        match groups.last_mut() {
            Some((last, n)) if *last == line => *n += 1,
            _ => groups.push((line, 1)),
        }
    }
    for (line, n) in groups {
        if (dups && n < 2) || (uniques && n > 1) {
            continue;
        }
        if count {
            ctx.out.outln(format!("{n:>7} {line}"));
        } else {
            ctx.out.outln(line);
        }
    }
    Exec::Done(i32::from(missing))
}

/// Parses a cut list like `1,3-4,6-`: inclusive 1-based ranges.
fn parse_list(list: &str) -> Option<Vec<(usize, usize)>> {
    let mut ranges = Vec::new();
    for piece in list.split(',') {
        let range = match piece.split_once('-') {
            Some((a, b)) => {
                let start = if a.is_empty() { 1 } else { a.parse().ok()? };
                let end = if b.is_empty() { usize::MAX } else { b.parse().ok()? };
                (start, end)
            }
            None => {
                let n = piece.parse().ok()?;
                (n, n)
            }
        };
        if range.0 == 0 || range.0 > range.1 {
            return None;
        }
        ranges.push(range);
    }
    Some(ranges)
}

/// `cut -d X -f LIST` or `cut -c LIST`.
pub fn cut(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let args = &argv[1..];
    let mut delimiter = '\t';
    let mut fields = None;
    let mut chars_list = None;
    let mut only_delimited = false;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if let Some(rest) = arg.strip_prefix("-d") {
            delimiter = take_value(rest, args, &mut i).and_then(|v| v.chars().next()).unwrap_or('\t');
        } else if let Some(rest) = arg.strip_prefix("-f") {
            fields = take_value(rest, args, &mut i);
        } else if let Some(rest) = arg.strip_prefix("-c").or_else(|| arg.strip_prefix("-b")) {
            chars_list = take_value(rest, args, &mut i);
        } else if arg == "-s" {
            only_delimited = true;
        } else {
            files.push(arg.clone());
        }
        i += 1;
    }
    let Some(list) = fields.as_ref().or(chars_list.as_ref()) else {
        return usage_error(ctx, "cut", "you must specify a list of bytes, characters, or fields", "OPTION... [FILE]...");
    };
    let Some(ranges) = parse_list(list) else {
        ctx.out.errln("cut: invalid field range");
        ctx.out.errln("Try 'cut --help' for more information.");
        return Exec::Done(1);
    };
    let wanted = |n: usize| ranges.iter().any(|(a, b)| *a <= n && n <= *b);
    let (inputs, missing) = read_inputs(ctx, "cut", &files);
    for (_, text) in &inputs {
        for line in lines(text) {
            if fields.is_some() {
                if !line.contains(delimiter) {
                    if !only_delimited {
                        ctx.out.outln(line);
                    }
                    continue;
                }
                let picked: Vec<&str> = line.split(delimiter).enumerate().filter(|(k, _)| wanted(k + 1)).map(|(_, f)| f).collect();
                ctx.out.outln(picked.join(&delimiter.to_string()));
            } else {
                let picked: String = line.chars().enumerate().filter(|(k, _)| wanted(k + 1)).map(|(_, c)| c).collect();
                ctx.out.outln(picked);
            }
        }
    }
    Exec::Done(i32::from(missing))
}

/// Expands a `tr` set: ranges, `\n`-style escapes, `[:class:]`.
fn tr_set(spec: &str) -> Vec<char> {
    let mut out = Vec::new();
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if rest.starts_with("[:") {
            if let Some(end) = rest.find(":]") {
                let class = &rest[2..end];
                let ranges: &[(char, char)] = match class {
                    "lower" => &[('a', 'z')],
                    "upper" => &[('A', 'Z')],
                    "digit" => &[('0', '9')],
                    "alpha" => &[('A', 'Z'), ('a', 'z')],
                    "alnum" => &[('0', '9'), ('A', 'Z'), ('a', 'z')],
                    "space" => &[('\t', '\r'), (' ', ' ')],
                    "blank" => &[('\t', '\t'), (' ', ' ')],
                    _ => &[],
                };
                for (lo, hi) in ranges {
                    out.extend(*lo..=*hi);
                }
                i += rest[..end + 2].chars().count();
                continue;
            }
        }
        let mut c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            i += 1;
            c = match chars[i] {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            };
        }
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let hi = chars[i + 2];
            if c <= hi {
                out.extend(c..=hi);
            }
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `tr SET1 SET2`, `tr -d SET`, `tr -s SET`.
pub fn tr(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (mut delete, mut squeeze) = (false, false);
    let mut sets = Vec::new();
    for arg in &argv[1..] {
        match arg.as_str() {
            "-d" => delete = true,
            "-s" => squeeze = true,
            "-ds" | "-sd" => (delete, squeeze) = (true, true),
            _ => sets.push(tr_set(arg)),
        }
    }
    if sets.is_empty() || (!delete && !squeeze && sets.len() < 2) {
        let message = if sets.is_empty() { "missing operand".to_string() } else { format!("missing operand after '{}'", argv.last().cloned().unwrap_or_default()) };
        return usage_error(ctx, "tr", &message, "");
    }
    let mut result = String::new();
    let mut last: Option<char> = None;
    let squeeze_set = if delete { sets.get(1) } else { sets.last() };
    for c in ctx.stdin.chars() {
        let mapped = if delete {
            if sets[0].contains(&c) {
                continue;
            }
            c
        } else if sets.len() >= 2 {
            match sets[0].iter().position(|x| *x == c) {
                Some(k) => sets[1].get(k).or(sets[1].last()).copied().unwrap_or(c),
                None => c,
            }
        } else {
            c
        };
        if squeeze && last == Some(mapped) && squeeze_set.is_some_and(|s| s.contains(&mapped)) {
            continue;
        }
        last = Some(mapped);
        result.push(mapped);
    }
    ctx.out.out(result);
    Exec::Done(0)
}

/// One `s/re/replacement/flags` command of sed.
struct Substitution {
    regex: Regex,
    replacement: String,
    global: bool,
    print: bool,
}

fn parse_sed_script(script: &str, extended: bool) -> Result<Vec<Substitution>, String> {
    let mut commands = Vec::new();
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ';' {
            i += 1;
            continue;
        }
        if c != 's' || i + 1 >= chars.len() {
            return Err(format!("-e expression #1, char {}: unknown command: `{c}'", i + 1));
        }
        let delim = chars[i + 1];
        let mut pieces = vec![String::new()];
        let mut j = i + 2;
        while j < chars.len() && pieces.len() < 3 {
            let ch = chars[j];
            if ch == '\\' && j + 1 < chars.len() {
                if let Some(p) = pieces.last_mut() {
                    if chars[j + 1] != delim {
                        p.push('\\');
                    }
                    p.push(chars[j + 1]);
                }
                j += 2;
                continue;
            }
            if ch == delim {
                pieces.push(String::new());
            } else if let Some(p) = pieces.last_mut() {
                p.push(ch);
            }
            j += 1;
        }
        if pieces.len() < 3 {
            return Err(format!("-e expression #1, char {}: unterminated `s' command", chars.len()));
        }
        let mut flags = String::new();
        while j < chars.len() && chars[j] != ';' && !chars[j].is_whitespace() {
            flags.push(chars[j]);
            j += 1;
        }
        let ignore_case = flags.contains('i') || flags.contains('I');
        let regex = Regex::new(&pieces[0], extended, ignore_case).map_err(|e| format!("-e expression #1, char {j}: {e}"))?;
        if let Some(bad) = flags.chars().find(|f| !matches!(f, 'g' | 'i' | 'I' | 'p')) {
            return Err(format!("-e expression #1, char {j}: unknown option to `s' ({bad})"));
        }
        commands.push(Substitution { regex, replacement: pieces[1].clone(), global: flags.contains('g'), print: flags.contains('p') });
        i = j;
    }
    Ok(commands)
}

fn apply_replacement(template: &str, line: &[char], found: &crate::shell::regex::Found) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.extend(&line[found.start..found.end]),
            '\\' => match chars.next() {
                Some(d @ '1'..='9') => {
                    let index = d as usize - '1' as usize;
                    if let Some(Some((s, e))) = found.groups.get(index) {
                        out.extend(&line[*s..*e]);
                    }
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            other => out.push(other),
        }
    }
    out
}

/// `sed [-E] [-n] [-i] [-e] 's/re/rep/g'… [FILE]…`: substitutions only.
pub fn sed(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (mut extended, mut quiet, mut in_place) = (false, false, false);
    let mut scripts = Vec::new();
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        match arg.as_str() {
            "-E" | "-r" | "--regexp-extended" => extended = true,
            "-n" | "--quiet" | "--silent" => quiet = true,
            "-i" => in_place = true,
            "-e" => {
                i += 1;
                scripts.extend(argv.get(i).cloned());
            }
            a if a.starts_with('-') && a.len() > 1 => return usage_error(ctx, "sed", &format!("invalid option -- '{}'", a.chars().nth(1).unwrap_or('-')), ""),
            _ if scripts.is_empty() => scripts.push(arg.clone()),
            _ => files.push(arg.clone()),
        }
        i += 1;
    }
    if scripts.is_empty() {
        ctx.out.errln("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
        return Exec::Done(1);
    }
    let commands = match parse_sed_script(&scripts.join("\n"), extended) {
        Ok(c) => c,
        Err(message) => {
            ctx.out.errln(format!("sed: {message}"));
            return Exec::Done(1);
        }
    };
    let (inputs, missing) = read_inputs(ctx, "sed", &files);
    for (name, text) in &inputs {
        let mut result = String::new();
        for line in lines(text) {
            let mut current: Vec<char> = line.chars().collect();
            let mut printed_extra = String::new();
            for command in &commands {
                let mut replaced = String::new();
                let mut from = 0;
                let mut changed = false;
                while let Some(found) = command.regex.find_at(&current, from) {
                    replaced.extend(&current[from..found.start]);
                    replaced.push_str(&apply_replacement(&command.replacement, &current, &found));
                    changed = true;
                    if found.end == found.start {
                        if found.end < current.len() {
                            replaced.push(current[found.end]);
                        }
                        from = found.end + 1;
                    } else {
                        from = found.end;
                    }
                    if !command.global || from > current.len() {
                        break;
                    }
                }
                if changed {
                    if from <= current.len() {
                        replaced.extend(&current[from..]);
                    }
                    current = replaced.chars().collect();
                    if command.print {
                        printed_extra.push_str(&format!("{}\n", current.iter().collect::<String>()));
                    }
                }
            }
            result.push_str(&printed_extra);
            if !quiet {
                result.extend(current);
                result.push('\n');
            }
        }
        if in_place && name != "(standard input)" {
            ctx.world.fs.write(name, &result);
        } else {
            ctx.out.out(result);
        }
    }
    Exec::Done(i32::from(missing))
}

/// One item of an awk `print` list.
enum AwkItem {
    Field(usize),
    LastField,
    Text(String),
    RecordNumber,
    FieldCount,
}

/// Parses `[/re/ | NR==n] { print items }`; items joined by `,` print with a space between them.
/// A parsed awk program: the line filter (regex or record number) and the print list.
type AwkProgram = (Option<Regex>, Option<usize>, Vec<Vec<AwkItem>>);

fn parse_awk(program: &str) -> Option<AwkProgram> {
    let program = program.trim();
    let open = program.find('{')?;
    let pattern = program[..open].trim();
    let body = program[open + 1..].trim().strip_suffix('}')?.trim().trim_end_matches(';').trim();
    let (mut regex, mut line_number) = (None, None);
    if let Some(re) = pattern.strip_prefix('/').and_then(|p| p.strip_suffix('/')) {
        regex = Some(Regex::new(re, true, false).ok()?);
    } else if let Some(n) = pattern.strip_prefix("NR==") {
        line_number = Some(n.trim().parse().ok()?);
    } else if !pattern.is_empty() {
        return None;
    }
    let rest = body.strip_prefix("print")?.trim();
    let mut groups: Vec<Vec<AwkItem>> = Vec::new();
    for group in split_awk_list(rest) {
        let mut items = Vec::new();
        let chars: Vec<char> = group.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                ' ' | '\t' => i += 1,
                '"' => {
                    let end = chars[i + 1..].iter().position(|c| *c == '"')? + i + 1;
                    let text: String = chars[i + 1..end].iter().collect();
                    items.push(AwkItem::Text(text.replace("\\t", "\t").replace("\\n", "\n")));
                    i = end + 1;
                }
                '$' => {
                    let digits: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    i += 1 + digits.chars().count();
                    items.push(if digits == "NF" { AwkItem::LastField } else { AwkItem::Field(digits.parse().ok()?) });
                }
                _ => {
                    let word: String = chars[i..].iter().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    i += word.chars().count().max(1);
                    items.push(match word.as_str() {
                        "NR" => AwkItem::RecordNumber,
                        "NF" => AwkItem::FieldCount,
                        _ => return None,
                    });
                }
            }
        }
        groups.push(items);
    }
    if groups.is_empty() {
        groups.push(vec![AwkItem::Field(0)]);
    }
    Some((regex, line_number, groups))
}

fn split_awk_list(text: &str) -> Vec<String> {
    let mut groups = Vec::new();
    let mut current = String::new();
    let mut in_string = false;
    for c in text.chars() {
        if c == '"' {
            in_string = !in_string;
        }
        if c == ',' && !in_string {
            groups.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        groups.push(current);
    }
    groups
}

/// `awk [-F X] '[/re/|NR==n] {print $N, …}'`.
pub fn awk(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let args = &argv[1..];
    let mut separator: Option<String> = None;
    let mut program = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if let Some(rest) = arg.strip_prefix("-F") {
            separator = take_value(rest, args, &mut i);
        } else if program.is_none() {
            program = Some(arg.clone());
        } else {
            files.push(arg.clone());
        }
        i += 1;
    }
    let Some(program) = program else {
        ctx.out.errln("usage: awk [-F fs] 'program' [file ...]");
        return Exec::Done(2);
    };
    let Some((regex, line_number, groups)) = parse_awk(&program) else {
        ctx.out.errln(format!("awk: kubeplay's awk only understands '{{print $N, ...}}' programs: {program}"));
        return Exec::Done(2);
    };
    let (inputs, missing) = read_inputs(ctx, "awk", &files);
    let mut record = 0;
    for (_, text) in &inputs {
        for line in lines(text) {
            record += 1;
            if regex.as_ref().is_some_and(|re| !re.is_match(line)) || line_number.is_some_and(|n| n != record) {
                continue;
            }
            let fields: Vec<&str> = match separator.as_deref() {
                Some(s) if !s.is_empty() && s != " " => line.split(s).collect(),
                _ => line.split_whitespace().collect(),
            };
            let field = |n: usize| if n == 0 { line.to_string() } else { fields.get(n - 1).map_or(String::new(), |f| f.to_string()) };
            let printed: Vec<String> = groups
                .iter()
                .map(|items| {
                    items
                        .iter()
                        .map(|item| match item {
                            AwkItem::Field(n) => field(*n),
                            AwkItem::LastField => field(fields.len()),
                            AwkItem::Text(t) => t.clone(),
                            AwkItem::RecordNumber => record.to_string(),
                            AwkItem::FieldCount => fields.len().to_string(),
                        })
                        .collect::<String>()
                })
                .collect();
            ctx.out.outln(printed.join(" "));
        }
    }
    Exec::Done(if missing { 2 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    const PODS: &str = "pod/rickroller-1\npod/other\npod/rickroller-2\n";

    #[test]
    fn grep_basic_flags() {
        assert_eq!(run("grep rick", PODS).0, "pod/rickroller-1\npod/rickroller-2\n");
        assert_eq!(run("grep -v rick", PODS).0, "pod/other\n");
        assert_eq!(run("grep -c rick", PODS).0, "2\n");
        assert_eq!(run("grep -i RICK", PODS).0, "pod/rickroller-1\npod/rickroller-2\n");
        assert_eq!(run("grep -o roller-[0-9]", PODS).0, "roller-1\nroller-2\n");
        assert_eq!(run("grep -n other", PODS).0, "2:pod/other\n");
        assert_eq!(run("grep -E rick|other", PODS).0, PODS);
        assert_eq!(run("grep -w roller", PODS).2, 1);
        assert_eq!(run("grep nope", PODS), (String::new(), String::new(), 1));
    }

    #[test]
    fn grep_context() {
        let text = "a\nb\nc\nd\ne\nf\ng\nh\n";
        assert_eq!(run("grep -A1 b", text).0, "b\nc\n");
        assert_eq!(run("grep -B 1 -e b -e g", text).0, "a\nb\n--\nf\ng\n");
        assert_eq!(run("grep -a2 d", text).0, "b\nc\nd\ne\nf\n");
        assert_eq!(run("grep -n -C1 d", text).0, "3-c\n4:d\n5-e\n");
        assert_eq!(run("grep -1 -e c -e d", text).0, "b\nc\nd\ne\n");
    }

    #[test]
    fn grep_errors() {
        let (_, err, status) = run("grep -z x", "");
        assert_eq!(status, 2);
        assert!(err.starts_with("grep: invalid option -- 'z'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"));
        assert_eq!(run("grep x nofile", "").1, "grep: nofile: No such file or directory\n");
    }

    #[test]
    fn head_and_tail() {
        assert_eq!(run("head -1", PODS).0, "pod/rickroller-1\n");
        assert_eq!(run("head -n 2", PODS).0, "pod/rickroller-1\npod/other\n");
        assert_eq!(run("head -n -1", PODS).0, "pod/rickroller-1\npod/other\n");
        assert_eq!(run("tail -1", PODS).0, "pod/rickroller-2\n");
        assert_eq!(run("tail -n +2", PODS).0, "pod/other\npod/rickroller-2\n");
        assert_eq!(run("head -n x", PODS).1, "head: invalid number of lines: 'x'\n");
    }

    #[test]
    fn wc_counts() {
        assert_eq!(run("wc -l", PODS).0, "3\n");
        assert_eq!(run("wc", "a b\nc\n").0, "      2       3       6\n");
        assert_eq!(run("wc -l kube/pod.yaml", "").0, "10 kube/pod.yaml\n");
    }

    #[test]
    fn sort_and_uniq() {
        assert_eq!(run("sort", "b\na\nc\n").0, "a\nb\nc\n");
        assert_eq!(run("sort -r", "b\na\nc\n").0, "c\nb\na\n");
        assert_eq!(run("sort -n", "10\n9\n100\n").0, "9\n10\n100\n");
        assert_eq!(run("sort -k2 -n", "x 3\ny 1\nz 2\n").0, "y 1\nz 2\nx 3\n");
        assert_eq!(run("uniq -c", "a\na\nb\n").0, "      2 a\n      1 b\n");
        assert_eq!(run("sort -u", "b\na\nb\n").0, "a\nb\n");
    }

    #[test]
    fn cut_tr_sed_awk() {
        assert_eq!(run("cut -d / -f 2", PODS).0, "rickroller-1\nother\nrickroller-2\n");
        assert_eq!(run("cut -c 1-3", "abcdef\n").0, "abc\n");
        assert_eq!(run("tr a-z A-Z", "abc\n").0, "ABC\n");
        assert_eq!(run("tr -d o", "foo\n").0, "f\n");
        assert_eq!(run("sed s/pod\\///", PODS).0, "rickroller-1\nother\nrickroller-2\n");
        assert_eq!(run("sed s/o/0/g", "foo\n").0, "f00\n");
        assert_eq!(run("sed -E s/(r+)i/<\\1>/", "rrick\n").0, "<rr>ck\n");
        assert_eq!(run("awk {print$2}", "a b c\nd e f\n").0, "b\ne\n");
        assert_eq!(run("awk {print$1,$NF}", "a b c\n").0, "a c\n");
        assert_eq!(run("awk -F: {print$2}", "a:b\n").0, "b\n");
    }
}
