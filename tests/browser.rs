//! The page in a real headless Chromium: the built `dist/` is served on loopback by a small
//! static server in this test, and Chromium is driven through chromedriver's WebDriver API by a
//! minimal client over `std::net::TcpStream` + serde_json (no async runtime, no new dependency).
//!
//! These tests are `#[ignore]`d so a plain `cargo test` stays browser-free: `scripts/test` builds
//! `dist/` and then runs them with `KUBEPLAY_BROWSER_TESTS=1 cargo test --test browser -- --ignored`.
//! Screenshots land in `target/browser-screenshots/`.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver key of an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// WebDriver's code for the Enter key in `send_keys`.
const ENTER: &str = "\u{E007}";

type Result<T> = std::result::Result<T, String>;

// ---------------------------------------------------------------- static file server

/// Serves `root` on a free loopback port for the rest of the process; returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port for dist/");
    let port = listener.local_addr().expect("local address").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || {
                let _ = answer(stream, &root);
            });
        }
    });
    // A sub-path, as the page must work from any sub-path of a static host.
    format!("http://127.0.0.1:{port}/play/")
}

/// Answers one HTTP request with a file of `root` (or 404).
fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let relative = path.strip_prefix("/play/").unwrap_or(path.trim_start_matches('/'));
    let relative = if relative.is_empty() { "index.html" } else { relative };
    let file = root.join(relative);
    let mut stream = stream;
    match std::fs::read(&file) {
        Ok(body) if !relative.contains("..") => {
            let content_type = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css",
                _ => "application/octet-stream",
            };
            write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
            stream.write_all(&body)
        }
        _ => write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

// ---------------------------------------------------------------- WebDriver client

/// One HTTP/1.1 request with a JSON body to chromedriver; returns the parsed JSON answer.
fn http_json(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect to chromedriver: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open whatever we ask: read the header, then exactly
    // Content-Length bytes (or chunks).
    let mut reader = BufReader::new(stream);
    let mut length = None;
    let mut chunked = false;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|e| format!("{method} {path}: {e}"))? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse::<usize>().ok();
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
    }
    let payload = if chunked {
        read_chunks(&mut reader)?
    } else {
        let mut body = vec![0; length.unwrap_or(0)];
        reader.read_exact(&mut body).map_err(|e| format!("{method} {path}: {e}"))?;
        String::from_utf8_lossy(&body).into_owned()
    };
    serde_json::from_str(&payload).map_err(|e| format!("{method} {path}: bad JSON ({e}): {payload}"))
}

/// Reads an HTTP chunked body.
fn read_chunks(reader: &mut impl BufRead) -> Result<String> {
    let mut out = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(size.trim(), 16).map_err(|e| format!("bad chunk size: {e}"))?;
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
        if size == 0 {
            return Ok(String::from_utf8_lossy(&out).into_owned());
        }
        out.extend_from_slice(&chunk[..size]);
    }
}

/// A chromedriver process with one headless Chromium session.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a Chromium session with a fresh profile.
    fn start(width: u32, height: u32) -> Result<Browser> {
        static PROFILES: AtomicU32 = AtomicU32::new(0);
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let profile = std::env::temp_dir().join(format!(
            "kubeplay-chromium-{}-{}",
            std::process::id(),
            PROFILES.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER} (run scripts/install-tools): {e}"))?;
        let mut browser = Browser { driver, port, session: String::new(), profile };
        wait_until("chromedriver ready", Duration::from_secs(20), || {
            Ok(http_json(port, "GET", "/status", None).ok().filter(|v| v["value"]["ready"] == true))
        })?;
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--no-first-run".into(),
            "--disable-sync".into(),
            format!("--user-data-dir={}", browser.profile.display()),
            format!("--window-size={width},{height}"),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let answer = http_json(port, "POST", "/session", Some(&capabilities))?;
        browser.session = answer["value"]["sessionId"].as_str().ok_or_else(|| format!("no session: {answer}"))?.to_string();
        Ok(browser)
    }

    /// Sends one WebDriver command of this session; a WebDriver error becomes `Err`.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let full = format!("/session/{}{path}", self.session);
        let answer = http_json(self.port, method, &full, body.as_ref())?;
        let value = answer["value"].clone();
        if let Some(error) = value.get("error").and_then(Value::as_str) {
            return Err(format!("{method} {path}: {error}: {}", value["message"].as_str().unwrap_or_default()));
        }
        Ok(value)
    }

    /// The page's console messages so far (to explain a failure).
    fn page_log(&self) -> String {
        let entries = self.command("POST", "/se/log", Some(json!({"type": "browser"}))).unwrap_or_default();
        let lines: Vec<String> = entries
            .as_array()
            .map(|list| list.iter().map(|e| e["message"].as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default();
        lines.join("\n")
    }

    fn goto(&self, url: &str) -> Result<()> {
        self.command("POST", "/url", Some(json!({"url": url}))).map(drop)
    }

    fn refresh(&self) -> Result<()> {
        self.command("POST", "/refresh", Some(json!({}))).map(drop)
    }

    /// Sizes the window so the page itself gets `width` x `height` CSS pixels.
    fn set_viewport(&self, width: u32, height: u32) -> Result<()> {
        let chrome = self.run("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];", json!([]))?;
        let extra = |i: usize| chrome[i].as_u64().unwrap_or(0) as u32;
        let size = json!({"width": width + extra(0), "height": height + extra(1)});
        self.command("POST", "/window/rect", Some(size)).map(drop)
    }

    /// Runs `script` (a function body) in the page with `args`; returns what it returns.
    fn run(&self, script: &str, args: Value) -> Result<Value> {
        self.command("POST", "/execute/sync", Some(json!({"script": script, "args": args})))
    }

    /// The first element matching `css`.
    fn find(&self, css: &str) -> Result<String> {
        let value = self.command("POST", "/element", Some(json!({"using": "css selector", "value": css})))?;
        value[ELEMENT_KEY].as_str().map(str::to_string).ok_or_else(|| format!("no element id for {css}: {value}"))
    }

    fn click(&self, css: &str) -> Result<()> {
        let element = self.find(css)?;
        self.command("POST", &format!("/element/{element}/click"), Some(json!({}))).map(drop)
    }

    fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let element = self.find(css)?;
        self.command("POST", &format!("/element/{element}/value"), Some(json!({"text": text}))).map(drop)
    }

    /// The visible text of the first element matching `css` (empty when there is none).
    fn text(&self, css: &str) -> Result<String> {
        let value = self.run("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", json!([css]))?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// `(data-name, data-status)` of every element with `data-testid=<testid>`.
    fn items(&self, testid: &str) -> Result<Vec<(String, String)>> {
        let value = self.run(
            "return [...document.querySelectorAll(`[data-testid='${arguments[0]}']`)].map(e => [e.dataset.name || '', e.dataset.status || '']);",
            json!([testid]),
        )?;
        Ok(value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|pair| (pair[0].as_str().unwrap_or_default().to_string(), pair[1].as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Types a command into the console and presses Enter.
    fn console(&self, command: &str) -> Result<()> {
        self.type_into("[data-testid=console-input]", &format!("{command}{ENTER}"))
    }

    /// Saves a PNG screenshot of the page to `path`.
    fn screenshot(&self, path: &Path) -> Result<()> {
        let value = self.command("GET", "/screenshot", None)?;
        let png = base64_decode(value.as_str().unwrap_or_default())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, png).map_err(|e| e.to_string())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http_json(self.port, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Standard base64 (as WebDriver screenshots come) to bytes.
fn base64_decode(text: &str) -> Result<Vec<u8>> {
    let value = |c: u8| -> Result<u32> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("bad base64 byte {c}")),
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            acc |= value(b)? << (18 - 6 * i);
        }
        let produced = chunk.len().saturating_sub(1);
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + produced]);
    }
    Ok(out)
}

/// Polls `check` every 100 ms until it gives `Some`, or fails after `timeout` naming `what`.
fn wait_until<T>(what: &str, timeout: Duration, mut check: impl FnMut() -> Result<Option<T>>) -> Result<T> {
    let start = Instant::now();
    let mut last_error = String::new();
    loop {
        match check() {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(e) => last_error = e,
        }
        if start.elapsed() > timeout {
            return Err(format!("timed out after {timeout:?} waiting for {what} {last_error}"));
        }
        thread::sleep(Duration::from_millis(100));
    }
}

// ---------------------------------------------------------------- the tests

/// The built page, or why the tests cannot run.
fn dist() -> Result<PathBuf> {
    if std::env::var("KUBEPLAY_BROWSER_TESTS").as_deref() != Ok("1") {
        return Err("set KUBEPLAY_BROWSER_TESTS=1 after building dist/ (scripts/test does both)".into());
    }
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    if !dist.join("index.html").exists() {
        return Err("dist/index.html is missing: run `trunk build --release --public-url ./` first".into());
    }
    Ok(dist)
}

fn screenshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots").join(format!("{name}.png"))
}

/// Serves `dist/`, opens it in a fresh Chromium with a `width`x`height` viewport and runs virtual
/// time at 20x: the start of most tests.
fn page_at_full_speed(width: u32, height: u32) -> Result<Browser> {
    let url = serve(dist()?);
    let browser = Browser::start(width, height)?;
    open_page(&browser, &url)?;
    browser.set_viewport(width, height)?;
    select_speed(&browser, "20")?;
    Ok(browser)
}

/// Opens the page and waits until the console is there.
fn open_page(browser: &Browser, url: &str) -> Result<()> {
    browser.goto(url)?;
    wait_until("the console input", Duration::from_secs(20), || Ok(browser.find("[data-testid=console-input]").ok()))
        .map_err(|e| format!("{e}\npage log:\n{}", browser.page_log()))?;
    Ok(())
}

/// Waits until the console output contains `text`.
fn expect_output(browser: &Browser, text: &str) -> Result<String> {
    wait_until(&format!("console output {text:?}"), Duration::from_secs(20), || {
        let output = browser.text("[data-testid=console-output]")?;
        Ok(output.contains(text).then_some(output))
    })
}

/// Waits for `count` pods, all Running, that are not named in `excluded`.
fn expect_running_pods(browser: &Browser, count: usize, excluded: &[String]) -> Result<Vec<String>> {
    wait_until(&format!("{count} Running pods"), Duration::from_secs(40), || {
        let pods = browser.items("pod")?;
        let running: Vec<String> = pods
            .iter()
            .filter(|(name, status)| status == "Running" && !excluded.contains(name))
            .map(|(name, _)| name.clone())
            .collect();
        Ok((running.len() == count && pods.len() == count).then_some(running))
    })
}

