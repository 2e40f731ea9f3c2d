//! `kubectl edit TYPE/NAME`: the live object as YAML in an editor (the world's [`Editor`]); the
//! saved text is merged back like kubectl's patch and the object updated.
//!
//! [`Editor`]: crate::world::Editor

use super::args::{value, Flag, Parsed};
use super::manifest::{self, Source};
use super::merge::three_way;
use super::mutation::{self, DryRun, Named, OUTPUT_FLAG};
use super::printers::{json::to_json, yaml::to_yaml};
use super::{Ctx, KubectlError};
use crate::cluster::api_error::{ApiError, Reason as ApiReason};
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::{EditOutcome, PendingEdit, World};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};

/// Help text for `kubectl edit --help`.
pub const HELP: &str = "Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify \"-o json\".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.

Examples:
  # Edit the service named 'registry'
  kubectl edit svc/registry
  
  # Use an alternative editor
  KUBE_EDITOR=\"nano\" kubectl edit svc/registry

Options:
    -f, --filename=[]:
\tFilename, directory, or URL to files to use to edit the resource

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --validate='strict':
\tMust be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl edit`.
pub const FLAGS: &[Flag] = &[
    value("filename", Some('f'), "Filename, directory, or URL to files to use to edit the resource"),
    OUTPUT_FLAG,
    value("validate", None, "Must be one of: strict (or true), warn, ignore (or false)."),
];

/// The comment block kubectl puts above the object.
pub const EDIT_HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
";

/// How many times the editor is reopened on an invalid save before kubectl gives up (the real
/// one loops forever; a scripted editor that keeps producing new invalid text must not hang us).
const MAX_REOPENS: u32 = 20;

/// Runs `kubectl edit`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let json = match args.get("output") {
        None | Some("yaml") => false,
        Some("json") => true,
        Some(other) => return Err(KubectlError::msg(format!("the flag 'output' must be one of yaml|json, got \"{other}\""))),
    };
    if args.positionals.is_empty() && !args.has("filename") {
        return Err(KubectlError::msg("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"));
    }
    let targets = mutation::named_objects(ctx, args, &args.positionals, "edit")?;
    if ctx.world.editor.answers_later() {
        return LaterEdit::start(ctx, targets, json);
    }
    for target in targets {
        let mut opened = open(ctx, &target, json)?;
        loop {
            let outcome = ctx.world.editor.edit(&opened.file, &opened.text, ctx.env);
            match after_save(ctx, &target, &mut opened, outcome)? {
                Step::Reopen => continue,
                Step::Done(0) => break,
                Step::Done(status) => return Ok(Exec::Done(status)),
            }
        }
    }
    Ok(Exec::Done(0))
}

/// One object in the editor: the temporary file name and text of the current pass, the live
/// object and the text first opened, and what the previous pass saved if it was invalid.
struct Opened {
    file: String,
    text: String,
    original: Value,
    original_text: String,
    json: bool,
    /// The text saved by the previous pass when it had errors (the editor was then reopened).
    rejected: Option<String>,
    reopens: u32,
}

/// What happens after the editor saved.
enum Step {
    /// The editor opens again, the file prefixed with why the save failed.
    Reopen,
    /// This object is finished, with the exit status.
    Done(i32),
}

fn open(ctx: &mut Ctx, target: &Named, json: bool) -> Result<Opened, KubectlError> {
    let live = ctx.world.cluster.read(target.kind, &target.namespace, &target.name)?;
    let original = live.to_json();
    let body = if json { to_json(&original) } else { to_yaml(&original) };
    let text = format!("{EDIT_HEADER}{body}");
    let file = temp_file_name(ctx, json);
    Ok(Opened { file, original_text: text.clone(), text, original, json, rejected: None, reopens: 0 })
}

/// A fresh `/tmp/kubectl-edit-NNN.yaml` name, as each launch of the editor gets.
fn temp_file_name(ctx: &mut Ctx, json: bool) -> String {
    format!("/tmp/kubectl-edit-{}.{}", ctx.world.cluster.rng.u64() % 1_000_000_000, if json { "json" } else { "yaml" })
}

/// Why a save was refused, as the header of the reopened file lists it.
struct Reason {
    head: String,
    details: Vec<String>,
}

/// The text the editor reopens with: the usual header, the reasons, then the saved text without
/// its comment lines.
fn reopened_text(reasons: &[Reason], edited: &str) -> String {
    let mut text = EDIT_HEADER.to_string();
    for reason in reasons {
        let colon = if reason.details.is_empty() { "" } else { ":" };
        text.push_str(&format!("# {}{colon}\n", comment_lines(&reason.head)));
        for detail in &reason.details {
            text.push_str(&format!("# * {}\n", comment_lines(detail)));
        }
        text.push_str("#\n");
    }
    text.push_str(&without_comment_lines(edited));
    text
}

/// Keeps a multi-line message inside the comment: every line break gets a `# ` after it.
fn comment_lines(message: &str) -> String {
    message.replace('\n', "\n# ")
}

