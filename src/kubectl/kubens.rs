//! `kubens` and `kubectx` (the bash versions of ahmetb/kubectx, which print through kubectl):
//! switch the current context's namespace, or the current context.

use crate::output::Output;
use crate::world::World;

/// Where kubens remembers the previous namespace of a context, as the real script does.
fn previous_namespace_file(context: &str) -> String {
    format!("~/.kube/kubens/{}", context.replace('/', "-"))
}

/// Where kubectx remembers the previous context.
const PREVIOUS_CONTEXT_FILE: &str = "~/.kube/kubectx";

const KUBENS_USAGE: &str = "USAGE:
  kubens                    : list the namespaces in the current context
  kubens <NAME>             : change the active namespace of current context
  kubens -                  : switch to the previous namespace in this context
  kubens -c, --current      : show the current namespace
  kubens -h,--help          : show this message
";

const KUBECTX_USAGE: &str = "USAGE:
  kubectx                       : list the contexts
  kubectx <NAME>                : switch to context <NAME>
  kubectx -                     : switch to the previous context
  kubectx -c, --current         : show the current context name
  kubectx -h,--help             : show this message
";

/// Runs `kubens [NAME|-|-c|-h]`; returns the exit status.
pub fn kubens(world: &mut World, args: &[String], out: &mut Output) -> i32 {
    match args {
        [] => {
            for ns in world.cluster.list(crate::cluster::objects::Kind::Namespace, None) {
                out.outln(&ns.meta().name);
            }
            0
        }
        [flag] if flag == "-h" || flag == "--help" => {
            out.out(KUBENS_USAGE);
            0
        }
        [flag] if flag == "-c" || flag == "--current" => {
            out.outln(world.kubeconfig.namespace());
            0
        }
        [flag] if flag == "-" => {
            let context = world.kubeconfig.current_context.clone();
            match world.fs.read(&previous_namespace_file(&context)).map(str::to_string).filter(|p| !p.is_empty()) {
                Some(previous) => set_namespace(world, &previous, out),
                None => {
                    out.errln("error: No previous namespace found for current context.");
                    1
                }
            }
        }
        [flag] if flag.starts_with('-') => {
            out.errln(format!("error: unrecognized flag \"{flag}\""));
            out.out(KUBENS_USAGE);
            1
        }
        [name] => set_namespace(world, name, out),
        _ => {
            out.errln("error: too many flags");
            out.out(KUBENS_USAGE);
            1
        }
    }
}

fn set_namespace(world: &mut World, name: &str, out: &mut Output) -> i32 {
    let exists = world.cluster.get(crate::cluster::objects::Kind::Namespace, "", name).is_some();
    if !exists {
        out.errln(format!("error: no namespace exists with name \"{name}\"."));
        return 1;
    }
    let previous = world.kubeconfig.namespace();
    let context = world.kubeconfig.current_context.clone();
    if let Some(entry) = world.kubeconfig.contexts.get_mut(&context) {
        entry.namespace = name.to_string();
    }
    out.outln(format!("Context \"{context}\" modified."));
    out.errln(format!("Active namespace is \"{name}\"."));
    if previous != name {
        world.fs.mkdir("~/.kube/kubens");
        world.fs.write(&previous_namespace_file(&context), &previous);
    }
    0
}

/// Runs `kubectx [NAME|-|-c|-h]`; returns the exit status.
pub fn kubectx(world: &mut World, args: &[String], out: &mut Output) -> i32 {
    match args {
        [] => {
            for name in world.kubeconfig.contexts.keys() {
                out.outln(name);
            }
            0
        }
        [flag] if flag == "-h" || flag == "--help" => {
            out.out(KUBECTX_USAGE);
            0
        }
        [flag] if flag == "-c" || flag == "--current" => {
            out.outln(&world.kubeconfig.current_context);
            0
        }
        [flag] if flag == "-" => match world.fs.read(PREVIOUS_CONTEXT_FILE).map(str::to_string).filter(|p| !p.is_empty()) {
            Some(previous) => switch_context(world, &previous, out),
            None => {
                out.errln("error: No previous context found.");
                1
            }
        },
        [flag] if flag.starts_with('-') => {
            out.errln(format!("error: unrecognized flag \"{flag}\""));
            out.out(KUBECTX_USAGE);
            1
        }
        [name] => switch_context(world, name, out),
        _ => {
            out.errln("error: too many flags");
            out.out(KUBECTX_USAGE);
            1
        }
    }
}

fn switch_context(world: &mut World, name: &str, out: &mut Output) -> i32 {
    if !world.kubeconfig.contexts.contains_key(name) {
        out.errln(format!("error: no context exists with the name: \"{name}\""));
        return 1;
    }
    let previous = std::mem::replace(&mut world.kubeconfig.current_context, name.to_string());
    out.outln(format!("Switched to context \"{name}\"."));
    world.fs.mkdir("~/.kube");
    world.fs.write(PREVIOUS_CONTEXT_FILE, &previous);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::rollout::fixtures::world;

    fn call(f: fn(&mut World, &[String], &mut Output) -> i32, w: &mut World, args: &[&str]) -> (String, String, i32) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = Output::default();
        let code = f(w, &args, &mut out);
        (out.stdout(), out.stderr(), code)
    }

    #[test]
    fn kubens_switches_and_remembers_the_previous_namespace() {
        let mut w = world();
        assert_eq!(call(kubens, &mut w, &["test"]), ("Context \"kubeplay\" modified.\n".into(), "Active namespace is \"test\".\n".into(), 0));
        assert_eq!(w.kubeconfig.namespace(), "test");
        assert_eq!(call(kubens, &mut w, &["-c"]).0, "test\n");
        assert_eq!(call(kubens, &mut w, &["-"]).1, "Active namespace is \"default\".\n");
        assert_eq!(call(kubens, &mut w, &["nope"]), (String::new(), "error: no namespace exists with name \"nope\".\n".into(), 1));
        assert!(call(kubens, &mut w, &[]).0.contains("default\n"));
        assert_eq!(call(kubectx, &mut w, &[]).0, "kubeplay\n");
        assert_eq!(call(kubectx, &mut w, &["kubeplay"]).0, "Switched to context \"kubeplay\".\n");
    }
}
