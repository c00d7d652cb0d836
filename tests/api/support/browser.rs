//! A real headless Chromium, driven over WebDriver (chromedriver) with fantoccini.
//!
//! Debian's `chromium` and `chromium-driver` are what `scripts/test` installs; other
//! paths can be given with STEWARD_TEST_CHROMIUM and STEWARD_TEST_CHROMEDRIVER.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::process::free_port;

fn tool(env: &str, default: &str) -> PathBuf {
    let path = PathBuf::from(std::env::var(env).unwrap_or_else(|_| default.to_owned()));
    assert!(
        path.exists(),
        "{} not found: the admin page tests need Debian's chromium and chromium-driver. \
         `scripts/test` installs them (apt-get install chromium chromium-driver), or set {env}.",
        path.display()
    );
    path
}

/// A browser session; chromedriver is killed when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    /// Whether pages may run script (axe-core needs it; people may have it off).
    javascript: bool,
}

/// What `check_page` found wrong with a page, by axe-core's impact.
const BLOCKING_IMPACTS: [&str; 2] = ["serious", "critical"];

impl Browser {
    pub async fn start() -> Self {
        Self::launch(true, None).await
    }

    /// A browser with JavaScript turned off, as some people browse.
    pub async fn start_without_javascript() -> Self {
        Self::launch(false, None).await
    }

    /// A browser whose person reads `languages` (its Accept-Language, e.g. "de").
    pub async fn start_in(languages: &str) -> Self {
        Self::launch(true, Some(languages)).await
    }

    async fn launch(javascript: bool, languages: Option<&str>) -> Self {
        let chromium = tool("STEWARD_TEST_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = tool("STEWARD_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = free_port();
        let mut driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--lang={}", languages.unwrap_or("en-US")),
                ],
                "prefs": {
                    "profile.managed_default_content_settings.javascript":
                        if javascript { 1 } else { 2 },
                    "intl.accept_languages": languages.unwrap_or("en-US,en"),
                },
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) => {
                    if let Ok(Some(status)) = driver.try_wait() {
                        panic!("chromedriver exited: {status}");
                    }
                    assert!(Instant::now() < deadline, "no browser session: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        Self {
            client,
            driver,
            _profile: profile,
            javascript,
        }
    }