fn select_speed(browser: &Browser, speed: &str) -> Result<()> {
    browser.click(&format!("[data-testid=time-speed] option[value='{speed}']"))
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn the_deployment_story_in_chromium() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;

    // Create: the console answers and two pods appear and turn Running.
    browser.console("kubectl create deployment web --image=nginx --replicas=2")?;
    expect_output(&browser, "deployment.apps/web created")?;
    let first = expect_running_pods(&browser, 2, &[])?;
    let web_pods = first.iter().filter(|name| name.starts_with("web-")).count();
    assert_eq!(web_pods, 2, "pods {first:?}");
    let nodes = browser.items("node")?;
    assert_eq!(nodes.len(), 2, "two worker nodes as areas: {nodes:?}");
    browser.screenshot(&screenshot_path("deployment-1280x800"))?;

    // Delete one pod: a replacement appears and runs.
    let victim = first[0].clone();
    browser.console(&format!("kubectl delete pod {victim}"))?;
    expect_output(&browser, &format!("pod \"{victim}\" deleted from default namespace"))?;
    let second = expect_running_pods(&browser, 2, std::slice::from_ref(&victim))?;
    assert!(second.contains(&first[1]), "the other pod stays: {second:?}");

    // A rolling update shows the old and the new ReplicaSet.
    browser.console("kubectl set image deploy/web nginx=nginx:1.25")?;
    expect_output(&browser, "deployment.apps/web image updated")?;
    let sets = wait_until("two ReplicaSets", Duration::from_secs(20), || {
        let sets = browser.items("replicaset")?;
        Ok((sets.len() == 2).then_some(sets))
    })?;
    assert!(sets.iter().all(|(name, _)| name.starts_with("web-")), "{sets:?}");
    browser.screenshot(&screenshot_path("rollout-1280x800"))?;

    // Pause: the clock stands still; step moves it; play lets it flow again.
    browser.click("[data-testid=time-pause]")?;
    let paused_at = browser.text("[data-testid=clock]")?;
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(browser.text("[data-testid=clock]")?, paused_at, "the clock moved while paused");
    browser.console("echo $((6 * 7))")?;
    expect_output(&browser, "42\n")?;
    browser.click("[data-testid=time-play]")?;
    wait_until("the clock to move again", Duration::from_secs(5), || {
        Ok((browser.text("[data-testid=clock]")? != paused_at).then_some(()))
    })?;

    // The rollout finishes with the new pods, then a reload keeps everything.
    expect_running_pods(&browser, 2, &second)?;
    browser.console("kubectl get deploy")?;
    expect_output(&browser, "web    2/2")?;
    browser.refresh()?;
    wait_until("the deployment after a reload", Duration::from_secs(20), || {
        Ok(browser.items("deployment")?.iter().any(|(name, _)| name == "web").then_some(()))
    })?;
    expect_output(&browser, "kubectl get deploy")?;
    browser.console("kubectl get deploy web -o name")?;
    expect_output(&browser, "deployment.apps/web\n")?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn details_panel_and_small_screens() -> Result<()> {
    let browser = page_at_full_speed(1024, 768)?;
    browser.console("kubectl create deployment hello --image=nginx")?;
    let first = expect_running_pods(&browser, 1, &[])?;
    browser.click(&format!("[data-testid=pod][data-name='{}']", first[0]))?;
    let describe = wait_until("describe text", Duration::from_secs(10), || {
        let text = browser.text("[data-testid=details-text]")?;
        Ok(text.contains("Status:").then_some(text))
    })?;
    assert!(describe.contains(&format!("Name:             {}", first[0])), "{describe}");
    browser.screenshot(&screenshot_path("details-1024x768"))?;
    browser.click("[data-testid=details-yaml]")?;
    wait_until("YAML text", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=details-text]")?.contains("kind: Pod").then_some(()))
    })?;
    browser.click("[data-testid=details-close]")?;

    // Step to next event while paused: the clock jumps.
    browser.click("[data-testid=time-pause]")?;
    browser.console("kubectl set image deploy/hello nginx=nginx:1.25")?;
    expect_output(&browser, "image updated")?;
    // The clock shows whole seconds and events can be milliseconds apart: step until the new
    // pod runs, which takes a pull, so the clock must have moved by then.
    let before = browser.text("[data-testid=clock]")?;
    wait_until("the steps to run the new pod", Duration::from_secs(10), || {
        browser.click("[data-testid=time-step]")?;
        let pods = browser.items("pod")?;
        Ok((pods.len() == 1 && pods[0].0 != first[0] && pods[0].1 == "Running").then_some(()))
    })?;
    assert_ne!(browser.text("[data-testid=clock]")?, before, "stepping moved the clock");
    browser.screenshot(&screenshot_path("paused-1024x768"))?;

    // Export, reset (back to an empty default namespace), import: the deployment is back.
    browser.click("[data-testid=export]")?;
    let exported = browser.run(
        "const href = document.querySelector('[data-testid=export]').href; return decodeURIComponent(href.slice(href.indexOf(',') + 1));",
        json!([]),
    )?;
    let exported = exported.as_str().unwrap_or_default().to_string();
    assert!(exported.contains("\"hello\""), "the export holds the deployment: {}", &exported[..exported.len().min(200)]);
    let file = std::env::temp_dir().join(format!("kubeplay-export-{}.json", std::process::id()));
    std::fs::write(&file, &exported).map_err(|e| e.to_string())?;
    browser.run("window.confirm = () => true;", json!([]))?;
    browser.click("[data-testid=reset]")?;
    wait_until("an empty cluster view", Duration::from_secs(10), || Ok(browser.items("pod")?.is_empty().then_some(())))?;
    browser.type_into("[data-testid=import]", &file.display().to_string())?;
    wait_until("the imported deployment", Duration::from_secs(10), || {
        Ok(browser.items("deployment")?.iter().any(|(name, _)| name == "hello").then_some(()))
    })?;
    let _ = std::fs::remove_file(&file);
    Ok(())
}

/// Replaces the editor's text as a learner typing would (an `input` event follows).
fn set_editor_text(browser: &Browser, text: &str) -> Result<()> {
    browser
        .run(
            "const t = document.querySelector('[data-testid=editor-text]'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
            json!([text]),
        )
        .map(drop)
}

/// Waits until the editor's text satisfies `check`, and returns it.
fn editor_text(browser: &Browser, what: &str, check: impl Fn(&str) -> bool) -> Result<String> {
    wait_until(what, Duration::from_secs(20), || {
        let text = browser.run("return document.querySelector('[data-testid=editor-text]').value;", json!([]))?;
        let text = text.as_str().unwrap_or_default().to_string();
        Ok(check(&text).then_some(text))
    })
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn kubectl_edit_and_apply_through_the_editor() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl create deployment web --image=nginx --replicas=2")?;
    expect_running_pods(&browser, 2, &[])?;

    // `kubectl edit` opens the object in the editor and waits; Save applies the change.
    browser.console("kubectl edit deploy/web")?;
    let opened = editor_text(&browser, "the deployment in the editor", |t| t.contains("replicas: 2"))?;
    assert!(opened.starts_with("# Please edit the object below."), "{opened}");
    assert!(browser.text("[data-testid=editor-name]")?.starts_with("kubectl edit: /tmp/kubectl-edit-"));
    browser.screenshot(&screenshot_path("kubectl-edit-1280x800"))?;
    set_editor_text(&browser, &opened.replacen("replicas: 2", "replicas: 3", 1))?;
    browser.click("[data-testid=editor-save]")?;
    expect_output(&browser, "deployment.apps/web edited")?;
    expect_running_pods(&browser, 3, &[])?;

    // Cancel leaves the object as it was.
    browser.console("kubectl edit deploy/web")?;
    editor_text(&browser, "the deployment again", |t| t.contains("replicas: 3"))?;
    browser.click("[data-testid=editor-cancel]")?;
    expect_output(&browser, "Edit cancelled, no changes made.")?;

    // Apply from the editor: a syntax error is marked at its line; a good manifest is applied.
    set_editor_text(&browser, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\n bad: [\n")?;
    browser.click("[data-testid=editor-apply]")?;
    let marked = wait_until("an error marker", Duration::from_secs(10), || {
        let marked = browser.text(".gutter .error")?;
        Ok((!marked.is_empty()).then_some(marked))
    })?;
    assert!(browser.text("[data-testid=editor-message]")?.contains("yaml: line "), "{marked}");
    set_editor_text(&browser, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  a: \"1\"\n")?;
    browser.click("[data-testid=editor-apply]")?;
    wait_until("the apply output", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=editor-message]")?.contains("configmap/conf created").then_some(()))
    })?;

    // Files of the virtual filesystem open, change and save.
    browser.click("[data-testid=editor-files] option[value='/home/learner/kube/depl.yaml']")?;
    let file = editor_text(&browser, "kube/depl.yaml", |t| t.contains("kind: Deployment"))?;
    set_editor_text(&browser, &format!("# mine\n{file}"))?;
    browser.click("[data-testid=editor-save]")?;
    browser.console("head -1 kube/depl.yaml")?;
    expect_output(&browser, "# mine")?;
    browser.screenshot(&screenshot_path("editor-1280x800"))?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn the_browser_pane_shows_a_port_forwarded_nginx() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl run web --image=nginx")?;
    expect_running_pods(&browser, 1, &[])?;
    browser.console("kubectl port-forward pod/web 8888:80 &")?;
    expect_output(&browser, "Forwarding from 127.0.0.1:8888 -> 80")?;

    browser.click("[data-testid=tab-browser]")?;
    wait_until("the port-forward offered", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=browser-suggestion]")?.contains("localhost:8888").then_some(()))
    })?;
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("http://localhost:8888{ENTER}"))?;
    wait_until("the nginx welcome page", Duration::from_secs(10), || {
        let page = browser.run("const f = document.querySelector('[data-testid=browser-frame]'); return f ? f.srcdoc : '';", json!([]))?;
        Ok(page.as_str().unwrap_or_default().contains("Welcome to nginx!").then_some(()))
    })?;
    assert_eq!(browser.text("[data-testid=browser-status]")?, "HTTP/1.1 200 OK");
    let sandbox = browser.run("return document.querySelector('[data-testid=browser-frame]').getAttribute('sandbox');", json!([]))?;
    assert_eq!(sandbox, json!("allow-same-origin allow-forms"), "the frame runs no scripts");
    expect_output(&browser, "Handling connection for 8888")?;
    browser.screenshot(&screenshot_path("browser-1280x800"))?;

    // The tutorial's app: its stylesheet comes through the port-forward too and is inlined.
    browser.console("kubectl run rickroller --image=derlin/rickroller:latest --port=8080")?;
    expect_output(&browser, "pod/rickroller created")?;
    expect_running_pods(&browser, 2, &[])?;
    browser.console("kubectl port-forward pod/rickroller 8889:8080 &")?;
    expect_output(&browser, "Forwarding from 127.0.0.1:8889 -> 8080")?;
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("http://localhost:8889{ENTER}"))?;
    let page = wait_until("the rickroller page", Duration::from_secs(10), || {
        let page = browser.run("const f = document.querySelector('[data-testid=browser-frame]'); return f ? f.srcdoc : '';", json!([]))?;
        let page = page.as_str().unwrap_or_default().to_string();
        Ok(page.contains("<form").then_some(page))
    })?;
    assert!(page.contains("<style>") && !page.contains("<link rel=\"stylesheet\""), "the stylesheet is inlined");
    let links = browser.text("[data-testid=browser-link]")?;
    assert!(!links.contains("/assets/"), "only the page's links are offered: {links}");
    browser.screenshot(&screenshot_path("browser-rickroller-1280x800"))?;

    // Nothing listens on another port: a curl-like error.
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("http://localhost:9999{ENTER}"))?;
    wait_until("a refused connection", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=browser-status]")?.contains("Failed to connect to localhost port 9999").then_some(()))
    })?;
    Ok(())
}

/// Runs `act` with WebDriver looking inside the browser pane's frame, then back at the page.
fn in_page_frame<T>(browser: &Browser, act: impl FnOnce() -> Result<T>) -> Result<T> {
    let frame = browser.find("[data-testid=browser-frame][data-interactive=true]")?;
    browser.command("POST", "/frame", Some(json!({"id": {ELEMENT_KEY: frame}})))?;
    let result = act();
    browser.command("POST", "/frame/parent", Some(json!({})))?;
    result
}

