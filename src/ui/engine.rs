//! The session as the page sees it: the engine itself (kept local, it is not `Send`) plus the
//! reactive state the components render: output lines, prompt, busy flag and clock text.

use super::history::History;
use crate::output::{Chunk, Stream};
use crate::session::Session;
use crate::world::EditOutcome;
use leptos::prelude::*;

/// Oldest lines are dropped beyond this many, so a long watch cannot grow the DOM without bound.
const MAX_LINES: usize = 5000;

/// What kind of text a line of the console shows; each kind has its own CSS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineKind {
    /// The prompt and the command the user entered.
    Echo,
    /// Standard output of a command.
    Stdout,
    /// Standard error of a command (shown in another colour).
    Stderr,
}

impl LineKind {
    /// The CSS class of this kind of text.
    pub fn class(self) -> &'static str {
        match self {
            LineKind::Echo => "line echo",
            LineKind::Stdout => "line stdout",
            LineKind::Stderr => "line stderr",
        }
    }
}

/// One piece of console text, with a stable id so the list can be updated incrementally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub id: u64,
    pub kind: LineKind,
    /// The prompt shown before an echoed command (empty for output).
    pub prompt: String,
    pub text: String,
}

/// Handle shared by every component: cheap to copy, all state lives in the reactive arena.
#[derive(Clone, Copy)]
pub struct Engine {
    session: StoredValue<Session, LocalStorage>,
    next_id: StoredValue<u64>,
    /// Everything the console shows, oldest first.
    pub lines: RwSignal<Vec<Line>>,
    /// The prompt for the next command.
    pub prompt: RwSignal<String>,
    /// Whether a command is still running (the input line is then hidden).
    pub busy: RwSignal<bool>,
    /// The virtual time, RFC 3339.
    pub clock: RwSignal<String>,
    /// Whether virtual time is stopped (the ticker then does not tick the session).
    pub paused: RwSignal<bool>,
    /// How many virtual milliseconds pass per real millisecond (0.25 to 20).
    pub speed: RwSignal<f64>,
    /// The store's revision as last seen: views of the cluster re-read it when this changes.
    pub revision: RwSignal<u64>,
    /// Entered commands for the up/down keys (kept here so a restored state brings them back).
    pub history: StoredValue<History>,
    /// The `kubectl edit` waiting for the editor panel: (file name, text), until it is answered.
    pub pending_edit: RwSignal<Option<(String, String)>>,
    /// Console tabs: every tab but the shown one is parked here (`None` at the shown index).
    tabs: StoredValue<Vec<Option<ParkedTab>>, LocalStorage>,
    /// What each parked tab shows (index-aligned with `tabs`; unused at the active index, whose
    /// text is in `lines`, `prompt` and `busy`), so split consoles can show every tab at once.
    views: StoredValue<Vec<TabView>>,
    /// Which console tab is shown, and how many there are.
    pub active_tab: RwSignal<usize>,
    pub tab_count: RwSignal<usize>,
    /// Whether every console tab is shown side by side rather than one at a time.
    pub split: RwSignal<bool>,
}

/// A console tab not shown: its shell (on the same world) and its history.
struct ParkedTab {
    slot: crate::session::ShellSlot,
    history: History,
}

/// The text a console pane renders for one tab: its lines, prompt and busy flag.
#[derive(Clone, Copy)]
pub struct TabView {
    pub lines: RwSignal<Vec<Line>>,
    pub prompt: RwSignal<String>,
    pub busy: RwSignal<bool>,
}

impl TabView {
    fn empty() -> Self {
        TabView { lines: RwSignal::new(Vec::new()), prompt: RwSignal::new(String::new()), busy: RwSignal::new(false) }
    }
}

/// The page's editor for `kubectl edit`: it cannot block, so it answers later through
/// `world.pending_edit`, which the editor panel shows and fills on Save or Cancel.
struct PanelEditor;

impl crate::world::Editor for PanelEditor {
    fn edit(&mut self, _file: &str, _text: &str, _env: &std::collections::BTreeMap<String, String>) -> EditOutcome {
        EditOutcome::Failed("the editor panel answers through the pending edit".into())
    }

    fn answers_later(&self) -> bool {
        true
    }
}

/// What `kubectl apply -f -` from the editor printed.
pub struct Applied {
    pub stdout: String,
    pub stderr: String,
}

