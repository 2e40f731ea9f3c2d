use super::*;
use crate::output::Chunk;

fn run(session: &mut Session, script: &str) -> String {
    let mut text = String::new();
    session.run_script(script, false, &mut |chunks: Vec<Chunk>| {
        for chunk in chunks {
            text.push_str(&format!("{chunk:?}"));
        }
    });
    text
}

fn lesson(body: &str) -> Result<Lesson, ParseError> {
    parse_lesson(&format!("---\ntitle: T\n---\n{body}"))
}

#[test]
fn parses_steps_commands_and_checks() {
    let parsed = lesson("Hello.\n## Step: One\nSay it\nnow.\n\nThen `this`.\n```\nkubectl get pods\n```\nAfter it.\ncheck: namespace test exists\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.title, "T");
    assert_eq!(parsed.intro, "Hello.");
    assert_eq!(parsed.steps[0].title, "One");
    let body = vec![
        Part::Prose("Say it now.".into()),
        Part::Prose("Then `this`.".into()),
        Part::Command("kubectl get pods\n".into()),
        Part::Prose("After it.".into()),
    ];
    assert_eq!(parsed.steps[0].body, body);
    assert_eq!(parsed.steps[0].commands().collect::<Vec<_>>(), vec!["kubectl get pods\n"]);
    assert_eq!(parsed.steps[0].checks, vec![Check::NamespaceExists("test".into())]);
}

#[test]
fn parse_errors_carry_line_numbers() {
    let err = |body: &str| lesson(body).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(err("## Step: A\ncheck: pod rickroller Running\n"), "line 5: expected NAMESPACE/NAME, got `rickroller`");
    assert_eq!(err("## Step: A\ncheck: frobnicate\n"), "line 5: unknown check `frobnicate`");
    assert_eq!(err("## Step: A\n```\nls\n"), "line 5: command block is not closed with ```");
    assert_eq!(err("## Step: A\n"), "line 4: step `A` has no `check:` line");
    assert_eq!(err("check: namespace a exists\n"), "line 4: check before the first step");
    assert_eq!(err("no steps\n"), "line 4: a lesson needs at least one `## Step: TITLE`");
    assert_eq!(err("## Step: A\ncheck: deployment a/b ready x\n"), "line 5: `x` is not a number of replicas");
    assert_eq!(parse_lesson("title: x").err().map(|e| e.line), Some(1));
    assert_eq!(parse_lesson("---\ntitle: x\n").err().map(|e| e.to_string()), Some("line 2: front matter is not closed with `---`".into()));
}

fn holds(session: &Session, check: &str) -> bool {
    Check::parse(check).map(|c| c.holds(&session.world, &session.shell.history)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_check_kind_is_false_then_true() {
    let mut s = Session::new(7);
    let checks = [
        "namespace test exists",
        "current namespace test",
        "pod test/web exists",
        "pod test/web Running",
        "deployment test/app ready 2",
        "service test/app type LoadBalancer has external ip",
        "command ran \"kubectl get pods\"",
    ];
    for check in checks {
        assert!(!holds(&s, check), "{check} held on a fresh cluster");
    }
    assert!(holds(&s, "pod test/web absent"));
    run(&mut s, "kubectl create namespace test\nkubens test\nkubectl run web --image=nginx\n");
    assert!(holds(&s, "pod test/web exists"));
    assert!(!holds(&s, "pod test/web Running"));
    run(&mut s, "kubectl create deployment app --image=nginx --replicas=2\nkubectl create service loadbalancer app --tcp=80:80\nsleep 120\nkubectl get pods\n");
    for check in checks {
        assert!(holds(&s, check), "{check} did not hold");
    }
    assert!(!holds(&s, "pod test/web absent"));
    assert!(!holds(&s, "deployment test/app ready 3"));
    assert!(!holds(&s, "service test/app type ClusterIP has external ip"));
    run(&mut s, "kubectl delete pod web\n");
    assert!(holds(&s, "pod test/web absent"));
}

#[test]
fn shipped_lessons_parse() {
    for lesson in all_lessons() {
        if let Err(e) = lesson {
            panic!("{e}");
        }
    }
}

#[test]
fn lesson_one_steps_turn_done_as_the_learner_types_them() {
    let Some(Ok(lesson)) = all_lessons().into_iter().next() else { panic!("lesson 1 does not parse") };
    assert_eq!(lesson.title, "Namespaces and your first pod");
    let mut s = Session::new(1);
    let mut tracker = Progress::new(&lesson);
    assert_eq!(tracker.update(&lesson, &s), vec![false; lesson.steps.len()].as_slice());
    let mut log = String::new();
    for (index, step) in lesson.steps.iter().enumerate() {
        for block in step.commands() {
            log.push_str(&run(&mut s, block));
        }
        if index == 2 {
            run(&mut s, "sleep 30\n");
        }
        let done = tracker.update(&lesson, &s);
        assert!(done[..=index].iter().all(|d| *d), "step {} ({}) not done: {done:?}\n{log}", index + 1, step.title);
    }
    assert!(log.contains("pod/rickroller created"), "{log}");
    assert!(log.contains("Forwarding from 127.0.0.1:8888 -> 8080"), "{log}");
}

#[test]
fn a_done_step_stays_done_when_later_steps_undo_its_state() {
    let parsed = lesson("## Step: A\ncheck: pod test/web exists\n## Step: B\ncheck: pod test/web absent\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut s = Session::new(3);
    let mut tracker = Progress::new(&parsed);
    assert_eq!(tracker.update(&parsed, &s), &[false, false], "B waits for A");
    run(&mut s, "kubectl create namespace test\nkubectl run web -n test --image=nginx\n");
    assert_eq!(tracker.update(&parsed, &s), &[true, false]);
    run(&mut s, "kubectl delete pod web -n test\n");
    assert_eq!(progress(&parsed, &s), vec![false, true]);
    assert_eq!(tracker.update(&parsed, &s), &[true, true]);
}

#[test]
fn backticks_mark_inline_code_and_a_lone_one_stays_text() {
    let spans = inline_spans("Run `kubens test` or `-n test` now");
    assert_eq!(spans, vec![
        Span::Text("Run ".into()),
        Span::Code("kubens test".into()),
        Span::Text(" or ".into()),
        Span::Code("-n test".into()),
        Span::Text(" now".into()),
    ]);
    assert_eq!(inline_spans("a ` b"), vec![Span::Text("a ` b".into())]);
    assert_eq!(inline_spans("`x`"), vec![Span::Code("x".into())]);
}
