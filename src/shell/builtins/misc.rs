//! Shell builtins and small utilities: echo, printf, export, unset, alias, unalias, history,
//! clear, true, false, exit, env, date, base64, seq, sleep, timeout, jobs, kill.

use super::{run_program, Ctx};
use crate::job::Exec;
use crate::shell::timing::{parse_duration, Sleep, Timeout};
use crate::shell::{run::done_notice, CLEAR_SCREEN};

/// Interprets backslash escapes as `echo -e` and `printf` do; `None` from `\c` (stop output).
fn escapes(text: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('e') => out.push('\x1b'),
            Some('a') => out.push('\x07'),
            Some('\\') => out.push('\\'),
            Some('c') => return (out, true),
            Some('0') => {
                let digits: String = std::iter::from_fn(|| chars.next_if(|d| d.is_digit(8))).take(3).collect();
                out.push(u8::from_str_radix(if digits.is_empty() { "0" } else { &digits }, 8).map_or('\0', char::from));
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    (out, false)
}

/// `echo [-n] [-e] [-E] args…`.
pub fn echo(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut newline = true;
    let mut interpret = false;
    let mut start = 1;
    for arg in &argv[1..] {
        let is_flag = arg.len() > 1 && arg.starts_with('-') && arg[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'));
        if !is_flag {
            break;
        }
        for c in arg[1..].chars() {
            match c {
                'n' => newline = false,
                'e' => interpret = true,
                _ => interpret = false,
            }
        }
        start += 1;
    }
    let mut text = argv[start..].join(" ");
    if interpret {
        let (expanded, stop) = escapes(&text);
        text = expanded;
        if stop {
            newline = false;
        }
    }
    if newline {
        text.push('\n');
    }
    ctx.out.out(text);
    Exec::Done(0)
}

/// Widths and precisions above this are clipped, so `printf '%99999999999d'` cannot exhaust memory.
const MAX_PRINTF_WIDTH: usize = 10_000;

/// `printf FORMAT [ARG]…`: `%s %d %i %f %x %b %c %%` with flags and widths; the format repeats
/// while arguments remain.
pub fn printf(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let Some(format) = argv.get(1) else {
        ctx.out.errln("printf: usage: printf [-v var] format [arguments]");
        return Exec::Done(2);
    };
    let args = &argv[2..];
    let mut used = 0;
    let mut out = String::new();
    let mut status = 0;
    loop {
        let consumed_before = used;
        let chars: Vec<char> = format.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                let end = (i + 2).min(chars.len());
                let (text, _) = escapes(&chars[i..end].iter().collect::<String>());
                out.push_str(&text);
                i = end;
                continue;
            }
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            let spec_start = i + 1;
            let mut j = spec_start;
            while j < chars.len() && "-+ 0#.123456789".contains(chars[j]) {
                j += 1;
            }
            let Some(&conv) = chars.get(j) else {
                out.push('%');
                break;
            };
            let spec: String = chars[spec_start..j].iter().collect();
            i = j + 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = args.get(used).cloned().unwrap_or_default();
            used += 1;
            let left = spec.starts_with('-');
            let zero = spec.starts_with('0');
            let (width_text, precision) = match spec.trim_start_matches(['-', '+', ' ', '0', '#']).split_once('.') {
                Some((w, p)) => (w.to_string(), p.parse::<usize>().ok().map(|p| p.min(MAX_PRINTF_WIDTH))),
                None => (spec.trim_start_matches(['-', '+', ' ', '0', '#']).to_string(), None),
            };
            let width: usize = width_text.parse::<usize>().unwrap_or(0).min(MAX_PRINTF_WIDTH);
            let body = match conv {
                's' => precision.map_or(arg.clone(), |p| arg.chars().take(p).collect()),
                'b' => escapes(&arg).0,
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' | 'x' | 'X' | 'o' | 'u' => {
                    let n = match arg.trim().parse::<i64>() {
                        Ok(n) => n,
                        Err(_) if arg.is_empty() => 0,
                        Err(_) => {
                            ctx.out.errln(format!("bash: printf: {arg}: invalid number"));
                            status = 1;
                            0
                        }
                    };
                    match conv {
                        'x' => format!("{n:x}"),
                        'X' => format!("{n:X}"),
                        'o' => format!("{n:o}"),
                        _ => n.to_string(),
                    }
                }
                'f' | 'g' | 'e' => {
                    let n: f64 = arg.trim().parse().unwrap_or(0.0);
                    format!("{n:.*}", precision.unwrap_or(6))
                }
                other => {
                    ctx.out.errln(format!("bash: printf: `{other}': invalid format character"));
                    return Exec::Done(1);
                }
            };
            let pad = width.saturating_sub(body.chars().count());
            if left {
                out.push_str(&body);
                out.push_str(&" ".repeat(pad));
            } else if zero && conv != 's' {
                out.push_str(&"0".repeat(pad));
                out.push_str(&body);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&body);
            }
        }
        if used >= args.len() || used == consumed_before {
            break;
        }
    }
    ctx.out.out(out);
    Exec::Done(status)
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `export [NAME[=value]]…`; without arguments lists exported variables as `declare -x`.
pub fn export(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let names: Vec<&String> = argv[1..].iter().filter(|a| !a.starts_with('-')).collect();
    if names.is_empty() {
        for (name, value) in ctx.sh.environment() {
            ctx.out.outln(format!("declare -x {name}=\"{value}\""));
        }
        return Exec::Done(0);
    }
    let mut status = 0;
    for arg in names {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (arg.as_str(), None),
        };
        if !valid_name(name) {
            ctx.out.errln(format!("bash: export: `{arg}': not a valid identifier"));
            status = 1;
            continue;
        }
        if let Some(value) = value {
            ctx.sh.vars.insert(name.to_string(), value.to_string());
        }
        ctx.sh.exported.insert(name.to_string());
    }
    Exec::Done(status)
}

