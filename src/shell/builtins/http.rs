//! `curl` and `wget` on the learner's machine: requests into the simulated network (port-forwards
//! on localhost, load balancers, node ports); saved files land in the virtual filesystem. A
//! connection that times out hangs for its virtual time before the client prints its error.

use super::Ctx;
use crate::cluster::network::client::{self, ClientRun};
use crate::cluster::network::Origin;
use crate::cluster::objects::Time;
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

/// Prints a client run and writes its files; returns its exit status.
fn emit(world: &mut World, out: &mut Output, run: ClientRun) -> i32 {
    out.out(&run.stdout);
    if !run.stderr.is_empty() {
        out.push(crate::output::Stream::Stderr, &run.stderr);
    }
    for (path, text) in run.files {
        world.fs.write(&path, &text);
    }
    run.code
}

/// Prints a client run now, or starts printing it and hangs for its virtual time.
fn finish(ctx: &mut Ctx, mut run: ClientRun) -> Exec {
    if run.wait_ms > 0 || !run.later.is_empty() {
        let start = ctx.world.cluster.now();
        ctx.out.out(&std::mem::take(&mut run.stdout));
        if !run.stderr.is_empty() {
            ctx.out.push(crate::output::Stream::Stderr, &std::mem::take(&mut run.stderr));
        }
        return Exec::Job(Box::new(HangingClient { start, run: Some(run) }));
    }
    Exec::Done(emit(ctx.world, ctx.out, run))
}

/// A client waiting on a connection nobody answers: prints each of its late messages as virtual
/// time reaches it, and ends after its wait.
struct HangingClient {
    start: Time,
    run: Option<ClientRun>,
}

impl HangingClient {
    fn elapsed(&self, world: &World) -> i64 {
        world.cluster.now().0 - self.start.0
    }
}

impl Job for HangingClient {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let elapsed = self.elapsed(world);
        let run = self.run.as_mut()?;
        while run.later.first().is_some_and(|(at, _)| *at <= elapsed) {
            let (_, text) = run.later.remove(0);
            out.push(crate::output::Stream::Stderr, &text);
        }
        if elapsed < run.wait_ms || !run.later.is_empty() {
            return None;
        }
        let run = self.run.take()?;
        Some(emit(world, out, run))
    }

    fn deadline(&self) -> Option<Time> {
        let run = self.run.as_ref()?;
        let next = run.later.first().map_or(run.wait_ms, |(at, _)| *at);
        Some(self.start.plus_ms(next))
    }
}

/// `curl [-sSiIvL] [-X M] [-d DATA] [-H 'K: V'] [-o FILE] [-m SECONDS] URL`.
pub fn curl(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let fs = &ctx.world.fs;
    let run = client::curl_reading(&mut ctx.world.cluster, &Origin::Learner, argv, &|path| fs.read(path).map(str::to_string));
    finish(ctx, run)
}

/// `wget [-q] [-O FILE] URL` (GNU wget).
pub fn wget(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let run = client::gnu_wget(&mut ctx.world.cluster, argv);
    finish(ctx, run)
}

#[cfg(test)]
mod tests {
    use crate::terminal::run_script;

    #[test]
    fn curl_to_a_cluster_ip_hangs_until_it_times_out() {
        let script = "kubectl create service clusterip web --tcp=80:80 >/dev/null
kubectl get svc web -o jsonpath='{.spec.clusterIP}{\"\\n\"}' > ip
date +%T
curl -m 5 http://$(cat ip)/
echo \"exit $?\"
date +%T
curl -s http://$(cat ip)/
echo \"exit $?\"
date +%T
curl -m 0.5 http://$(cat ip)/
";
        let out = run_script(1, script, false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[1..],
            [
                "curl: (28) Connection timed out after 5001 milliseconds",
                "exit 28",
                "09:00:05",
                "exit 28",
                "09:02:19",
                "curl: (28) Connection timed out after 501 milliseconds",
            ],
            "{out}"
        );
        assert_eq!(lines[0], "09:00:00");
    }
}