/// The saved text without its `#` lines (`#!` lines stay), keeping everything else byte for byte.
fn without_comment_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut kept = String::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') && !trimmed.starts_with("#!") {
            continue;
        }
        kept.push_str(line);
        if index + 1 < lines.len() {
            kept.push('\n');
        }
    }
    kept
}

/// Applies what the editor gave back: prints `edited` or why nothing changed, or prepares the
/// file to reopen with the errors at the top.
fn after_save(ctx: &mut Ctx, target: &Named, opened: &mut Opened, outcome: EditOutcome) -> Result<Step, KubectlError> {
    let edited = match outcome {
        EditOutcome::Saved(t) => t,
        EditOutcome::Failed(why) => return Err(KubectlError::msg(why)),
    };
    let unchanged_since_rejected = opened.rejected.as_deref().is_some_and(|r| strip_comments(r) == strip_comments(&edited));
    if unchanged_since_rejected || opened.reopens >= MAX_REOPENS {
        return Err(preserved(ctx, &opened.file, &edited, KubectlError::msg("Edit cancelled, no valid changes were saved.")));
    }
    if strip_comments(&edited) == strip_comments(&opened.original_text) {
        ctx.out.errln("Edit cancelled, no changes made.");
        return Ok(Step::Done(0));
    }
    if strip_comments(&edited).trim().is_empty() {
        ctx.out.errln("Edit cancelled, saved file was empty.");
        return Ok(Step::Done(0));
    }
    let reason = match apply_edit(ctx, target, &opened.original, &edited) {
        Ok(()) => {
            ctx.out.outln(format!("{}/{} edited", target.kind.name_prefix(), target.name));
            return Ok(Step::Done(0));
        }
        Err(Refused::Syntax(message)) => Reason { head: message, details: Vec::new() },
        Err(Refused::Invalid(causes)) => {
            let resource = target.kind.resource_with_group();
            ctx.out.errln(format!("error: {resource} \"{}\" is invalid", target.name));
            Reason { head: format!("{resource} \"{}\" was not valid", target.name), details: causes }
        }
        Err(Refused::Gone) => {
            ctx.world.fs.write(&opened.file, &edited);
            ctx.out.errln(format!("error: {} \"{}\" could not be found on the server", target.kind.resource_with_group(), target.name));
            ctx.out.errln(format!("The edits you made on deleted resources have been saved to \"{}\"", opened.file));
            return Ok(Step::Done(1));
        }
        Err(Refused::NotPatched(why)) => {
            ctx.world.fs.write(&opened.file, &edited);
            ctx.out.errln(format!("error: {} \"{}\" could not be patched: {why}", target.kind.resource_with_group(), target.name));
            ctx.out.errln(format!("You can run `kubectl replace -f {}` to try this update again.", opened.file));
            return Ok(Step::Done(1));
        }
        Err(Refused::Other(error)) => return Err(preserved(ctx, &opened.file, &edited, error)),
    };
    opened.text = reopened_text(&[reason], &edited);
    opened.file = temp_file_name(ctx, opened.json);
    opened.rejected = Some(edited);
    opened.reopens += 1;
    Ok(Step::Reopen)
}

/// kubectl's `preservedFile`: keeps the saved text in the temporary file and says where, before
/// the error itself is printed.
fn preserved(ctx: &mut Ctx, file: &str, edited: &str, error: KubectlError) -> KubectlError {
    ctx.world.fs.write(file, edited);
    ctx.out.errln(format!("A copy of your changes has been stored to \"{file}\""));
    error
}

/// `kubectl edit` with an editor that answers later (the browser page): each object is posted in
/// `world.pending_edit` in turn, and applied once the editor fills in the result.
struct LaterEdit {
    waiting: VecDeque<Named>,
    json: bool,
    env: BTreeMap<String, String>,
    namespace: String,
    namespace_given: bool,
    current: Option<(Named, Opened)>,
}