/// `unset NAME…`.
pub fn unset(ctx: &mut Ctx, argv: &[String]) -> Exec {
    for name in argv[1..].iter().filter(|a| !a.starts_with('-')) {
        ctx.sh.vars.remove(name);
        ctx.sh.exported.remove(name);
    }
    Exec::Done(0)
}

fn alias_line(name: &str, value: &str) -> String {
    format!("alias {name}='{}'", value.replace('\'', "'\\''"))
}

/// `alias [name[=value]]…`.
pub fn alias(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let args: Vec<&String> = argv[1..].iter().filter(|a| *a != "-p").collect();
    if args.is_empty() {
        let lines: Vec<String> = ctx.sh.aliases.iter().map(|(n, v)| alias_line(n, v)).collect();
        for line in lines {
            ctx.out.outln(line);
        }
        return Exec::Done(0);
    }
    let mut status = 0;
    for arg in args {
        match arg.split_once('=') {
            Some((name, value)) => {
                ctx.sh.aliases.insert(name.to_string(), value.to_string());
            }
            None => match ctx.sh.aliases.get(arg.as_str()) {
                Some(value) => {
                    let line = alias_line(arg, value);
                    ctx.out.outln(line);
                }
                None => {
                    ctx.out.errln(format!("bash: alias: {arg}: not found"));
                    status = 1;
                }
            },
        }
    }
    Exec::Done(status)
}

/// `unalias [-a] name…`.
pub fn unalias(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut status = 0;
    for arg in &argv[1..] {
        if arg == "-a" {
            ctx.sh.aliases.clear();
        } else if ctx.sh.aliases.remove(arg).is_none() {
            ctx.out.errln(format!("bash: unalias: {arg}: not found"));
            status = 1;
        }
    }
    Exec::Done(status)
}

