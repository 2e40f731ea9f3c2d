//! Behaviour of the shell as a learner sees it, driven through a [`Session`]: compound
//! commands, arithmetic, `read` loops, and pipelines that stream while their first stage runs.

use crate::session::{Session, DEFAULT_SEED};

fn script(input: &str) -> String {
    let mut session = Session::new(DEFAULT_SEED);
    let mut text = String::new();
    session.run_script(input, false, &mut |chunks| text.extend(chunks.into_iter().map(|c| c.text)));
    text
}

fn output(session: &mut Session) -> String {
    session.take_output().into_iter().map(|c| c.text).collect()
}

#[test]
fn for_loops_over_words_and_substitutions() {
    assert_eq!(script("for x in a 'b c' $(echo d e); do echo \"[$x]\"; done"), "[a]\n[b c]\n[d]\n[e]\n");
    assert_eq!(script("for i in $(seq 1 3)\ndo\n  echo $((i * 10))\ndone"), "10\n20\n30\n");
    assert_eq!(script("n=0; for f in kube/*.yaml; do n=$((n+1)); done; echo $n files"), "6 files\n");
}

#[test]
fn if_branches_on_status() {
    let text = script("kubectl get pod nope 2>/dev/null\nif [ $? -eq 0 ]; then echo found; elif true; then echo missing; else echo never; fi");
    assert_eq!(text, "missing\n");
    assert_eq!(script("if false; then echo a; fi; echo $?"), "0\n");
    assert_eq!(script("if ! grep -q zzz kube/depl.yaml; then echo absent; fi"), "absent\n");
    assert_eq!(script("X=abc; [[ $X == a* && -n $X ]] && echo match; [ \"$X\" = abd ] || echo differs"), "match\ndiffers\n");
}

#[test]
fn while_and_until_loops() {
    assert_eq!(script("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done"), "0\n1\n2\n");
    assert_eq!(script("i=3; until [ $i -eq 0 ]; do echo -n $i; i=$((i-1)); done; echo"), "321\n");
    assert_eq!(script("for i in 1 2 3 4 5; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done"), "1\n3\n");
    assert_eq!(script("for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done"), "1x\n2x\n");
}

#[test]
fn read_loops_take_lines_from_files_and_pipes() {
    assert_eq!(script("printf 'a 1\\nb 2\\n' > f.txt\nwhile read name n; do echo \"$n=$name\"; done < f.txt"), "1=a\n2=b\n");
    assert_eq!(script("seq 3 | while read line; do echo \"<$line>\"; done"), "<1>\n<2>\n<3>\n");
    assert_eq!(script("echo 'x y z' | { read a rest; echo \"$a|$rest\"; }"), "x|y z\n");
}

#[test]
fn case_groups_and_subshells() {
    assert_eq!(script("for p in web-1 db-2 x; do case $p in web-*) echo web;; db-*|cache-*) echo db;; *) echo other;; esac; done"), "web\ndb\nother\n");
    assert_eq!(script("X=1; (X=2; echo in $X); echo out $X"), "in 2\nout 1\n");
    assert_eq!(script("X=1; { X=2; echo in $X; }; echo out $X"), "in 2\nout 2\n");
    assert_eq!(script("{ echo b; echo a; } | sort"), "a\nb\n");
}

#[test]
fn arithmetic_and_parameter_operators() {
    assert_eq!(script("echo $((1+2)) $(( (7 % 4) ** 2 )) $((10/3))"), "3 9 3\n");
    assert_eq!(script("i=5; echo $((i++)) $i $((i > 5 ? 1 : 0))"), "5 6 1\n");
    assert_eq!(script("echo $((1/0)); echo after"), "bash: 1/0: division by 0 (error token is \"0\")\n\nafter\n");
    assert_eq!(script("echo ${NS:-default} ${#HOME}"), "default 13\n");
}

#[test]
fn loops_with_sleep_wait_in_virtual_time_and_resume() {
    let mut session = Session::new(DEFAULT_SEED);
    session.submit("while true; do date +%T; sleep 2; done");
    assert_eq!(output(&mut session), "09:00:00\n");
    session.tick(1000);
    assert_eq!(output(&mut session), "");
    session.tick(1000);
    assert_eq!(output(&mut session), "09:00:02\n");
    assert!(session.busy());
    session.interrupt();
    assert!(!session.busy());
    assert_eq!(session.last_status(), 130);
}

#[test]
fn script_mode_stops_an_endless_loop_and_timeout_ends_one() {
    let text = script("while true; do sleep 25; date +%T; done; echo stopped $?");
    assert_eq!(text, "09:00:25\n09:00:50\nstopped 130\n");
    let text = script("timeout 5 bash -c 'while true; do date +%T; sleep 2; done'; echo status $?");
    assert_eq!(text, "09:00:00\n09:00:02\n09:00:04\nstatus 124\n");
}

#[test]
fn pipelines_stream_while_the_first_stage_runs() {
    let mut session = Session::new(DEFAULT_SEED);
    session.submit("bash -c 'for i in 1 2 3 4 5; do echo line $i; sleep 1; done' | grep -v 2 | sed s/line/L/");
    assert_eq!(output(&mut session), "L 1\n");
    session.tick(1000);
    session.tick(1000);
    assert_eq!(output(&mut session), "L 3\n");
    assert!(session.busy());
    session.interrupt();
    assert_eq!(output(&mut session), "");
}

#[test]
fn watches_stream_through_grep() {
    let mut session = Session::new(DEFAULT_SEED);
    session.submit("kubectl create deployment rickroller --image=nginx --replicas=2");
    session.wait_for_completion();
    output(&mut session);
    session.submit("kubectl get pods -w | grep rickroller");
    let first = output(&mut session);
    assert_eq!(first.lines().count(), 2, "{first}");
    assert!(first.lines().all(|l| l.starts_with("rickroller-")), "{first}");
    for _ in 0..30 {
        session.tick(1000);
    }
    let later = output(&mut session);
    assert!(later.contains("Running"), "{later}");
    assert!(session.busy());
    session.interrupt();
}

#[test]
fn head_ends_a_streaming_pipeline() {
    let mut session = Session::new(DEFAULT_SEED);
    session.submit("while true; do echo tick; sleep 1; done | head -2; echo done $?");
    session.tick(1000);
    assert!(!session.busy());
    assert_eq!(output(&mut session), "tick\ntick\ndone 0\n");
}

#[test]
fn pasted_compound_commands_are_incomplete_until_their_end() {
    assert!(!Session::is_complete("for i in $(seq 1 5); do"));
    assert!(!Session::is_complete("for i in $(seq 1 5); do\n  kubectl get pods"));
    assert!(Session::is_complete("for i in $(seq 1 5); do\n  kubectl get pods\ndone"));
    assert!(!Session::is_complete("if true; then\n  echo a\nelse"));
    assert!(Session::is_complete("if true; then\n  echo a\nelse\n  echo b\nfi"));
}

#[test]
fn runaway_recursion_is_refused() {
    let text = script("alias again='bash -c again'\nagain; echo back $?");
    assert!(text.starts_with("bash: maximum nesting level exceeded (32)\n"), "{text}");
    assert!(text.ends_with("back 1\n"), "{text}");
    let deep = format!("[ {} x ]; echo $?", "\\( ".repeat(200));
    assert!(script(&deep).ends_with("2\n"));
}

#[test]
fn break_outside_a_loop_does_not_stick() {
    assert_eq!(script("break\necho next\nfor i in 1 2; do echo $i; done"), "next\n1\n2\n");
}
