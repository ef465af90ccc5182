//! A headless Chromium for tests, driven through the DevTools protocol (`cdp.rs`).
//!
//! It runs Debian's `/usr/bin/chromium` (never a downloaded browser) with a fresh temporary
//! profile, and at most four browsers run at a time in a test binary (`AT_ONCE`).
//!
//! ```ignore
//! let Some(browser) = Browser::launch() else { return };  // no chromium: fails under CI, else skips
//! let page = browser.open(&server.url, 1920, 1080);       // a new tab whose viewport is 1920×1080
//! let n: usize = page.eval("document.querySelectorAll('.slide').length");
//! let v: Value = page.eval("(() => { const x = 1; return {x}; })()"); // statements: wrap them
//! let found: String = page.wait_for(                      // polls until not null/false/error
//!     "document.querySelector('h1')?.textContent.includes('Otsokop') ? 'ok' : null",
//!     Duration::from_secs(1));
//! let png: Vec<u8> = page.screenshot();                   // PNG of the viewport
//! page.save_screenshot("target/screenshots/x.png");       // same, written to a file
//! page.click("button[type=submit]");
//! page.type_into("input[name=title]", "Bonjour");         // focuses the field and types
//! page.goto(&format!("{}/admin", server.url));            // navigates, waits for the load
//! ```
//! `eval` takes any JS expression (a promise is awaited) and returns its JSON value as `T`;
//! an exception in the page fails the test with the page's message.

use super::cdp::{Chrome, Tab};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// With `VITRINE_TEST_TRACE` set, each harness call prints its time and the test line that
/// made it (`TRACE 0.412 test_name tests/browser/x.rs:42 goto`): where a slow test waits.
pub struct Timed(
    &'static std::panic::Location<'static>,
    Instant,
    &'static str,
);

impl Timed {
    #[track_caller]
    pub fn new(what: &'static str) -> Timed {
        Timed(std::panic::Location::caller(), Instant::now(), what)
    }
}

impl Drop for Timed {
    fn drop(&mut self) {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        if *ON.get_or_init(|| std::env::var_os("VITRINE_TEST_TRACE").is_some()) {
            let thread = std::thread::current();
            eprintln!(
                "TRACE {:.3} {} {}:{} {}",
                self.1.elapsed().as_secs_f64(),
                thread.name().unwrap_or("?"),
                self.0.file(),
                self.0.line(),
                self.2
            );
        }
    }
}

/// Debian's chromium; the harness never fetches another browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Flags that keep chromium quiet, local and runnable as root in CI.
pub const FLAGS: [&str; 7] = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// Chromiums running at once in a test binary: most of a browser test's time is spent waiting
/// (for DevTools answers, an event stream, a fade, a debounce), so four share two cores well;
/// `cargo test` runs four tests at once (`.cargo/config.toml`).
const AT_ONCE: usize = 4;

/// How many chromiums run now, and the wait for a free turn.
static RUNNING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// A turn to run a chromium, given back when dropped.
pub struct Turn(());

impl Drop for Turn {
    fn drop(&mut self) {
        let (running, freed) = &RUNNING;
        *running.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        freed.notify_one();
    }
}

/// Waits for a turn to run a chromium (a `Browser` takes one by itself).
pub fn chromium_turn() -> Turn {
    let (running, freed) = &RUNNING;
    let mut n = running.lock().unwrap_or_else(|e| e.into_inner());
    while *n >= AT_ONCE {
        n = freed.wait(n).unwrap_or_else(|e| e.into_inner());
    }
    *n += 1;
    Turn(())
}

/// A running headless chromium; it ends when this is dropped.
pub struct Browser {
    chrome: Chrome,
    _profile: tempfile::TempDir,
    _turn: Turn,
}