/// Waits until the pane shows a page (listening to it) whose document contains `text`; returns
/// the address bar then.
fn expect_pane_page(browser: &Browser, text: &str) -> Result<String> {
    wait_until(&format!("a page with {text:?}"), Duration::from_secs(20), || {
        let shown = browser.run(
            "const f = document.querySelector('[data-testid=browser-frame][data-interactive=true]');
             return f ? [f.srcdoc, document.querySelector('[data-testid=browser-address]').value] : ['', ''];",
            json!([]),
        )?;
        Ok(shown[0].as_str().unwrap_or_default().contains(text).then(|| shown[1].as_str().unwrap_or_default().to_string()))
    })
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn rickroller_through_the_ingress_in_the_browser_pane() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    // The tutorial's deployment behind a proxy; its replicas share a secret so a form loaded from
    // one pod may be posted to another.
    browser.console("kubectl apply -f kube/env-depl.yaml")?;
    expect_output(&browser, "deployment.apps/rickroller created")?;
    browser.console("kubectl set env deployment/rickroller APP_SECRET_KEY=s3cr3t")?;
    expect_output(&browser, "deployment.apps/rickroller env updated")?;
    browser.console("kubectl apply -f kube/svc.yaml")?;
    expect_output(&browser, "service/rickroller created")?;
    browser.console("sed -i 's/pathType: Prefix/pathType: ImplementationSpecific/' kube/ingress.yaml")?;
    browser.console("kubectl apply -f kube/ingress.yaml")?;
    expect_output(&browser, "ingress.networking.k8s.io/rickroller created")?;
    browser.console("kubectl rollout status deployment/rickroller")?;
    expect_output(&browser, "deployment \"rickroller\" successfully rolled out")?;

    // Once the ingress has its address, the pane offers it with the ingress path.
    browser.click("[data-testid=tab-browser]")?;
    let shortcut = wait_until("the ingress offered", Duration::from_secs(30), || {
        let offered = browser.run("return [...document.querySelectorAll('[data-testid=browser-suggestion]')].map(b => b.textContent);", json!([]))?;
        let offered: Vec<String> = offered.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
        Ok(offered.into_iter().find(|a| a.ends_with("/rickroller")))
    })?;
    browser.click(&format!("[data-testid=browser-suggestion]:nth-child({})", suggestion_position(&browser, &shortcut)?))?;
    let page = expect_pane_page(&browser, "Rick Roll Your Friends")?;
    assert_eq!(page, shortcut);
    let document = browser.run("return document.querySelector('[data-testid=browser-frame]').srcdoc;", json!([]))?;
    let document = document.as_str().unwrap_or_default();
    assert!(document.contains("<style>body { font-family"), "styled through the ingress: {document}");
    let sandbox = browser.run("return document.querySelector('[data-testid=browser-frame]').getAttribute('sandbox');", json!([]))?;
    assert_eq!(sandbox, json!("allow-same-origin allow-forms"), "the frame runs no scripts");
    browser.screenshot(&screenshot_path("browser-ingress-form-1280x800"))?;

    // The learner fills the form in the frame and presses its button: a 302 to the rick-rolling link.
    in_page_frame(&browser, || {
        browser.type_into("input[name=url]", "https://example.com")?;
        browser.click("button[type=submit]")
    })?;
    let rolled = expect_pane_page(&browser, "A framed page (https://example.com)")?;
    assert!(rolled.ends_with("/rickroller/t2/https%3A%2F%2Fexample.com"), "{rolled}");
    let hint = browser.text("[data-testid=browser-hint]")?;
    assert!(hint.ends_with("/rickroller/gotcha when you click anywhere or scroll 2 times, and so does the pane."), "{hint}");
    assert_eq!(browser.text("[data-testid=browser-status]")?, "HTTP/1.1 200 OK");
    browser.screenshot(&screenshot_path("browser-ingress-rolled-1280x800"))?;

    // Its script would send any click to /gotcha: the pane does the same.
    in_page_frame(&browser, || browser.click("body"))?;
    let gotcha = expect_pane_page(&browser, "YOU GOT RICK ROLLED")?;
    assert!(gotcha.ends_with("/rickroller/gotcha"), "{gotcha}");

    // Or the second scroll of the mouse wheel over it.
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("{rolled}{ENTER}"))?;
    expect_pane_page(&browser, "A framed page (https://example.com)")?;
    scroll_over_page(&browser)?;
    let address = browser.run("return document.querySelector('[data-testid=browser-address]').value;", json!([]))?;
    assert_eq!(address, json!(rolled), "one scroll is not enough");
    scroll_over_page(&browser)?;
    expect_pane_page(&browser, "YOU GOT RICK ROLLED")?;

    // Without BEHIND_PROXY the page still comes, but its stylesheet 404s: unstyled.
    browser.console("kubectl set env deployment/rickroller BEHIND_PROXY-")?;
    browser.console("kubectl rollout status deployment/rickroller")?;
    wait_until("the second rollout", Duration::from_secs(40), || {
        let output = browser.text("[data-testid=console-output]")?;
        Ok((output.matches("successfully rolled out").count() >= 2).then_some(()))
    })?;
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("{shortcut}{ENTER}"))?;
    expect_pane_page(&browser, "Rick Roll Your Friends")?;
    let document = browser.run("return document.querySelector('[data-testid=browser-frame]').srcdoc;", json!([]))?;
    let document = document.as_str().unwrap_or_default();
    assert!(!document.contains("<style>") && document.contains("<form method=\"post\" action=\"/\">"), "unstyled, unprefixed: {document}");
    Ok(())
}

/// One turn of the mouse wheel over the page in the browser pane.
fn scroll_over_page(browser: &Browser) -> Result<()> {
    let frame = browser.find("[data-testid=browser-frame][data-interactive=true]")?;
    let scroll = json!({"type": "scroll", "x": 0, "y": 0, "deltaX": 0, "deltaY": 120, "origin": {ELEMENT_KEY: frame}});
    browser.command("POST", "/actions", Some(json!({"actions": [{"type": "wheel", "id": "wheel", "actions": [scroll]}]}))).map(drop)
}

