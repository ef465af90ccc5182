//! Helpers of the admin-area tests: a logged-in volunteer driving `vitrine::app` with `oneshot`,
//! forms posted as a browser on our own page posts them (Origin, `_csrf`), parsed answers.

use super::oneshot::sign_in;
use axum::body::Body;
use axum::http::{header, Request};
use scraper::Selector;
use vitrine::content::Content;
use vitrine::store::Role;
use vitrine::store::Store;
use vitrine::AppState;

#[allow(unused_imports)] // each test binary uses its own part
pub use super::oneshot::{Reply, HOST, ORIGIN};

const PEER: &str = "192.0.2.20:40000";

/// A volunteer signed in on a fresh data directory.
pub struct Volunteer {
    pub state: AppState,
    pub cookie: String,
    pub csrf: String,
    _dir: tempfile::TempDir,
}

/// What only the admin pages have: their revision and their fields.
pub trait AdminPage {
    fn etag(&self) -> String;
    fn etag_at(&self, action: &str) -> String;
    fn field_error(&self, name: &str) -> Option<String>;
    fn field_value(&self, name: &str) -> String;
    fn form_fields(&self, form: &str) -> Vec<(String, String)>;
}

impl AdminPage for Reply {
    /// The hidden `etag` of the first form of the page.
    fn etag(&self) -> String {
        self.attrs("input[name=etag]", "value")
            .into_iter()
            .next()
            .expect("the page has a form with its revision")
    }

    /// The hidden `etag` of the form that posts to `action` (an item's button on a list: the
    /// version of that item as the page showed it).
    fn etag_at(&self, action: &str) -> String {
        self.attrs(
            &format!("form[action=\"{action}\"] input[name=etag]"),
            "value",
        )
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the page has no form posting to {action}"))
    }

    /// The error shown next to the field named `name`, if any.
    fn field_error(&self, name: &str) -> Option<String> {
        let doc = self.html();
        let field = Selector::parse(".field").unwrap();
        let input = Selector::parse(&format!("[name=\"{name}\"]")).unwrap();
        let error = Selector::parse(".error").unwrap();
        doc.select(&field)
            .find(|f| f.select(&input).next().is_some())
            .and_then(|f| f.select(&error).next())
            .map(|e| e.text().collect::<String>())
    }

    /// The value the field named `name` shows (input value or textarea text).
    fn field_value(&self, name: &str) -> String {
        let doc = self.html();
        let sel = Selector::parse(&format!("[name=\"{name}\"]")).unwrap();
        let el = doc
            .select(&sel)
            .next()
            .unwrap_or_else(|| panic!("no field {name}"));
        match el.value().name() {
            "textarea" => el.text().collect(),
            _ => el.value().attr("value").unwrap_or("").to_owned(),
        }
    }

    /// What a browser sends from the form `form` (a selector) as the page fills it, but the
    /// anti-forgery token, which `post` adds.
    fn form_fields(&self, form: &str) -> Vec<(String, String)> {
        let doc = self.html();
        let fields =
            Selector::parse(&format!("{form} input, {form} select, {form} textarea")).unwrap();
        let option = Selector::parse("option[selected]").unwrap();
        doc.select(&fields)
            .filter_map(|e| {
                let name = e.value().attr("name")?.to_owned();
                let value = match (e.value().name(), e.value().attr("type")) {
                    ("select", _) => e.select(&option).next()?.value().attr("value")?.to_owned(),
                    ("textarea", _) => e.text().collect(),
                    (_, Some("checkbox" | "radio")) => {
                        e.value().attr("checked")?;
                        e.value().attr("value").unwrap_or("on").to_owned()
                    }
                    _ => e.value().attr("value").unwrap_or("").to_owned(),
                };
                (name != "_csrf").then_some((name, value))
            })
            .collect()
    }
}

/// The id of item `i` of `list` (`groups`, `tips`, `announcements`) in `content`.
pub fn id_in(content: &Content, list: &str, i: usize) -> String {
    let id = match list {
        "groups" => content.groups.get(i).map(|x| x.id.clone()),
        "tips" => content.tips.get(i).map(|x| x.id.clone()),
        "announcements" => content.announcements.get(i).map(|x| x.id.clone()),
        _ => panic!("no list {list}"),
    };
    id.unwrap_or_else(|| panic!("no item {i} in {list}"))
}

/// `path` with its `#0` (in `/admin/tips/#0/move`, a table of addresses) made the id of the
/// first item of that list in the built-in default content.
pub fn with_ids(path: &str) -> String {
    match path.split('/').collect::<Vec<_>>()[..] {
        ["", "admin", list, "#0", ..] => path.replacen(
            "#0",
            &id_in(&vitrine::content::default_content(), list, 0),
            1,
        ),
        _ => path.to_owned(),
    }
}

