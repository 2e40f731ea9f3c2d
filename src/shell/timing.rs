//! Programs that wait on the virtual clock: `sleep N` and `timeout N cmd`.

use crate::cluster::objects::Time;
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

/// Parses a bash-style duration: `5`, `1.5`, `10s`, `2m`, `1h`, `1d`; milliseconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let (number, unit) = match text.char_indices().last() {
        Some((i, c @ ('s' | 'm' | 'h' | 'd'))) => (&text[..i], c),
        _ => (text, 's'),
    };
    let value: f64 = number.parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    let factor = match unit {
        's' => 1_000.0,
        'm' => 60_000.0,
        'h' => 3_600_000.0,
        _ => 86_400_000.0,
    };
    Some((value * factor).min(1e15) as i64)
}

/// `sleep`: done once the virtual clock reaches its deadline.
pub struct Sleep {
    until: Time,
}

impl Sleep {
    /// A sleep of `ms` milliseconds from now.
    pub fn new(world: &World, ms: i64) -> Self {
        Sleep { until: world.cluster.now().plus_ms(ms) }
    }
}

impl Job for Sleep {
    fn poll(&mut self, world: &mut World, _out: &mut Output) -> Option<i32> {
        (world.cluster.now() >= self.until).then_some(0)
    }

    fn deadline(&self) -> Option<Time> {
        Some(self.until)
    }
}

/// `timeout N cmd`: runs the inner job and interrupts it at the deadline (status 124).
pub struct Timeout {
    inner: Box<dyn Job>,
    until: Time,
}

impl Timeout {
    /// Wraps what starting the command gave; a command already done stays done.
    pub fn wrap(exec: Exec, world: &World, ms: i64) -> Exec {
        match exec {
            Exec::Done(status) => Exec::Done(status),
            Exec::Job(inner) => Exec::Job(Box::new(Timeout { inner, until: world.cluster.now().plus_ms(ms) })),
        }
    }
}

impl Job for Timeout {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        if let Some(status) = self.inner.poll(world, out) {
            return Some(status);
        }
        if world.cluster.now() >= self.until {
            self.inner.interrupt(world, out);
            return Some(124);
        }
        None
    }

    fn deadline(&self) -> Option<Time> {
        Some(self.inner.deadline().map_or(self.until, |d| d.min(self.until)))
    }

    fn interrupt(&mut self, world: &mut World, out: &mut Output) -> i32 {
        self.inner.interrupt(world, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5"), Some(5000));
        assert_eq!(parse_duration("1.5"), Some(1500));
        assert_eq!(parse_duration("2m"), Some(120_000));
        assert_eq!(parse_duration("x"), None);
        assert_eq!(parse_duration("-1"), None);
    }

    #[test]
    fn sleep_ends_at_its_deadline() {
        let mut world = World::new(1);
        let mut out = Output::default();
        let mut job = Sleep::new(&world, 2000);
        assert_eq!(job.poll(&mut world, &mut out), None);
        world.cluster.advance_by(1999);
        assert_eq!(job.poll(&mut world, &mut out), None);
        world.cluster.advance_by(1);
        assert_eq!(job.poll(&mut world, &mut out), Some(0));
    }

    #[test]
    fn timeout_interrupts_with_124() {
        let mut world = World::new(1);
        let mut out = Output::default();
        let inner = Box::new(Sleep::new(&world, 10_000));
        let Exec::Job(mut job) = Timeout::wrap(Exec::Job(inner), &world, 3000) else { panic!("a job") };
        assert_eq!(job.deadline(), Some(world.cluster.now().plus_ms(3000)));
        world.cluster.advance_by(3000);
        assert_eq!(job.poll(&mut world, &mut out), Some(124));
    }
}
