//! Transcript tests: each `tests/transcripts/NAME.sh` is a script run as `kubeplay --echo`
//! would run it (same code path, called as a library for speed); its output must equal
//! `tests/transcripts/NAME.out`. With `BLESS=1` in the environment the `.out` files are rewritten.
//! Scripts may start with a line `# seed: N` to pick the seed (default: the session default).

use kubeplay::session::DEFAULT_SEED;
use std::path::{Path, PathBuf};

fn transcripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("transcripts")
}

/// The seed a script asks for with `# seed: N` on its first line.
fn seed_of(script: &str) -> u64 {
    script
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# seed:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// A line-by-line diff of expected and actual text, marking the first lines that differ.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut text = String::new();
    let mut shown = 0;
    for i in 0..e.len().max(a.len()) {
        let (left, right) = (e.get(i), a.get(i));
        if left == right {
            continue;
        }
        if shown == 0 && i > 0 {
            text.push_str(&format!("  {:>4} | {}\n", i, e.get(i - 1).unwrap_or(&"")));
        }
        if let Some(l) = left {
            text.push_str(&format!("- {:>4} | {l}\n", i + 1));
        }
        if let Some(r) = right {
            text.push_str(&format!("+ {:>4} | {r}\n", i + 1));
        }
        shown += 1;
        if shown >= 20 {
            text.push_str("  ... (more differences)\n");
            break;
        }
    }
    if text.is_empty() && expected != actual {
        text.push_str("(only trailing newlines differ)\n");
    }
    text
}

#[test]
fn transcripts_match() {
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(transcripts_dir())
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no transcripts found");
    let mut failures = Vec::new();
    for script_path in scripts {
        let script = std::fs::read_to_string(&script_path).expect("readable script");
        let actual = kubeplay::terminal::run_script(seed_of(&script), &script, true);
        let out_path = script_path.with_extension("out");
        if bless {
            std::fs::write(&out_path, &actual).expect("writable .out");
            continue;
        }
        let expected = std::fs::read_to_string(&out_path).unwrap_or_default();
        if expected != actual {
            let name = script_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            failures.push(format!("=== {name} (- expected, + actual)\n{}", diff(&expected, &actual)));
        }
    }
    assert!(failures.is_empty(), "transcripts differ (run with BLESS=1 to accept):\n{}", failures.join("\n"));
}

/// The real binary, fed a script on stdin, prints what the library path prints.
#[test]
fn binary_runs_scripts_from_stdin() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = "echo hello | tr a-z A-Z\nnope\nsleep 3; date +%T\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeplay"))
        .args(["--seed", "7", "--echo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("script written");
    let output = child.wait_with_output().expect("the binary ends");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "$ echo hello | tr a-z A-Z\nHELLO\n$ nope\nbash: nope: command not found\n$ sleep 3; date +%T\n09:00:03\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), kubeplay::terminal::run_script(7, script, true));
}