/// `history [N]`: numbered command lines.
pub fn history(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let total = ctx.sh.history.len();
    let last = argv.get(1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(total).min(total);
    let lines: Vec<String> = ctx.sh.history.iter().enumerate().skip(total - last).map(|(i, l)| format!("{:>5}  {l}", i + 1)).collect();
    for line in lines {
        ctx.out.outln(line);
    }
    Exec::Done(0)
}

/// `clear`: the ANSI "clear screen" sequence ([`CLEAR_SCREEN`]).
pub fn clear(ctx: &mut Ctx, _argv: &[String]) -> Exec {
    ctx.out.out(CLEAR_SCREEN);
    Exec::Done(0)
}

/// `true`.
pub fn true_(_ctx: &mut Ctx, _argv: &[String]) -> Exec {
    Exec::Done(0)
}

/// `false`.
pub fn false_(_ctx: &mut Ctx, _argv: &[String]) -> Exec {
    Exec::Done(1)
}

/// `exit [N]`: the terminal stops; the browser ignores it.
pub fn exit(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let code = match argv.get(1) {
        None => ctx.sh.last_status,
        Some(n) => match n.parse::<i32>() {
            Ok(code) => code & 0xff,
            Err(_) => {
                ctx.out.errln(format!("bash: exit: {n}: numeric argument required"));
                2
            }
        },
    };
    ctx.sh.exit_requested = Some(code);
    Exec::Done(code)
}

/// `env`: prints the environment; `env NAME=value… cmd args` runs a command with more variables.
pub fn env(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut env = ctx.env.clone();
    let mut rest = &argv[1..];
    while let Some((name, value)) = rest.first().and_then(|a| a.split_once('=')) {
        env.insert(name.to_string(), value.to_string());
        rest = &rest[1..];
    }
    if rest.is_empty() {
        for (name, value) in &env {
            ctx.out.outln(format!("{name}={value}"));
        }
        return Exec::Done(0);
    }
    let mut inner = Ctx { sh: ctx.sh, world: ctx.world, stdin: ctx.stdin, env: &env, out: ctx.out };
    run_program(&mut inner, rest)
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `date [+FORMAT]` on the virtual clock, in UTC.
pub fn date(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let now = ctx.world.cluster.now();
    let stamp = now.rfc3339();
    let num = |r: std::ops::Range<usize>| stamp.get(r).and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let time = stamp.get(11..19).unwrap_or("00:00:00").to_string();
    let weekday = DAYS[((now.0.div_euclid(86_400_000) + 4).rem_euclid(7)) as usize];
    let month_name = MONTHS[month.saturating_sub(1).min(11)];
    let format = argv[1..].iter().find_map(|a| a.strip_prefix('+')).map(str::to_string);
    let text = match format {
        None => format!("{weekday} {month_name} {day:>2} {time} UTC {year}"),
        Some(f) => {
            let mut out = String::new();
            let mut chars = f.chars();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('Y') => out.push_str(&year.to_string()),
                    Some('m') => out.push_str(&format!("{month:02}")),
                    Some('d') => out.push_str(&format!("{day:02}")),
                    Some('H') => out.push_str(&time[0..2]),
                    Some('M') => out.push_str(&time[3..5]),
                    Some('S') => out.push_str(&time[6..8]),
                    Some('T') => out.push_str(&time),
                    Some('F') => out.push_str(&format!("{year}-{month:02}-{day:02}")),
                    Some('s') => out.push_str(&now.0.div_euclid(1000).to_string()),
                    Some('a') => out.push_str(weekday),
                    Some('b') => out.push_str(month_name),
                    Some('Z') => out.push_str("UTC"),
                    Some('%') => out.push('%'),
                    Some(other) => {
                        out.push('%');
                        out.push(other);
                    }
                    None => out.push('%'),
                }
            }
            out
        }
    };
    ctx.out.outln(text);
    Exec::Done(0)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64, ignoring whitespace; `None` on invalid input.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = B64.iter().position(|&x| x == c)? as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// `base64 [-d] [-w N] [FILE]`.
pub fn base64(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let decode = argv[1..].iter().any(|a| a == "-d" || a == "--decode");
    let mut wrap = 76;
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        match argv[i].as_str() {
            "-d" | "--decode" | "-i" => {}
            "-w" => {
                i += 1;
                wrap = argv.get(i).and_then(|w| w.parse().ok()).unwrap_or(76);
            }
            a if a.starts_with("-w") => wrap = a[2..].parse().unwrap_or(76),
            a => files.push(a.to_string()),
        }
        i += 1;
    }
    let (inputs, missing) = super::read_inputs(ctx, "base64", &files);
    if missing {
        return Exec::Done(1);
    }
    let input: String = inputs.into_iter().map(|(_, t)| t).collect();
    if decode {
        match base64_decode(&input) {
            Some(bytes) => ctx.out.out(String::from_utf8_lossy(&bytes)),
            None => {
                ctx.out.errln("base64: invalid input");
                return Exec::Done(1);
            }
        }
    } else {
        let encoded = base64_encode(input.as_bytes());
        if wrap == 0 {
            ctx.out.outln(encoded);
        } else {
            let chars: Vec<char> = encoded.chars().collect();
            for line in chars.chunks(wrap) {
                ctx.out.outln(line.iter().collect::<String>());
            }
            if chars.is_empty() {
                ctx.out.outln("");
            }
        }
    }
    Exec::Done(0)
}