/// The 1-based position of the suggestion chip `address` among its siblings.
fn suggestion_position(browser: &Browser, address: &str) -> Result<usize> {
    let index = browser.run(
        "return [...document.querySelectorAll('[data-testid=browser-suggestion]')].findIndex(b => b.textContent === arguments[0]);",
        json!([address]),
    )?;
    index.as_u64().map(|i| i as usize + 1).ok_or_else(|| format!("no suggestion {address}"))
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn tab_completion_and_history_search() -> Result<()> {
    const TAB: &str = "\u{E004}";
    const CTRL_R: &str = "\u{E009}r\u{E000}";
    let url = serve(dist()?);
    let browser = Browser::start(1024, 768)?;
    open_page(&browser, &url)?;
    browser.console("kubectl create deployment web --image=nginx")?;
    expect_output(&browser, "deployment.apps/web created")?;
    let input = "[data-testid=console-input]";
    let value = || -> Result<String> {
        let v = browser.run("return document.querySelector('[data-testid=console-input]').value;", json!([]))?;
        Ok(v.as_str().unwrap_or_default().to_string())
    };
    browser.type_into(input, &format!("kubectl desc{TAB}deployments.apps w{TAB}"))?;
    assert_eq!(value()?, "kubectl describe deployments.apps web ");
    browser.type_into(input, ENTER)?;
    expect_output(&browser, "Name:                   web")?;
    browser.type_into(input, &format!("kubectl get deploy{TAB}"))?;
    wait_until("the candidates", Duration::from_secs(5), || {
        Ok(browser.text("[data-testid=completions]")?.contains("deployments").then_some(()))
    })?;
    browser.run("const a = document.querySelector('[data-testid=console-input]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;

    // Ctrl+R finds the newest command containing what is typed; Escape cancels the search,
    // Enter runs it, as in bash.
    browser.type_into(input, &format!("{CTRL_R}create"))?;
    assert_eq!(browser.text("[data-testid=history-search]")?, "(reverse-i-search)`create': kubectl create deployment web --image=nginx");
    browser.type_into(input, "\u{E00C}")?;
    assert_eq!(value()?, "");
    browser.type_into(input, &format!("{CTRL_R}create{ENTER}"))?;
    expect_output(&browser, "deployments.apps \"web\" already exists")?;
    assert_eq!(value()?, "");
    let live = browser.run("return document.querySelector('[aria-live]') !== null;", json!([]))?;
    assert_eq!(live, json!(true), "console output is announced");
    browser.screenshot(&screenshot_path("completion-1024x768"))?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn light_theme_and_presenter_mode() -> Result<()> {
    let url = serve(dist()?);
    let browser = Browser::start(1024, 768)?;
    open_page(&browser, &url)?;
    browser.set_viewport(1024, 768)?;
    let console_font = || -> Result<f64> {
        let size = browser.run("return parseFloat(getComputedStyle(document.querySelector('.console')).fontSize);", json!([]))?;
        Ok(size.as_f64().unwrap_or_default())
    };
    let before = console_font()?;
    browser.click("[data-testid=theme-toggle]")?;
    browser.click("[data-testid=presenter-toggle]")?;
    let theme = browser.run("return document.documentElement.dataset.theme;", json!([]))?;
    assert_eq!(theme, json!("light"));
    assert!(console_font()? > before, "presenter mode makes the console text larger");
    browser.console("kubectl create deployment web --image=nginx --replicas=2")?;
    expect_output(&browser, "deployment.apps/web created")?;
    browser.refresh()?;
    wait_until("the theme kept across a reload", Duration::from_secs(10), || {
        Ok((browser.run("return document.documentElement.dataset.theme;", json!([]))? == json!("light")).then_some(()))
    })?;
    browser.screenshot(&screenshot_path("light-presenter-1024x768"))?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn a_watch_in_a_second_console_tab() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl create deployment web --image=nginx")?;
    expect_running_pods(&browser, 1, &[])?;

    // A second console on the same cluster watches the pods.
    browser.click("[data-testid=console-tab-new]")?;
    wait_until("an empty second console", Duration::from_secs(5), || {
        Ok(browser.text("[data-testid=console-output]")?.is_empty().then_some(()))
    })?;
    browser.console("kubectl get pods -w")?;
    expect_output(&browser, "Running")?;

    // Back in the first console, scale up; the watch in the second sees the new pod.
    browser.click("[data-testid=console-tab]:first-child")?;
    expect_output(&browser, "deployment.apps/web created")?;
    browser.console("kubectl scale deploy web --replicas=2")?;
    expect_output(&browser, "deployment.apps/web scaled")?;
    expect_running_pods(&browser, 2, &[])?;
    browser.click("[data-testid=console-tab]:nth-child(2)")?;
    let watched = expect_output(&browser, "ContainerCreating")?;
    assert!(!watched.contains("deployment.apps/web scaled"), "each console has its own output: {watched}");
    browser.screenshot(&screenshot_path("console-tabs-1280x800"))?;
    Ok(())
}


/// WebDriver's Up arrow key.
const ARROW_UP: &str = "\u{E013}";
/// WebDriver's Right arrow, Alt and Control keys, and the release of held modifiers.
const ARROW_RIGHT: &str = "\u{E014}";
const ALT: &str = "\u{E00A}";
const CONTROL: &str = "\u{E009}";
const RELEASE: &str = "\u{E000}";

/// The console pane of tab `index` (0-based), for selectors inside it.
fn pane(index: usize) -> String {
    format!("[data-testid=console-pane][data-tab='{index}']")
}

/// `[left, top]` of the console pane of tab `index`.
fn pane_corner(browser: &Browser, index: usize) -> Result<(f64, f64)> {
    let rect = browser.run("const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top];", json!([pane(index)]))?;
    Ok((rect[0].as_f64().unwrap_or(-1.0), rect[1].as_f64().unwrap_or(-1.0)))
}

/// Waits until the output of console pane `index` contains `text`.
fn expect_pane_output(browser: &Browser, index: usize, text: &str) -> Result<String> {
    wait_until(&format!("console {} output {text:?}", index + 1), Duration::from_secs(20), || {
        let output = browser.text(&format!("{} [data-testid=console-output]", pane(index)))?;
        Ok(output.contains(text).then_some(output))
    })
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn split_consoles_side_by_side_and_every_tab_survives_a_reload() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl create deployment web --image=nginx")?;
    expect_running_pods(&browser, 1, &[])?;
    browser.click("[data-testid=console-tab-new]")?;
    wait_until("an empty second console", Duration::from_secs(5), || {
        Ok(browser.text("[data-testid=console-output]")?.is_empty().then_some(()))
    })?;
    browser.console("export GREETING=hello")?;
    browser.console("kubectl get pods -w")?;
    expect_output(&browser, "Running")?;

    // Split: both consoles at once, side by side; typing in the first runs there while the
    // second keeps watching.
    browser.click("[data-testid=console-split]")?;
    wait_until("two console panes", Duration::from_secs(5), || Ok((browser.items("console-pane")?.len() == 2).then_some(())))?;
    let (first, second) = (pane_corner(&browser, 0)?, pane_corner(&browser, 1)?);
    assert!(second.0 > first.0 && (second.1 - first.1).abs() < 1.0, "side by side: {first:?} {second:?}");
    browser.type_into(&format!("{} [data-testid=console-input]", pane(0)), &format!("kubectl scale deploy web --replicas=2{ENTER}"))?;
    expect_pane_output(&browser, 0, "deployment.apps/web scaled")?;
    let watched = expect_pane_output(&browser, 1, "ContainerCreating")?;
    assert!(!watched.contains("scaled"), "each console keeps its own output: {watched}");
    let selected = browser.run("return document.querySelector('[data-testid=console-tab][aria-selected=true]').textContent;", json!([]))?;
    assert_eq!(selected, json!("Console 1"), "typing in a pane makes its tab the active one");
    let focused = browser.run("return document.activeElement.closest('[data-testid=console-pane]').dataset.tab;", json!([]))?;
    assert_eq!(focused, json!("0"));
    browser.screenshot(&screenshot_path("console-split-1280x800"))?;

    // On a small screen the panes are stacked.
    browser.set_viewport(1024, 768)?;
    let (first, second) = (pane_corner(&browser, 0)?, pane_corner(&browser, 1)?);
    assert!(second.1 > first.1 && (second.0 - first.0).abs() < 1.0, "stacked: {first:?} {second:?}");
    browser.screenshot(&screenshot_path("console-split-1024x768"))?;

    // Alt+Right moves the keyboard to the next pane; Ctrl+C there stops its watch.
    browser.type_into(&format!("{} [data-testid=console-input]", pane(0)), &format!("{ALT}{ARROW_RIGHT}{RELEASE}"))?;
    let focused = browser.run("return document.activeElement.closest('[data-testid=console-pane]').dataset.tab;", json!([]))?;
    assert_eq!(focused, json!("1"), "Alt+Right goes to the second console");
    let selected = browser.run("return document.querySelector('[data-testid=console-tab][aria-selected=true]').textContent;", json!([]))?;
    assert_eq!(selected, json!("Console 2"));
    browser.type_into(&format!("{} [data-testid=console-input]", pane(1)), &format!("{CONTROL}c{RELEASE}"))?;
    wait_until("the second console's prompt back", Duration::from_secs(5), || {
        Ok(browser.text(&format!("{} .input-row .prompt", pane(1)))?.contains("$").then_some(()))
    })?;

    // A command that ends saves the state; after a reload both tabs are back with their text,
    // history and variables, still split; the watch is gone and the second tab has a prompt.
    browser.type_into(&format!("{} [data-testid=console-input]", pane(0)), &format!("true{ENTER}"))?;
    std::thread::sleep(Duration::from_millis(500));
    browser.refresh()?;
    wait_until("two console panes after the reload", Duration::from_secs(20), || {
        Ok((browser.items("console-pane")?.len() == 2).then_some(()))
    })?;
    expect_pane_output(&browser, 0, "deployment.apps/web scaled")?;
    expect_pane_output(&browser, 1, "ContainerCreating")?;
    let second_input = format!("{} [data-testid=console-input]", pane(1));
    browser.type_into(&second_input, ARROW_UP)?;
    let recalled = browser.run("return document.querySelector(arguments[0]).value;", json!([second_input]))?;
    assert_eq!(recalled, json!("kubectl get pods -w"), "the second tab's own history");
    browser.run("const a = document.querySelector(arguments[0]); a.value = ''; a.dispatchEvent(new Event('input'));", json!([second_input]))?;
    browser.type_into(&second_input, &format!("echo \"$GREETING from $(kubectl get deploy web -o jsonpath='{{.spec.replicas}}')\"{ENTER}"))?;
    expect_pane_output(&browser, 1, "hello from 2")?;
    let first_output = browser.text(&format!("{} [data-testid=console-output]", pane(0)))?;
    assert!(!first_output.contains("hello from 2"), "{first_output}");
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn kubectl_edit_reopens_the_editor_after_an_invalid_save() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl create deployment web --image=nginx")?;
    expect_running_pods(&browser, 1, &[])?;
    browser.console("kubectl edit deploy/web")?;
    let opened = editor_text(&browser, "the deployment in the editor", |t| t.contains("  replicas: 1\n"))?;

    // An invalid value: the console says so and the editor comes back with the causes on top,
    // the marker on the offending line.
    set_editor_text(&browser, &opened.replacen("  replicas: 1\n", "  replicas: -1\n", 1))?;
    browser.click("[data-testid=editor-save]")?;
    expect_output(&browser, "error: deployments.apps \"web\" is invalid")?;
    let reopened = editor_text(&browser, "the reopened deployment", |t| t.contains("was not valid"))?;
    assert!(reopened.starts_with("# Please edit the object below."), "{reopened}");
    assert!(reopened.contains("# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n"), "{reopened}");
    let line_of = |text: &str, wanted: &str| text.lines().position(|l| l == wanted).map(|i| (i + 1).to_string());
    let marker = || browser.text(".gutter .error").map(|t| t.trim().to_string());
    assert_eq!(Some(marker()?), line_of(&reopened, "  replicas: -1"));
    assert!(browser.text("[data-testid=editor-message]")?.contains("was not valid"));

    // A syntax error: reopened again, the marker moved past the longer header.
    set_editor_text(&browser, &reopened.replacen("  replicas: -1\n", "  replicas: 2\n  bad: : x\n", 1))?;
    browser.click("[data-testid=editor-save]")?;
    let broken = editor_text(&browser, "the file with its syntax error", |t| t.contains("# The edited file had a syntax error"))?;
    assert!(!broken.contains("was not valid"), "only the newest reasons: {broken}");
    assert_eq!(Some(marker()?), line_of(&broken, "  bad: : x"));
    browser.screenshot(&screenshot_path("kubectl-edit-reopened-1280x800"))?;

    // Saving it unchanged gives up, keeping a copy; nothing was changed.
    browser.click("[data-testid=editor-save]")?;
    expect_output(&browser, "error: Edit cancelled, no valid changes were saved.")?;
    let output = browser.text("[data-testid=console-output]")?;
    assert!(output.contains("A copy of your changes has been stored to \"/tmp/kubectl-edit-"), "{output}");
    browser.console("kubectl get deploy web -o jsonpath='{.spec.replicas}'; echo")?;
    expect_output(&browser, "\n1\n")?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn a_curl_through_a_load_balancer_lights_its_way() -> Result<()> {
    let url = serve(dist()?);
    let browser = Browser::start(1280, 800)?;
    open_page(&browser, &url)?;
    select_speed(&browser, "20")?;
    browser.console("kubectl create deployment web --image=nginx")?;
    let pods = expect_running_pods(&browser, 1, &[])?;
    browser.console("kubectl expose deployment web --type=LoadBalancer --port=80")?;
    expect_output(&browser, "service/web exposed")?;
    // The Service card lists the pod its Endpoints route to.
    wait_until("the service routing to the pod", Duration::from_secs(20), || {
        Ok(browser.text("[data-testid=service][data-name=web] [data-testid=service-pods]")?.contains(&pods[0]).then_some(()))
    })?;

    // Once the cloud gave the Service an IP, a curl to it pulses the service card and the pod card.
    browser.console("sleep 90; curl -s http://$(kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}')/ | grep '<h1>'")?;
    let pulse = |css: &str| browser.run("return !!document.querySelector(arguments[0]);", json!([css]));
    let (mut service_lit, mut pod_lit) = (false, false);
    wait_until("the request's way to light up", Duration::from_secs(30), || {
        service_lit |= pulse("[data-testid=service][data-name=web].pulse")? == json!(true);
        pod_lit |= pulse(&format!("[data-testid=pod][data-name='{}'].pulse", pods[0]))? == json!(true);
        Ok((service_lit && pod_lit).then_some(()))
    })?;
    browser.screenshot(&screenshot_path("traffic-pulse-1280x800"))?;
    expect_output(&browser, "<h1>Welcome to nginx!</h1>")?;
    wait_until("the pulse to end", Duration::from_secs(5), || Ok((pulse(".pulse")? == json!(false)).then_some(())))?;

    // An Ingress shows as a card with its rules.
    browser.console("kubectl create ingress web --rule=/*=web:80")?;
    wait_until("the ingress card", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=ingress][data-name=web]")?.contains("*/ → web:80").then_some(()))
    })?;
    Ok(())
}

/// `(data-to, data-ready)` of every endpoint line drawn from the Service `key` (`namespace/name`).
fn endpoint_lines(browser: &Browser, key: &str) -> Result<Vec<(String, String)>> {
    let value = browser.run(
        "return [...document.querySelectorAll('[data-testid=endpoint-line]')]
            .filter(l => l.dataset.from === arguments[0]).map(l => [l.dataset.to, l.dataset.ready]);",
        json!([key]),
    )?;
    let pairs = value.as_array().cloned().unwrap_or_default();
    Ok(pairs.iter().map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_str().unwrap_or_default().to_string())).collect())
}

/// Where a line starts and ends on screen, and whether each end touches the card it joins
/// (within 2px of its box), and what the page finds under the line's middle (lines take no clicks).
const LINE_ENDS: &str = "
    const line = [...document.querySelectorAll('[data-testid=endpoint-line]')].find(l => l.dataset.to === arguments[0]);
    if (!line) return null;
    const at = t => { const p = line.getPointAtLength(t).matrixTransform(line.getScreenCTM()); return [p.x, p.y]; };
    const length = line.getTotalLength();
    const near = ([x, y], e) => { const r = e.getBoundingClientRect();
        return x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2; };
    const service = document.querySelector(`[data-testid=service][data-card='svc:${line.dataset.from}']`);
    const pod = document.querySelector(`[data-testid=pod][data-card='pod:${line.dataset.to}']`);
    const [mx, my] = at(length / 2);
    const under = document.elementFromPoint(mx, my);
    return [near(at(0), service), near(at(length), pod), !!under && !line.ownerSVGElement.contains(under)];";

