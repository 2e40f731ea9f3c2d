//! Virtual time flows in real time: every ~100 ms the session is told how much real time passed.
//! The elapsed time is measured (not assumed), so throttled background tabs stay in step.

use super::engine::Engine;
use gloo_timers::callback::Interval;

/// How often the session is ticked, in milliseconds.
const TICK_MS: u32 = 100;

/// Starts ticking `engine` for the lifetime of the page.
pub fn start(engine: Engine) {
    let mut last = now_ms();
    Interval::new(TICK_MS, move || {
        let elapsed = match (last, now_ms()) {
            (Some(before), Some(now)) => {
                let whole = (now - before).max(0.0).floor();
                // Keep the fraction of a millisecond for the next tick.
                last = Some(before + whole);
                whole as i64
            }
            _ => i64::from(TICK_MS),
        };
        if elapsed > 0 {
            engine.tick(elapsed);
        }
    })
    .forget();
}

/// The page's monotonic clock in milliseconds, if the browser has one.
fn now_ms() -> Option<f64> {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
}
