//! `kubectl create secret generic|tls|docker-registry NAME`: Secrets from literals and files,
//! from a certificate and key, or from registry credentials.

use super::args::Parsed;
use super::create_configmap::read_sources;
use super::create_generators::{exactly_one_name, finish, server_message};
use super::{Ctx, KubectlError};
use crate::cluster::objects::config::{base64_encode, is_valid_config_key, CONFIG_KEY_MESSAGE};
use crate::cluster::objects::{Object, ObjectMeta, Secret};
use crate::job::Exec;

/// Help of `kubectl create secret`.
pub const SECRET_HELP: &str = "Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use \"kubectl create secret <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

const GENERIC_HELP: &str = "Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Examples:
  # Create a new secret named my-secret with keys for each file in folder bar
  kubectl create secret generic my-secret --from-file=path/to/bar
  
  # Create a new secret named my-secret with specified keys instead of names on disk
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub
  
  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
  
  # Create a new secret named my-secret using a combination of a file and a literal
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret
  
  # Create a new secret named my-secret from env files
  kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

const TLS_HELP: &str = "Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.

Examples:
  # Create a new TLS secret named tls-secret with the given key pair
  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key

Usage:
  kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

const DOCKER_HELP: &str = "Create a new secret for use with Docker registries.

Examples:
  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

Usage:
  kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The registry `docker-registry` secrets are for when `--docker-server` is not given.
const DEFAULT_REGISTRY: &str = "https://index.docker.io/v1/";