/// How many times the cluster view rebuilt its model, and how many times the clock changed, in
/// `seconds` of real time while nothing happens in the cluster.
fn idle_rebuilds(browser: &Browser, seconds: u64) -> Result<(u64, u64, f64)> {
    browser.run(
        "window.clockChanges = 0;
         window.clockObserver = new MutationObserver(() => window.clockChanges++);
         window.clockObserver.observe(document.querySelector('[data-testid=clock]'), {subtree: true, childList: true, characterData: true});
         window.buildsBefore = window.kubeplayModelBuilds || 0;",
        json!([]),
    )?;
    thread::sleep(Duration::from_secs(seconds));
    let value = browser.run(
        "window.clockObserver.disconnect();
         return [(window.kubeplayModelBuilds || 0) - window.buildsBefore, window.clockChanges,
                 (window.kubeplayModelBuildMs || 0) / Math.max(1, window.kubeplayModelBuilds || 0)];",
        json!([]),
    )?;
    Ok((value[0].as_u64().unwrap_or(u64::MAX), value[1].as_u64().unwrap_or(0), value[2].as_f64().unwrap_or(0.0)))
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn service_lines_follow_its_endpoints() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl create deployment web --image=nginx --replicas=2")?;
    let mut pods = expect_running_pods(&browser, 2, &[])?;
    browser.console("kubectl expose deployment web --port=80")?;
    expect_output(&browser, "service/web exposed")?;

    // One solid line from the Service to each ready pod.
    pods.sort();
    let expected: Vec<(String, String)> = pods.iter().map(|p| (format!("default/{p}"), "true".to_string())).collect();
    wait_until("a line from the service to each pod", Duration::from_secs(20), || {
        let mut lines = endpoint_lines(&browser, "default/web")?;
        lines.sort();
        Ok((lines == expected).then_some(()))
    })?;
    // Each line runs from the service card to the pod card, and clicks go through it.
    // Lines are measured a frame after the cards settle: give the layout a moment.
    let first = json!([format!("default/{}", pods[0])]);
    wait_until("the line to run from the service card to the pod card, letting clicks through", Duration::from_secs(5), || {
        Ok((browser.run(LINE_ENDS, first.clone())? == json!([true, true, true])).then_some(()))
    })?;
    browser.screenshot(&screenshot_path("endpoint-lines-1280x800"))?;

    // With nothing happening, the clock runs on but the view does not rebuild its model.
    let (rebuilds, clock_changes, build_ms) = idle_rebuilds(&browser, 3)?;
    eprintln!("idle 3s at 20x: {rebuilds} model rebuilds, {clock_changes} clock changes, {build_ms:.3} ms per build");
    assert!(clock_changes >= 10, "the clock should have changed often, changed {clock_changes} times");
    assert!(rebuilds <= 2, "the model was rebuilt {rebuilds} times while the cluster was idle");

    // Scaled to one replica: one line left, to a pod that is still there.
    browser.console("kubectl scale deployment web --replicas=1")?;
    let kept = wait_until("a single line", Duration::from_secs(30), || {
        let lines = endpoint_lines(&browser, "default/web")?;
        Ok((lines.len() == 1 && lines[0].1 == "true").then(|| lines[0].0.clone()))
    })?;
    assert!(expected.iter().any(|(to, _)| *to == kept), "the line goes to {kept}, not to one of {expected:?}");
    // The scaled-down pod's card fades out and the others move: the line follows once they settle.
    wait_until("the remaining line to run from the service card to its pod card", Duration::from_secs(5), || {
        let ends = browser.run(LINE_ENDS, json!([kept]))?;
        Ok((ends[0] == json!(true) && ends[1] == json!(true)).then_some(()))
    })?;

    // A rollout to pods that never get ready: the new pod's line is dashed (not ready), the old
    // pod keeps its solid one.
    browser.console(r#"kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","readinessProbe":{"httpGet":{"path":"/","port":81},"periodSeconds":2}}]}}}}'"#)?;
    expect_output(&browser, "deployment.apps/web patched")?;
    let waiting = wait_until("a dashed line to the unready pod", Duration::from_secs(30), || {
        let lines = endpoint_lines(&browser, "default/web")?;
        let waiting: Vec<String> = lines.iter().filter(|(_, ready)| ready == "false").map(|(to, _)| to.clone()).collect();
        Ok((lines.len() == 2 && lines.contains(&(kept.clone(), "true".into())) && waiting.len() == 1).then(|| waiting[0].clone()))
    })?;
    let dashed = browser.run(
        "const l = [...document.querySelectorAll('[data-testid=endpoint-line]')].find(l => l.dataset.to === arguments[0]);
         return getComputedStyle(l).strokeDasharray;",
        json!([waiting]),
    )?;
    assert_ne!(dashed, json!("none"), "the line to a not-ready endpoint is dashed");

    // An Ingress gets a line to the Service it names.
    browser.console("kubectl create ingress web --rule=/*=web:80")?;
    wait_until("the ingress line", Duration::from_secs(10), || {
        let found = browser.run(
            "return [...document.querySelectorAll('[data-testid=ingress-line]')].map(l => l.dataset.from + ' -> ' + l.dataset.to);",
            json!([]),
        )?;
        Ok((found == json!(["default/web -> default/web"])).then_some(()))
    })?;

    // Light theme and presenter mode change the cards' sizes: the lines follow them.
    browser.click("[data-testid=theme-toggle]")?;
    browser.click("[data-testid=presenter-toggle]")?;
    wait_until("the lines to follow the larger cards", Duration::from_secs(5), || {
        Ok((browser.run(LINE_ENDS, json!([kept]))? == json!([true, true, true])).then_some(()))
    })?;
    browser.screenshot(&screenshot_path("endpoint-lines-light-presenter-1280x800"))?;

    // A smaller window moves the cards: the lines follow; and they scroll with the cards.
    browser.set_viewport(1024, 600)?;
    wait_until("the lines to follow a resize", Duration::from_secs(5), || {
        Ok((browser.run(LINE_ENDS, json!([kept]))? == json!([true, true, true])).then_some(()))
    })?;
    let scrolled = browser.run(
        "const view = document.querySelector('[data-testid=cluster-view]'); view.scrollTop = 80; return view.scrollTop;",
        json!([]),
    )?;
    assert!(scrolled.as_f64().unwrap_or(0.0) > 0.0, "the cluster view should scroll in presenter mode at 1024x600");
    assert_eq!(browser.run(LINE_ENDS, json!([kept]))?, json!([true, true, true]), "line ends after scrolling the view");

    // A request through the Service lights its line to the pod that answers, and sends a dot along it.
    browser.console(r#"kubectl patch service web -p '{"spec":{"type":"LoadBalancer"}}'"#)?;
    expect_output(&browser, "service/web patched")?;
    browser.console("sleep 90; curl -s http://$(kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}')/ | grep '<h1>'")?;
    let lit = "const line = document.querySelector(`[data-testid=endpoint-line][data-to='${arguments[0]}'].pulse`);
        const dot = document.querySelector('.cluster-lines .line-pulse');
        return !!line && !!dot && dot.getAttribute('pathLength') === '100' && dot.getAttribute('d') === line.getAttribute('d');";
    wait_until("a dot along the line to the answering pod", Duration::from_secs(30), || {
        Ok((browser.run(lit, json!([kept]))? == json!(true)).then_some(()))
    })?;
    expect_output(&browser, "<h1>Welcome to nginx!</h1>")?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn endpoint_lines_under_reduced_motion() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    let reduce = json!({"cmd": "Emulation.setEmulatedMedia",
        "params": {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}});
    browser.command("POST", "/goog/cdp/execute", Some(reduce))?;
    browser.console("kubectl create deployment web --image=nginx")?;
    let pods = expect_running_pods(&browser, 1, &[])?;
    browser.console("kubectl expose deployment web --type=LoadBalancer --port=80")?;
    expect_output(&browser, "service/web exposed")?;
    let to = format!("default/{}", pods[0]);
    wait_until("the endpoint line", Duration::from_secs(20), || {
        Ok((endpoint_lines(&browser, "default/web")? == vec![(to.clone(), "true".to_string())]).then_some(()))
    })?;

    // A request still lights the line, but no dot travels it.
    browser.console("sleep 90; curl -s http://$(kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}')/ | grep '<h1>'")?;
    let state = "const line = document.querySelector(`[data-testid=endpoint-line][data-to='${arguments[0]}'].pulse`);
        const dot = document.querySelector('.cluster-lines .line-pulse');
        return line ? [getComputedStyle(line).strokeWidth, dot ? getComputedStyle(dot).display : 'absent'] : null;";
    let lit = wait_until("the lit line", Duration::from_secs(30), || {
        let value = browser.run(state, json!([to]))?;
        Ok((!value.is_null()).then_some(value))
    })?;
    assert_eq!(lit, json!(["2.5px", "none"]), "a lit line is wider and its dot is hidden (stroke width, dot display)");
    expect_output(&browser, "<h1>Welcome to nginx!</h1>")?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn a_restarting_pod_keeps_its_restart_age_fresh() -> Result<()> {
    let browser = page_at_full_speed(1280, 800)?;
    browser.console("kubectl run crash --image=busybox -- false")?;
    let title = "const pod = document.querySelector('[data-testid=pod][data-name=crash]'); return pod ? pod.title : '';";
    let first = wait_until("a restart age on the pod card", Duration::from_secs(30), || {
        let text = browser.run(title, json!([]))?.as_str().unwrap_or_default().to_string();
        Ok(text.contains(" ago)").then_some(text))
    })?;
    // While a card shows a time, the clock rebuilds the model (about once per virtual second).
    let (rebuilds, clock_changes, _) = idle_rebuilds(&browser, 2)?;
    eprintln!("restart age shown, 2s at 20x: {rebuilds} model rebuilds, {clock_changes} clock changes");
    assert!(rebuilds >= 5, "only {rebuilds} rebuilds in 2s while the card shows a restart age");
    let later = browser.run(title, json!([]))?;
    assert_ne!(later, json!(first), "the restart age moves on");
    Ok(())
}

// ---------------------------------------------------------------- the tutorial's chapter

/// The two-container pod of the tutorial's step 6, as the learner pastes it (its sidecar runs a
/// command named `1` and crash-loops).
const CHAPTER_TWO_CONTAINER_POD: &str = "cat <<EOF > kube/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: rickroller
spec:
  containers:
  - name: sh # <- a second container
    image: busybox
    command: ['sh', '-c', 'while 1; do sleep 10; done']
  - name: rickroller
    image: derlin/rickroller:latest
    ports:
    - containerPort: 8080
EOF";

/// The sidecar example of step 9: nginx writes its access log into a shared emptyDir that the
/// sidecar tails.
const CHAPTER_SIDECAR_POD: &str = "cat <<EOF > kube/sidecar.yaml
apiVersion: v1
kind: Pod
metadata:
  name: example
  labels:
    app: webapp
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
    volumeMounts:
    - name: shared-logs
      mountPath: /var/log/nginx
  - name: sidecar
    image: busybox
    command: [\"sh\", \"-c\", \"touch /var/log/nginx/access.log; tail -F /var/log/nginx/access.log\"]
    volumeMounts:
    - name: shared-logs
      mountPath: /var/log/nginx
  volumes:
  - name: shared-logs
    emptyDir: {}
EOF";

/// Waits for the prompt (the command before has finished, as a learner waits), then types
/// `command` and presses Enter.
fn learner_types(browser: &Browser, command: &str) -> Result<()> {
    wait_for_prompt(browser)?;
    browser.console(command)
}

/// Waits until the shown console is at its prompt (no command running).
fn wait_for_prompt(browser: &Browser) -> Result<()> {
    wait_until("the prompt", Duration::from_secs(30), || {
        let busy = browser.run("const r = document.querySelector('[data-testid=console-pane] .input-row'); return r ? r.classList.contains('busy') : true;", json!([]))?;
        Ok((busy == json!(false)).then_some(()))
    })
}

/// Pastes `text` into the console input at once, as a clipboard paste does (no key per
/// character), then presses Enter.
fn paste_into_console(browser: &Browser, text: &str) -> Result<()> {
    wait_for_prompt(browser)?;
    browser.run(
        "const t = document.querySelector('[data-testid=console-input]'); t.focus(); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([text]),
    )?;
    browser.type_into("[data-testid=console-input]", ENTER)
}

/// Waits until the console output holds `text` at least `count` times (output repeats itself
/// over a chapter: `created`, `Running`, ...); returns the output.
fn expect_output_times(browser: &Browser, text: &str, count: usize) -> Result<String> {
    wait_until(&format!("{count} x console output {text:?}"), Duration::from_secs(30), || {
        let output = browser.text("[data-testid=console-output]")?;
        Ok((output.matches(text).count() >= count).then_some(output))
    })
}

/// The console output after the last echo of `command`: what that command printed.
fn output_of(browser: &Browser, command: &str) -> Result<String> {
    let output = browser.text("[data-testid=console-output]")?;
    Ok(output.rsplit_once(command).map(|(_, after)| after.to_string()).unwrap_or_default())
}

/// Ctrl+C in the console: stops the command running in the foreground.
fn interrupt_console(browser: &Browser) -> Result<()> {
    browser.type_into("[data-testid=console-input]", &format!("{CONTROL}c{RELEASE}"))
}

/// Waits until the pod cards are exactly `wanted` as (name prefix, status), in any order.
fn expect_pod_cards(browser: &Browser, what: &str, check: impl Fn(&[(String, String)]) -> bool) -> Result<Vec<(String, String)>> {
    let mut seen = Vec::new();
    wait_until(what, Duration::from_secs(40), || {
        let pods = browser.items("pod")?;
        seen = pods.clone();
        Ok(check(&pods).then_some(pods))
    })
    .map_err(|e| format!("{e}; pod cards: {seen:?}"))
}

/// Types an address into the browser pane's address bar and presses Enter.
fn browse_to(browser: &Browser, address: &str) -> Result<()> {
    browser.run("const a = document.querySelector('[data-testid=browser-address]'); a.value = ''; a.dispatchEvent(new Event('input'));", json!([]))?;
    browser.type_into("[data-testid=browser-address]", &format!("{address}{ENTER}"))
}

/// The chapter "01 — Manifests" of the workshop, steps 1 to 25, typed into the page at 1024x768
/// as a newcomer would, watching the cluster view and the browser pane along the way.
#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn the_whole_chapter_in_the_browser() -> Result<()> {
    let browser = page_at_full_speed(1024, 768)?;
    // Cards fade between statuses for half a second: a screenshot waits for them to settle.
    let shot = |name: &str| {
        thread::sleep(Duration::from_millis(700));
        browser.screenshot(&screenshot_path(&format!("chapter-{name}-1024x768")))
    };
    let rickroller_pods = |pods: &[(String, String)], count: usize| {
        pods.iter().filter(|(name, status)| name.starts_with("rickroller-") && status == "Running").count() == count
            && pods.iter().filter(|(name, _)| name.starts_with("rickroller")).count() == count
    };

    // 1-2. A namespace of one's own, made the default: the cluster view follows it.
    learner_types(&browser, "kubectl create namespace test")?;
    expect_output(&browser, "namespace/test created")?;
    learner_types(&browser, "kubens test")?;
    expect_output(&browser, "Active namespace is \"test\".")?;
    wait_until("the view on namespace test", Duration::from_secs(5), || {
        let shown = browser.run("return document.querySelector('[data-testid=namespace-filter]').value;", json!([]))?;
        Ok((shown == json!("test")).then_some(()))
    })?;

    // 3-4. A bare pod.
    learner_types(&browser, "kubectl run rickroller --image=derlin/rickroller:latest --port 8080")?;
    expect_output(&browser, "pod/rickroller created")?;
    expect_pod_cards(&browser, "the pod rickroller Running", |pods| pods == [("rickroller".to_string(), "Running".to_string())])?;
    learner_types(&browser, "kubectl get pod")?;
    let table = expect_output(&browser, "rickroller   1/1     Running   0")?;
    assert!(table.contains("NAME         READY   STATUS    RESTARTS   AGE"), "{table}");

    // 5. Port-forward in the foreground, the app in the browser pane, Ctrl+C.
    learner_types(&browser, "kubectl port-forward pod/rickroller 8888:8080")?;
    expect_output(&browser, "Forwarding from 127.0.0.1:8888 -> 8080")?;
    expect_output(&browser, "Forwarding from [::1]:8888 -> 8080")?;
    browser.click("[data-testid=tab-browser]")?;
    browse_to(&browser, "http://localhost:8888")?;
    expect_pane_page(&browser, "Rick Roll Your Friends")?;
    expect_output(&browser, "Handling connection for 8888")?;
    shot("port-forward")?;
    interrupt_console(&browser)?;

    // 6. The two-container pod, pasted as a here-doc: its sidecar crash-loops, READY 1/2.
    learner_types(&browser, "kubectl delete pod rickroller")?;
    expect_output(&browser, "pod \"rickroller\" deleted from test namespace")?;
    paste_into_console(&browser, CHAPTER_TWO_CONTAINER_POD)?;
    expect_output(&browser, "> EOF\n")?;
    learner_types(&browser, "kubectl apply -f kube/pod.yaml")?;
    expect_output(&browser, "pod/rickroller created")?;
    wait_until("the crash-looping pod card, 1/2 ready", Duration::from_secs(40), || {
        let card = browser.run(
            "const p = document.querySelector('[data-testid=pod][data-name=rickroller]'); return p ? [p.dataset.status, p.dataset.ready, p.textContent] : null;",
            json!([]),
        )?;
        Ok((card[0] == json!("CrashLoopBackOff") && card[1] == json!("1/2")).then_some(card))
    })?;
    learner_types(&browser, "kubectl get pod")?;
    expect_output(&browser, "rickroller   1/2     CrashLoopBackOff")?;
    shot("crashloop")?;

    // 7-8. The crashed container cannot be exec'ed into; clean up.
    learner_types(&browser, "kubectl exec rickroller --container sh -- wget localhost:8080 -O -")?;
    expect_output(&browser, "unable to upgrade connection: container not found (\"sh\")")?;
    learner_types(&browser, "kubectl delete pod rickroller")?;
    expect_output_times(&browser, "pod \"rickroller\" deleted from test namespace", 2)?;

    // 9. The sidecar tails nginx's access log: a request appears in `logs -f`.
    paste_into_console(&browser, CHAPTER_SIDECAR_POD)?;
    learner_types(&browser, "kubectl apply -f kube/sidecar.yaml")?;
    expect_output(&browser, "pod/example created")?;
    expect_pod_cards(&browser, "the example pod Running", |pods| pods == [("example".to_string(), "Running".to_string())])?;
    browser.click("[data-testid=console-tab-new]")?;
    wait_until("an empty second console", Duration::from_secs(5), || {
        Ok(browser.text("[data-testid=console-output]")?.is_empty().then_some(()))
    })?;
    learner_types(&browser, "kubectl logs example -c sidecar -f")?;
    browser.click("[data-testid=console-tab]:first-child")?;
    learner_types(&browser, "kubectl exec example -c sidecar -- wget -qO- localhost")?;
    expect_output(&browser, "Welcome to nginx!")?;
    browser.click("[data-testid=console-tab]:nth-child(2)")?;
    expect_output(&browser, "\"GET / HTTP/1.1\" 200 615 \"-\" \"Wget\"")?;
    interrupt_console(&browser)?;
    browser.click("[data-testid=console-tab]:first-child")?;

    // 10-11. A Deployment: deployment -> replicaset -> pod, named with hashes.
    learner_types(&browser, "kubectl create deployment rickroller --image=derlin/rickroller:latest --port=8080 --dry-run=client -o yaml")?;
    expect_output(&browser, "  strategy: {}\n")?;
    learner_types(&browser, "kubectl apply -f kube/depl.yaml")?;
    expect_output(&browser, "deployment.apps/rickroller created")?;
    let first = expect_pod_cards(&browser, "one rickroller pod Running", |pods| rickroller_pods(pods, 1))?;
    let (pod, _) = &first[0];
    let hash = pod.trim_start_matches("rickroller-").split('-').next().unwrap_or_default().to_string();
    assert!(!hash.is_empty() && pod.len() == "rickroller-".len() + hash.len() + 6, "rickroller-<hash>-<5 chars>: {pod}");
    learner_types(&browser, "kubectl get all")?;
    expect_output(&browser, &format!("pod/{pod}   1/1     Running"))?;
    expect_output(&browser, "deployment.apps/rickroller   1/1     1            1")?;
    expect_output(&browser, &format!("replicaset.apps/rickroller-{hash}   1         1         1"))?;

    // 12-13. Three replicas; one deleted is replaced.
    learner_types(&browser, "kubectl scale deployment rickroller --replicas=3")?;
    expect_output(&browser, "deployment.apps/rickroller scaled")?;
    let three = expect_pod_cards(&browser, "three rickroller pods Running", |pods| rickroller_pods(pods, 3))?;
    learner_types(&browser, "kubectl delete $(kubectl get pod -o name | grep rickroller | head -1)")?;
    let victim = wait_until("the deleted pod's name", Duration::from_secs(20), || {
        let after = output_of(&browser, "| head -1)")?;
        Ok(three.iter().find(|(name, _)| after.contains(&format!("pod \"{name}\" deleted from test namespace"))).map(|(name, _)| name.clone()))
    })?;
    let healed = expect_pod_cards(&browser, "a replacement pod Running", |pods| {
        rickroller_pods(pods, 3) && !pods.iter().any(|(name, _)| *name == victim)
    })?;
    shot("three-replicas")?;

    // 14-15. A watch in a second console during the rolling update to the env-depl manifest:
    // two ReplicaSets in the view, new rows in the watch.
    browser.click("[data-testid=console-tab]:nth-child(2)")?;
    learner_types(&browser, "kubectl get pod -w")?;
    expect_output(&browser, &healed[0].0)?;
    browser.click("[data-testid=console-tab]:first-child")?;
    learner_types(&browser, "kubectl apply -f kube/env-depl.yaml")?;
    expect_output(&browser, "deployment.apps/rickroller configured")?;
    let sets = wait_until("two ReplicaSets", Duration::from_secs(20), || {
        let sets = browser.items("replicaset")?;
        Ok((sets.len() == 2).then_some(sets))
    })?;
    assert!(sets.iter().any(|(name, _)| *name == format!("rickroller-{hash}")), "{sets:?}");
    shot("rolling-update")?;
    let updated = expect_pod_cards(&browser, "three new pods Running", |pods| {
        rickroller_pods(pods, 3) && pods.iter().all(|(name, _)| !name.contains(&hash))
    })?;
    browser.click("[data-testid=console-tab]:nth-child(2)")?;
    let watched = expect_output(&browser, &updated[0].0)?;
    assert!(watched.contains("ContainerCreating"), "{watched}");
    shot("watch")?;
    interrupt_console(&browser)?;
    browser.click("[data-testid=console-tab]:first-child")?;

    // 16-18. Rollback, revisions 2 and 3, the pod-template-hash.
    learner_types(&browser, "kubectl get rs")?;
    expect_output(&browser, "DESIRED   CURRENT   READY")?;
    let old_set = output_of(&browser, "kubectl get rs")?;
    let old_set: Vec<&str> = old_set.lines().find(|l| l.starts_with(&format!("rickroller-{hash} "))).unwrap_or_default().split_whitespace().collect();
    assert_eq!(old_set.get(1..4), Some(&["0", "0", "0"][..]), "the old ReplicaSet is kept, scaled to 0: {old_set:?}");
    learner_types(&browser, "kubectl rollout undo deployment/rickroller")?;
    expect_output(&browser, "deployment.apps/rickroller rolled back")?;
    expect_pod_cards(&browser, "the first template's pods back", |pods| {
        rickroller_pods(pods, 3) && pods.iter().filter(|(name, _)| name.starts_with("rickroller-")).all(|(name, _)| name.contains(&hash))
    })?;
    learner_types(&browser, "kubectl rollout history deployment/rickroller")?;
    expect_output(&browser, "REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n")?;
    learner_types(&browser, "kubectl get rs -o yaml | grep pod-template-hash:")?;
    expect_output(&browser, &format!("pod-template-hash: {hash}\n"))?;

    // 19-21. A LoadBalancer: EXTERNAL-IP pending, then an address about a minute later; lines
    // from the service to the three pods; the app at http://<lb-ip>/ in the browser pane.
    learner_types(&browser, "kubectl create service loadbalancer rickroller --tcp=80:8080")?;
    expect_output(&browser, "service/rickroller created")?;
    let service = "[data-testid=service][data-name=rickroller]";
    let pending = wait_until("the service card", Duration::from_secs(10), || {
        let ip = browser.text(&format!("{service} [data-testid=service-external-ip]"))?;
        Ok((!ip.is_empty()).then_some(ip))
    })?;
    assert_eq!(pending, "external <pending>");
    let lb_ip = wait_until("the load balancer's address", Duration::from_secs(30), || {
        let ip = browser.text(&format!("{service} [data-testid=service-external-ip]"))?;
        Ok(ip.strip_prefix("external ").filter(|ip| ip.chars().next().is_some_and(|c| c.is_ascii_digit())).map(str::to_string))
    })?;
    learner_types(&browser, "kubectl describe svc rickroller")?;
    expect_output(&browser, &format!("LoadBalancer Ingress:     {lb_ip} (VIP)"))?;
    expect_output(&browser, "EnsuredLoadBalancer")?;
    learner_types(&browser, "kubectl get endpoints rickroller")?;
    let endpoints = expect_output(&browser, "rickroller   10.244.")?;
    assert_eq!(endpoints.rsplit("rickroller   ").next().unwrap_or_default().matches(":8080").count(), 3, "{endpoints}");
    let lines = wait_until("three endpoint lines", Duration::from_secs(10), || {
        let lines = endpoint_lines(&browser, "test/rickroller")?;
        Ok((lines.len() == 3).then_some(lines))
    })?;
    assert!(lines.iter().all(|(pod, ready)| pod.contains(&hash) && ready == "true"), "{lines:?}");
    browse_to(&browser, &format!("http://{lb_ip}/"))?;
    expect_pane_page(&browser, "Rick Roll Your Friends")?;
    shot("load-balancer")?;

    // 22-24. A ClusterIP service and the Ingress; the regex path needs ImplementationSpecific,
    // as the controller's admission webhook says.
    learner_types(&browser, "kubectl delete svc rickroller")?;
    expect_output(&browser, "service \"rickroller\" deleted from test namespace")?;
    learner_types(&browser, "kubectl create svc clusterip rickroller --tcp=80:8080")?;
    expect_output_times(&browser, "service/rickroller created", 2)?;
    learner_types(&browser, "kubectl apply -f kube/ingress.yaml")?;
    expect_output(&browser, "cannot be used with pathType Prefix")?;
    learner_types(&browser, "sed -i 's/pathType: Prefix/pathType: ImplementationSpecific/' kube/ingress.yaml")?;
    learner_types(&browser, "kubectl apply -f kube/ingress.yaml")?;
    expect_output(&browser, "ingress.networking.k8s.io/rickroller created")?;
    let ingress_ip = wait_until("the ingress address", Duration::from_secs(30), || {
        let card = browser.text("[data-testid=ingress][data-name=rickroller] .meta")?;
        Ok(card.split_whitespace().find(|word| word.split('.').count() == 4 && word.starts_with(|c: char| c.is_ascii_digit())).map(str::to_string))
    })?;
    learner_types(&browser, "kubectl get ingress")?;
    expect_output(&browser, &format!("rickroller   <none>   *       {ingress_ip}"))?;
    learner_types(&browser, 
        "kubectl -n ingress-nginx exec $(kubectl -n ingress-nginx get pod -o name | grep controller | head -1) -- cat /etc/nginx/nginx.conf | grep -a6 rickroller",
    )?;
    expect_output(&browser, "set $namespace      \"test\";")?;
    expect_output(&browser, "set $service_name   \"rickroller\";")?;
    expect_output(&browser, "proxy_set_header X-Forwarded-Prefix \"/rickroller\";")?;

    // Without BEHIND_PROXY (the undo brought the first template back), the page comes unstyled.
    browse_to(&browser, &format!("http://{ingress_ip}/rickroller"))?;
    expect_pane_page(&browser, "Rick Roll Your Friends")?;
    let document = browser.run("return document.querySelector('[data-testid=browser-frame]').srcdoc;", json!([]))?;
    assert!(!document.as_str().unwrap_or_default().contains("<style>"), "unstyled without BEHIND_PROXY");

    // 25. env-depl again: behind the proxy, the page is styled and its form posts under /rickroller.
    learner_types(&browser, "kubectl apply -f kube/env-depl.yaml")?;
    expect_output_times(&browser, "deployment.apps/rickroller configured", 2)?;
    expect_pod_cards(&browser, "the BEHIND_PROXY pods", |pods| rickroller_pods(pods, 3) && pods.iter().all(|(name, _)| !name.contains(&hash)))?;
    wait_until("endpoint lines to the new pods", Duration::from_secs(20), || {
        let lines = endpoint_lines(&browser, "test/rickroller")?;
        Ok((lines.len() == 3 && lines.iter().all(|(pod, _)| !pod.contains(&hash))).then_some(()))
    })?;
    browse_to(&browser, &format!("http://{ingress_ip}/rickroller"))?;
    wait_until("the styled page through the ingress", Duration::from_secs(20), || {
        let document = browser.run("const f = document.querySelector('[data-testid=browser-frame]'); return f ? f.srcdoc : '';", json!([]))?;
        Ok(document.as_str().unwrap_or_default().contains("<style>").then_some(()))
    })?;
    let ingress_lines = browser.run("return document.querySelectorAll('[data-testid=ingress-line]').length;", json!([]))?;
    assert_eq!(ingress_lines, json!(1), "a line from the ingress to its service");
    shot("ingress")?;
    Ok(())
}

/// Presses Enter on whatever has the keyboard focus (WebDriver actions, not an element's keys).
fn press_enter(browser: &Browser) -> Result<()> {
    let keys = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
        {"type": "keyDown", "value": ENTER}, {"type": "keyUp", "value": ENTER}]}]});
    browser.command("POST", "/actions", Some(keys)).map(drop)
}

