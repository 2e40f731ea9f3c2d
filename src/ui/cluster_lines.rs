//! Lines between the cards of the cluster view: each Service to the pods its Endpoints list
//! (solid when ready, dashed when not) and each Ingress to the Services its rules name. The
//! lines live in one SVG laid over the view (it takes no clicks); where the cards are is read
//! from the DOM after the view rendered, and read again only when the model changes or a card
//! or the view changes size. A request passing along a line sends a dot along it.

use super::cluster_cards::{Highlights, HOP_DELAY_MS};
use super::cluster_model::{ClusterModel, Link, LinkKind};
use leptos::html::Section;
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long after a change the cards are measured once more: their enter animation (which
/// scales them) is over by then.
const SETTLE_MS: u64 = 400;

/// A card's box in the overlay's coordinates, in whole pixels so an unchanged layout compares
/// equal and draws nothing new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    left: i32,
    top: i32,
    width: i32,
    height: i32,
}

impl Place {
    fn bottom(self) -> i32 {
        self.top + self.height
    }
    fn right(self) -> i32 {
        self.left + self.width
    }
    fn center_x(self) -> i32 {
        self.left + self.width / 2
    }
    fn center_y(self) -> i32 {
        self.top + self.height / 2
    }
}

/// One line as drawn: what it joins and its SVG path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Drawn {
    link: Link,
    path: String,
}

/// Which of the cards sharing a key carries the lines: a pod in its ReplicaSet rather than its
/// copy in the node area; a fading pod never (0).
fn preference(testid: &str) -> u8 {
    match testid {
        "pod" | "service" | "ingress" => 2,
        "node-pod" => 1,
        _ => 0,
    }
}

/// Where every card of `section` is, by its `data-card` key, plus the card elements themselves
/// (to watch their size).
fn measure(section: &web_sys::HtmlElement) -> (BTreeMap<String, Place>, Vec<web_sys::Element>) {
    let origin = section.get_bounding_client_rect();
    // The overlay sits at the top left of the scrolled content, inside the border.
    let dx = origin.left() + f64::from(section.client_left()) - f64::from(section.scroll_left());
    let dy = origin.top() + f64::from(section.client_top()) - f64::from(section.scroll_top());
    let mut places: BTreeMap<String, (u8, Place)> = BTreeMap::new();
    let mut elements = Vec::new();
    let Ok(cards) = section.query_selector_all("[data-card]") else { return (BTreeMap::new(), elements) };
    for index in 0..cards.length() {
        let Some(element) = cards.item(index).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(key) = element.get_attribute("data-card") else { continue };
        let rank = preference(&element.get_attribute("data-testid").unwrap_or_default());
        let rect = element.get_bounding_client_rect();
        elements.push(element);
        if rank == 0 || (rect.width() == 0.0 && rect.height() == 0.0) {
            continue;
        }
        let place = Place {
            left: (rect.left() - dx).round() as i32,
            top: (rect.top() - dy).round() as i32,
            width: rect.width().round() as i32,
            height: rect.height().round() as i32,
        };
        if places.get(&key).is_none_or(|(best, _)| *best < rank) {
            places.insert(key, (rank, place));
        }
    }
    (places.into_iter().map(|(key, (_, place))| (key, place)).collect(), elements)
}

/// The curve from card `from` to card `to`: it leaves `from` by the side facing `to` and enters
/// `to` by the side facing `from` (top/bottom when one is above the other, else left/right).
fn curve(from: Place, to: Place) -> String {
    if to.bottom() <= from.top || to.top >= from.bottom() {
        let (start, end) = if to.bottom() <= from.top { (from.top, to.bottom()) } else { (from.bottom(), to.top) };
        let middle = (start + end) / 2;
        let (x1, x2) = (from.center_x(), to.center_x());
        format!("M{x1} {start}C{x1} {middle} {x2} {middle} {x2} {end}")
    } else {
        let (start, end) = if to.left >= from.right() { (from.right(), to.left) } else { (from.left, to.right()) };
        let middle = (start + end) / 2;
        let (y1, y2) = (from.center_y(), to.center_y());
        format!("M{start} {y1}C{middle} {y1} {middle} {y2} {end} {y2}")
    }
}

/// `namespace/name` of a card key (`svc:namespace/name`).
fn object_key(card_key: &str) -> String {
    card_key.split_once(':').map_or(card_key, |(_, key)| key).to_string()
}

/// The lines to draw for `links`, given where the cards are: a link whose card is not shown
/// gets no line.
fn draw(links: Vec<Link>, places: &BTreeMap<String, Place>) -> Vec<Drawn> {
    links
        .into_iter()
        .filter_map(|link| {
            let (from, to) = (places.get(&link.from)?, places.get(&link.to)?);
            Some(Drawn { path: curve(*from, *to), link })
        })
        .collect()
}