impl LaterEdit {
    fn start(ctx: &mut Ctx, targets: Vec<Named>, json: bool) -> Result<Exec, KubectlError> {
        let mut job = LaterEdit {
            waiting: targets.into(),
            json,
            env: ctx.env.clone(),
            namespace: ctx.namespace.clone(),
            namespace_given: ctx.namespace_given,
            current: None,
        };
        match job.open_next(ctx)? {
            true => Ok(Exec::Job(Box::new(job))),
            false => Ok(Exec::Done(0)),
        }
    }

    /// Posts the next object for the editor; false when none is left.
    fn open_next(&mut self, ctx: &mut Ctx) -> Result<bool, KubectlError> {
        let Some(target) = self.waiting.pop_front() else { return Ok(false) };
        let opened = open(ctx, &target, self.json)?;
        post(ctx.world, &opened);
        self.current = Some((target, opened));
        Ok(true)
    }
}

/// Shows `opened` in the editor that answers later.
fn post(world: &mut World, opened: &Opened) {
    world.pending_edit = Some(PendingEdit { file_name: opened.file.clone(), text: opened.text.clone(), result: None });
}

impl Job for LaterEdit {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let outcome = match world.pending_edit.as_mut() {
            Some(pending) => pending.result.take()?,
            None => EditOutcome::Saved(self.current.as_ref().map(|(_, o)| o.text.clone()).unwrap_or_default()),
        };
        world.pending_edit = None;
        let (target, mut opened) = self.current.take()?;
        let env = std::mem::take(&mut self.env);
        let mut ctx = Ctx { world, out, stdin: "", env: &env, namespace: self.namespace.clone(), namespace_given: self.namespace_given };
        let step = match after_save(&mut ctx, &target, &mut opened, outcome) {
            Ok(Step::Reopen) => {
                post(ctx.world, &opened);
                self.current = Some((target, opened));
                Ok(None)
            }
            Ok(Step::Done(0)) => self.open_next(&mut ctx).map(|more| (!more).then_some(0)),
            Ok(Step::Done(failed)) => Ok(Some(failed)),
            Err(e) => Err(e),
        };
        self.env = env;
        match step {
            Ok(done) => done,
            Err(e) => {
                out.errln(e.render());
                Some(1)
            }
        }
    }

    fn interrupt(&mut self, world: &mut World, _out: &mut Output) -> i32 {
        world.pending_edit = None;
        130
    }
}

/// Why an edited object was not saved.
enum Refused {
    /// The text does not parse: the editor reopens with this message.
    Syntax(String),
    /// The server found fields invalid (`spec.replicas: Invalid value: ...`): the editor reopens.
    Invalid(Vec<String>),
    /// The object was deleted meanwhile: the edit ends, the text kept.
    Gone,
    /// The server refused the change for another reason (a conflict...): the edit ends.
    NotPatched(String),
    /// Anything else ends the edit with this error.
    Other(KubectlError),
}

/// Parses the saved text, checks it is still the same object, and writes the changes.
fn apply_edit(ctx: &mut Ctx, target: &Named, original: &Value, edited: &str) -> Result<(), Refused> {
    // kubectl reads the saved text as a stream named `edited-file`.
    let source = Source { name: "edited-file".into(), text: edited.to_string() };
    let (documents, broken) = manifest::parse_documents(&source);
    if let Some(e) = broken {
        let detail = e.render();
        let detail = detail.strip_prefix("error: ").unwrap_or(&detail);
        return Err(Refused::Syntax(format!("The edited file had a syntax error: {detail}")));
    }
    let [doc] = documents.as_slice() else {
        return Err(Refused::Other(KubectlError::msg("The edited file must contain exactly one object")));
    };
    let same = |key: &str| doc.value.pointer(key) == original.pointer(key);
    if !same("/apiVersion") || !same("/kind") || !same("/metadata/name") {
        return Err(Refused::Other(KubectlError::msg("At least one of apiVersion, kind and name was changed")));
    }
    let changed = mutation::change_object(ctx, target, DryRun::None, |live| {
        *live = three_way(live, Some(original), &doc.value);
        Ok(())
    });
    match changed {
        Ok(_) => Ok(()),
        Err(KubectlError::Api { error: ApiError { reason: ApiReason::Invalid { causes, .. }, .. }, .. }) => Err(Refused::Invalid(causes)),
        Err(KubectlError::Api { error: ApiError { reason: ApiReason::NotFound, .. }, .. }) => Err(Refused::Gone),
        Err(KubectlError::Api { error, .. }) => Err(Refused::NotPatched(error.message)),
        Err(other) => Err(Refused::Other(other)),
    }
}