/// `seq [FIRST [STEP]] LAST`.
pub fn seq(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let numbers: Option<Vec<i64>> = argv[1..].iter().map(|a| a.parse().ok()).collect();
    let (first, step, last) = match numbers.as_deref() {
        Some([last]) => (1, 1, *last),
        Some([first, last]) => (*first, 1, *last),
        Some([first, step, last]) if *step != 0 => (*first, *step, *last),
        _ => {
            let bad = argv[1..].iter().find(|a| a.parse::<i64>().is_err()).cloned().unwrap_or_default();
            ctx.out.errln(if argv.len() < 2 { "seq: missing operand".to_string() } else { format!("seq: invalid floating point argument: '{bad}'") });
            ctx.out.errln("Try 'seq --help' for more information.");
            return Exec::Done(1);
        }
    };
    let mut n = first;
    let mut printed = 0;
    while (step > 0 && n <= last) || (step < 0 && n >= last) {
        ctx.out.outln(n.to_string());
        let Some(next) = n.checked_add(step) else { break };
        n = next;
        printed += 1;
        if printed >= 100_000 {
            break;
        }
    }
    Exec::Done(0)
}

/// `sleep N[smhd]…`: waits on the virtual clock.
pub fn sleep(ctx: &mut Ctx, argv: &[String]) -> Exec {
    if argv.len() < 2 {
        ctx.out.errln("sleep: missing operand");
        ctx.out.errln("Try 'sleep --help' for more information.");
        return Exec::Done(1);
    }
    let mut total = 0i64;
    for arg in &argv[1..] {
        match parse_duration(arg) {
            Some(ms) => total = total.saturating_add(ms),
            None => {
                ctx.out.errln(format!("sleep: invalid time interval '{arg}'"));
                ctx.out.errln("Try 'sleep --help' for more information.");
                return Exec::Done(1);
            }
        }
    }
    Exec::Job(Box::new(Sleep::new(ctx.world, total)))
}

/// `timeout DURATION COMMAND [ARG]…`: status 124 when the deadline interrupts the command.
pub fn timeout(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut rest = &argv[1..];
    while rest.first().is_some_and(|a| a.starts_with('-') && a.len() > 1) {
        rest = &rest[1..];
    }
    let (Some(duration), Some(_)) = (rest.first(), rest.get(1)) else {
        ctx.out.errln("timeout: missing operand");
        ctx.out.errln("Try 'timeout --help' for more information.");
        return Exec::Done(125);
    };
    let Some(ms) = parse_duration(duration) else {
        ctx.out.errln(format!("timeout: invalid time interval '{duration}'"));
        ctx.out.errln("Try 'timeout --help' for more information.");
        return Exec::Done(125);
    };
    let name = &rest[1];
    let shell_only = ["cd", "export", "alias", "unalias", "unset", "jobs", "fg", "history", "exit"];
    if shell_only.contains(&name.as_str()) {
        ctx.out.errln(format!("timeout: failed to run command '{name}': No such file or directory"));
        return Exec::Done(127);
    }
    let exec = run_program(ctx, &rest[1..]);
    Timeout::wrap(exec, ctx.world, ms)
}

/// The `+`/`-` mark bash puts after a job number: current and previous job.
fn job_mark(index: usize, count: usize) -> char {
    if index + 1 == count {
        '+'
    } else if index + 2 == count {
        '-'
    } else {
        ' '
    }
}

/// `jobs`: background jobs and their state.
pub fn jobs(ctx: &mut Ctx, _argv: &[String]) -> Exec {
    let count = ctx.sh.jobs.len();
    let lines: Vec<String> = ctx
        .sh
        .jobs
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let state = job.finished.clone().unwrap_or_else(|| "Running".into());
            let suffix = if job.finished.is_none() { " &" } else { "" };
            format!("[{}]{}  {:<24}{}{suffix}", job.id, job_mark(i, count), state, job.text)
        })
        .collect();
    for line in lines {
        ctx.out.outln(line);
    }
    ctx.sh.jobs.retain(|j| j.finished.is_none());
    Exec::Done(0)
}