/// How many elements match `css`.
fn count_of(browser: &Browser, css: &str) -> Result<u64> {
    Ok(browser.run("return document.querySelectorAll(arguments[0]).length;", json!([css]))?.as_u64().unwrap_or(0))
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn closing_a_console_tab_stops_what_runs_in_it() -> Result<()> {
    let browser = page_at_full_speed(1024, 768)?;
    browser.console("kubectl run web --image=nginx")?;
    expect_running_pods(&browser, 1, &[])?;
    assert_eq!(count_of(&browser, "[data-testid=console-tab-close]")?, 0, "no close button on the only tab");

    // A second tab forwards a port; the browser pane reaches nginx through it.
    browser.click("[data-testid=console-tab-new]")?;
    browser.console("kubectl port-forward pod/web 8888:80")?;
    expect_output(&browser, "Forwarding from 127.0.0.1:8888 -> 80")?;
    assert_eq!(count_of(&browser, "[data-testid=console-tab-close]")?, 2);
    browser.click("[data-testid=tab-browser]")?;
    browse_to(&browser, "http://localhost:8888")?;
    expect_pane_page(&browser, "Welcome to nginx!")?;
    browser.screenshot(&screenshot_path("console-tab-close-1024x768"))?;

    // The keyboard reaches the second tab's "×": Enter closes it, the first tab is shown, and
    // the port-forward is gone with it.
    let label = browser.run(
        "const b = document.querySelectorAll('[data-testid=console-tab-close]')[1]; b.focus(); return document.activeElement.getAttribute('aria-label');",
        json!([]),
    )?;
    assert_eq!(label, json!("close console 2"));
    press_enter(&browser)?;
    wait_until("one console tab", Duration::from_secs(5), || Ok((count_of(&browser, "[data-testid=console-tab]")? == 1).then_some(())))?;
    assert_eq!(count_of(&browser, "[data-testid=console-tab-close]")?, 0, "no close button on the last tab");
    expect_output(&browser, "pod/web created")?;
    browse_to(&browser, "http://localhost:8888")?;
    wait_until("the forward gone", Duration::from_secs(10), || {
        Ok(browser.text("[data-testid=browser-status]")?.contains("Failed to connect to localhost port 8888").then_some(()))
    })?;

    // Split with three tabs, close the middle one: two panes stay, each with its own output,
    // and a reload keeps two tabs.
    browser.click("[data-testid=console-tab-new]")?;
    browser.console("echo second")?;
    browser.click("[data-testid=console-tab-new]")?;
    browser.console("echo third")?;
    expect_output(&browser, "third\n")?;
    browser.click("[data-testid=console-split]")?;
    wait_until("three panes", Duration::from_secs(5), || Ok((count_of(&browser, "[data-testid=console-pane]")? == 3).then_some(())))?;
    browser.run("document.querySelectorAll('[data-testid=console-tab-close]')[1].click();", json!([]))?;
    wait_until("two panes", Duration::from_secs(5), || Ok((count_of(&browser, "[data-testid=console-pane]")? == 2).then_some(())))?;
    let outputs = browser.run("return [...document.querySelectorAll('[data-testid=console-output]')].map(o => o.textContent);", json!([]))?;
    let outputs: Vec<String> = outputs.as_array().map(|a| a.iter().map(|o| o.as_str().unwrap_or_default().to_string()).collect()).unwrap_or_default();
    assert!(outputs.len() == 2 && outputs[0].contains("pod/web created") && outputs[1].contains("third\n") && !outputs[1].contains("second\n"), "{outputs:?}");
    browser.refresh()?;
    wait_until("two tabs after a reload", Duration::from_secs(20), || Ok((count_of(&browser, "[data-testid=console-tab]")? == 2).then_some(())))?;
    Ok(())
}

// ---------------------------------------------------------------- every workload in the view

/// A StatefulSet of two nginx pods, each with a 1Gi claim from its template, as one JSON line.
const WEB_STATEFULSET: &str = r#"{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{"serviceName":"web","replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}},"volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}"#;

/// A Job whose only pod fails and that gives up at once.
const FAILING_JOB: &str = r#"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"oops"},"spec":{"backoffLimit":0,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"oops","image":"busybox","command":["false"]}]}}}}"#;

/// The StatefulSet card's pods in page order: `[name, status, revision, "claim status,..."]`.
fn stateful_pods(browser: &Browser, set: &str) -> Result<Vec<Vec<String>>> {
    let rows = browser.run(
        "return [...document.querySelectorAll(`[data-testid=statefulset][data-name='${arguments[0]}'] [data-testid=statefulset-pod]`)].map(p => {
            const pod = p.querySelector('.pod');
            const claims = [...p.querySelectorAll('[data-testid=pvc-chip]')].map(c => `${c.dataset.name} ${c.dataset.status}`).join(',');
            return [pod ? pod.dataset.name : '', pod ? pod.dataset.status : '', p.dataset.revision, claims];
        });",
        json!([set]),
    )?;
    let strings = |row: &Value| row.as_array().map(|r| r.iter().map(|c| c.as_str().unwrap_or_default().to_string()).collect()).unwrap_or_default();
    Ok(rows.as_array().map(|rows| rows.iter().map(strings).collect()).unwrap_or_default())
}

