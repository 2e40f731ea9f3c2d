//! File commands on the virtual filesystem: cat, ls, cd, pwd, mkdir, rm, touch.

use super::{read_inputs, Ctx};
use crate::job::Exec;

fn split_flags(argv: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut operands = Vec::new();
    for arg in &argv[1..] {
        match arg.strip_prefix('-') {
            Some(f) if !f.is_empty() && !operands.iter().any(|o: &String| o == "--") => flags.push_str(f),
            _ => operands.push(arg.clone()),
        }
    }
    operands.retain(|o| o != "--");
    (flags, operands)
}

/// `cat [FILE]…` (stdin when none).
pub fn cat(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (_, files) = split_flags(argv);
    let (inputs, missing) = read_inputs(ctx, "cat", &files);
    for (_, text) in inputs {
        ctx.out.out(text);
    }
    Exec::Done(i32::from(missing))
}

/// `ls [-1 -a -l] [PATH]…`: names on one line (two spaces apart), or one per line with `-1`/`-l`.
pub fn ls(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (flags, mut paths) = split_flags(argv);
    let long = flags.contains('l');
    let one_per_line = long || flags.contains('1');
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut status = 0;
    let many = paths.len() > 1;
    let mut blocks = Vec::new();
    let mut file_names = Vec::new();
    for path in &paths {
        if ctx.world.fs.read(path).is_some() {
            file_names.push(path.clone());
        } else if ctx.world.fs.is_dir(path) {
            let mut names: Vec<String> = ctx.world.fs.list(path).into_iter().map(|n| n.trim_end_matches('/').to_string()).collect();
            if flags.contains('a') {
                names.splice(0..0, [".".to_string(), "..".to_string()]);
            }
            blocks.push((path.clone(), names));
        } else {
            ctx.out.errln(format!("ls: cannot access '{path}': No such file or directory"));
            status = 2;
        }
    }
    let render = |ctx: &mut Ctx, dir: Option<&str>, names: &[String]| {
        if names.is_empty() {
            return;
        }
        if long {
            for name in names {
                let full = match dir {
                    Some(d) => format!("{}/{name}", d.trim_end_matches('/')),
                    None => name.clone(),
                };
                let (mode, size) = match ctx.world.fs.read(&full) {
                    Some(text) => ("-rw-r--r--", text.len()),
                    None => ("drwxr-xr-x", 4096),
                };
                ctx.out.outln(format!("{mode} 1 learner learner {size:>5} Oct  6 09:00 {name}"));
            }
        } else if one_per_line {
            for name in names {
                ctx.out.outln(name);
            }
        } else {
            ctx.out.outln(names.join("  "));
        }
    };
    render(ctx, None, &file_names);
    for (k, (path, names)) in blocks.iter().enumerate() {
        if many {
            let gap = if k > 0 || !file_names.is_empty() { "\n" } else { "" };
            ctx.out.outln(format!("{gap}{path}:"));
        }
        if long {
            ctx.out.outln(format!("total {}", names.len() * 4));
        }
        render(ctx, Some(path), names);
    }
    Exec::Done(status)
}

/// `cd [DIR]` (home when none).
pub fn cd(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let target = argv.get(1).cloned().unwrap_or_else(|| crate::vfs::HOME.to_string());
    if argv.len() > 2 {
        ctx.out.errln("bash: cd: too many arguments");
        return Exec::Done(1);
    }
    if ctx.world.fs.set_cwd(&target) {
        Exec::Done(0)
    } else if ctx.world.fs.read(&target).is_some() {
        ctx.out.errln(format!("bash: cd: {target}: Not a directory"));
        Exec::Done(1)
    } else {
        ctx.out.errln(format!("bash: cd: {target}: No such file or directory"));
        Exec::Done(1)
    }
}

/// `pwd`.
pub fn pwd(ctx: &mut Ctx, _argv: &[String]) -> Exec {
    let cwd = ctx.world.fs.cwd().to_string();
    ctx.out.outln(cwd);
    Exec::Done(0)
}

/// `mkdir [-p] DIR…`.
pub fn mkdir(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (flags, dirs) = split_flags(argv);
    if dirs.is_empty() {
        ctx.out.errln("mkdir: missing operand");
        ctx.out.errln("Try 'mkdir --help' for more information.");
        return Exec::Done(1);
    }
    let parents = flags.contains('p');
    let mut status = 0;
    for dir in dirs {
        let abs = ctx.world.fs.resolve(&dir);
        let parent = abs.rsplit_once('/').map_or("/".to_string(), |(p, _)| if p.is_empty() { "/".into() } else { p.to_string() });
        if ctx.world.fs.is_dir(&abs) || ctx.world.fs.read(&abs).is_some() {
            if !parents {
                ctx.out.errln(format!("mkdir: cannot create directory '{dir}': File exists"));
                status = 1;
            }
        } else if !parents && !ctx.world.fs.is_dir(&parent) {
            ctx.out.errln(format!("mkdir: cannot create directory '{dir}': No such file or directory"));
            status = 1;
        } else {
            ctx.world.fs.mkdir(&abs);
        }
    }
    Exec::Done(status)
}