/// `kill [-SIGNAL] %N|PID…`: stops background jobs.
pub fn kill(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let targets: Vec<&String> = argv[1..].iter().filter(|a| !a.starts_with('-')).collect();
    if targets.is_empty() {
        ctx.out.errln("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
        return Exec::Done(2);
    }
    let mut status = 0;
    for target in targets {
        let index = match target.strip_prefix('%') {
            Some(spec) => spec.parse::<usize>().ok().and_then(|id| ctx.sh.jobs.iter().position(|j| j.id == id)),
            None => target.parse::<u32>().ok().and_then(|pid| ctx.sh.jobs.iter().position(|j| j.pid == pid)),
        };
        let Some(index) = index.filter(|i| ctx.sh.jobs[*i].finished.is_none()) else {
            if target.starts_with('%') {
                ctx.out.errln(format!("bash: kill: {target}: no such job"));
            } else {
                ctx.out.errln(format!("bash: kill: ({target}) - No such process"));
            }
            status = 1;
            continue;
        };
        let mut job = ctx.sh.jobs.remove(index);
        job.run.interrupt(ctx.sh, ctx.world, ctx.out);
        job.finished = Some(done_notice(143));
        ctx.sh.jobs.insert(index, job);
    }
    Exec::Done(status)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, run_in};
    use super::*;
    use crate::shell::ShellState;
    use crate::world::World;

    #[test]
    fn echo_and_printf() {
        assert_eq!(run("echo a b", "").0, "a b\n");
        assert_eq!(run("echo -n a", "").0, "a");
        assert_eq!(run("echo -e a\\tb", "").0, "a\tb\n");
        assert_eq!(run("printf %s-%d\\n x 5 y 6", "").0, "x-5\ny-6\n");
        assert_eq!(run("printf %-5s| abc", "").0, "abc  |");
        assert_eq!(run("printf %03d 7", "").0, "007");
    }

    #[test]
    fn variables_and_aliases() {
        let mut world = World::new(1);
        let mut sh = ShellState::default();
        run_in(&mut world, &mut sh, "export NS=test", "");
        assert_eq!(sh.environment().get("NS").map(String::as_str), Some("test"));
        run_in(&mut world, &mut sh, "alias k=kubectl", "");
        assert_eq!(run_in(&mut world, &mut sh, "alias", "").0, "alias k='kubectl'\n");
        assert_eq!(run_in(&mut world, &mut sh, "unalias k", "").2, 0);
        assert_eq!(run_in(&mut world, &mut sh, "unalias k", "").1, "bash: unalias: k: not found\n");
        assert_eq!(run_in(&mut world, &mut sh, "export 1x=2", "").1, "bash: export: `1x=2': not a valid identifier\n");
    }

    #[test]
    fn date_on_the_virtual_clock() {
        assert_eq!(run("date", "").0, "Mon Oct  6 09:00:00 UTC 2025\n");
        assert_eq!(run("date +%F_%T", "").0, "2025-10-06_09:00:00\n");
    }

    #[test]
    fn base64_round_trip() {
        assert_eq!(run("base64", "hello\n").0, "aGVsbG8K\n");
        assert_eq!(run("base64 -d", "aGVsbG8K\n").0, "hello\n");
        assert_eq!(base64_encode(b"ab"), "YWI=");
    }

    #[test]
    fn seq_counts() {
        assert_eq!(run("seq 3", "").0, "1\n2\n3\n");
        assert_eq!(run("seq 5 -2 1", "").0, "5\n3\n1\n");
    }

    #[test]
    fn sleep_and_timeout_start_jobs() {
        assert_eq!(run("sleep 5", "").2, -1);
        assert_eq!(run("sleep x", "").1, "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
        assert_eq!(run("timeout 5 true", "").2, 0);
        assert_eq!(run("timeout 5 sleep 10", "").2, -1);
        assert_eq!(run("timeout 5 nope", "").2, 127);
    }
}
