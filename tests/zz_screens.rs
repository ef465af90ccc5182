//! Scratch: screenshots of every admin page (not committed).
mod common;
use common::browser::Browser;
use common::TestServer;
use std::time::Duration;

#[test]
#[ignore]
fn screens() {
    let browser = Browser::launch().unwrap();
    let server = TestServer::start();
    let code_file = server.data_dir().join("setup-code");
    std::thread::sleep(Duration::from_millis(500));
    let code = std::fs::read_to_string(&code_file).unwrap();
    let out = std::path::PathBuf::from("/tmp/adm/shots");
    let login = browser.open(&format!("{}/admin", server.url), 1280, 800);
    login.save_screenshot(out.join("setup.png"));
    login.type_into("input[name=code]", code.trim());
    login.type_into("input[name=name]", "Camille");
    login.type_into("input[name=password]", "un mot de passe solide 2026");
    login.type_into("input[name=password2]", "un mot de passe solide 2026");
    login.click("form button[type=submit]");
    login.wait_for::<bool>(
        "location.pathname === '/admin' ? true : null",
        Duration::from_secs(10),
    );
    server.save(|c| {
        c.groups[3].name = "commissions otsokop".into();
        c.slides.tips.enabled = false;
    });
    let pages = std::env::var("PAGES").unwrap_or("/admin /admin/community /admin/groups /admin/groups/new /admin/naming /admin/tips /admin/tips/0 /admin/announcements /admin/announcements/0 /admin/settings /admin/history /admin/password /admin/tokens".into());
    for (w, h, tag) in [(1280, 800, "lap"), (390, 844, "phone")] {
        let page = browser.open(&format!("{}/admin", server.url), w, h);
        for p in pages.split_whitespace() {
            page.goto(&format!("{}{p}", server.url));
            std::thread::sleep(Duration::from_millis(300));
            let full_h: u32 = page.eval("document.documentElement.scrollHeight");
            let _ = full_h;
            page.save_screenshot(out.join(format!("{tag}{}.png", p.replace('/', "_"))));
        }
    }
}
