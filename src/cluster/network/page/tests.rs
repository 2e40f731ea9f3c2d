//! The browser pane's page loads: rickroller's form through a port-forward and through the
//! ingress (with and without BEHIND_PROXY), cookies kept between loads, the click-anywhere page,
//! and the shortcuts offered.

use super::*;
use crate::cluster::network::PortForward;
use crate::cluster::objects::{Deployment, Ingress};

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    match yaml_serde::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{e}\n{text}"),
    }
}

/// The tutorial's rickroller (`replicas` of them, extra `env`), its ClusterIP service and the
/// ingress (ImplementationSpecific); returns the cluster and the ingress address.
fn tutorial_behind_ingress(replicas: i64, env: &str) -> (Cluster, String) {
    let mut c = Cluster::new(7);
    let mut d: Deployment = parse(include_str!("../../../../kube/depl.yaml"));
    d.spec.replicas = Some(replicas);
    if !env.is_empty() {
        d.spec.template.spec.containers[0].env = parse(env);
    }
    assert!(c.create(Object::Deployment(d)).is_ok());
    assert!(c.create(Object::Service(parse(include_str!("../../../../kube/svc.yaml")))).is_ok());
    let text = include_str!("../../../../kube/ingress.yaml").replace("pathType: Prefix", "pathType: ImplementationSpecific");
    let ingress: Ingress = parse(&text);
    assert!(c.create(Object::Ingress(ingress)).is_ok());
    c.advance_by(120_000);
    let address = match c.get(Kind::Ingress, "default", "rickroller") {
        Some(Object::Ingress(i)) => i.status.load_balancer.ingress.first().map(|a| a.ip.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    assert!(!address.is_empty(), "the ingress got its address");
    (c, address)
}

/// The fields rickroller's form sends when the learner types `url` and leaves the box checked.
fn filled_form(page: &Loaded, url: &str) -> Vec<(String, String)> {
    let token = page.document.split("name=\"csrf_token\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default();
    vec![
        ("url".into(), url.into()),
        ("redirect_on_scroll".into(), "on".into()),
        ("num_scrolls".into(), "2".into()),
        ("csrf_token".into(), token.into()),
    ]
}

const BEHIND_PROXY: &str = "- name: BEHIND_PROXY\n  value: \"true\"\n";

#[test]
fn rickroller_behind_the_ingress_is_styled_and_its_form_lands_on_the_prefixed_link() {
    let (mut c, address) = tutorial_behind_ingress(1, BEHIND_PROXY);
    let mut jar = CookieJar::default();
    let index = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller")));
    let Ok(index) = index else { panic!("{index:?}") };
    assert_eq!(index.status, "HTTP/1.1 200 OK");
    assert!(index.document.contains("<style>body { font-family"), "the stylesheet is inlined: {}", index.document);
    assert!(index.document.starts_with("<meta http-equiv=\"Content-Security-Policy\""), "{}", index.document);
    assert!(jar.header_for(&address, "/rickroller/").is_some_and(|c| c.starts_with("session=")), "the session cookie is kept");

    let form = PageRequest::form(&index.address, "/rickroller/", "post", &filled_form(&index, "https://example.com/a b"));
    let Ok(form) = form else { panic!("{form:?}") };
    assert_eq!(form.method, "POST");
    assert_eq!(form.address, format!("http://{address}/rickroller/"));
    assert!(form.form_body.as_deref().is_some_and(|b| b.starts_with("url=https%3A%2F%2Fexample.com%2Fa+b&redirect_on_scroll=on&num_scrolls=2&csrf_token=")), "{form:?}");
    let rolled = load(&mut c, &mut jar, &form);
    let Ok(rolled) = rolled else { panic!("{rolled:?}") };
    assert_eq!(rolled.address, format!("http://{address}/rickroller/t2/https%3A%2F%2Fexample.com%2Fa%20b"));
    assert_eq!(rolled.status, "HTTP/1.1 200 OK");
    assert_eq!(rolled.click_to, Some(format!("http://{address}/rickroller/gotcha")), "a click anywhere rick-rolls");
    assert_eq!(rolled.scroll_to, Some((2, format!("http://{address}/rickroller/gotcha"))), "so does the second scroll");
    assert!(rolled.document.contains("A framed page (https://example.com/a b): outside the simulated cluster, not loaded."), "{}", rolled.document);
    assert!(!rolled.document.contains("<iframe"), "{}", rolled.document);

    let gotcha = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller/gotcha")));
    let Ok(gotcha) = gotcha else { panic!("{gotcha:?}") };
    assert!(gotcha.document.contains("YOU GOT RICK ROLLED") && gotcha.click_to.is_none(), "{gotcha:?}");
    assert_eq!(gotcha.links, vec![format!("http://{address}/rickroller/")]);
}

#[test]
fn without_behind_proxy_the_stylesheet_is_missing_and_the_form_leaves_the_prefix() {
    let (mut c, address) = tutorial_behind_ingress(1, "");
    let mut jar = CookieJar::default();
    let index = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller")));
    let Ok(index) = index else { panic!("{index:?}") };
    assert_eq!(index.status, "HTTP/1.1 200 OK");
    assert!(!index.document.contains("<style>") && !index.document.contains("stylesheet"), "unstyled: {}", index.document);
    let form = PageRequest::form(&index.address, "/", "POST", &filled_form(&index, "https://example.com"));
    let Ok(form) = form else { panic!("{form:?}") };
    let answered = load(&mut c, &mut jar, &form);
    let Ok(answered) = answered else { panic!("{answered:?}") };
    assert_eq!(answered.status, "HTTP/1.1 404 Not Found", "{answered:?}");
}

#[test]
fn a_form_without_its_session_cookie_is_refused_with_a_flash_message() {
    let (mut c, address) = tutorial_behind_ingress(1, BEHIND_PROXY);
    let mut jar = CookieJar::default();
    let index = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller/")));
    let Ok(index) = index else { panic!("{index:?}") };
    let form = PageRequest::form(&index.address, "", "post", &filled_form(&index, "https://example.com"));
    let Ok(form) = form else { panic!("{form:?}") };
    let mut empty = CookieJar::default();
    let refused = load(&mut c, &mut empty, &form);
    let Ok(refused) = refused else { panic!("{refused:?}") };
    assert_eq!(refused.address, format!("http://{address}/rickroller/"));
    assert!(refused.document.contains("class=\"flash\""), "{}", refused.document);
}

#[test]
fn get_forms_put_their_fields_in_the_query_and_odd_actions_are_refused() {
    let fields = vec![("q".to_string(), "a&b=c é".to_string()), ("x".to_string(), String::new())];
    let get = PageRequest::form("http://localhost:8080/search?old=1", "?page=2", "get", &fields);
    assert_eq!(get, Ok(PageRequest::get("http://localhost:8080/search?q=a%26b%3Dc+%C3%A9&x=")));
    let relative = PageRequest::form("http://localhost:8080/a/b", "c", "", &[]);
    assert_eq!(relative, Ok(PageRequest::get("http://localhost:8080/a/c?")));
    assert_eq!(PageRequest::form("http://localhost:8080/", "javascript:go()", "post", &[]), Err("the form's action \"javascript:go()\" cannot be followed".into()));
    assert!(PageRequest::form("ftp://x/", "", "post", &[]).is_err());
}

#[test]
fn the_pane_offers_port_forwards_load_balancers_and_the_ingress_path() {
    let (mut c, address) = tutorial_behind_ingress(1, BEHIND_PROXY);
    c.network.listen(8080, PortForward { namespace: "default".into(), pod: "x".into(), pod_uid: "u".into(), remote_port: 8080, connections: 0 });
    let offered = suggestions(&c);
    assert_eq!(offered.first(), Some(&"http://localhost:8080/".to_string()));
    assert!(offered.contains(&format!("http://{address}/")), "the controller's load balancer: {offered:?}");
    assert_eq!(offered.last(), Some(&format!("http://{address}/rickroller")));
}

#[test]
fn link_and_frame_scanning_tolerates_broken_html() {
    let base = Url { host: "h".into(), port: 80, path: "/d/p".into() };
    for html in ["<a href=", "<a href=\"", "<iframe", "<iframe src='x'", "<script>addEventListener('click', f); location.href=", "<link rel=stylesheet href="] {
        let _ = hrefs(&base, html, true);
        assert!(!placeholder_frames(html).contains("<iframe src"), "{html}");
        let _ = click_target(&base, html);
        let _ = scroll_target(&base, html);
        let _ = inline_stylesheets(&base, html, |_| None);
    }
    assert_eq!(hrefs(&base, "<a href=q>x</a><a href='/r'>", true), vec!["http://h/d/q".to_string(), "http://h/r".to_string()]);
}

#[test]
fn links_clicked_in_the_page_resolve_against_it() {
    assert_eq!(follow_link("http://10.0.0.1/rickroller/t2/x", "gotcha"), Some(PageRequest::get("http://10.0.0.1/rickroller/t2/gotcha")));
    assert_eq!(follow_link("http://10.0.0.1/rickroller/", "/rickroller/"), Some(PageRequest::get("http://10.0.0.1/rickroller/")));
    assert_eq!(follow_link("http://10.0.0.1/", "#top"), None);
    assert_eq!(follow_link("http://10.0.0.1/", "https://example.com/"), None);
}

#[test]
fn a_roll_link_without_scroll_redirects_only_reacts_to_clicks() {
    let (mut c, address) = tutorial_behind_ingress(1, BEHIND_PROXY);
    let mut jar = CookieJar::default();
    let rolled = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller/t0/https%3A%2F%2Fexample.com")));
    let Ok(rolled) = rolled else { panic!("{rolled:?}") };
    assert_eq!(rolled.scroll_to, None);
    assert_eq!(rolled.click_to, Some(format!("http://{address}/rickroller/gotcha")));
    let three = load(&mut c, &mut jar, &PageRequest::get(&format!("http://{address}/rickroller/t3/https%3A%2F%2Fexample.com")));
    assert_eq!(three.map(|p| p.scroll_to.map(|(n, _)| n)), Ok(Some(3)));
}

proptest::proptest! {
    /// Whatever a page holds (pieces of tags, quotes, multi-byte text), reading it never panics.
    #[test]
    fn reading_any_page_never_panics(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "<a href=", "<A HREF='", "\"", "'", ">", "<iframe src=", " style=", "</iframe>", "<link rel=stylesheet href=",
        "<script>", "</script>", "addEventListener(\"click\",f)", "addEventListener('wheel',", ">=", "7", "location.href=",
        "location=", "é", "ß𝄞", " ", "/x", "?q", "#", "//h/", "http://h:1/", "javascript:",
    ]), 0..24)) {
        let html: String = pieces.concat();
        let base = Url { host: "h".into(), port: 8080, path: "/d/p?x".into() };
        let _ = hrefs(&base, &html, true);
        let _ = hrefs(&base, &html, false);
        let _ = placeholder_frames(&html);
        let _ = click_target(&base, &html);
        let _ = scroll_target(&base, &html);
        let _ = inline_stylesheets(&base, &html, |_| Some("p{}".into()));
        let _ = follow_link("http://h/", &html);
        let _ = PageRequest::form("http://h/", &html, &html, &[(html.clone(), html.clone())]);
    }
}