impl Engine {
    /// Wraps a fresh session.
    pub fn new(mut session: Session) -> Self {
        session.world.editor = Box::new(PanelEditor);
        let prompt = session.prompt();
        let clock = session.world.cluster.now().rfc3339();
        let revision = session.world.cluster.store.revision();
        let history = History::from_entries(session.shell.history.clone());
        Engine {
            session: StoredValue::new_local(session),
            next_id: StoredValue::new(0),
            lines: RwSignal::new(Vec::new()),
            prompt: RwSignal::new(prompt),
            busy: RwSignal::new(false),
            clock: RwSignal::new(clock),
            paused: RwSignal::new(false),
            speed: RwSignal::new(1.0),
            revision: RwSignal::new(revision),
            history: StoredValue::new(history),
            pending_edit: RwSignal::new(None),
            tabs: StoredValue::new_local(vec![None]),
            views: StoredValue::new(vec![TabView::empty()]),
            active_tab: RwSignal::new(0),
            tab_count: RwSignal::new(1),
            split: RwSignal::new(false),
        }
    }

    /// Reads the session (for views of the cluster and for saving).
    pub fn with_session<R>(&self, read: impl FnOnce(&Session) -> R) -> Option<R> {
        self.session.try_with_value(read)
    }

    /// Runs a read-only look that needs `&mut` (kubectl takes the world mutably) without
    /// touching any signal, so it is safe inside a memo.
    pub fn inspect_mut<R>(&self, look: impl FnOnce(&mut Session) -> R) -> Option<R> {
        self.session.try_update_value(look)
    }

    /// Swaps in another session (a restored or a fresh one) with the console lines it comes with.
    pub fn replace_session(&self, mut session: Session, lines: Vec<(LineKind, String, String)>) {
        session.world.editor = Box::new(PanelEditor);
        self.tabs.set_value(vec![None]);
        self.views.update_value(|views| views.truncate(1));
        self.active_tab.set(0);
        self.tab_count.set(1);
        self.history.set_value(History::from_entries(session.shell.history.clone()));
        self.session.set_value(session);
        self.lines.set(Vec::new());
        for (kind, prompt, text) in lines {
            self.append(kind, prompt, text);
        }
        self.refresh();
    }

    /// "Step to next event": jumps virtual time to the next instant something is due in the
    /// cluster (a pull finishing, a container exiting), if anything is.
    pub fn step_to_next_event(&self) {
        let gap = self.with_session(|s| {
            let now = s.world.cluster.now();
            s.world.cluster.next_wake().map(|wake| now.until(wake))
        });
        if let Some(Some(gap)) = gap {
            self.tick(gap.max(1));
        }
    }

    /// Whether `input` is a whole command, so Enter should run it rather than add a line.
    pub fn is_complete(input: &str) -> bool {
        Session::is_complete(input)
    }

    /// Echoes the prompt and `input`, then runs it.
    pub fn submit(&self, input: &str) {
        // Continuation lines get bash's secondary prompt, as a terminal would show them.
        let echo = format!("{}\n", input.trim_end_matches('\n').replace('\n', "\n> "));
        self.append(LineKind::Echo, self.prompt.get_untracked(), echo);
        self.session.update_value(|s| s.submit(input));
        self.refresh();
        if !self.busy.get_untracked() {
            super::persist::save(self);
        }
    }

    /// Ctrl+C while a command runs: stops it.
    pub fn interrupt(&self) {
        self.session.update_value(|s| s.interrupt());
        self.refresh();
    }

    /// Ctrl+C at the prompt: shows the abandoned line with `^C`, as a shell does.
    pub fn abandon(&self, input: &str) {
        self.append(LineKind::Echo, self.prompt.get_untracked(), format!("{input}^C\n"));
    }

    /// Ctrl+D on an empty line: leaves a container shell (`kubectl exec -it`), as `exit` would.
    pub fn end_of_input(&self) {
        let mut ended = false;
        self.session.update_value(|s| ended = s.end_of_input());
        if ended {
            self.refresh();
        }
    }

    /// Ctrl+L: empties the console.
    pub fn clear(&self) {
        self.lines.set(Vec::new());
    }

    /// Lets `elapsed_ms` of virtual time pass, then shows what the running command printed
    /// (the other tabs' shells are polled too and keep their output for when they are shown).
    pub fn tick(&self, elapsed_ms: i64) {
        self.session.update_value(|s| s.tick(elapsed_ms));
        if self.tab_count.get_untracked() > 1 {
            self.poll_parked_tabs();
        }
        self.refresh();
    }

