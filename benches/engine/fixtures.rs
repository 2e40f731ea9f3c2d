//! Ready-made sessions for the benchmarks: the tutorial's deployment at a given size, its
//! Service and Ingress, all built through the console as a learner would.

use kubeplay::session::{Session, DEFAULT_SEED};

/// Runs `script` through the console as script mode does and returns what it printed, so a
/// fixture can check that the cluster really reached the state a benchmark needs.
pub fn run(session: &mut Session, script: &str) -> String {
    let mut text = String::new();
    session.run_script(script, false, &mut |chunks| text.extend(chunks.into_iter().map(|c| c.text)));
    text
}

/// A new session sharing nothing with `template` but holding a copy of its cluster, kubeconfig
/// and files: lets a benchmark that changes the cluster start every iteration from the same
/// state without paying for building it. (Shell variables are not copied.)
pub fn fork(template: &Session) -> Session {
    let mut session = Session::new(DEFAULT_SEED);
    session.world.cluster = template.world.cluster.clone();
    session.world.kubeconfig = template.world.kubeconfig.clone();
    session.world.fs = template.world.fs.clone();
    session
}

/// A session in namespace `test` where the tutorial's deployment (kube/depl.yaml) runs
/// `replicas` ready pods and the cluster has been quiet for a minute.
pub fn tutorial_deployment(replicas: u32) -> Session {
    let mut session = Session::new(DEFAULT_SEED);
    let text = run(
        &mut session,
        &format!(
            "kubectl create namespace test\nkubens test\nkubectl apply -f kube/depl.yaml\n\
             kubectl scale deployment rickroller --replicas={replicas}\n\
             kubectl rollout status deployment/rickroller\nsleep 60\n"
        ),
    );
    assert!(text.contains("successfully rolled out"), "the fixture's rollout did not finish:\n{text}");
    assert_eq!(running_pods(&mut session), replicas as usize, "every replica should run");
    session
}

/// How many pods of the current namespace are Running.
pub fn running_pods(session: &mut Session) -> usize {
    run(session, "kubectl get pods --no-headers").lines().filter(|line| line.contains(" Running ")).count()
}

/// A session where three rickroller pods sit behind the tutorial's ClusterIP Service and an
/// NGINX Ingress (the tutorial's manifest with pathType ImplementationSpecific, which
/// ingress-nginx accepts), and the Ingress has its address. Returns the session and that address.
pub fn rickroller_behind_ingress() -> (Session, String) {
    let mut session = tutorial_deployment(3);
    run(
        &mut session,
        "kubectl apply -f kube/svc.yaml\n\
         sed 's/pathType: Prefix/pathType: ImplementationSpecific/' kube/ingress.yaml > ingress.yaml\n\
         kubectl apply -f ingress.yaml\nsleep 60\n",
    );
    let address = run(&mut session, "kubectl get ingress rickroller -o jsonpath='{.status.loadBalancer.ingress[0].ip}'");
    assert!(!address.trim().is_empty(), "the Ingress has no address");
    let address = address.trim().to_string();
    let page = run(&mut session, &format!("curl -s http://{address}/rickroller/ | grep -c '<title>'"));
    assert_eq!(page.trim(), "1", "the Ingress does not serve rickroller");
    (session, address)
}