impl Browser {
    /// Starts chromium; when it is not installed, fails under CI, else prints why and
    /// returns `None` (see [`super::tool_missing`]).
    #[track_caller]
    pub fn launch() -> Option<Browser> {
        let _timed = Timed::new("launch");
        if !Path::new(CHROMIUM).exists() {
            super::tool_missing(&format!("{CHROMIUM} is absent (apt-get install chromium)"));
            return None;
        }
        let turn = {
            let _timed = Timed::new("turn-wait");
            chromium_turn()
        };
        let profile = tempfile::tempdir().expect("temporary chromium profile");
        // Its window is large enough for every viewport the tests emulate (cdp.rs).
        let chrome =
            Chrome::launch(Path::new(CHROMIUM), profile.path(), &FLAGS).expect("chromium starts");
        Some(Browser {
            chrome,
            _profile: profile,
            _turn: turn,
        })
    }

    /// A new tab on a blank page, for [`BrowserPage::show`].
    #[track_caller]
    pub fn blank(&self) -> BrowserPage {
        let _timed = Timed::new("blank");
        BrowserPage {
            tab: self.chrome.new_tab().expect("new tab"),
            metrics_on: Default::default(),
        }
    }

    /// Opens `url` in a new tab whose viewport is `width`×`height` CSS pixels.
    #[track_caller]
    pub fn open(&self, url: &str, width: u32, height: u32) -> BrowserPage {
        let _timed = Timed::new("open");
        let tab = self.chrome.new_tab().expect("new tab");
        set_size(&tab, width, height);
        // A screen's page has the focus for good; a tab among others' would gain and lose it
        // as the browser's other tabs come and go, restyling the page each time.
        tab.call(
            "Emulation.setFocusEmulationEnabled",
            json!({ "enabled": true }),
        )
        .expect("focus emulation");
        let page = BrowserPage {
            tab,
            metrics_on: Default::default(),
        };
        page.goto(url);
        page
    }
}

/// The size of the screen a tab shows the page on, as a monitor of that size would.
fn set_size(tab: &Tab, width: u32, height: u32) {
    let metrics = json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false,
        "screenWidth": width, "screenHeight": height,
    });
    tab.call("Emulation.setDeviceMetricsOverride", metrics)
        .expect("viewport size");
}

/// One tab of the browser.
pub struct BrowserPage {
    tab: Tab,
    metrics_on: std::sync::atomic::AtomicBool,
}

/// A page no longer used is closed, so that its scripts stop taking the machine's time.
impl Drop for BrowserPage {
    fn drop(&mut self) {
        let _ = self.tab.close();
    }
}

impl BrowserPage {
    /// Gives the open page another screen size, as turning or swapping the monitor would.
    #[track_caller]
    pub fn resize(&self, width: u32, height: u32) {
        let _timed = Timed::new("resize");
        set_size(&self.tab, width, height);
    }

    /// Loads `url` afresh in a viewport of `width`×`height`, as a new tab would: the page shown
    /// is left for a blank one first, then the size is set, then `url` loads. A new tab costs
    /// ~0.7 s more here (its creation, its set-up and its closing are DevTools calls).
    #[track_caller]
    pub fn show(&self, url: &str, width: u32, height: u32) {
        if self.tab.url().ok().as_deref() != Some("about:blank") {
            self.goto("about:blank");
        }
        set_size(&self.tab, width, height);
        self.goto(url);
    }

    /// Navigates and waits for the page's load event.
    #[track_caller]
    pub fn goto(&self, url: &str) {
        let _timed = Timed::new("goto");
        // A mark on the document shown now: the one asked for is there once the page has no
        // mark and its load event has fired (no wait for the network to be quiet: every page
        // load would pay for it).
        let _ = self.try_eval::<bool>("window.__leftByTheHarness = true");
        let answer = self
            .tab
            .call("Page.navigate", json!({ "url": url }))
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        if let Some(error) = answer["errorText"].as_str() {
            panic!("cannot open {url}: {error}");
        }
        self.wait_for::<bool>(
            "!window.__leftByTheHarness && document.readyState === 'complete'",
            Duration::from_secs(20),
        );
    }