    fn poll_parked_tabs(&self) {
        let mut next_id = self.next_id.get_value();
        let views = self.views.get_value();
        self.tabs.update_value(|tabs| {
            for (parked, view) in tabs.iter_mut().zip(views.iter()) {
                let Some(parked) = parked.as_mut() else { continue };
                let polled = self.session.try_update_value(|s| {
                    s.swap_shell(&mut parked.slot);
                    s.tick(0);
                    let polled = (s.take_output(), s.prompt(), s.busy());
                    s.swap_shell(&mut parked.slot);
                    polled
                });
                let Some((chunks, prompt, busy)) = polled else { continue };
                if !chunks.is_empty() {
                    view.lines.update(|lines| {
                        for chunk in chunks {
                            if chunk.text.contains(crate::shell::CLEAR_SCREEN) {
                                lines.clear();
                            }
                            let (kind, text) = chunk_line(chunk);
                            lines.push(Line { id: next_id, kind, prompt: String::new(), text });
                            next_id += 1;
                        }
                        let excess = lines.len().saturating_sub(MAX_LINES);
                        lines.drain(..excess);
                    });
                }
                set_if_changed(view.prompt, prompt);
                set_if_changed(view.busy, busy);
            }
        });
        self.next_id.set_value(next_id);
    }

    /// What console pane `index` shows: the engine's own signals for the active tab.
    pub fn tab_view(&self, index: usize) -> TabView {
        if index == self.active_tab.get() {
            return TabView { lines: self.lines, prompt: self.prompt, busy: self.busy };
        }
        self.views.with_value(|views| views.get(index).copied()).unwrap_or_else(TabView::empty)
    }

    /// Opens another console tab with a shell set up by `prepare` (a restored tab's variables and
    /// history) and `lines` on screen, without showing it.
    pub fn add_tab(&self, prepare: impl FnOnce(&mut crate::shell::ShellState), lines: Vec<(LineKind, String, String)>) {
        let Some(mut slot) = self.with_session(|s| s.new_shell_slot()) else { return };
        let Some(prompt) = self.session.try_update_value(|s| {
            s.swap_shell(&mut slot);
            prepare(&mut s.shell);
            let prompt = s.prompt();
            s.swap_shell(&mut slot);
            prompt
        }) else {
            return;
        };
        let history = self.with_tab_shell_slot(&mut slot, |shell| History::from_entries(shell.history.clone())).unwrap_or_default();
        let view = TabView::empty();
        view.prompt.set(prompt);
        let mut next_id = self.next_id.get_value();
        view.lines.set(
            lines
                .into_iter()
                .map(|(kind, prompt, text)| {
                    next_id += 1;
                    Line { id: next_id - 1, kind, prompt, text }
                })
                .collect(),
        );
        self.next_id.set_value(next_id);
        self.tabs.update_value(|tabs| tabs.push(Some(ParkedTab { slot, history })));
        self.views.update_value(|views| views.push(view));
        self.tab_count.update(|count| *count += 1);
    }

    /// Reads a parked shell by swapping it into the session for a moment.
    fn with_tab_shell_slot<R>(&self, slot: &mut crate::session::ShellSlot, read: impl FnOnce(&crate::shell::ShellState) -> R) -> Option<R> {
        self.session.try_update_value(|s| {
            s.swap_shell(slot);
            let result = read(&s.shell);
            s.swap_shell(slot);
            result
        })
    }

    /// Reads the shell of console tab `index` (for saving every tab).
    pub fn with_tab_shell<R>(&self, index: usize, read: impl FnOnce(&crate::shell::ShellState) -> R) -> Option<R> {
        if index == self.active_tab.get_untracked() {
            return self.with_session(|s| read(&s.shell));
        }
        self.tabs
            .try_update_value(|tabs| {
                let parked = tabs.get_mut(index)?.as_mut()?;
                self.with_tab_shell_slot(&mut parked.slot, read)
            })
            .flatten()
    }

    /// The newest `count` lines of console tab `index` as (kind, prompt, text), for saving.
    pub fn tab_line_tail(&self, index: usize, count: usize) -> Vec<(LineKind, String, String)> {
        if index == self.active_tab.get_untracked() {
            return self.line_tail(count);
        }
        let Some(view) = self.views.with_value(|views| views.get(index).copied()) else { return Vec::new() };
        view.lines.with_untracked(|lines| {
            let start = lines.len().saturating_sub(count);
            lines[start..].iter().map(|l| (l.kind, l.prompt.clone(), l.text.clone())).collect()
        })
    }

