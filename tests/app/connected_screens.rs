//! The screens the server knows about: every open event stream is listed on the dashboard
//! with its address and whether it shows the current revision, the kiosk's watchdog endpoint
//! (`/api/screen/local`) sees this machine's own screen, and a closed stream leaves the list.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use common::admin::Volunteer;
use common::oneshot::HOST;
use common::TestServer;
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tower::ServiceExt;
use vitrine::AppState;

/// Opens `/events?shown=…` as a display page does, from `peer`; the stream stays open as long
/// as the returned response (its body) is kept.
async fn open_display(state: &AppState, shown: &str, peer: &str) -> Response {
    open_stream(
        state,
        &serde_urlencoded::to_string([("shown", shown)]).unwrap(),
        peer,
    )
    .await
}

/// Opens `/events?{query}` from `peer`, kept open as long as the response is.
async fn open_stream(state: &AppState, query: &str, peer: &str) -> Response {
    let path = format!("/events?{query}");
    let req = Request::get(path)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let req = common::oneshot::with_peer(req, peer);
    let res = vitrine::app(state.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res
}

async fn local_screen(v: &Volunteer) -> serde_json::Value {
    let reply = v.get("/api/screen/local").await;
    assert_eq!(reply.status, StatusCode::OK);
    serde_json::from_str(&reply.body).unwrap()
}

#[tokio::test]
async fn an_admins_own_preview_is_no_connected_screen() {
    let v = Volunteer::new("Maite");
    let current = v.get("/").await.header(header::ETAG).to_owned();
    let dashboard = v.get("/admin").await;
    assert_eq!(dashboard.attrs(".preview iframe", "src"), ["/?preview"]);
    // The dashboard's preview, on this very machine and on a laptop, as its script opens it.
    let query = format!(
        "{}&preview",
        serde_urlencoded::to_string([("shown", "\"an-old-revision\"")]).unwrap()
    );
    let here = open_stream(&v.state, &query, "127.0.0.1:50000").await;
    let laptop = open_stream(&v.state, &query, "192.0.2.31:50001").await;
    let dashboard = v.get("/admin").await;
    assert!(dashboard.texts("table.screens-list tr").is_empty());
    assert_eq!(
        dashboard.texts("p.screens-none"),
        ["Aucun écran n'affiche la page en ce moment."]
    );
    assert_eq!(local_screen(&v).await["connected"], false);
    // A real screen beside them is listed, alone.
    let screen = open_display(&v.state, &current, "192.0.2.40:50002").await;
    let rows = v.get("/admin").await.texts("table.screens-list tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("192.0.2.40"), "{rows:?}");
    drop((here, laptop, screen));
}

#[tokio::test]
async fn an_open_display_is_listed_on_the_dashboard_until_it_closes() {
    let v = Volunteer::new("Maite");
    let current = v.get("/").await.header(header::ETAG).to_owned();
    assert!(!current.is_empty());

    let dashboard = v.get("/admin").await;
    assert_eq!(
        dashboard.texts("p.screens-none"),
        ["Aucun écran n'affiche la page en ce moment."]
    );
    assert!(dashboard.texts("table.screens-list tr").is_empty());
    assert_eq!(local_screen(&v).await["connected"], false);

    let own = open_display(&v.state, &current, "127.0.0.1:50000").await;
    let laptop = open_display(&v.state, "\"an-old-revision\"", "192.0.2.31:50001").await;

    let dashboard = v.get("/admin").await;
    let rows = dashboard.texts("table.screens-list tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("cet appareil (127.0.0.1)"), "{rows:?}");
    assert!(rows[0].contains("✓ la version à jour"), "{rows:?}");
    assert!(rows[1].contains("192.0.2.31"), "{rows:?}");
    assert!(rows[1].contains("une version ancienne"), "{rows:?}");
    assert!(dashboard.texts("p.screens-none").is_empty());
    assert!(dashboard.texts("p.screens-alarm").is_empty());
    let local = local_screen(&v).await;
    assert_eq!(local["connected"], true);
    assert_eq!(local["missing_for"], 0);

    drop(own);
    let rows = v.get("/admin").await.texts("table.screens-list tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("192.0.2.31"), "{rows:?}");
    assert_eq!(local_screen(&v).await["connected"], false);
    drop(laptop);
    let dashboard = v.get("/admin").await;
    assert!(dashboard.texts("table.screens-list tr").is_empty());
}

#[tokio::test]
async fn the_dashboard_and_the_kiosk_know_which_engine_draws_the_screen() {
    let v = Volunteer::new("Maite");
    let current = v.get("/").await.header(header::ETAG).to_owned();
    // The small boards' engine (WPE WebKit's cog), as its page opens the stream.
    let cog = "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/605.1.15 (KHTML, like Gecko) \
               Version/18.0 Safari/605.1.15";
    let query = serde_urlencoded::to_string([("shown", current.as_str())]).unwrap();
    let req = Request::get(format!("/events?{query}"))
        .header(header::HOST, HOST)
        .header(header::USER_AGENT, cog)
        .body(Body::empty())
        .unwrap();
    let req = common::oneshot::with_peer(req, "127.0.0.1:50000");
    let own = vitrine::app(v.state.clone()).oneshot(req).await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    // A laptop whose browser says nothing of itself.
    let laptop = open_display(&v.state, &current, "192.0.2.31:50001").await;

    let dashboard = v.get("/admin").await;
    assert_eq!(
        dashboard.texts("table.screens-list td.engine"),
        ["WPE WebKit (cog)", "on ne sait pas"]
    );
    assert_eq!(local_screen(&v).await["engine"], "WPE WebKit (cog)");
    drop((own, laptop));
    assert_eq!(local_screen(&v).await["engine"], serde_json::Value::Null);
}

#[tokio::test]
async fn an_overlong_revision_is_refused_and_nothing_is_listed() {
    let v = Volunteer::new("Maite");
    let req = Request::get(format!("/events?shown={}", "a".repeat(200)))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let reply = v.send(req).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("128"), "{}", reply.body);
    assert!(v
        .get("/admin")
        .await
        .texts("table.screens-list tr")
        .is_empty());
}

#[test]
fn a_display_that_goes_away_over_tcp_leaves_the_list() {
    let server = TestServer::start();
    let local = || {
        let reply = common::http_get(server.addr, "/api/screen/local", &[]).unwrap();
        serde_json::from_str::<serde_json::Value>(&reply.text()).unwrap()
    };
    let wait_for = |connected: bool| {
        // The server notices a closed stream at the latest with its next keep-alive (15 s).
        let deadline = Instant::now() + Duration::from_secs(40);
        while local()["connected"] != connected {
            assert!(
                Instant::now() < deadline,
                "connected never became {connected}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    assert_eq!(local()["connected"], false);
    let mut socket = TcpStream::connect(server.addr).unwrap();
    write!(
        socket,
        "GET /events?shown=x HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.addr
    )
    .unwrap();
    wait_for(true);
    drop(socket);
    wait_for(false);
    assert!(local()["missing_for"].as_u64().unwrap() < 40);
}
