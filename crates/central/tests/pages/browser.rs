//! Headless Chromium through chromedriver (started here on a free port, stopped with the test), and
//! the sign-in done by a bare HTTP client for the tests that need no browser.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub struct Browser {
    driver: Child,
    client: Client,
}

const WIDTH: u32 = 1366;

impl Browser {
    pub async fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (apt install chromium-driver)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut options = serde_json::json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900",
                     "--lang=es-PE", "--hide-scrollbars"]
        });
        if std::path::Path::new("/usr/bin/chromium").exists() {
            options["binary"] = "/usr/bin/chromium".into();
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "chrome".into());
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Browser { driver, client }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page loads");
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("a URL")
            .path()
            .to_owned()
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no `{css}` on the page: {error}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .expect("the element's text")
    }

    pub async fn source(&self) -> String {
        self.client.source().await.expect("the page's source")
    }

    /// Fills the sign-in form (going to it first when elsewhere) and sends it.
    pub async fn sign_in(&self, email: &str, password: &str) {
        if self.path().await != "/ingresar" {
            let mut url = self.client.current_url().await.expect("a URL");
            url.set_path("/ingresar");
            url.set_query(None);
            self.goto(url.as_str()).await;
        }
        let field = self.find("input[name=email]").await;
        field.clear().await.expect("the e-mail field clears");
        field.send_keys(email).await.expect("the e-mail typed");
        self.find("input[name=password]")
            .await
            .send_keys(password)
            .await
            .expect("the password typed");
        self.submit(".login button").await;
    }

    /// Clicks a form's button and waits for the next page: the button goes stale once it has loaded
    /// (a click returns before the navigation it starts has ended).
    pub async fn submit(&self, css: &str) {
        let button = self.find(css).await;
        button.click().await.expect("clicked");
        let started = Instant::now();
        while button.text().await.is_ok() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "`{css}` led nowhere"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Chooses a file of this machine in a file input, as a person picking it would.
    pub async fn choose_file(&self, css: &str, path: &std::path::Path) {
        let input = self.find(css).await;
        input
            .send_keys(&path.display().to_string())
            .await
            .expect("the file chosen");
    }

    /// The form token of the page the browser shows.
    pub async fn csrf(&self) -> String {
        self.find("input[name=csrf]")
            .await
            .attr("value")
            .await
            .unwrap()
            .unwrap()
    }

    /// `caja_sesion=…`, for a bare HTTP client to act as the signed-in person.
    pub async fn session_cookie(&self) -> String {
        let cookie = self
            .client
            .get_named_cookie("caja_sesion")
            .await
            .expect("a session cookie");
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(format!("{:?}", cookie.same_site()), "Some(Strict)");
        format!("caja_sesion={}", cookie.value())
    }

    /// Saves the page as docs/screenshots/{name}.png when CAJA_CENTRAL_SHOTS is set, `height` pixels
    /// tall so the whole page shows.
    pub async fn screenshot(&self, name: &str, height: u32) {
        if std::env::var_os("CAJA_CENTRAL_SHOTS").is_none() {
            return;
        }
        self.client
            .set_window_size(WIDTH, height)
            .await
            .expect("resized");
        let png = self.client.screenshot().await.expect("a screenshot");
        self.client
            .set_window_size(WIDTH, 900)
            .await
            .expect("resized back");
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&folder).expect("the screenshots' folder");
        std::fs::write(folder.join(format!("{name}.png")), png).expect("the screenshot saved");
    }

    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Signs in with a bare HTTP client as a browser would (the form's CSRF cookie and field, no
/// redirect followed): the status and the page.
pub async fn http_sign_in(base: &str, email: &str, password: &str) -> (u16, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client.get(format!("{base}/ingresar")).send().await.unwrap();
    let cookie = form.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = form.text().await.unwrap();
    let start = html.find(r#"name="csrf" value=""#).unwrap() + 19;
    let csrf = &html[start..start + 43];
    let answer = client
        .post(format!("{base}/ingresar"))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[
            ("email", email),
            ("password", password),
            ("csrf", csrf),
        ]))
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.text().await.unwrap())
}

/// The status of a form posted to `url` with the session `cookie`, as a forger would post it.
pub async fn post_form(url: &str, cookie: &str, pairs: &[(&str, &str)]) -> u16 {
    reqwest::Client::new()
        .post(url)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(pairs))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// `a=1&b=2`, as a browser sends a form.
pub fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}
