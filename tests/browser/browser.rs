//! A headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`), at
//! 1366×768 like a branch desk's screen, with the helpers a journey speaks in.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use thirtyfour::prelude::*;
use thirtyfour::{ChromeCapabilities, ChromiumLikeCapabilities};
use tokio::process::{Child, Command};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// axe-core's script, installed by `scripts/install-browser` (or named by `KOMBI_AXE_JS`).
pub fn axe_script_path() -> PathBuf {
    if let Ok(path) = std::env::var("KOMBI_AXE_JS") {
        return PathBuf::from(path);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".cache/kombi-axe/axe.min.js")
}

/// Why journeys cannot run here, if they cannot.
pub fn missing() -> Option<String> {
    let missing: Vec<String> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .map(PathBuf::from)
        .chain([axe_script_path()])
        .filter(|path| !path.exists())
        .map(|path| path.display().to_string())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "{} missing: run scripts/install-browser to install the browser and axe-core",
            missing.join(", ")
        )
    })
}

/// Where journeys save their screenshots: `target/journeys/` of the source tree.
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/journeys")
}

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A browser session on the app at `base` (`http://127.0.0.1:port`).
pub struct Browser {
    pub driver: WebDriver,
    base: String,
    journey: &'static str,
    _chromedriver: Child,
}

impl Browser {
    pub async fn open(base: &str, journey: &'static str) -> Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let chromedriver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let status = reqwest::get(format!("{url}/status")).await;
            if let Ok(response) = status
                && let Ok(body) = response.json::<Value>().await
                && body["value"]["ready"] == true
            {
                break;
            }
            if Instant::now() > deadline {
                return Err("chromedriver did not start".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let driver = WebDriver::new(&url, capabilities()?).await?;
        // The page area itself is 1366×768 (a window of that size leaves less to the page).
        driver
            .cdp()
            .send_raw(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": false}),
            )
            .await?;
        Ok(Self {
            driver,
            base: base.to_string(),
            journey,
            _chromedriver: chromedriver,
        })
    }

    /// Asks for pages in `language` (an `Accept-Language` value), as a browser set up so would.
    pub async fn prefer_language(&self, language: &str) -> Result<()> {
        self.driver
            .cdp()
            .send_raw(
                "Emulation.setUserAgentOverride",
                json!({"userAgent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156 Kombi-journeys", "acceptLanguage": language}),
            )
            .await?;
        Ok(())
    }

    pub async fn goto(&self, path: &str) -> Result<()> {
        self.driver.goto(format!("{}{path}", self.base)).await?;
        Ok(())
    }

    pub async fn path(&self) -> Result<String> {
        let url = self.driver.current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        })
    }

    /// Waits (up to 5 s) until the browser is at `expected` (a path, with its query if any).
    pub async fn wait_for_path(&self, expected: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let path = self.path().await?;
            if path == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("the browser is at {path}, not {expected}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn find(&self, css: &str) -> Result<WebElement> {
        Ok(self.driver.find(By::Css(css)).await?)
    }

    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let field = self.find(css).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// The current value of a form field (what the person sees in it).
    pub async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .find(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Replaces a field's whole value at once, as pasting would (typing a long text key by key
    /// only slows the journey).
    pub async fn paste(&self, css: &str, text: &str) -> Result<()> {
        let field = self.find(css).await?;
        self.driver
            .execute(
                "arguments[0].value = arguments[1];",
                vec![field.to_json()?, serde_json::Value::String(text.to_owned())],
            )
            .await?;
        Ok(())
    }

    /// Scrolls the first element matching `css` to the top of the window.
    pub async fn scroll_to(&self, css: &str) -> Result<()> {
        let element = self.find(css).await?;
        self.driver
            .execute("arguments[0].scrollIntoView();", vec![element.to_json()?])
            .await?;
        Ok(())
    }

    /// Chooses a file for an `<input type=file>`.
    pub async fn attach(&self, css: &str, path: &std::path::Path) -> Result<()> {
        self.find(css)
            .await?
            .send_keys(path.display().to_string())
            .await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> Result<String> {
        self.text("body").await
    }

    /// Waits (up to 5 s) until the text of `css` contains `expected`; returns that text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let text = self.text(css).await.unwrap_or_default();
            if text.contains(expected) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} shows {text:?}, not {expected:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot as `target/journeys/<journey>-<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<()> {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let png = self.driver.screenshot_as_png().await?;
        std::fs::write(dir.join(format!("{}-{name}.png", self.journey)), png)?;
        Ok(())
    }

    /// Runs axe-core (WCAG 2 A and AA rules) on the page; fails listing every violation.
    pub async fn check_accessibility(&self, page: &str) -> Result<()> {
        let script = std::fs::read_to_string(axe_script_path())?;
        self.driver.execute(&script, vec![]).await?;
        let result = self
            .driver
            .execute_async(
                r"const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
                  .then(r => done({ violations: r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ')) })) }))
                  .catch(e => done({ error: String(e) }));",
                vec![],
            )
            .await?;
        let report = result.json();
        if let Some(error) = report.get("error") {
            return Err(format!("axe failed on {page}: {error}").into());
        }
        match report["violations"].as_array() {
            Some(violations) if violations.is_empty() => Ok(()),
            _ => Err(format!(
                "accessibility violations on {page}:\n{}",
                serde_json::to_string_pretty(&report["violations"])?
            )
            .into()),
        }
    }

    pub async fn quit(self) -> Result<()> {
        self.driver.quit().await?;
        Ok(())
    }
}

fn capabilities() -> Result<ChromeCapabilities> {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(CHROMIUM)?;
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
    ] {
        caps.add_arg(arg)?;
    }
    Ok(caps)
}
