//! `kubectl create configmap NAME --from-literal=k=v --from-file=[key=]path --from-env-file=path`,
//! and the reading of those sources, which `create secret generic` shares.

use super::args::Parsed;
use super::create_generators::{exactly_one_name, finish, server_message};
use super::{Ctx, KubectlError};
use crate::cluster::objects::config::{is_valid_config_key, CONFIG_KEY_MESSAGE};
use crate::cluster::objects::{ConfigMap, Object, ObjectMeta};
use crate::job::Exec;

/// Help of `kubectl create configmap`.
pub const CONFIGMAP_HELP: &str = "Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Aliases:
configmap, cm

Examples:
  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
  
  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
  
  # Create a new config map named my-config from the key=value pairs in the file
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config from an env file
  kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The message kubectl gives for a bad key in an env file.
const ENV_NAME_MESSAGE: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/// `kubectl create configmap NAME ...`.
pub fn configmap(ctx: &mut Ctx, args: &Parsed, names: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(CONFIGMAP_HELP);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(names, "create configmap")?;
    let entries = read_sources(ctx, args)?;
    let mut cm = ConfigMap { metadata: ObjectMeta { name: name.clone(), ..Default::default() }, ..Default::default() };
    if ctx.namespace_given {
        cm.metadata.namespace = ctx.namespace.clone();
    }
    for (key, value) in entries {
        if !is_valid_config_key(&key) {
            return Err(KubectlError::msg(format!("{key:?} is not a valid key name for a ConfigMap: {CONFIG_KEY_MESSAGE}")));
        }
        if cm.data.contains_key(&key) {
            return Err(KubectlError::msg(format!(
                "cannot add key {key:?}, another key by that name already exists in Data for ConfigMap {name:?}"
            )));
        }
        cm.data.insert(key, value);
    }
    finish(ctx, args, Object::ConfigMap(cm), |e| KubectlError::msg(format!("failed to create configmap: {}", server_message(&e))))
}

/// Every `(key, value)` of `--from-file`, `--from-literal` and `--from-env-file`, in that order
/// (kubectl's), before key checks.
pub fn read_sources(ctx: &Ctx, args: &Parsed) -> Result<Vec<(String, String)>, KubectlError> {
    let (files, literals, env_files) = (args.all("from-file"), args.all("from-literal"), args.all("from-env-file"));
    if !env_files.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err(KubectlError::msg("from-env-file cannot be combined with from-file or from-literal"));
    }
    let mut entries = Vec::new();
    for source in &files {
        entries.extend(from_file(ctx, source)?);
    }
    for literal in &literals {
        match literal.split_once('=') {
            Some((key, value)) if !key.is_empty() => entries.push((key.to_string(), value.to_string())),
            _ => return Err(KubectlError::msg(format!("invalid literal source {literal}, expected key=value"))),
        }
    }
    for path in &env_files {
        let Some(text) = ctx.world.fs.read(path) else {
            return Err(KubectlError::msg(format!("error reading {path}: no such file or directory")));
        };
        entries.extend(env_file(ctx, text)?);
    }
    Ok(entries)
}

/// `--from-file=[key=]path`: one file (key = its basename unless given) or every file of a
/// directory.
fn from_file(ctx: &Ctx, source: &str) -> Result<Vec<(String, String)>, KubectlError> {
    let (key, path) = match source.split_once('=') {
        Some((key, path)) => {
            if key.is_empty() {
                return Err(KubectlError::msg(format!("key name for file path {path} missing")));
            }
            (Some(key.to_string()), path.to_string())
        }
        None => (None, source.to_string()),
    };
    if let Some(text) = ctx.world.fs.read(&path) {
        let key = key.unwrap_or_else(|| path.trim_end_matches('/').rsplit('/').next().unwrap_or(&path).to_string());
        return Ok(vec![(key, text.to_string())]);
    }
    if ctx.world.fs.is_dir(&path) {
        if key.is_some() {
            return Err(KubectlError::msg("cannot give a key name for a directory path"));
        }
        let dir = path.trim_end_matches('/');
        return Ok(ctx
            .world
            .fs
            .list(&path)
            .into_iter()
            .filter(|n| !n.ends_with('/') && is_valid_config_key(n))
            .filter_map(|n| ctx.world.fs.read(&format!("{dir}/{n}")).map(|t| (n.clone(), t.to_string())))
            .collect());
    }
    Err(KubectlError::msg(format!("error reading {path}: no such file or directory")))
}

