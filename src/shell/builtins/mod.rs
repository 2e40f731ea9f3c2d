//! The programs the shell knows: kubectl (and kubens/kubectx), text filters, file commands and
//! shell builtins. Each gets a [`Ctx`] and its argv (argv[0] is the name) and returns an
//! [`Exec`]: done with a status, or a job that takes virtual time.

mod files;
mod http;
mod misc;
mod openssl;
mod shell;
mod text;

use super::ShellState;
use crate::job::Exec;
use crate::output::Output;
use crate::world::World;
use std::collections::BTreeMap;

/// What a program gets to work with.
pub struct Ctx<'a> {
    pub sh: &'a mut ShellState,
    pub world: &'a mut World,
    /// Standard input: the previous pipeline stage's output, a file or a here-doc.
    pub stdin: &'a str,
    /// The environment: exported variables plus `NAME=value` prefixes.
    pub env: &'a BTreeMap<String, String>,
    pub out: &'a mut Output,
}

type Program = fn(&mut Ctx, &[String]) -> Exec;

/// Programs by name; `builtin` marks shell builtins (no path for `which`).
const PROGRAMS: &[(&str, Program, bool)] = &[
    ("kubectl", run_kubectl, false),
    ("kubens", run_kubens, false),
    ("kubectx", run_kubectx, false),
    ("grep", text::grep, false),
    ("egrep", text::egrep, false),
    ("head", text::head, false),
    ("tail", text::tail, false),
    ("wc", text::wc, false),
    ("sort", text::sort, false),
    ("uniq", text::uniq, false),
    ("cut", text::cut, false),
    ("tr", text::tr, false),
    ("sed", text::sed, false),
    ("awk", text::awk, false),
    ("cat", files::cat, false),
    ("ls", files::ls, false),
    ("cd", files::cd, true),
    ("pwd", files::pwd, true),
    ("mkdir", files::mkdir, false),
    ("rm", files::rm, false),
    ("touch", files::touch, false),
    ("echo", misc::echo, true),
    ("printf", misc::printf, true),
    ("export", misc::export, true),
    ("unset", misc::unset, true),
    ("alias", misc::alias, true),
    ("unalias", misc::unalias, true),
    ("history", misc::history, true),
    ("clear", misc::clear, false),
    ("true", misc::true_, true),
    ("false", misc::false_, true),
    ("exit", misc::exit, true),
    ("which", which, false),
    ("env", misc::env, false),
    ("date", misc::date, false),
    ("base64", misc::base64, false),
    ("seq", misc::seq, false),
    ("sleep", misc::sleep, false),
    ("timeout", misc::timeout, false),
    ("jobs", misc::jobs, true),
    (":", shell::colon, true),
    ("test", shell::test, true),
    ("[", shell::test, true),
    ("break", shell::loop_control, true),
    ("continue", shell::loop_control, true),
    ("bash", shell::bash, false),
    ("sh", shell::bash, false),
    ("kill", misc::kill, true),
    ("curl", http::curl, false),
    ("wget", http::wget, false),
    ("openssl", openssl::openssl, false),
];

/// The programs of a machine other than the learner's (a container's image). A shell whose
/// state carries one runs every command through it instead of the console's programs.
pub trait Userland {
    /// Runs `argv` (never empty), printing the image's own "not found" error for unknown names.
    fn run(&self, ctx: &mut Ctx, argv: &[String]) -> Exec;
}

/// Runs one of the console's own programs, if `argv[0]` names one: a [`Userland`] lends the
/// console's filters and shell builtins this way.
pub fn run_console_program(ctx: &mut Ctx, argv: &[String]) -> Option<Exec> {
    let name = argv.first()?;
    PROGRAMS.iter().find(|(n, _, _)| n == name).map(|(_, program, _)| program(ctx, argv))
}

/// Runs a program by argv; an unknown name is `bash: foo: command not found` (127).
pub fn run_program(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let Some(name) = argv.first() else { return Exec::Done(0) };
    if let Some(userland) = ctx.sh.userland.clone() {
        return userland.run(ctx, argv);
    }
    if let Some((_, program, _)) = PROGRAMS.iter().find(|(n, _, _)| n == name) {
        return program(ctx, argv);
    }
    ctx.out.errln(format!("bash: {name}: command not found"));
    Exec::Done(127)
}