/// The text without `#` comment lines, as kubectl compares an edit with what it opened.
fn strip_comments(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n")
}

/// The reason `kubectl edit` gives at the top of a reopened file (the syntax error, or the first
/// invalid field), if this text is a reopened one.
pub fn refusal(text: &str) -> Option<String> {
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    let reason = header.iter().position(|l| l.starts_with("# The edited file had a syntax error") || l.ends_with(" was not valid:"))?;
    let detail = header.get(reason + 1).and_then(|l| l.strip_prefix("# * "));
    let head = header[reason].trim_start_matches("# ").trim_end_matches(':');
    Some(match detail {
        Some(detail) => format!("{head}: {detail}"),
        None => head.to_string(),
    })
}

/// The line (1-based) of the reopened text that the refusal points at. A syntax error names a
/// line of the text that was saved, comments included; the reopened text has a new header and
/// the saved text without its comment lines, so the number is moved accordingly. An invalid field
/// (`spec.replicas: ...`) is looked up by its path.
pub fn reopened_error_line(reopened: &str, saved: Option<&str>) -> Option<usize> {
    let header_len = reopened.lines().take_while(|l| l.starts_with('#')).count();
    let header: Vec<&str> = reopened.lines().take(header_len).collect();
    if let Some(syntax) = header.iter().find(|l| l.starts_with("# The edited file had a syntax error")) {
        let saved_line = syntax_error_line(syntax)?;
        let comments_before =
            saved?.lines().take(saved_line.saturating_sub(1)).filter(|l| l.trim().starts_with('#') && !l.trim().starts_with("#!")).count();
        return Some(header_len + saved_line.checked_sub(comments_before)?).filter(|n| *n <= reopened.lines().count());
    }
    let field = header.iter().find_map(|l| l.strip_prefix("# * "))?.split(':').next()?;
    field_line(reopened, header_len, field)
}

/// The line (1-based) of the YAML key at `path` (`spec.template.spec.containers[0].image`):
/// each segment is looked for below the previous one, deeper indented (list indices are skipped:
/// the first item holding the key is taken).
fn field_line(text: &str, skip: usize, path: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = skip;
    let mut indent: Option<usize> = None;
    for segment in path.split('.') {
        let key = format!("{}:", segment.split('[').next().unwrap_or(segment));
        let found = (at..lines.len()).find(|&i| {
            let line = lines[i];
            let depth = line.len() - line.trim_start().len();
            let content = line.trim_start().trim_start_matches("- ");
            indent.is_none_or(|parent| depth > parent) && content.starts_with(&key)
        })?;
        let line = lines[found];
        let content_start = line.len() - line.trim_start().trim_start_matches("- ").len();
        indent = Some(content_start);
        at = found + 1;
    }
    Some(at)
}