/// `kubectl create secret TYPE NAME ...`; `rest` is what follows `secret`.
pub fn secret(ctx: &mut Ctx, args: &Parsed, rest: &[String]) -> Result<Exec, KubectlError> {
    let Some(sub) = rest.first() else {
        ctx.out.out(SECRET_HELP);
        return Ok(Exec::Done(0));
    };
    let help = match sub.as_str() {
        "generic" => GENERIC_HELP,
        "tls" => TLS_HELP,
        "docker-registry" => DOCKER_HELP,
        _ => return Err(KubectlError::usage(format!("unknown command \"{}\"", rest.join(" ")), "create secret")),
    };
    if args.bool("help") {
        ctx.out.out(help);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(&rest[1..], &format!("create secret {sub}"))?;
    let mut secret = Secret { metadata: ObjectMeta { name: name.clone(), ..Default::default() }, ..Default::default() };
    if ctx.namespace_given {
        secret.metadata.namespace = ctx.namespace.clone();
    }
    match sub.as_str() {
        "generic" => {
            secret.type_ = args.get("type").unwrap_or("").to_string();
            for (key, value) in read_sources(ctx, args)? {
                add(&mut secret, key, value.as_bytes())?;
            }
        }
        "tls" => tls(ctx, args, &mut secret)?,
        _ => docker_registry(ctx, args, &mut secret)?,
    }
    finish(ctx, args, Object::Secret(secret), |e| KubectlError::msg(format!("failed to create secret {}", server_message(&e))))
}

/// Adds one key, with kubectl's own checks and wording.
fn add(secret: &mut Secret, key: String, value: &[u8]) -> Result<(), KubectlError> {
    if !is_valid_config_key(&key) {
        return Err(KubectlError::msg(format!("{key:?} is not valid key name for a Secret {CONFIG_KEY_MESSAGE}")));
    }
    if secret.data.contains_key(&key) {
        return Err(KubectlError::msg(format!("cannot add key {key}, another key by that name already exists")));
    }
    secret.data.insert(key, base64_encode(value));
    Ok(())
}

/// `tls.crt` and `tls.key` from `--cert` and `--key`, which must hold PEM data.
fn tls(ctx: &Ctx, args: &Parsed, secret: &mut Secret) -> Result<(), KubectlError> {
    let (Some(cert), Some(key)) = (args.get("cert").filter(|c| !c.is_empty()), args.get("key").filter(|k| !k.is_empty())) else {
        return Err(KubectlError::msg("key and cert must be specified"));
    };
    let read = |path: &str| {
        ctx.world
            .fs
            .read(path)
            .map(str::to_string)
            .ok_or_else(|| KubectlError::msg(format!("Cannot read file {path}, open {path}: no such file or directory")))
    };
    let (cert_text, key_text) = (read(cert)?, read(key)?);
    if !cert_text.contains("-----BEGIN") {
        return Err(KubectlError::msg("tls: failed to find any PEM data in certificate input"));
    }
    if !key_text.contains("-----BEGIN") {
        return Err(KubectlError::msg("tls: failed to find any PEM data in key input"));
    }
    secret.type_ = "kubernetes.io/tls".into();
    secret.data.insert("tls.crt".into(), base64_encode(cert_text.as_bytes()));
    secret.data.insert("tls.key".into(), base64_encode(key_text.as_bytes()));
    Ok(())
}

/// `.dockerconfigjson` from the `--docker-*` flags (or `--from-file`).
fn docker_registry(ctx: &Ctx, args: &Parsed, secret: &mut Secret) -> Result<(), KubectlError> {
    secret.type_ = "kubernetes.io/dockerconfigjson".into();
    if !args.all("from-file").is_empty() {
        for (key, value) in read_sources(ctx, args)? {
            add(secret, key, value.as_bytes())?;
        }
        return Ok(());
    }
    let flag = |name: &str| args.get(name).unwrap_or("").to_string();
    let (user, password, email) = (flag("docker-username"), flag("docker-password"), flag("docker-email"));
    let server = args.get("docker-server").filter(|s| !s.is_empty()).unwrap_or(DEFAULT_REGISTRY).to_string();
    if user.is_empty() || password.is_empty() {
        return Err(KubectlError::msg("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required"));
    }
    // Written by hand to keep kubectl's key order: username, password, email, auth.
    let quote = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let auth = base64_encode(format!("{user}:{password}").as_bytes());
    let email_part = if email.is_empty() { String::new() } else { format!(",\"email\":{}", quote(&email)) };
    let json = format!(
        "{{\"auths\":{{{}:{{\"username\":{},\"password\":{}{email_part},\"auth\":{}}}}}}}",
        quote(&server),
        quote(&user),
        quote(&password),
        quote(&auth)
    );
    secret.data.insert(".dockerconfigjson".into(), base64_encode(json.as_bytes()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::job::Exec;
    use crate::output::Output;
    use crate::world::World;
    use std::collections::BTreeMap;

    fn kubectl(world: &mut World, argv: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let mut out = Output::default();
        let code = match crate::kubectl::kubectl(world, &args, "", &BTreeMap::new(), &mut out) {
            Exec::Done(c) => c,
            _ => -1,
        };
        (code, out.stdout(), out.stderr())
    }

    #[test]
    fn dry_runs_match_the_real_client() {
        let mut world = World::new(1);
        world.fs.write("f.txt", "hello\n");
        let (_, out, _) = kubectl(&mut world, &["create", "secret", "generic", "s", "--from-literal=password=s3cr3t!", "--from-file=f.txt", "--dry-run=client", "-o", "yaml"]);
        assert_eq!(out, "apiVersion: v1\ndata:\n  f.txt: aGVsbG8K\n  password: czNjcjN0IQ==\nkind: Secret\nmetadata:\n  name: s\n");
        let (_, out, _) = kubectl(&mut world, &["create", "secret", "generic", "s", "--from-literal=a=b", "--type=kubernetes.io/basic-auth", "--dry-run=client", "-o", "yaml"]);
        assert_eq!(out, "apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/basic-auth\n");
        let (_, out, _) = kubectl(&mut world, &["create", "secret", "docker-registry", "reg", "--docker-username=u", "--docker-password=p", "--docker-email=e@x.io", "--dry-run=client", "-o", "yaml"]);
        assert_eq!(out, "apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHguaW8iLCJhdXRoIjoiZFRwdyJ9fX0=\nkind: Secret\nmetadata:\n  name: reg\ntype: kubernetes.io/dockerconfigjson\n");
        let (_, out, _) = kubectl(&mut world, &["create", "secret", "generic", "s", "--from-literal=a=b", "--dry-run=client"]);
        assert_eq!(out, "secret/s created (dry run)\n");
    }

    #[test]
    fn created_with_opaque_type_and_errors_like_kubectl() {
        let mut world = World::new(1);
        let (code, out, _) = kubectl(&mut world, &["create", "secret", "generic", "db", "--from-literal=password=hunter22"]);
        assert_eq!((code, out.as_str()), (0, "secret/db created\n"));
        let (_, out, _) = kubectl(&mut world, &["get", "secret", "db"]);
        assert!(out.starts_with("NAME   TYPE     DATA   AGE\ndb     Opaque   1      "), "{out}");
        let (_, out, _) = kubectl(&mut world, &["get", "secret", "db", "-o", "jsonpath={.data.password}"]);
        assert_eq!(out, "aHVudGVyMjI=");
        let (code, _, err) = kubectl(&mut world, &["create", "secret", "generic", "db", "--from-literal=a=b"]);
        assert_eq!((code, err.as_str()), (1, "error: failed to create secret secrets \"db\" already exists\n"));
        let (_, _, err) = kubectl(&mut world, &["create", "secret", "generic", "x", "--from-literal=a=b", "--from-literal=a=c"]);
        assert_eq!(err, "error: cannot add key a, another key by that name already exists\n");
        let (_, _, err) = kubectl(&mut world, &["create", "secret", "tls", "t"]);
        assert_eq!(err, "error: key and cert must be specified\n");
        let (_, _, err) = kubectl(&mut world, &["create", "secret", "foo", "x"]);
        assert_eq!(err, "error: unknown command \"foo x\"\nSee 'kubectl create secret -h' for help and examples\n");
    }
}