    /// Evaluates a JS expression and returns its JSON value; panics on a page exception.
    #[track_caller]
    pub fn eval<T: DeserializeOwned>(&self, js: &str) -> T {
        let _timed = Timed::new("eval");
        self.try_eval(js)
            .unwrap_or_else(|e| panic!("{e}\nin: {js}"))
    }

    /// Like `eval`, with the page's exception (or a lost page) as an error.
    pub fn try_eval<T: DeserializeOwned>(&self, js: &str) -> Result<T, String> {
        let expression = format!(
            "(async () => {{ const v = await ({js}\n); return JSON.stringify(v === undefined ? null : v); }})()"
        );
        let answer = self
            .tab
            .call(
                "Runtime.evaluate",
                json!({
                    "expression": expression, "returnByValue": true, "awaitPromise": true,
                    "silent": false, "userGesture": true,
                }),
            )
            .map_err(|e| format!("devtools: {e}"))?;
        if let Some(ex) = answer.get("exceptionDetails") {
            let message = ex["exception"]["description"]
                .as_str()
                .or(ex["text"].as_str())
                .unwrap_or("an exception");
            return Err(format!("page exception: {message}"));
        }
        let json = answer["result"]["value"]
            .as_str()
            .map_or_else(|| "null".to_owned(), str::to_owned);
        serde_json::from_str(&json).map_err(|e| format!("unexpected value {json}: {e}"))
    }

    /// Polls `js` until it gives a value other than `null` or `false`, and returns it;
    /// panics with the last answer once `deadline` has passed.
    #[track_caller]
    pub fn wait_for<T: DeserializeOwned>(&self, js: &str, deadline: Duration) -> T {
        let _timed = Timed::new("wait_for");
        let start = Instant::now();
        loop {
            let last = match self.try_eval::<serde_json::Value>(js) {
                Ok(v) if !v.is_null() && v != serde_json::Value::Bool(false) => {
                    return serde_json::from_value(v.clone())
                        .unwrap_or_else(|e| panic!("unexpected value {v}: {e}"));
                }
                Ok(v) => v.to_string(),
                Err(e) => e,
            };
            if start.elapsed() > deadline {
                panic!("still not true after {deadline:?} (last: {last}): {js}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A PNG of the viewport.
    #[track_caller]
    pub fn screenshot(&self) -> Vec<u8> {
        let _timed = Timed::new("screenshot");
        self.capture(None)
    }

    /// A PNG of the part of the viewport at `x`, `y` (CSS pixels from its top left corner),
    /// `width`×`height`.
    #[track_caller]
    pub fn screenshot_of(&self, x: f64, y: f64, width: f64, height: f64) -> Vec<u8> {
        let _timed = Timed::new("screenshot_of");
        self.capture(Some(
            json!({ "x": x, "y": y, "width": width, "height": height, "scale": 1 }),
        ))
    }

    fn capture(&self, clip: Option<Value>) -> Vec<u8> {
        use base64::Engine;
        // Chromium's quicker compression: the same pixels in a larger file.
        let mut params = json!({ "format": "png", "fromSurface": true, "optimizeForSpeed": true });
        if let Some(clip) = clip {
            params["clip"] = clip;
        }
        let shot = self
            .tab
            .call("Page.captureScreenshot", params)
            .expect("screenshot");
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .expect("screenshot in base64")
    }

    /// Writes a PNG of the viewport to `path`, creating its folder.
    #[track_caller]
    pub fn save_screenshot(&self, path: impl AsRef<Path>) -> PathBuf {
        let _timed = Timed::new("save_screenshot");
        let path = path.as_ref();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, self.screenshot()).expect("screenshot written");
        path.to_owned()
    }

    /// Clicks the element `selector` matches, as a mouse does at its middle (scrolled into view
    /// first when it is not wholly in view): whatever lies on top there gets the click.
    #[track_caller]
    pub fn click(&self, selector: &str) {
        let _timed = Timed::new("click");
        // Where the element is on the screen, then a press and a release of the mouse there.
        let js = format!(
            "(async () => {{
                const el = document.querySelector({selector:?});
                if (!el) return 'nothing matches';
                const seen = await new Promise((resolve) => {{
                    const o = new IntersectionObserver((es) => {{ resolve(es[0].intersectionRatio); o.disconnect(); }});
                    o.observe(el);
                }});
                if (seen !== 1) el.scrollIntoView({{ block: 'center', inline: 'center', behavior: 'instant' }});
                const r = el.getClientRects()[0];
                return r ? [r.left + r.width / 2, r.top + r.height / 2] : 'not shown';
            }})()"
        );
        let (x, y) = match self.try_eval::<serde_json::Value>(&js) {
            Ok(serde_json::Value::Array(xy)) => (
                xy[0].as_f64().unwrap_or_default(),
                xy[1].as_f64().unwrap_or_default(),
            ),
            Ok(other) => panic!("cannot click {selector}: {other}"),
            Err(e) => panic!("cannot click {selector}: {e}"),
        };
        for kind in ["mousePressed", "mouseReleased"] {
            let event = json!({
                "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1,
            });
            self.tab
                .call("Input.dispatchMouseEvent", event)
                .unwrap_or_else(|e| panic!("cannot click {selector}: {e}"));
        }
    }

