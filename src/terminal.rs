//! The terminal playground: `kubeplay [--seed N] [--echo]`.
//!
//! - stdin is a terminal: interactive, with line editing and history (rustyline); while a command
//!   runs, virtual time flows in real time and Ctrl+C stops the command.
//! - stdin is not a terminal (script mode): every command line is run in order, each to its end
//!   with virtual time fast-forwarded ([`Session::wait_for_completion`]). Everything the browser
//!   console would show goes to **stdout**, stderr chunks included, in order, so a transcript
//!   captures both. `--echo` writes `$ <first line of the command>` before each command's output.
//!   The exit status is 0 at the end of input (or the status given to `exit`).

mod editor;

pub use editor::NativeEditor;

use crate::output::{Chunk, Stream};
use crate::session::{Session, DEFAULT_SEED};
use std::io::{IsTerminal, Read, Write};

/// Command-line options.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub seed: u64,
    pub echo: bool,
}

const USAGE: &str = "Usage: kubeplay [--seed N] [--echo]\n\nA simulated Kubernetes cluster and its kubectl console.\nInteractive when stdin is a terminal; otherwise runs the commands read from stdin.\n";

/// Parses the command line; `Err` holds text to print and the exit status.
pub fn parse_options(args: &[String]) -> Result<Options, (String, i32)> {
    let mut options = Options { seed: DEFAULT_SEED, echo: false };
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--echo" => options.echo = true,
            "-h" | "--help" => return Err((USAGE.to_string(), 0)),
            arg => {
                let value = match arg.strip_prefix("--seed=") {
                    Some(v) => Some(v.to_string()),
                    None if arg == "--seed" => {
                        i += 1;
                        args.get(i).cloned()
                    }
                    None => return Err((format!("kubeplay: unknown argument '{arg}'\n{USAGE}"), 2)),
                };
                match value.and_then(|v| v.parse().ok()) {
                    Some(seed) => options.seed = seed,
                    None => return Err((format!("kubeplay: --seed needs a number\n{USAGE}"), 2)),
                }
            }
        }
        i += 1;
    }
    Ok(options)
}

/// A session as the terminal uses it: the native editor for `kubectl edit`.
pub fn new_session(seed: u64) -> Session {
    let mut session = Session::new(seed);
    session.world.editor = Box::new(NativeEditor);
    session
}

/// Script mode on a string: what `kubeplay --seed <seed> [--echo] < input` prints.
pub fn run_script(seed: u64, input: &str, echo: bool) -> String {
    let mut session = new_session(seed);
    let mut text = String::new();
    session.run_script(input, echo, &mut |chunks: Vec<Chunk>| text.extend(chunks.into_iter().map(|c| c.text)));
    text
}

/// Entry point of the native binary; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_options(&args) {
        Ok(o) => o,
        Err((text, status)) => {
            if status == 0 {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            return status;
        }
    };
    if std::io::stdin().is_terminal() {
        interactive(options.seed)
    } else {
        script_mode(&options)
    }
}

fn script_mode(options: &Options) -> i32 {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("kubeplay: cannot read stdin: {e}");
        return 1;
    }
    let mut session = new_session(options.seed);
    let stdout = std::io::stdout();
    session.run_script(&input, options.echo, &mut |chunks: Vec<Chunk>| {
        let mut lock = stdout.lock();
        for chunk in chunks {
            let _ = lock.write_all(chunk.text.as_bytes());
        }
        let _ = lock.flush();
    });
    session.exit_requested().unwrap_or(0)
}