fn run_kubectl(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let exec = crate::kubectl::kubectl(ctx.world, &argv[1..], ctx.stdin, ctx.env, ctx.out);
    // The controllers react to what the command changed within the same instant, as a real
    // control plane does within milliseconds.
    ctx.world.cluster.settle();
    exec
}

fn run_kubens(ctx: &mut Ctx, argv: &[String]) -> Exec {
    Exec::Done(crate::kubectl::kubens::kubens(ctx.world, &argv[1..], ctx.out))
}

fn run_kubectx(ctx: &mut Ctx, argv: &[String]) -> Exec {
    Exec::Done(crate::kubectl::kubens::kubectx(ctx.world, &argv[1..], ctx.out))
}

/// `which`: where a program lives; shell builtins and unknown names print nothing (status 1).
fn which(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let mut status = 0;
    for name in &argv[1..] {
        match PROGRAMS.iter().find(|(n, _, _)| n == name) {
            Some((n, _, false)) if n.starts_with("kube") => ctx.out.outln(format!("/usr/local/bin/{n}")),
            Some((n, _, false)) => ctx.out.outln(format!("/usr/bin/{n}")),
            _ => status = 1,
        }
    }
    Exec::Done(status)
}

/// The inputs of a filter: the named files (`-` is stdin), or stdin when none is named.
/// Missing files are reported as `prog: name: No such file or directory`; the flag says whether
/// any was missing.
pub(crate) fn read_inputs(ctx: &mut Ctx, prog: &str, files: &[String]) -> (Vec<(String, String)>, bool) {
    if files.is_empty() {
        return (vec![("(standard input)".into(), ctx.stdin.to_string())], false);
    }
    let mut inputs = Vec::new();
    let mut missing = false;
    for file in files {
        if file == "-" {
            inputs.push(("(standard input)".into(), ctx.stdin.to_string()));
        } else if let Some(text) = ctx.world.fs.read(file) {
            inputs.push((file.clone(), text.to_string()));
        } else if ctx.world.fs.is_dir(file) {
            ctx.out.errln(format!("{prog}: {file}: Is a directory"));
            missing = true;
        } else {
            ctx.out.errln(format!("{prog}: {file}: No such file or directory"));
            missing = true;
        }
    }
    (inputs, missing)
}

/// Splits text into lines without their newline (a last line without newline still counts).
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') || text.is_empty() {
        lines.pop();
    }
    lines
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs a program on a fresh world and returns (stdout, stderr, status).
    use super::*;

    /// Runs `line` (whitespace-split argv) with `stdin`.
    pub fn run(line: &str, stdin: &str) -> (String, String, i32) {
        let mut world = World::new(1);
        let mut sh = ShellState::default();
        run_in(&mut world, &mut sh, line, stdin)
    }

    /// Runs `line` against a given world and shell.
    pub fn run_in(world: &mut World, sh: &mut ShellState, line: &str, stdin: &str) -> (String, String, i32) {
        let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut out = Output::default();
        let env = sh.environment();
        let mut ctx = Ctx { sh, world, stdin, env: &env, out: &mut out };
        let status = match run_program(&mut ctx, &argv) {
            Exec::Done(s) => s,
            Exec::Job(_) => -1,
        };
        (out.stdout(), out.stderr(), status)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{self, run};
    use crate::shell::ShellState;
    use crate::world::World;

    #[test]
    fn unknown_programs_are_not_found() {
        assert_eq!(run("foo bar", ""), (String::new(), "bash: foo: command not found\n".into(), 127));
    }

    #[test]
    fn kubens_changes_the_namespace_of_later_commands() {
        let mut world = World::new(1);
        let mut sh = ShellState::default();
        let (out, _, status) = testing::run_in(&mut world, &mut sh, "kubens kube-system", "");
        assert_eq!(status, 0, "{out}");
        assert_eq!(world.kubeconfig.namespace(), "kube-system");
    }

    #[test]
    fn which_knows_programs() {
        assert_eq!(run("which kubectl grep", "").0, "/usr/local/bin/kubectl\n/usr/bin/grep\n");
        assert_eq!(run("which kubens", "").0, "/usr/local/bin/kubens\n");
        assert_eq!(run("which cd", "").2, 1);
    }
}