/// The `KEY=value` lines of an env file: blank lines and `#` comments skipped, leading blanks
/// dropped, the value kept as written; a bare `KEY` takes the shell's variable.
fn env_file(ctx: &Ctx, text: &str) -> Result<Vec<(String, String)>, KubectlError> {
    let mut entries = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (line.to_string(), None),
        };
        if !is_env_name(&key) {
            return Err(KubectlError::msg(format!("{key:?} is not a valid key name: {ENV_NAME_MESSAGE}")));
        }
        match value {
            Some(v) => entries.push((key, v)),
            None => {
                if let Some(v) = ctx.env.get(&key) {
                    entries.push((key, v.clone()));
                }
            }
        }
    }
    Ok(entries)
}

/// `[-._a-zA-Z][-._a-zA-Z0-9]*`.
fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '.' | '_'))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

#[cfg(test)]
mod tests {
    use crate::job::Exec;
    use crate::output::Output;
    use crate::world::World;
    use std::collections::BTreeMap;

    /// Runs kubectl with `argv` on `world`: (exit code, stdout, stderr).
    pub fn kubectl(world: &mut World, argv: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let mut out = Output::default();
        let exec = crate::kubectl::kubectl(world, &args, "", &BTreeMap::new(), &mut out);
        let code = match exec {
            Exec::Done(c) => c,
            _ => -1,
        };
        (code, out.stdout(), out.stderr())
    }

    #[test]
    fn dry_run_matches_the_real_client() {
        let mut world = World::new(1);
        world.fs.write("f.txt", "hello\n");
        world.fs.write("e.env", "A=1\n# c\nB=two words\n");
        let (code, out, _) = kubectl(&mut world, &["create", "configmap", "x", "--from-literal=k=v", "--from-file=f.txt", "--from-file=other=f.txt", "--dry-run=client", "-o", "yaml"]);
        assert_eq!(code, 0);
        assert_eq!(out, "apiVersion: v1\ndata:\n  f.txt: |\n    hello\n  k: v\n  other: |\n    hello\nkind: ConfigMap\nmetadata:\n  name: x\n");
        let (_, out, _) = kubectl(&mut world, &["create", "cm", "x", "--from-env-file=e.env", "--dry-run=client", "-o", "yaml"]);
        assert_eq!(out, "apiVersion: v1\ndata:\n  A: \"1\"\n  B: two words\nkind: ConfigMap\nmetadata:\n  name: x\n");
    }

    #[test]
    fn source_errors_read_like_kubectl() {
        let mut world = World::new(1);
        world.fs.write("e.env", "bad line\n");
        let cases: &[(&[&str], &str)] = &[
            (&["create", "configmap", "x", "--from-literal=kv"], "error: invalid literal source kv, expected key=value\n"),
            (&["create", "configmap", "x", "--from-literal=b@d=v"], "error: \"b@d\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n"),
            (&["create", "configmap", "x", "--from-literal=k=v", "--from-literal=k=w"], "error: cannot add key \"k\", another key by that name already exists in Data for ConfigMap \"x\"\n"),
            (&["create", "configmap", "x", "--from-file=nope"], "error: error reading nope: no such file or directory\n"),
            (&["create", "configmap", "x", "--from-literal=a=b", "--from-env-file=e.env"], "error: from-env-file cannot be combined with from-file or from-literal\n"),
            (&["create", "configmap", "x", "--from-env-file=e.env"], "error: \"bad line\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n"),
        ];
        for (argv, expected) in cases {
            let (code, _, err) = kubectl(&mut world, argv);
            assert_eq!((code, err.as_str()), (1, *expected), "{argv:?}");
        }
    }

    #[test]
    fn created_once_then_already_exists() {
        let mut world = World::new(1);
        let (code, out, _) = kubectl(&mut world, &["create", "configmap", "app", "--from-literal=color=blue"]);
        assert_eq!((code, out.as_str()), (0, "configmap/app created\n"));
        let (code, _, err) = kubectl(&mut world, &["create", "configmap", "app", "--from-literal=color=red"]);
        assert_eq!((code, err.as_str()), (1, "error: failed to create configmap: configmaps \"app\" already exists\n"));
    }
}
