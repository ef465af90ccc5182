//! The real binary under a fake systemd: READY once /healthz answers, watchdog pings while it
//! runs, STOPPING and a clean exit on SIGTERM.
#![cfg(unix)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: the first start of a debug binary on a busy 2-core machine can be slow.
const DEADLINE: Duration = Duration::from_secs(30);

/// Kills the server if the test fails before it ends it.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// The next datagram, or None once `deadline` has passed.
fn receive(socket: &UnixDatagram, deadline: Instant) -> Option<String> {
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        socket
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match socket.recv(&mut buf) {
            Ok(n) => return Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => panic!("notify socket: {e}"),
        }
    }
}

/// Waits for a datagram holding `line` (one `KEY=VALUE` line); returns that datagram.
fn wait_for(socket: &UnixDatagram, line: &str, log: &Path) -> String {
    let deadline = Instant::now() + DEADLINE;
    while let Some(message) = receive(socket, deadline) {
        if message.lines().any(|l| l == line) {
            return message;
        }
    }
    panic!(
        "no {line} within {DEADLINE:?}; server log:\n{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// Status code of a plain `GET`.
fn get_status(addr: &str, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"))
}

#[test]
fn tells_systemd_it_is_ready_alive_and_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let socket_path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();

    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_vitrine"))
            .args(["--listen", "127.0.0.1:0", "--data"])
            .arg(dir.path().join("data"))
            .env("NOTIFY_SOCKET", &socket_path)
            // 300 ms: pings every 150 ms, so several arrive quickly.
            .env("WATCHDOG_USEC", "300000")
            .env_remove("WATCHDOG_PID")
            .env_remove("VITRINE_LISTEN")
            .env_remove("VITRINE_DATA")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start vitrine"),
    );

    // READY comes with a status naming where it serves; the port was chosen by the kernel.
    let ready = wait_for(&socket, "READY=1", &log_path);
    let addr = ready
        .lines()
        .find_map(|l| l.strip_prefix("STATUS=serving on http://"))
        .unwrap_or_else(|| panic!("READY without the serving address: {ready:?}"))
        .to_owned();
    assert_eq!(get_status(&addr, "/healthz"), 200, "healthz once READY");
    assert_eq!(get_status(&addr, "/"), 200, "display page once READY");

    for _ in 0..3 {
        wait_for(&socket, "WATCHDOG=1", &log_path);
    }

    let pid = server.0.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success(), "kill -TERM {pid}");
    wait_for(&socket, "STOPPING=1", &log_path);

    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success(),
        "exit after SIGTERM: {status}; log:\n{}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
}
