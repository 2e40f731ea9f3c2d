//! The virtual clock in the header, so users see time passing in the simulated cluster.

use super::engine::Engine;
use leptos::prelude::*;

/// Shows the cluster's current virtual time (RFC 3339, UTC).
#[component]
pub fn Clock(engine: Engine) -> impl IntoView {
    view! {
        <span class="clock" data-testid="clock" title="virtual cluster time">
            {move || engine.clock.get()}
        </span>
    }
}