/// The address of item `i` of `list` in the built-in default content, where every
/// volunteer's screen starts: `/admin/tips/{id}`.
pub fn at(list: &str, i: usize) -> String {
    format!(
        "/admin/{list}/{}",
        id_in(&vitrine::content::default_content(), list, i)
    )
}

impl Volunteer {
    pub fn new(name: &str) -> Volunteer {
        Volunteer::on(tempfile::tempdir().unwrap(), name)
    }

    /// A volunteer signed in on the data directory `dir` as it is (kept while they are).
    pub fn on(dir: tempfile::TempDir, name: &str) -> Volunteer {
        let store = Store::open(dir.path()).unwrap();
        let (state, _shutdown) = AppState::new(store);
        let session = sign_in(&state, name, Role::Admin);
        Volunteer {
            state,
            cookie: session.cookie,
            csrf: session.csrf,
            _dir: dir,
        }
    }

    /// A second volunteer on the same screen (another session), an admin.
    pub fn colleague(&self, name: &str) -> Volunteer {
        self.colleague_as(name, Role::Admin)
    }

    /// A second person on the same screen with the account's `role`.
    pub fn colleague_as(&self, name: &str, role: Role) -> Volunteer {
        let session = sign_in(&self.state, name, role);
        Volunteer {
            state: self.state.clone(),
            cookie: session.cookie,
            csrf: session.csrf,
            _dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn content(&self) -> Content {
        self.state.store.current().content.clone()
    }

    pub fn etag(&self) -> String {
        self.state.store.current().etag.clone()
    }

    /// Clicks the ↑ ↓ ⤒ ⤓ button `dir` (`up`, `down`, `top`, `bottom`) of the item at `item`
    /// (its page's address) on its list's page, as shown now.
    pub async fn click_move(&self, item: &str, dir: &str) -> Reply {
        let list = item.rsplit_once('/').map_or(item, |(list, _)| list);
        let page = self.get(list).await;
        let action = format!("{item}/move");
        self.post(&action, &[("etag", &page.etag_at(&action)), ("dir", dir)])
            .await
    }

    /// The address of item `i` of `list` as the screen's content is now.
    pub fn item(&self, list: &str, i: usize) -> String {
        format!("/admin/{list}/{}", id_in(&self.content(), list, i))
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self.state.store.dir().to_owned()
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        super::oneshot::send_from(&self.state, req, PEER).await
    }

    pub async fn get_with(&self, path: &str, extra_cookie: &str) -> Reply {
        let cookie = format!("{}; {extra_cookie}", self.cookie);
        let req = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, "lang=fr").await
    }

    /// A form as the browser sends it from our page, with the session's `_csrf`.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// A form without adding anything (to forge one).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// A multipart form with text fields and one file (field name, file name, bytes).
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
        with_csrf: bool,
    ) -> Reply {
        let boundary = "----vitrine-test-boundary-7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        let mut part = |name: &str, filename: Option<&str>, bytes: &[u8]| {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match filename {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: image/jpeg\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        };
        if with_csrf {
            part("_csrf", None, self.csrf.as_bytes());
        }
        for (k, v) in fields {
            part(k, None, v.as_bytes());
        }
        if let Some((name, filename, bytes)) = file {
            part(name, Some(filename), bytes);
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, &self.cookie)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// A real PNG of `width`×`height` pixels.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        let mut writer = enc.write_header().unwrap();
        let pixels = vec![200u8; (width * height * 3) as usize];
        writer.write_image_data(&pixels).unwrap();
    }
    out
}

/// Markup and script a hostile visitor might type into any text field.
pub const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

/// Asserts that a page carries no markup injected from the content.
pub fn assert_escaped(reply: &Reply, page: &str) {
    assert!(
        !reply.body.contains("<script>alert") && !reply.body.contains("<img src=x"),
        "{page}: hostile markup came out raw"
    );
    let doc = reply.html();
    let scripts: Vec<_> = doc
        .select(&Selector::parse("script").unwrap())
        .map(|s| s.value().attr("src").unwrap_or("inline").to_owned())
        .collect();
    assert!(
        scripts.iter().all(|s| s.starts_with("/assets/")),
        "{page}: unexpected scripts {scripts:?}"
    );
    let handlers: Vec<String> = doc
        .select(&Selector::parse("*").unwrap())
        .flat_map(|e| e.value().attrs().map(|(k, _)| k.to_owned()))
        .filter(|k| k.starts_with("on"))
        .collect();
    assert!(
        handlers.is_empty(),
        "{page}: event handlers injected: {handlers:?}"
    );
}
