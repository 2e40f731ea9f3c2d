//! `kubectl edit TYPE/NAME`: the live object as YAML in an editor (the world's [`Editor`]); the
//! saved text is merged back like kubectl's patch and the object updated.
//!
//! [`Editor`]: crate::world::Editor

use super::args::{value, Flag, Parsed};
use super::manifest::{self, Source};
use super::merge::three_way;
use super::mutation::{self, Changed, DryRun, Named, OUTPUT_FLAG};
use super::printers::{json::to_json, yaml::to_yaml};
use super::{Ctx, KubectlError};
use crate::job::Exec;
use crate::world::EditOutcome;
use serde_json::Value;

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
    for target in targets {
        let status = edit_one(ctx, &target, json)?;
        if status != 0 {
            return Ok(Exec::Done(status));
        }
    }
    Ok(Exec::Done(0))
}

fn edit_one(ctx: &mut Ctx, target: &Named, json: bool) -> Result<i32, KubectlError> {
    let live = ctx.world.cluster.read(target.kind, &target.namespace, &target.name)?;
    let original = live.to_json();
    let body = if json { to_json(&original) } else { to_yaml(&original) };
    let text = format!("{EDIT_HEADER}{body}");
    let file = format!("/tmp/kubectl-edit-{}.{}", ctx.world.cluster.rng.u64() % 1_000_000_000, if json { "json" } else { "yaml" });
    let edited = match ctx.world.editor.edit(&file, &text, ctx.env) {
        EditOutcome::Saved(t) => t,
        EditOutcome::Failed(why) => return Err(KubectlError::msg(why)),
    };
    if strip_comments(&edited) == strip_comments(&text) {
        ctx.out.errln("Edit cancelled, no changes made.");
        return Ok(0);
    }
    if strip_comments(&edited).trim().is_empty() {
        ctx.out.errln("Edit cancelled, saved file was empty.");
        return Ok(0);
    }
    match apply_edit(ctx, target, &original, &edited) {
        Ok(()) => {
            ctx.out.outln(format!("{}/{} edited", target.kind.name_prefix(), target.name));
            Ok(0)
        }
        Err(problem) => {
            ctx.world.fs.write(&file, &edited);
            ctx.out.errln(problem.render());
            ctx.out.errln(format!("A copy of your changes has been stored to \"{file}\""));
            ctx.out.errln("error: Edit cancelled, no valid changes were saved.");
            Ok(1)
        }
    }
}

/// Parses the saved text, checks it is still the same object, and writes the changes.
fn apply_edit(ctx: &mut Ctx, target: &Named, original: &Value, edited: &str) -> Result<(), KubectlError> {
    let source = Source { name: "edited file".into(), text: edited.to_string() };
    let (documents, broken) = manifest::parse_documents(&source);
    if let Some(e) = broken {
        let detail = e.render();
        let detail = detail.split_once(": ").map_or(detail.as_str(), |(_, rest)| rest);
        let detail = detail.split_once(": ").map_or(detail, |(_, rest)| rest);
        return Err(KubectlError::msg(format!("The edited file had a syntax error: {detail}")));
    }
    let [doc] = documents.as_slice() else {
        return Err(KubectlError::msg("The edited file must contain exactly one object"));
    };
    let same = |key: &str| doc.value.pointer(key) == original.pointer(key);
    if !same("/apiVersion") || !same("/kind") || !same("/metadata/name") {
        return Err(KubectlError::msg("At least one of apiVersion, kind and name was changed"));
    }
    mutation::change_object(ctx, target, DryRun::None, |live| {
        *live = three_way(live, Some(original), &doc.value);
        Ok(())
    })
    .map(|_: Changed| ())
}

/// The text without `#` comment lines, as kubectl compares an edit with what it opened.
fn strip_comments(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::{Kind, Object};
    use crate::world::{EditOutcome, Editor};
    use std::collections::BTreeMap;

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
    fn unchanged_and_broken_edits() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        world.editor = Box::new(Replace("nothing-matches-this", ""));
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("", "Edit cancelled, no changes made.\n"));
        let before = world.cluster.store.revision();
        world.editor = Box::new(Replace("  replicas: 1\n", "  replicas: 1\n  bad: : x\n"));
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert!(ran.stderr.starts_with("error: The edited file had a syntax error: error converting YAML to JSON: yaml: line "), "{}", ran.stderr);
        assert!(ran.stderr.ends_with("error: Edit cancelled, no valid changes were saved.\n"));
        assert_eq!(ran.code, Some(1));
        world.editor = Box::new(Replace("  replicas: 1\n", "  replicas: -1\n"));
        let ran = kubectl(&mut world, "edit deployment/rickroller");
        assert!(ran.stderr.starts_with("The Deployment \"rickroller\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\nA copy of your changes has been stored to \"/tmp/kubectl-edit-"), "{}", ran.stderr);
        assert_eq!(world.cluster.store.revision(), before);
        let ran = kubectl(&mut world, "edit deployment/nope");
        assert_eq!(ran.stderr, "Error from server (NotFound): deployments.apps \"nope\" not found\n");
    }
}