/// Watches the size of the view and of its cards; `on_resize` runs when any changes.
struct SizeWatch {
    observer: web_sys::ResizeObserver,
    /// The cards watched, by key: re-observing only when this set changes keeps the observer's
    /// first notification (it always reports new targets once) from looping. `None` until the
    /// first watch, so the view itself is watched even when it has no cards.
    watched: Option<Vec<String>>,
}

impl SizeWatch {
    fn new(on_resize: impl FnMut() + 'static) -> Option<SizeWatch> {
        let callback = Closure::<dyn FnMut()>::new(on_resize);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        // The view lives as long as the page: its callback may too.
        callback.forget();
        Some(SizeWatch { observer, watched: None })
    }

    /// Watches `section` and `cards` (unless the same cards are already watched).
    fn watch(&mut self, section: &web_sys::Element, cards: &[web_sys::Element]) {
        let keys: Vec<String> = cards.iter().filter_map(|c| c.get_attribute("data-card")).collect();
        if self.watched.as_ref() == Some(&keys) {
            return;
        }
        self.watched = Some(keys);
        self.observer.disconnect();
        self.observer.observe(section);
        for card in cards {
            self.observer.observe(card);
        }
    }
}

/// The SVG overlay with the lines of `model`, laid over `container` (the cluster view).
#[component]
pub fn ClusterLines(model: Memo<ClusterModel>, container: NodeRef<Section>) -> impl IntoView {
    let drawn = RwSignal::new(Vec::<Drawn>::new());
    let scheduled = StoredValue::new(false);
    let size_watch = StoredValue::new_local(None::<SizeWatch>);
    let redraw = move || {
        let Some(section) = container.get_untracked() else { return };
        let (places, cards) = measure(&section);
        let lines = draw(model.with_untracked(ClusterModel::links), &places);
        if drawn.with_untracked(|d| *d != lines) {
            drawn.set(lines);
        }
        size_watch.update_value(|watch| {
            if let Some(watch) = watch {
                watch.watch(&section, &cards);
            }
        });
    };
    // Many changes in one frame measure once, after the browser laid the page out.
    let schedule = move || {
        if scheduled.get_value() {
            return;
        }
        scheduled.set_value(true);
        request_animation_frame(move || {
            scheduled.set_value(false);
            redraw();
        });
    };
    size_watch.set_value(SizeWatch::new(schedule));
    Effect::new(move |_| {
        model.track();
        schedule();
        set_timeout(schedule, std::time::Duration::from_millis(SETTLE_MS));
    });
    view! {
        <svg class="cluster-lines" aria-hidden="true" data-testid="cluster-lines">
            <For each=move || drawn.get() key=|line: &Drawn| line.clone() let:line>
                <LinePath line />
            </For>
        </svg>
    }
}

/// One line: its class says its kind (and whether a request is passing along it, in which case
/// a dot travels it from the first card to the second).
#[component]
fn LinePath(line: Drawn) -> impl IntoView {
    let (class, testid) = match line.link.kind {
        LinkKind::Ready => ("line ready", "endpoint-line"),
        LinkKind::NotReady => ("line not-ready", "endpoint-line"),
        LinkKind::Route => ("line route", "ingress-line"),
    };
    let highlights = use_context::<Highlights>();
    let (from, to) = (line.link.from.clone(), line.link.to.clone());
    // The request's hop index at this line's start, when the request passes along it.
    let passing = Memo::new(move |_| {
        highlights.and_then(|h| {
            h.pulse.with(|path| {
                let start = path.iter().position(|k| *k == from)?;
                path.contains(&to).then_some(start)
            })
        })
    });
    // The Service under the pointer lights its pods, and so its lines to them.
    let to_pod = object_key(&line.link.to);
    let linked = move || line.link.kind != LinkKind::Route && highlights.is_some_and(|h| h.linked.with(|l| l.contains(&to_pod)));
    let path = line.path.clone();
    view! {
        <path
            class=class
            class:pulse=move || passing.get().is_some()
            class:linked=linked
            d=line.path.clone()
            data-testid=testid
            data-from=object_key(&line.link.from)
            data-to=object_key(&line.link.to)
            data-ready=(line.link.kind != LinkKind::NotReady).to_string()
        ></path>
        <Show when=move || passing.get().is_some()>
            <path
                class="line-pulse"
                d=path.clone()
                pathLength="100"
                style:animation-delay=move || format!("{}ms", passing.get().unwrap_or(0) * HOP_DELAY_MS)
            ></path>
        </Show>
    }
}
