//! Time controls: pause, play, speed and "step to next event", next to the virtual clock, so a
//! learner can slow a rolling update down or fast-forward through image pulls.

use super::clock::Clock;
use super::engine::Engine;
use leptos::prelude::*;

/// The speeds offered, in virtual seconds per real second.
const SPEEDS: &[(f64, &str)] =
    &[(0.25, "0.25x"), (0.5, "0.5x"), (1.0, "1x"), (2.0, "2x"), (5.0, "5x"), (10.0, "10x"), (20.0, "20x")];

/// Pause/play buttons, the speed select, the step button and the clock.
#[component]
pub fn TimeControls(engine: Engine) -> impl IntoView {
    let paused = engine.paused;
    let on_speed = move |ev| {
        if let Ok(speed) = event_target_value(&ev).parse::<f64>() {
            engine.speed.set(speed.clamp(0.25, 20.0));
        }
    };
    view! {
        <div class="time-controls" role="group" aria-label="virtual time">
            <button
                data-testid="time-pause"
                title="pause virtual time"
                aria-pressed=move || paused.get().to_string()
                disabled=move || paused.get()
                on:click=move |_| paused.set(true)
            >"❚❚ Pause"</button>
            <button
                data-testid="time-play"
                title="let virtual time flow"
                aria-pressed=move || (!paused.get()).to_string()
                disabled=move || !paused.get()
                on:click=move |_| paused.set(false)
            >"▶ Play"</button>
            <label class="speed">
                <span class="visually-hidden">"speed"</span>
                <select data-testid="time-speed" title="speed of virtual time" on:change=on_speed>
                    {SPEEDS
                        .iter()
                        .map(|(value, label)| {
                            let value = *value;
                            view! {
                                <option
                                    value=value.to_string()
                                    selected=move || (engine.speed.get() - value).abs() < 1e-9
                                >
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                data-testid="time-step"
                title="jump to the next thing due to happen in the cluster"
                on:click=move |_| engine.step_to_next_event()
            >"Next event ›"</button>
            <Clock engine=engine />
        </div>
    }
}
