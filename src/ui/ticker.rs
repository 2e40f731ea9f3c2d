//! Virtual time flows in real time: every ~100 ms the session is told how much real time passed,
//! times the chosen speed. The elapsed time is measured (not assumed), so throttled background
//! tabs stay in step. While paused the session is not ticked at all.

use super::engine::Engine;
use gloo_timers::callback::Interval;
use leptos::prelude::*;

/// How often the session is ticked, in milliseconds.
const TICK_MS: u32 = 100;

/// Starts ticking `engine` for the lifetime of the page.
pub fn start(engine: Engine) {
    let mut last = now_ms();
    // Virtual milliseconds owed but not yet given (fractions, at speeds below 1x).
    let mut owed = 0.0f64;
    Interval::new(TICK_MS, move || {
        let now = now_ms();
        let real_ms = match (last, now) {
            (Some(before), Some(now)) => (now - before).max(0.0),
            _ => f64::from(TICK_MS),
        };
        last = now;
        if engine.paused.get_untracked() {
            owed = 0.0;
            return;
        }
        owed += real_ms * engine.speed.get_untracked();
        let whole = owed.floor();
        owed -= whole;
        if whole >= 1.0 {
            engine.tick(whole as i64);
        }
    })
    .forget();
}

/// The page's monotonic clock in milliseconds, if the browser has one.
fn now_ms() -> Option<f64> {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
}