    /// Focuses the element `selector` matches (a click) and types `text` into it, as the
    /// keyboard's input method does: the text inserted at the caret, one `input` event (the
    /// pages listen to no key event; one DevTools call per key took ~0.1 s each).
    #[track_caller]
    pub fn type_into(&self, selector: &str, text: &str) {
        let _timed = Timed::new("type_into");
        self.click(selector);
        self.tab
            .call("Input.insertText", json!({ "text": text }))
            .unwrap_or_else(|e| panic!("cannot type into {selector}: {e}"));
    }

    /// The renderer's counters (`Performance.getMetrics`: `LayoutCount`, `RecalcStyleCount`,
    /// `TaskDuration` in seconds…), collecting them from the first call on.
    #[track_caller]
    pub fn metrics(&self) -> std::collections::HashMap<String, f64> {
        let _timed = Timed::new("metrics");
        if !self
            .metrics_on
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.tab
                .call("Performance.enable", json!({}))
                .expect("Performance.enable");
        }
        let answer = self
            .tab
            .call("Performance.getMetrics", json!({}))
            .expect("Performance.getMetrics");
        let metrics = answer["metrics"].as_array().cloned().unwrap_or_default();
        metrics
            .iter()
            .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
            .collect()
    }

    /// Chooses `files` in the file field `selector` matches, as the file dialog would.
    #[track_caller]
    pub fn choose_files(&self, selector: &str, files: &[&Path]) {
        let _timed = Timed::new("choose_files");
        let node = (|| {
            let root = self.tab.call("DOM.getDocument", json!({ "depth": 0 }))?;
            let found = self.tab.call(
                "DOM.querySelector",
                json!({ "nodeId": root["root"]["nodeId"], "selector": selector }),
            )?;
            Ok::<_, String>(found["nodeId"].clone())
        })()
        .unwrap_or_else(|e| panic!("no {selector}: {e}"));
        let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        self.tab
            .call(
                "DOM.setFileInputFiles",
                json!({ "files": files, "nodeId": node }),
            )
            .unwrap_or_else(|e| panic!("cannot choose files in {selector}: {e}"));
    }

    /// Brings this tab to the front, as a click on it would.
    pub fn activate(&self) {
        self.tab.activate().expect("bring the tab to the front");
    }

    /// Any other DevTools command, sent to this tab's page.
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.tab
            .call(method, params)
            .unwrap_or_else(|e| panic!("{e}"))
    }
}
