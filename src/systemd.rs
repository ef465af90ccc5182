//! Tells systemd how the server is doing: READY once it listens with its content loaded,
//! watchdog pings while it answers its own health check, STOPPING when it shuts down.
//! Outside systemd (no `NOTIFY_SOCKET`) every function here does nothing.

use crate::AppState;
use sd_notify::NotifyState;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Says the server is ready and, if systemd set `WATCHDOG_USEC`, starts pinging the watchdog
/// at half that interval for as long as `/healthz` answers, until the server stops.
pub fn ready(state: &AppState, listening: SocketAddr) {
    if std::env::var_os("NOTIFY_SOCKET").is_none() {
        return;
    }
    let probe = probe_address(listening);
    // The status shows in `systemctl status vitrine`; tests read the port from it.
    let status = format!("serving on http://{probe}");
    send(&[NotifyState::Ready, NotifyState::Status(&status)]);
    if let Some(interval) = sd_notify::watchdog_enabled().filter(|d| !d.is_zero()) {
        tokio::spawn(watchdog(state.clone(), probe, interval / 2));
    }
}

/// Says the server has begun to shut down, so systemd does not take it for a crash.
pub fn stopping() {
    send(&[NotifyState::Stopping]);
}

fn send(states: &[NotifyState]) {
    if let Err(e) = sd_notify::notify(states) {
        tracing::warn!("cannot notify systemd: {e}");
    }
}

/// Where the server can reach itself: a wildcard listen address becomes loopback.
fn probe_address(listening: SocketAddr) -> SocketAddr {
    let ip = match listening.ip() {
        ip if !ip.is_unspecified() => ip,
        std::net::IpAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
    };
    SocketAddr::new(ip, listening.port())
}

/// Pings only after a real request went through the accept loop and the router: a server
/// that is wedged stops pinging, and systemd restarts it.
async fn watchdog(state: AppState, probe: SocketAddr, period: Duration) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                match tokio::time::timeout(period, health_check(probe)).await {
                    Ok(Ok(())) => send(&[NotifyState::Watchdog]),
                    Ok(Err(e)) => tracing::warn!("health check failed, watchdog not pinged: {e}"),
                    Err(_) => tracing::warn!("health check timed out, watchdog not pinged"),
                }
            }
            _ = state.stopping() => return,
        }
    }
}

/// `GET /healthz` on our own socket; Ok only for a 200.
async fn health_check(addr: SocketAddr) -> io::Result<()> {
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await?;
    let mut status_line = [0u8; 12];
    stream.read_exact(&mut status_line).await?;
    if &status_line[9..] == b"200" {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "answered {}",
            String::from_utf8_lossy(&status_line)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_addresses_are_probed_on_loopback() {
        let v4: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let v6: SocketAddr = "[::]:8080".parse().unwrap();
        let lan: SocketAddr = "192.0.2.7:8080".parse().unwrap();
        assert_eq!(probe_address(v4), "127.0.0.1:8080".parse().unwrap());
        assert_eq!(probe_address(v6), "[::1]:8080".parse().unwrap());
        assert_eq!(probe_address(lan), lan);
    }
}
