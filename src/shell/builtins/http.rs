//! `curl` and `wget` on the learner's machine: requests into the simulated network (port-forwards
//! on localhost, load balancers, node ports); saved files land in the virtual filesystem.

use super::Ctx;
use crate::cluster::network::client::{self, ClientRun};
use crate::cluster::network::Origin;
use crate::job::Exec;

/// Prints a client run and writes its files.
fn finish(ctx: &mut Ctx, run: ClientRun) -> Exec {
    ctx.out.out(&run.stdout);
    if !run.stderr.is_empty() {
        ctx.out.push(crate::output::Stream::Stderr, &run.stderr);
    }
    for (path, text) in run.files {
        ctx.world.fs.write(&path, &text);
    }
    Exec::Done(run.code)
}

/// `curl [-sSiIvL] [-X M] [-d DATA] [-H 'K: V'] [-o FILE] URL`.
pub fn curl(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let run = client::curl(&mut ctx.world.cluster, &Origin::Learner, argv);
    finish(ctx, run)
}

/// `wget [-q] [-O FILE] URL` (GNU wget).
pub fn wget(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let run = client::gnu_wget(&mut ctx.world.cluster, argv);
    finish(ctx, run)
}