    /// What every page of the console must pass, checked on the page now shown: a
    /// screenshot at 1280 px and at 390 px wide (into target/test-artifacts/, named
    /// `<name>-1280.png` and `<name>-390.png`), no sideways scrolling at 390 px, and,
    /// with script on, no "serious" or "critical" axe-core violation (the full result
    /// is written beside the screenshots as `<name>-axe.json`).
    pub async fn check_page(&self, name: &str) {
        self.client.set_window_size(1280, 900).await.unwrap();
        self.screenshot(&format!("{name}-1280.png")).await;
        self.client.set_window_size(390, 844).await.unwrap();
        self.screenshot(&format!("{name}-390.png")).await;
        if self.javascript {
            let overflow = self
                .client
                .execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                overflow.as_i64().unwrap_or(0) <= 0,
                "{name}: scrolls sideways at 390 px by {overflow} px"
            );
        }
        self.client.set_window_size(1200, 900).await.unwrap();
        if self.javascript {
            let violations = self.axe().await;
            std::fs::write(
                artifacts().join(format!("{name}-axe.json")),
                serde_json::to_vec_pretty(&violations).unwrap(),
            )
            .unwrap();
            let blocking: Vec<_> = violations
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| BLOCKING_IMPACTS.contains(&v["impact"].as_str().unwrap_or_default()))
                .collect();
            assert!(
                blocking.is_empty(),
                "{name}: axe-core finds serious or critical violations: {blocking:#?}"
            );
        }
    }

    /// axe-core's violations on the page now shown (the script from npm, which
    /// `scripts/test` installs into tests/browser/node_modules).
    pub async fn axe(&self) -> serde_json::Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/browser/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; `scripts/test` installs it (npm ci --prefix tests/browser)",
                path.display()
            )
        });
        // injected over WebDriver, which the page's Content-Security-Policy does not govern
        self.client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .expect("axe-core loads into the page");
        self.client
            .execute(
                "return axe.run(document, { resultTypes: ['violations'] }).then(r => \
                 r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
                 nodes: v.nodes.map(n => n.target.join(' ')) })))",
                vec![],
            )
            .await
            .expect("axe-core runs")
    }

    /// Ends the browser session (Chromium exits), then chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Gives the browser a platform authenticator that holds passkeys and verifies its
    /// user at once (WebDriver's "Add Virtual Authenticator", CTAP2 over "internal").
    pub async fn add_virtual_authenticator(&self) -> String {
        let added = self
            .client
            .issue_cmd(AddVirtualAuthenticator)
            .await
            .expect("chromedriver adds a virtual authenticator");
        added.as_str().unwrap_or_default().to_owned()
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("page loads");
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.client.find(Locator::Css(css)).await.expect(css);
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks and waits for the page the click leads to.
    pub async fn click(&self, css: &str) {
        let before = self.client.find(Locator::Css("html")).await.unwrap();
        self.client
            .find(Locator::Css(css))
            .await
            .expect(css)
            .click()
            .await
            .unwrap();
        // the old document's root goes stale once the new page is there
        let deadline = Instant::now() + Duration::from_secs(10);
        while before.tag_name().await.is_ok() {
            assert!(
                Instant::now() < deadline,
                "no new page after clicking {css}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Clicks what loads no page (a checkbox, a disclosure's summary).
    pub async fn toggle(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.expect(css);
        element.click().await.unwrap();
    }

    /// What a form field holds now (what was typed, or what the page put back).
    pub async fn value(&self, css: &str) -> String {
        let element = self.client.find(Locator::Css(css)).await.expect(css);
        element.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Clicks the submit button of the form whose action is `action`.
    pub async fn submit(&self, action: &str) {
        self.click(&format!("form[action='{action}'] button[type=submit]"))
            .await;
    }

    /// Types into the field whose label says `label` (the words people see).
    pub async fn fill_labelled(&self, label: &str, value: &str) {
        let xpath = format!(
            "//*[(self::input or self::textarea) and @id=//label[normalize-space()={}]/@for]",
            xpath_literal(label)
        );
        let field = self
            .client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no field labelled {label:?}: {e}"));
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Ticks the checkbox whose label says `label` (the words people see).
    pub async fn tick_labelled(&self, label: &str) {
        let xpath = format!(
            "//input[@type='checkbox' and @id=//label[normalize-space()={}]/@for]",
            xpath_literal(label)
        );
        self.client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no checkbox labelled {label:?}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Presses the button that says `words`, and waits for the page it leads to.
    pub async fn press(&self, words: &str) {
        let w = xpath_literal(words);
        // the words people see: the element's own text, before any visually hidden extra
        let xpath = format!(
            "//button[normalize-space()={w} or normalize-space(text()[1])={w}] \
             | //input[@type='submit' and @value={w}]"
        );
        self.click_xpath(&xpath, words).await;
    }

    /// Follows the link that says `words`, and waits for the page it leads to.
    pub async fn follow(&self, words: &str) {
        let w = xpath_literal(words);
        let xpath = format!("//a[normalize-space()={w} or normalize-space(text()[1])={w}]");
        self.click_xpath(&xpath, words).await;
    }

    async fn click_xpath(&self, xpath: &str, what: &str) {
        let before = self.client.find(Locator::Css("html")).await.unwrap();
        let target = match self.client.find(Locator::XPath(xpath)).await {
            Ok(target) => target,
            Err(e) => panic!("nothing that says {what:?} on {}: {e}", self.here().await),
        };
        target.click().await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while before.tag_name().await.is_ok() {
            assert!(Instant::now() < deadline, "no new page after {what:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The current page's address, for messages.
    async fn here(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// The visible text of the first element `css` finds. Waits for it a little: right
    /// after a click the new page may still be arriving (its old root is gone, its body
    /// not yet all parsed).
    pub async fn text(&self, css: &str) -> String {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element.text().await.unwrap(),
            Err(e) => panic!("{css} on {}: {e}", self.here().await),
        }
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(element.text().await.unwrap());
        }
        out
    }

    /// Saves a PNG screenshot under the test artifacts folder; returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let path = artifacts().join(name);
        std::fs::write(&path, self.client.screenshot().await.unwrap()).unwrap();
        path
    }

    /// The value of a cookie of the current page (HttpOnly ones too: WebDriver sees all).
    pub async fn cookie(&self, name: &str) -> Option<String> {
        self.client
            .get_named_cookie(name)
            .await
            .ok()
            .map(|c| c.value().to_owned())
    }
}

/// `s` as an XPath string literal (XPath 1.0 has no escapes: use concat() for both quotes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// The test artifacts folder (screenshots, axe-core results), made if missing.
fn artifacts() -> PathBuf {
    let dir = std::env::var_os("STEWARD_TEST_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// WebDriver's `POST /session/{id}/webauthn/authenticator` (Web Authentication spec,
/// "Add Virtual Authenticator"), which fantoccini has no method for.
#[derive(Debug)]
struct AddVirtualAuthenticator;

impl fantoccini::wd::WebDriverCompatibleCommand for AddVirtualAuthenticator {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/webauthn/authenticator",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (poem::http::Method, Option<String>) {
        let body = json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserVerified": true,
        });
        (poem::http::Method::POST, Some(body.to_string()))
    }
}