/// `[data-name, data-status]` of the pods inside the first element matching `css`.
fn pods_in(browser: &Browser, css: &str) -> Result<Vec<(String, String)>> {
    let rows = browser.run(
        "const box = document.querySelector(arguments[0]); return box ? [...box.querySelectorAll('[data-testid=pod]')].map(p => [p.dataset.name, p.dataset.status]) : [];",
        json!([css]),
    )?;
    let pair = |row: &Value| (row[0].as_str().unwrap_or_default().to_string(), row[1].as_str().unwrap_or_default().to_string());
    Ok(rows.as_array().map(|rows| rows.iter().map(pair).collect()).unwrap_or_default())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn statefulsets_jobs_cronjobs_and_config_have_their_cards() -> Result<()> {
    let browser = page_at_full_speed(1280, 900)?;
    browser.console(&format!("echo '{WEB_STATEFULSET}' > web.json"))?;
    browser.console("kubectl apply -f web.json")?;
    expect_output(&browser, "statefulset.apps/web created")?;
    browser.console(&format!("echo '{FAILING_JOB}' > oops.json"))?;
    browser.console("kubectl apply -f oops.json")?;
    expect_output(&browser, "job.batch/oops created")?;
    browser.console("kubectl create job hello --image=busybox -- echo hi")?;
    browser.console("kubectl create cronjob tick --image=busybox --schedule=\"*/1 * * * *\" -- date")?;
    browser.console("kubectl create configmap settings --from-literal=a=1 --from-literal=b=2")?;
    browser.console("kubectl create secret generic pw --from-literal=password=s3cret")?;
    expect_output(&browser, "secret/pw created")?;

    // The StatefulSet: pods in ordinal order, each Running with its own Bound claim.
    let pods = wait_until("web-0 and web-1 Running with Bound claims", Duration::from_secs(40), || {
        let pods = stateful_pods(&browser, "web")?;
        let done = pods.len() == 2 && pods.iter().all(|p| p[1] == "Running" && p[3].ends_with(" Bound"));
        Ok(done.then_some(pods))
    })?;
    assert_eq!((pods[0][0].as_str(), pods[1][0].as_str()), ("web-0", "web-1"), "{pods:?}");
    assert_eq!((pods[0][3].as_str(), pods[1][3].as_str()), ("data-web-0 Bound", "data-web-1 Bound"), "{pods:?}");
    assert_eq!(browser.text("[data-testid=statefulset][data-name=web] [data-testid=statefulset-ready]")?, "2/2 ready");
    let revision = browser.text("[data-testid=statefulset][data-name=web] [data-testid=statefulset-revision]")?;
    assert!(revision.starts_with("revision web-"), "{revision}");
    // Its pods are not also listed as pods without a ReplicaSet.
    assert!(pods_in(&browser, ".bare-pods")?.iter().all(|(name, _)| !name.starts_with("web-")));

    // Jobs: the one that worked is Complete 1/1 with a Completed pod, the other Failed with an Error pod.
    let hello = wait_until("job hello Complete", Duration::from_secs(30), || {
        let pods = pods_in(&browser, "[data-testid=job][data-name=hello]")?;
        let status = browser.text("[data-testid=job][data-name=hello] [data-testid=job-status]")?;
        Ok((status == "Complete" && pods.len() == 1 && pods[0].1 == "Completed").then_some(pods))
    })?;
    assert!(hello[0].0.starts_with("hello-"), "{hello:?}");
    assert_eq!(browser.text("[data-testid=job][data-name=hello] [data-testid=job-completions]")?, "1/1");
    wait_until("job oops Failed with an Error pod", Duration::from_secs(30), || {
        let pods = pods_in(&browser, "[data-testid=job][data-name=oops]")?;
        let status = browser.text("[data-testid=job][data-name=oops] [data-testid=job-status]")?;
        Ok((status == "Failed" && pods.len() == 1 && pods[0].1 == "Error").then_some(()))
    })?;
    assert_eq!(browser.text("[data-testid=job][data-name=oops] [data-testid=job-completions]")?, "0/1");

    // The CronJob makes a Job each virtual minute, shown inside it with its Completed pod.
    let cron = "[data-testid=cronjob][data-name=tick]";
    wait_until("a completed Job under the CronJob", Duration::from_secs(60), || {
        let pods = pods_in(&browser, cron)?;
        let complete = browser.run(
            "return [...document.querySelectorAll(arguments[0] + ' [data-testid=job]')].map(j => j.dataset.status);",
            json!([cron]),
        )?;
        Ok((complete.as_array().is_some_and(|a| a.iter().any(|s| s == "Complete")) && pods.iter().any(|(_, s)| s == "Completed")).then_some(()))
    })?;
    let meta = browser.text(&format!("{cron} [data-testid=cronjob-meta]"))?;
    assert!(meta.starts_with("*/1 * * * * · last ") && meta.ends_with(" ago"), "{meta}");
    let job_names = browser.run("return [...document.querySelectorAll(arguments[0] + ' [data-testid=job]')].map(j => j.dataset.name);", json!([cron]))?;
    assert!(job_names.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|n| n.as_str().is_some_and(|n| n.starts_with("tick-")))), "{job_names}");
    // Jobs of the CronJob are not shown again on their own.
    assert_eq!(browser.items("job")?.iter().filter(|(name, _)| name.starts_with("tick-")).count(), job_names.as_array().map_or(0, Vec::len));

    // The config and storage row: key counts, never a secret's value; claims Bound.
    let items = browser.items("config-item")?;
    for expected in ["settings", "pw", "data-web-0", "data-web-1"] {
        assert!(items.iter().any(|(name, _)| name == expected), "{expected} in {items:?}");
    }
    assert!(items.iter().filter(|(name, _)| name.starts_with("data-web-")).all(|(_, status)| status == "Bound"), "{items:?}");
    let row = browser.text("[data-testid=config-row]")?;
    assert!(row.contains("settings") && row.contains("2 keys") && row.contains("1 key"), "{row}");
    assert!(!row.contains("s3cret") && !row.contains("czNjcmV0"), "a secret value shows: {row}");

    // Clicking a card opens the side panel on it.
    browser.click("[data-testid=statefulset][data-name=web] .group-title")?;
    wait_until("describe statefulset", Duration::from_secs(10), || {
        let text = browser.text("[data-testid=details-text]")?;
        Ok((text.contains("Name:") && text.contains("web") && text.contains("Replicas:")).then_some(()))
    })?;
    // The panel covers part of the view: close it before clicking the next card.
    browser.click("[data-testid=details-close]")?;
    browser.click("[data-testid=config-item][data-name=pw]")?;
    wait_until("describe secret", Duration::from_secs(10), || {
        let text = browser.text("[data-testid=details-text]")?;
        Ok((text.contains("password:") && text.contains("6 bytes")).then_some(()))
    })?;
    browser.click("[data-testid=details-close]")?;
    browser.screenshot(&screenshot_path("workloads-1280x900"))?;

    // A partitioned rolling update: web-1 moves to the new revision, web-0 stays, both visible.
    browser.console(r#"kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}'"#)?;
    browser.console("kubectl set image sts/web nginx=nginx:1.25")?;
    expect_output(&browser, "statefulset.apps/web image updated")?;
    let pods = wait_until("web-1 on the new revision", Duration::from_secs(40), || {
        let pods = stateful_pods(&browser, "web")?;
        let rolled = pods.len() == 2 && pods.iter().all(|p| p[1] == "Running") && pods[0][2] != pods[1][2] && !pods[1][2].is_empty();
        Ok(rolled.then_some(pods))
    })?;
    let revision = browser.text("[data-testid=statefulset][data-name=web] [data-testid=statefulset-revision]")?;
    assert_eq!(revision, format!("updating {} → {}", pods[0][2], pods[1][2]), "{pods:?}");
    let outdated = browser.run("return [...document.querySelectorAll('[data-testid=statefulset-pod].outdated .pod')].map(p => p.dataset.name);", json!([]))?;
    assert_eq!(outdated, json!(["web-0"]));
    browser.screenshot(&screenshot_path("statefulset-partition-1280x900"))?;

    // A claim deleted while its pod uses it stays Terminating on the pod's chip; scaling down
    // removes web-1 but keeps its claim, still Bound.
    browser.console("kubectl delete pvc data-web-0 --wait=false")?;
    expect_output(&browser, "persistentvolumeclaim \"data-web-0\" deleted from default namespace")?;
    wait_until("data-web-0 Terminating on web-0", Duration::from_secs(10), || {
        let pods = stateful_pods(&browser, "web")?;
        Ok(pods.first().is_some_and(|p| p[0] == "web-0" && p[3] == "data-web-0 Terminating").then_some(()))
    })?;
    browser.console("kubectl scale sts web --replicas=1")?;
    expect_output(&browser, "statefulset.apps/web scaled")?;
    wait_until("only web-0 left", Duration::from_secs(30), || {
        let names: Vec<String> = stateful_pods(&browser, "web")?.into_iter().map(|p| p[0].clone()).collect();
        Ok((names == ["web-0"]).then_some(()))
    })?;
    let claims = browser.items("config-item")?;
    assert!(claims.contains(&("data-web-1".to_string(), "Bound".to_string())), "{claims:?}");
    assert!(claims.contains(&("data-web-0".to_string(), "Terminating".to_string())), "{claims:?}");

    // kube-system's DaemonSets show only with that namespace: one pod per node.
    assert!(browser.items("daemonset")?.is_empty(), "no DaemonSet in default");
    let nodes = browser.items("node")?.len();
    browser.click("[data-testid=namespace-filter] option[value='kube-system']")?;
    let proxy = "[data-testid=daemonset][data-name=kube-proxy]";
    let proxy_pods = wait_until("the kube-proxy DaemonSet", Duration::from_secs(10), || {
        let pods = pods_in(&browser, proxy)?;
        Ok((!pods.is_empty()).then_some(pods))
    })?;
    assert_eq!(proxy_pods.len(), nodes, "{proxy_pods:?}");
    assert!(proxy_pods.iter().all(|(name, status)| name.starts_with("kube-proxy-") && status == "Running"), "{proxy_pods:?}");
    assert_eq!(browser.text(&format!("{proxy} [data-testid=daemonset-meta]"))?, format!("desired {nodes} · ready {nodes} · rev 1"));
    assert!(browser.items("statefulset")?.is_empty(), "the default namespace's StatefulSet is filtered out");
    // Let the cards finish appearing before the picture.
    thread::sleep(Duration::from_millis(500));
    browser.screenshot(&screenshot_path("daemonsets-kube-system-1280x900"))?;
    Ok(())
}