/// `rm [-f] [-r] FILE…`.
pub fn rm(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (flags, paths) = split_flags(argv);
    let force = flags.contains('f');
    let recursive = flags.contains('r') || flags.contains('R');
    if paths.is_empty() && !force {
        ctx.out.errln("rm: missing operand");
        ctx.out.errln("Try 'rm --help' for more information.");
        return Exec::Done(1);
    }
    let mut status = 0;
    for path in paths {
        if ctx.world.fs.remove(&path) {
            continue;
        }
        if ctx.world.fs.is_dir(&path) {
            if recursive {
                remove_tree(ctx, &path);
            } else {
                ctx.out.errln(format!("rm: cannot remove '{path}': Is a directory"));
                status = 1;
            }
        } else if !force {
            ctx.out.errln(format!("rm: cannot remove '{path}': No such file or directory"));
            status = 1;
        }
    }
    Exec::Done(status)
}

/// Removes every file below a directory (empty directories made by `mkdir` stay listed).
fn remove_tree(ctx: &mut Ctx, dir: &str) {
    let abs = ctx.world.fs.resolve(dir);
    for name in ctx.world.fs.list(&abs) {
        let full = format!("{}/{}", abs.trim_end_matches('/'), name.trim_end_matches('/'));
        if name.ends_with('/') {
            remove_tree(ctx, &full);
        } else {
            ctx.world.fs.remove(&full);
        }
    }
}

/// `touch FILE…`: creates missing files.
pub fn touch(ctx: &mut Ctx, argv: &[String]) -> Exec {
    let (_, files) = split_flags(argv);
    let mut status = 0;
    for file in files {
        if ctx.world.fs.read(&file).is_some() || ctx.world.fs.is_dir(&file) {
            continue;
        }
        let abs = ctx.world.fs.resolve(&file);
        let parent = abs.rsplit_once('/').map_or("/", |(p, _)| if p.is_empty() { "/" } else { p });
        if ctx.world.fs.is_dir(parent) {
            ctx.world.fs.write(&abs, "");
        } else {
            ctx.out.errln(format!("touch: cannot touch '{file}': No such file or directory"));
            status = 1;
        }
    }
    Exec::Done(status)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, run_in};
    use crate::shell::ShellState;
    use crate::world::World;

    #[test]
    fn ls_and_cat() {
        assert_eq!(run("ls", "").0, "kube\n");
        assert_eq!(run("ls kube", "").0, "depl.yaml  env-depl.yaml  ingress.yaml  lb-svc.yaml  pod.yaml  svc.yaml\n");
        assert_eq!(run("ls nope", "").1, "ls: cannot access 'nope': No such file or directory\n");
        assert!(run("cat kube/pod.yaml", "").0.contains("kind: Pod"));
        assert_eq!(run("cat", "piped\n").0, "piped\n");
        assert_eq!(run("cat nope", ""), (String::new(), "cat: nope: No such file or directory\n".into(), 1));
    }

    #[test]
    fn directories() {
        let mut world = World::new(1);
        let mut sh = ShellState::default();
        assert_eq!(run_in(&mut world, &mut sh, "mkdir work", "").2, 0);
        assert_eq!(run_in(&mut world, &mut sh, "cd work", "").2, 0);
        assert_eq!(run_in(&mut world, &mut sh, "pwd", "").0, "/home/learner/work\n");
        assert_eq!(run_in(&mut world, &mut sh, "touch a", "").2, 0);
        assert_eq!(run_in(&mut world, &mut sh, "ls", "").0, "a\n");
        assert_eq!(run_in(&mut world, &mut sh, "rm a", "").2, 0);
        assert_eq!(run_in(&mut world, &mut sh, "rm a", "").1, "rm: cannot remove 'a': No such file or directory\n");
        assert_eq!(run_in(&mut world, &mut sh, "cd /nope", "").1, "bash: cd: /nope: No such file or directory\n");
        assert_eq!(run_in(&mut world, &mut sh, "mkdir ..", "").1, "mkdir: cannot create directory '..': File exists\n");
    }
}