/// The `line N` a YAML syntax error names.
fn syntax_error_line(message: &str) -> Option<usize> {
    let at = message.find("line ")? + "line ".len();
    let digits: String = message[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::{Kind, Object};
    use crate::world::{EditOutcome, Editor};
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    /// An editor that applies a text replacement, as a learner would type it.
    struct Replace(&'static str, &'static str);

    impl Editor for Replace {
        fn edit(&mut self, file: &str, text: &str, _env: &BTreeMap<String, String>) -> EditOutcome {
            assert!(file.starts_with("/tmp/kubectl-edit-") && file.ends_with(".yaml"));
            assert!(text.starts_with(super::EDIT_HEADER));
            EditOutcome::Saved(text.replacen(self.0, self.1, 1))
        }
    }

    #[test]
    fn adding_an_env_var_like_the_tutorial() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        world.editor = Box::new(Replace("      - image: derlin/rickroller:latest\n", "      - image: derlin/rickroller:latest\n        env:\n        - name: BEHIND_PROXY\n          value: \"true\"\n"));
        let ran = kubectl(&mut world, "edit deploy rickroller");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str(), ran.code), ("deployment.apps/rickroller edited\n", "", Some(0)));
        let Some(Object::Deployment(d)) = world.cluster.get(Kind::Deployment, "test", "rickroller") else { panic!("gone") };
        assert_eq!(d.spec.template.spec.containers[0].env[0].name, "BEHIND_PROXY");
    }

    #[test]
    fn unchanged_edit_and_unknown_object() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        world.editor = Box::new(Replace("nothing-matches-this", ""));
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("", "Edit cancelled, no changes made.\n"));
        let ran = kubectl(&mut world, "edit deployment/nope");
        assert_eq!(ran.stderr, "Error from server (NotFound): deployments.apps \"nope\" not found\n");
    }

    /// An editor that answers each pass with its own replacement and remembers what it was shown.
    struct Passes {
        answers: Vec<(&'static str, &'static str)>,
        seen: Rc<RefCell<Vec<(String, String)>>>,
    }

    impl Editor for Passes {
        fn edit(&mut self, file: &str, text: &str, _env: &BTreeMap<String, String>) -> EditOutcome {
            let pass = self.seen.borrow().len();
            self.seen.borrow_mut().push((file.to_string(), text.to_string()));
            let (from, to) = self.answers.get(pass).copied().unwrap_or(("", ""));
            EditOutcome::Saved(if from.is_empty() { text.to_string() } else { text.replacen(from, to, 1) })
        }
    }

    fn passes(world: &mut crate::world::World, answers: Vec<(&'static str, &'static str)>) -> Rc<RefCell<Vec<(String, String)>>> {
        let seen = Rc::new(RefCell::new(Vec::new()));
        world.editor = Box::new(Passes { answers, seen: seen.clone() });
        seen
    }

    #[test]
    fn a_syntax_error_reopens_the_editor_and_an_unchanged_retry_cancels() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        let before = world.cluster.store.revision();
        let seen = passes(&mut world, vec![("  replicas: 1\n", "  replicas: 1\n  bad: : x\n")]);
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        let seen = seen.borrow();
        assert_eq!(seen.len(), 2, "the editor opens twice");
        let (second_file, second) = &seen[1];
        assert_ne!(&seen[0].0, second_file, "each pass gets a new temporary file");
        let header = format!("{}# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line ", super::EDIT_HEADER);
        assert!(second.starts_with(&header), "{second}");
        let error_header_end = second.find("\n#\napiVersion: apps/v1\n").expect("one header, then the object");
        assert!(!second[error_header_end..].contains("# Please edit"), "the old header is not kept");
        assert!(second.contains("  replicas: 1\n  bad: : x\n"), "the broken text is kept for fixing");
        assert_eq!(ran.stdout, "");
        assert_eq!(ran.stderr, format!("A copy of your changes has been stored to \"{second_file}\"\nerror: Edit cancelled, no valid changes were saved.\n"));
        assert_eq!(ran.code, Some(1));
        assert_eq!(world.fs.read(second_file), Some(second.as_str()), "the copy is what was saved last");
        assert_eq!(world.cluster.store.revision(), before);
    }

    #[test]
    fn an_invalid_object_reopens_with_the_causes_and_a_fix_is_applied() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        let seen = passes(&mut world, vec![("  replicas: 1\n", "  replicas: -1\n"), ("  replicas: -1\n", "  replicas: 2\n")]);
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert_eq!(ran.stderr, "error: deployments.apps \"rickroller\" is invalid\n");
        assert_eq!(ran.stdout, "deployment.apps/rickroller edited\n");
        assert_eq!(ran.code, Some(0));
        let seen = seen.borrow();
        let reopened = format!(
            "{}# deployments.apps \"rickroller\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n",
            super::EDIT_HEADER
        );
        assert!(seen[1].1.starts_with(&reopened), "{}", seen[1].1);
        let Some(Object::Deployment(d)) = world.cluster.get(Kind::Deployment, "test", "rickroller") else { panic!("gone") };
        assert_eq!(d.spec.replicas, Some(2));
    }

    /// An editor during which someone else deletes the object.
    struct DeletedMeanwhile;

    impl Editor for DeletedMeanwhile {
        fn edit(&mut self, _file: &str, text: &str, _env: &BTreeMap<String, String>) -> EditOutcome {
            EditOutcome::Saved(text.replacen("  replicas: 1\n", "  replicas: 2\n", 1))
        }
    }

    #[test]
    fn an_object_deleted_while_editing_keeps_the_edits() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        // The page's editor is open when someone deletes the object; then the edit is saved.
        world.editor = Box::new(Later);
        let mut job = kubectl(&mut world, "edit deploy/rickroller").job.expect("edit waits for the page");
        let pending = world.pending_edit.as_mut().expect("posted");
        pending.result = Some(DeletedMeanwhile.edit("", &pending.text, &BTreeMap::new()));
        kubectl(&mut world, "delete deploy rickroller");
        let mut out = crate::output::Output::default();
        assert_eq!(job.poll(&mut world, &mut out), Some(1));
        let stderr = out.stderr();
        let (first, second) = stderr.split_once('\n').expect("two lines");
        assert_eq!(first, "error: deployments.apps \"rickroller\" could not be found on the server");
        let file = second.strip_prefix("The edits you made on deleted resources have been saved to \"").and_then(|f| f.strip_suffix("\"\n")).expect(second);
        assert!(world.fs.read(file).is_some_and(|t| t.contains("  replicas: 2\n")));
    }

    #[test]
    fn an_editor_that_keeps_breaking_the_file_is_stopped() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        world.editor = Box::new(Replace("  replicas: 1\n", "  replicas: 1\n  bad: : x\n"));
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert!(ran.stderr.ends_with("error: Edit cancelled, no valid changes were saved.\n"), "{}", ran.stderr);
        assert_eq!(ran.code, Some(1));
    }

    /// The page's editor: it answers through `world.pending_edit`.
    struct Later;

    impl Editor for Later {
        fn edit(&mut self, _: &str, _: &str, _: &BTreeMap<String, String>) -> EditOutcome {
            EditOutcome::Failed("answers later".into())
        }
        fn answers_later(&self) -> bool {
            true
        }
    }

    #[test]
    fn an_editor_that_answers_later_gets_a_pending_edit() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        world.editor = Box::new(Later);
        let ran = kubectl(&mut world, "edit deploy/rickroller");
        let mut job = ran.job.expect("edit waits for the page");
        let mut out = crate::output::Output::default();
        assert_eq!(job.poll(&mut world, &mut out), None);
        let pending = world.pending_edit.as_mut().expect("posted");
        assert!(pending.text.contains("  replicas: 1\n"));
        pending.result = Some(EditOutcome::Saved(pending.text.replace("  replicas: 1\n", "  replicas: 3\n")));
        assert_eq!(job.poll(&mut world, &mut out), Some(0));
        assert_eq!(out.stdout(), "deployment.apps/rickroller edited\n");
        assert!(world.pending_edit.is_none());
        let Some(Object::Deployment(d)) = world.cluster.get(Kind::Deployment, "test", "rickroller") else { panic!("gone") };
        assert_eq!(d.spec.replicas, Some(3));

        let mut job = kubectl(&mut world, "edit deploy/rickroller").job.expect("a job");
        let mut out = crate::output::Output::default();
        let pending = world.pending_edit.as_mut().expect("posted");
        pending.result = Some(EditOutcome::Saved(pending.text.clone()));
        assert_eq!(job.poll(&mut world, &mut out), Some(0));
        assert_eq!(out.stderr(), "Edit cancelled, no changes made.\n");
    }
}