    /// Opens another console tab (a new shell on the same cluster) and shows it.
    pub fn new_tab(&self) {
        let count = self.tab_count.get_untracked();
        self.add_tab(|_| {}, Vec::new());
        self.show_tab(count);
    }

    /// Shows console tab `index`: the shown one is parked, `index` comes in.
    pub fn show_tab(&self, index: usize) {
        let current = self.active_tab.get_untracked();
        if index == current || index >= self.tab_count.get_untracked() {
            return;
        }
        let Some(mut incoming) = self.tabs.try_update_value(|tabs| tabs.get_mut(index).and_then(Option::take)).flatten() else { return };
        let Some(mut slot) = self.with_session(|s| s.new_shell_slot()) else { return };
        self.session.update_value(|s| {
            s.swap_shell(&mut slot);
            s.swap_shell(&mut incoming.slot);
        });
        let outgoing = ParkedTab { slot, history: self.history.try_update_value(std::mem::take).unwrap_or_default() };
        let views = self.views.get_value();
        if let (Some(out_view), Some(in_view)) = (views.get(current), views.get(index)) {
            out_view.lines.set(self.lines.try_update(std::mem::take).unwrap_or_default());
            out_view.prompt.set(self.prompt.get_untracked());
            out_view.busy.set(self.busy.get_untracked());
            self.lines.set(in_view.lines.try_update(std::mem::take).unwrap_or_default());
        }
        self.tabs.update_value(|tabs| {
            if let Some(place) = tabs.get_mut(current) {
                *place = Some(outgoing);
            }
        });
        self.history.set_value(incoming.history);
        self.active_tab.set(index);
        self.refresh();
    }

    /// Closes console tab `index` (never the last one): its running command is interrupted first,
    /// as closing a terminal stops what runs in it; the tab beside it is shown if it was shown.
    pub fn close_tab(&self, index: usize) {
        let count = self.tab_count.get_untracked();
        if count <= 1 || index >= count {
            return;
        }
        if index == self.active_tab.get_untracked() {
            self.show_tab(if index + 1 < count { index + 1 } else { index - 1 });
        }
        let Some(Some(mut closing)) = self.tabs.try_update_value(|tabs| (index < tabs.len()).then(|| tabs.remove(index)).flatten()) else {
            return;
        };
        self.session.update_value(|s| {
            s.swap_shell(&mut closing.slot);
            // A shell inside a container (`exec -it`) is left as Ctrl+D would, then the rest stops.
            s.end_of_input();
            s.interrupt();
            let _ = s.take_output();
            s.swap_shell(&mut closing.slot);
        });
        self.views.update_value(|views| {
            if index < views.len() {
                views.remove(index);
            }
        });
        let active = self.active_tab.get_untracked();
        if active > index {
            self.active_tab.set(active - 1);
        }
        self.tab_count.set(count - 1);
        self.refresh();
        super::persist::save(self);
    }

    /// The editor panel's answer to a pending `kubectl edit`: the saved text (the text as opened
    /// means cancelled).
    pub fn answer_edit(&self, text: String) {
        self.session.update_value(|s| {
            if let Some(pending) = s.world.pending_edit.as_mut() {
                pending.result = Some(EditOutcome::Saved(text));
            }
        });
        self.tick(0);
    }

    /// "Apply" in the editor: `kubectl apply -f -` with `text` as stdin, on the session's world.
    pub fn apply_text(&self, text: &str) -> Applied {
        let args: Vec<String> = ["apply", "-f", "-"].iter().map(|a| a.to_string()).collect();
        let mut out = crate::output::Output::default();
        self.session.update_value(|s| {
            let env = s.shell.vars.clone();
            let _ = crate::kubectl::kubectl(&mut s.world, &args, text, &env, &mut out);
        });
        self.refresh();
        Applied { stdout: out.stdout(), stderr: out.stderr() }
    }

    /// YAML and JSON files of the virtual filesystem, for the editor's file list.
    pub fn editable_files(&self) -> Vec<String> {
        self.with_session(|s| {
            let mut found = Vec::new();
            let mut dirs = vec![("/".to_string(), 0)];
            while let Some((dir, depth)) = dirs.pop() {
                for entry in s.world.fs.list(&dir) {
                    let path = format!("{}/{}", dir.trim_end_matches('/'), entry.trim_end_matches('/'));
                    if entry.ends_with('/') && depth < 6 {
                        dirs.push((path, depth + 1));
                    } else if [".yaml", ".yml", ".json"].iter().any(|e| entry.ends_with(e)) {
                        found.push(path);
                    }
                }
            }
            found.sort();
            found
        })
        .unwrap_or_default()
    }