#[test]
#[ignore = "needs Chromium and a built dist/: run scripts/test"]
fn lesson_panel_copies_a_command_and_ticks_the_step() -> Result<()> {
    let browser = page_at_full_speed(1024, 768)?;
    let expanded = || browser.run("return document.querySelector('[data-testid=lessons-toggle]').getAttribute('aria-expanded');", json!([]));
    assert_eq!(expanded()?, json!("false"), "collapsed by default at 1024px");
    browser.click("[data-testid=lessons-toggle]")?;
    assert_eq!(expanded()?, json!("true"));
    let step_done = |n: usize| -> Result<bool> {
        let done = browser.run("const e = document.querySelector(`[data-testid=lesson-step-${arguments[0]}]`); return !!e && e.classList.contains('done');", json!([n]))?;
        Ok(done.as_bool().unwrap_or(false))
    };
    assert!(!step_done(1)?, "step 1 is not done before the command ran");
    assert!(browser.text("[data-testid=lesson-step-1]")?.contains("A namespace of your own"));
    browser.click("[data-testid=lesson-step-1] [data-testid=copy-to-console]")?;
    let typed = browser.run("return document.querySelector('[data-testid=console-input]').value;", json!([]))?;
    assert_eq!(typed, json!("kubectl create namespace test"), "copied, not run");
    browser.type_into("[data-testid=console-input]", ENTER)?;
    expect_output(&browser, "namespace/test created")?;
    wait_until("step 1 ticked", Duration::from_secs(10), || {
        Ok(step_done(1)?.then_some(()))
    })?;
    assert!(!step_done(2)?, "step 2 waits for kubens");
    browser.screenshot(&screenshot_path("lesson-panel-1024x768"))?;
    browser.refresh()?;
    wait_until("the panel kept open across a reload", Duration::from_secs(10), || Ok((expanded().ok() == Some(json!("true"))).then_some(())))?;
    Ok(())
}
