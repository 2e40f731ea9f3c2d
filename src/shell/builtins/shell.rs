//! Builtins for shell control: `:`, `test` / `[`, `break`, `continue`, and `bash -c` / `sh -c`
//! (a script in a copy of the shell, as a job `timeout` can wrap).

use super::Ctx;
use crate::cluster::objects::Time;
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::shell::condition::{self, Arg};
use crate::shell::{parser, run, LoopControl, Run, ShellState};
use crate::world::World;

/// `:`: does nothing, successfully.
pub fn colon(_ctx: &mut Ctx, _argv: &[String]) -> Exec {
    Exec::Done(0)
}

/// `test EXPR` and `[ EXPR ]`: 0 when true, 1 when false, 2 when malformed.
pub fn test(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let name = argv[0].as_str();
    let mut args = &argv[1..];
    if name == "[" {
        match args.split_last() {
            Some((last, rest)) if last == "]" => args = rest,
            _ => {
                ctx.out.errln("bash: [: missing `]'");
                return Exec::Done(2);
            }
        }
    }
    let args: Vec<Arg> = args.iter().map(|a| Arg::plain(a)).collect();
    match condition::evaluate(&args, false, &ctx.world.fs) {
        Ok(true) => Exec::Done(0),
        Ok(false) => Exec::Done(1),
        Err(message) => {
            ctx.out.errln(format!("bash: {name}: {message}"));
            Exec::Done(2)
        }
    }
}

/// `break [N]` / `continue [N]`: asks the Nth enclosing loop to stop or go round.
pub fn loop_control(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let name = argv[0].as_str();
    let count = match argv.get(1).map(|n| n.parse::<u32>()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            ctx.out.errln(format!("bash: {name}: {}: loop count out of range", argv[1]));
            return Exec::Done(1);
        }
    };
    ctx.sh.control = Some(if name == "break" { LoopControl::Break(count) } else { LoopControl::Continue(count) });
    Exec::Done(0)
}

/// How many `bash -c` may nest (an alias calling itself through `bash -c` would recurse).
const MAX_NESTING: u32 = 32;

/// `bash -c SCRIPT` / `sh -c SCRIPT`: runs the script in a copy of the shell.
pub fn bash(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let name = argv[0].as_str();
    let Some(source) = argv.iter().position(|a| a == "-c").and_then(|i| argv.get(i + 1)) else {
        ctx.out.errln(format!("{name}: only `{name} -c 'commands'` is supported in kubeplay"));
        return Exec::Done(2);
    };
    if ctx.sh.nesting >= MAX_NESTING {
        ctx.out.errln(format!("{name}: maximum nesting level exceeded ({MAX_NESTING})"));
        return Exec::Done(1);
    }
    match parser::parse(source) {
        Ok(script) => {
            let mut sh = ctx.sh.subshell();
            sh.nesting += 1;
            sh.vars.extend(ctx.env.iter().map(|(k, v)| (k.clone(), v.clone())));
            Exec::Job(Box::new(ShellJob { sh, run: Run::new(script) }))
        }
        Err(error) => {
            let mut out = Output::default();
            run::report_parse_error(&error, &mut out);
            for chunk in out.take() {
                ctx.out.push(chunk.stream, &chunk.text.replacen("bash:", &format!("{name}: -c:"), 1));
            }
            Exec::Done(2)
        }
    }
}

/// A script running in its own copy of the shell state.
struct ShellJob {
    sh: ShellState,
    run: Run,
}

impl Job for ShellJob {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let status = self.run.poll(&mut self.sh, world, out);
        self.sh.control = None;
        crate::shell::poll_background(&mut self.sh, world, out);
        status.map(|s| self.sh.exit_requested.unwrap_or(s))
    }

    fn deadline(&self) -> Option<Time> {
        self.run.deadline()
    }

    fn is_endless(&self) -> bool {
        self.run.is_endless()
    }

    fn interrupt(&mut self, world: &mut World, out: &mut Output) -> i32 {
        self.run.interrupt(&mut self.sh, world, out)
    }
}