/// Writes chunks to their own streams (interactive mode).
fn print_chunks(chunks: Vec<Chunk>) {
    for chunk in chunks {
        match chunk.stream {
            Stream::Stdout => {
                print!("{}", chunk.text);
            }
            Stream::Stderr => {
                eprint!("{}", chunk.text);
            }
        }
    }
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

fn interactive(seed: u64) -> i32 {
    let mut session = new_session(seed);
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kubeplay: cannot start the line editor: {e}");
            return 1;
        }
    };
    println!("kubeplay: a simulated Kubernetes cluster. Try `kubectl get nodes`; Ctrl+D quits.");
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { session.prompt() } else { "> ".to_string() };
        match editor.readline(&prompt) {
            Ok(line) => {
                buffer.push_str(&line);
                buffer.push('\n');
                if !Session::is_complete(&buffer) {
                    continue;
                }
                let command = std::mem::take(&mut buffer);
                let _ = editor.add_history_entry(command.trim_end());
                session.submit(&command);
                run_in_real_time(&mut session);
                if let Some(code) = session.exit_requested() {
                    return code;
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => buffer.clear(),
            Err(rustyline::error::ReadlineError::Eof) if buffer.is_empty() && session.end_of_input() => {
                // Ctrl+D ends the shell inside a container (`kubectl exec -it`), not the console.
                run_in_real_time(&mut session);
            }
            Err(rustyline::error::ReadlineError::Eof) => {
                println!("exit");
                return 0;
            }
            Err(e) => {
                eprintln!("kubeplay: {e}");
                return 1;
            }
        }
    }
}

/// Step of real (and virtual) time while a command runs interactively.
const STEP_MS: u64 = 50;

/// Lets virtual time flow in real time until the command ends; Ctrl+C (read as a byte while the
/// terminal's signal keys are off) interrupts it.
fn run_in_real_time(session: &mut Session) {
    print_chunks(session.take_output());
    if !session.busy() {
        return;
    }
    let saved = TerminalMode::keys_as_bytes();
    let mut last = std::time::Instant::now();
    while session.busy() {
        std::thread::sleep(std::time::Duration::from_millis(STEP_MS));
        if saved.is_some() && ctrl_c_pressed() {
            println!("^C");
            session.interrupt();
            break;
        }
        let elapsed = last.elapsed().as_millis() as i64;
        last = std::time::Instant::now();
        session.tick(elapsed);
        print_chunks(session.take_output());
    }
    print_chunks(session.take_output());
    if let Some(mode) = saved {
        mode.restore();
    }
}

/// Whether a Ctrl+C byte is waiting on stdin (the terminal is in non-blocking, non-signal mode).
fn ctrl_c_pressed() -> bool {
    let mut buf = [0u8; 64];
    match std::io::stdin().lock().read(&mut buf) {
        Ok(n) => buf[..n].contains(&3),
        Err(_) => false,
    }
}

/// The terminal settings saved by `stty -g`, restored after a command ran.
struct TerminalMode(String);

impl TerminalMode {
    /// Turns off signal keys, line buffering and echo, with non-blocking reads; `None` if `stty`
    /// is not available.
    fn keys_as_bytes() -> Option<TerminalMode> {
        let saved = std::process::Command::new("stty").arg("-g").stdin(std::process::Stdio::inherit()).output().ok()?;
        if !saved.status.success() {
            return None;
        }
        let settings = String::from_utf8_lossy(&saved.stdout).trim().to_string();
        let status = std::process::Command::new("stty")
            .args(["-isig", "-icanon", "-echo", "min", "0", "time", "0"])
            .stdin(std::process::Stdio::inherit())
            .status()
            .ok()?;
        status.success().then_some(TerminalMode(settings))
    }

    fn restore(self) {
        let _ = std::process::Command::new("stty").arg(&self.0).stdin(std::process::Stdio::inherit()).status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let args = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(parse_options(&args("--seed 7 --echo")), Ok(Options { seed: 7, echo: true }));
        assert_eq!(parse_options(&args("--seed=8")), Ok(Options { seed: 8, echo: false }));
        assert_eq!(parse_options(&[]), Ok(Options { seed: DEFAULT_SEED, echo: false }));
        assert!(parse_options(&args("--seed x")).is_err());
        assert!(parse_options(&args("--bogus")).is_err());
    }

    #[test]
    fn script_mode_echoes_and_merges_streams() {
        assert_eq!(run_script(1, "echo hi\nnope\n", true), "$ echo hi\nhi\n$ nope\nbash: nope: command not found\n");
    }
}
