//! The DevTools protocol, as little of it as the browser tests use: Debian's Chromium started
//! headless with a fresh profile, one WebSocket to it (`tungstenite`), a command sent and its
//! answer read back (events on the way are let go), and tabs as sessions of that socket.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// What every test's Chromium runs with besides the harness's own flags: a tab's timers,
/// rendering and visibility stay as a shopper's screen has them whatever else runs (no
/// throttling of background timers, no backgrounding of occluded windows or renderers; four
/// Chromiums share two cores here), colours as sRGB for the screenshots, and nothing of its own
/// running beside (extensions, default apps, phishing checks, crash reports).
const QUIET: [&str; 17] = [
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--disable-component-extensions-with-background-pages",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-features=TranslateUI",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--password-store=basic",
];

/// How long an answer may take before the command fails (a page's own script may run long).
const ANSWER_WITHIN: Duration = Duration::from_secs(120);

/// The WebSocket to one Chromium, shared by its tabs.
struct Socket {
    socket: Mutex<WebSocket<MaybeTlsStream<TcpStream>>>,
    next_id: AtomicU64,
}

impl Socket {
    /// Sends `method` with `params` (to the tab of `session`, or to the browser) and returns
    /// its answer's `result`, or the protocol's error in words.
    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        let mut socket = self.socket.lock().unwrap_or_else(|e| e.into_inner());
        socket
            .send(Message::text(command.to_string()))
            .map_err(|e| format!("{method}: {e}"))?;
        loop {
            let message = socket.read().map_err(|e| format!("{method}: {e}"))?;
            let Message::Text(text) = message else {
                continue;
            };
            let answer: Value =
                serde_json::from_str(&text).map_err(|e| format!("{method}: {e}"))?;
            if answer["id"] != json!(id) {
                continue; // an event, or the answer to a command given up on
            }
            if let Some(error) = answer.get("error") {
                return Err(format!("{method}: {}", error["message"]));
            }
            return Ok(answer["result"].clone());
        }
    }
}

/// A headless Chromium; it is ended when this is dropped.
pub struct Chrome {
    child: Child,
    socket: Arc<Socket>,
}

impl Chrome {
    /// Starts `chromium` headless on the profile folder `profile`, with `flags` besides.
    pub fn launch(chromium: &Path, profile: &Path, flags: &[&str]) -> Result<Chrome, String> {
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--remote-debugging-port=0",
                "--window-size=1920,1920",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(flags)
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
        // It says where its DevTools listen on its error output; the rest is let go, so that
        // a full pipe never blocks it.
        let mut lines = BufReader::new(child.stderr.take().expect("piped")).lines();
        let url = lines.by_ref().map_while(Result::ok).find_map(|l| {
            l.split_once("DevTools listening on ")
                .map(|(_, u)| u.to_owned())
        });
        std::thread::spawn(move || lines.for_each(drop));
        let Some(url) = url else {
            let _ = child.kill();
            return Err("chromium ended without opening its DevTools".into());
        };
        let (socket, _) = tungstenite::connect(url.trim()).map_err(|e| format!("{url}: {e}"))?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(ANSWER_WITHIN))
                .map_err(|e| e.to_string())?;
        }
        Ok(Chrome {
            child,
            socket: Arc::new(Socket {
                socket: Mutex::new(socket),
                next_id: AtomicU64::new(1),
            }),
        })
    }

    /// A new tab on a blank page.
    pub fn new_tab(&self) -> Result<Tab, String> {
        let created =
            self.socket
                .call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target = created["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = self.socket.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let tab = Tab {
            socket: self.socket.clone(),
            target,
            session,
        };
        // The page's own events on (scripts added to new documents need them), and the tab in
        // front, as a window a person looks at.
        tab.call("Page.enable", json!({}))?;
        tab.activate()?;
        Ok(tab)
    }
}

impl Drop for Chrome {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab: a target of the browser and the session that speaks to it.
pub struct Tab {
    socket: Arc<Socket>,
    target: String,
    session: String,
}

impl Tab {
    /// Sends `method` to this tab's page and returns its answer.
    pub fn call(&self, method: &str, params: Value) -> Result<Value, String> {
        self.socket.call(Some(&self.session), method, params)
    }

    /// The address the tab shows.
    pub fn url(&self) -> Result<String, String> {
        let info = self.socket.call(
            None,
            "Target.getTargetInfo",
            json!({"targetId": self.target}),
        )?;
        Ok(info["targetInfo"]["url"]
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Brings the tab to the front, as a click on it would.
    pub fn activate(&self) -> Result<(), String> {
        let target = json!({"targetId": self.target});
        self.socket
            .call(None, "Target.activateTarget", target)
            .map(drop)
    }

    /// Closes the tab.
    pub fn close(&self) -> Result<(), String> {
        let target = json!({"targetId": self.target});
        self.socket
            .call(None, "Target.closeTarget", target)
            .map(drop)
    }
}