#[cfg(test)]
mod reopen_tests {
    use super::*;

    const HEADER: &str = EDIT_HEADER;

    #[test]
    fn a_syntax_error_line_moves_with_the_new_header() {
        let saved = format!("{HEADER}apiVersion: v1\nkind: Pod\n# a note\nspec:\n  bad: : x\n");
        let reopened = format!(
            "{HEADER}# The edited file had a syntax error: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context\n#\napiVersion: v1\nkind: Pod\nspec:\n  bad: : x\n"
        );
        assert_eq!(reopened_error_line(&reopened, Some(&saved)), Some(10));
        assert_eq!(reopened.lines().nth(9), Some("  bad: : x"));
        assert_eq!(refusal(&reopened).as_deref(), Some("The edited file had a syntax error: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context"));
        assert_eq!(refusal(&saved), None);
    }

    #[test]
    fn an_invalid_field_is_found_by_its_path() {
        let reopened = format!(
            "{HEADER}# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\nmetadata:\n  replicas: 7\nspec:\n  progressDeadlineSeconds: 600\n  replicas: -1\n"
        );
        assert_eq!(reopened_error_line(&reopened, None), Some(13));
        assert_eq!(reopened.lines().nth(12), Some("  replicas: -1"));
        let containers = "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: \"\"\n";
        assert_eq!(field_line(containers, 0, "spec.template.spec.containers[0].image"), Some(6));
        assert_eq!(refusal(&reopened).as_deref(), Some("deployments.apps \"web\" was not valid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"));
    }
}
