//! Same seed and same commands give byte-identical output; another seed gives other generated
//! names but the same story.

use kubeplay::terminal::run_script;

const CHAPTER: &str = include_str!("transcripts/chapter-02-deployments.sh");

#[test]
fn the_same_seed_replays_byte_for_byte() {
    let first = run_script(7, CHAPTER, true);
    let second = run_script(7, CHAPTER, true);
    assert!(first.contains("deployment \"rickroller\" successfully rolled out"));
    assert_eq!(first, second);
}

#[test]
fn another_seed_changes_names_not_the_story() {
    let a = run_script(7, CHAPTER, true);
    let b = run_script(8, CHAPTER, true);
    assert_ne!(a, b, "generated names differ between seeds");
    let commands = |text: &str| text.lines().filter(|l| l.starts_with("$ ")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(commands(&a), commands(&b));
    for text in [&a, &b] {
        assert!(text.contains("REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n"));
    }
}