    /// A file of the virtual filesystem.
    pub fn read_file(&self, path: &str) -> Option<String> {
        self.with_session(|s| s.world.fs.read(path).map(str::to_string)).flatten()
    }

    /// Writes a file of the virtual filesystem and saves the state.
    pub fn write_file(&self, path: &str, text: &str) {
        self.session.update_value(|s| s.world.fs.write(path, text));
        super::persist::save(self);
    }

    /// The browser pane loading `request` from the learner's machine with the pane's cookies
    /// (port-forwards see the connection, the cluster view the exchange).
    pub fn load_page(&self, request: &super::web_page::PageRequest, jar: &mut super::web_page::CookieJar) -> Result<super::web_page::Loaded, String> {
        let loaded = self.session.try_update_value(|s| super::web_page::load(&mut s.world.cluster, jar, request));
        self.refresh();
        loaded.unwrap_or_else(|| Err("the session is gone".into()))
    }

    /// Addresses the browser pane offers: port-forwards and load balancer IPs.
    pub fn page_suggestions(&self) -> Vec<String> {
        self.with_session(|s| super::web_page::suggestions(&s.world.cluster)).unwrap_or_default()
    }

    /// Tab at the end of `line`: the completed line (if Tab changes it) and every candidate.
    pub fn complete(&self, line: &str) -> (Option<String>, Vec<String>) {
        self.with_session(|s| {
            let completion = crate::shell::completion::complete(line, &s.world);
            (completion.apply(line), completion.candidates)
        })
        .unwrap_or_default()
    }

    /// Moves the session's new output, prompt, busy flag and clock into the signals.
    fn refresh(&self) {
        let snapshot = self.session.try_update_value(|s| {
            let revision = s.world.cluster.store.revision();
            let pending = s.world.pending_edit.as_ref().filter(|p| p.result.is_none()).map(|p| (p.file_name.clone(), p.text.clone()));
            (s.take_output(), s.prompt(), s.busy(), s.world.cluster.now().rfc3339(), revision, pending)
        });
        let Some((chunks, prompt, busy, clock, revision, pending)) = snapshot else { return };
        set_if_changed(self.pending_edit, pending);
        for chunk in chunks {
            // `clear` writes the ANSI clear-screen sequence: what came before it goes.
            if chunk.text.contains(crate::shell::CLEAR_SCREEN) {
                self.clear();
            }
            let (kind, text) = chunk_line(chunk);
            self.append(kind, String::new(), text);
        }
        let finished = self.busy.get_untracked() && !busy;
        set_if_changed(self.prompt, prompt);
        set_if_changed(self.busy, busy);
        set_if_changed(self.clock, clock);
        set_if_changed(self.revision, revision);
        if finished {
            super::persist::save(self);
        }
    }

    /// The newest `count` console lines as (kind, prompt, text), for saving.
    pub fn line_tail(&self, count: usize) -> Vec<(LineKind, String, String)> {
        self.lines.with_untracked(|lines| {
            let start = lines.len().saturating_sub(count);
            lines[start..].iter().map(|l| (l.kind, l.prompt.clone(), l.text.clone())).collect()
        })
    }

    fn append(&self, kind: LineKind, prompt: String, text: String) {
        if text.is_empty() && prompt.is_empty() {
            return;
        }
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.lines.update(|lines| {
            lines.push(Line { id, kind, prompt, text });
            if lines.len() > MAX_LINES {
                let excess = lines.len() - MAX_LINES;
                lines.drain(..excess);
            }
        });
    }
}

/// The kind and text of a console line for a chunk of output (what follows a clear-screen only).
fn chunk_line(Chunk { stream, mut text }: Chunk) -> (LineKind, String) {
    if let Some(at) = text.rfind(crate::shell::CLEAR_SCREEN) {
        text = text.split_off(at + crate::shell::CLEAR_SCREEN.len());
    }
    let kind = match stream {
        Stream::Stdout => LineKind::Stdout,
        Stream::Stderr => LineKind::Stderr,
    };
    (kind, text)
}

/// Sets a signal only when the value differs, so idle ticks do not re-render anything.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
