//! The real binary as a child process, for what only a process can show: SIGKILL,
//! SIGTERM, a restart on the same data folder, the console commands, a start-up that
//! fails, the log as it reaches a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use steward::config::Config;

use crate::support::{PASSWORD, Resp, test_config};

/// The real binary as a child process, with a config file in `dir`. Killed (SIGKILL)
/// when dropped, so a failing test leaves no server behind.
pub struct Process {
    pub child: Child,
    pub base: String,
}

impl Process {
    /// Sends `body` as JSON to `path`, with `token` as the bearer if there is one.
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        let mut request = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        crate::support::read(request.send().await.expect("request sent")).await
    }

    /// Registers `email` (with [`PASSWORD`]) on this server, which queues its mail.
    pub async fn register(&self, email: &str) -> Resp {
        let body = json!({"email": email, "password": PASSWORD, "accept_terms": true});
        self.post("/api/v1/registrations", None, body).await
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Writes `config` to `dir/config.toml`, the file every command here is given.
pub fn write_config(dir: &Path, config: &Config) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, toml::to_string(config).unwrap()).unwrap();
    path
}

pub async fn spawn_binary(
    dir: &Path,
    http_port: u16,
    smtp_port: u16,
    configure: impl FnOnce(&mut Config),
) -> Process {
    spawn_binary_with_env(dir, http_port, smtp_port, configure, &[]).await
}

/// As `spawn_binary`, with extra environment variables (e.g. systemd's NOTIFY_SOCKET).
pub async fn spawn_binary_with_env(
    dir: &Path,
    http_port: u16,
    smtp_port: u16,
    configure: impl FnOnce(&mut Config),
    env: &[(&str, String)],
) -> Process {
    let mut config = test_config(dir.join("data"), smtp_port);
    configure(&mut config);
    config.server.bind = format!("127.0.0.1:{http_port}").parse().unwrap();
    let path = write_config(dir, &config);
    let mut process = Process {
        child: Command::new(env!("CARGO_BIN_EXE_steward"))
            .args(["serve", "--config"])
            .arg(&path)
            .env("RUST_LOG", "info,apalis=warn,apalis_core=warn")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::null())
            // kept beside the data, for a failing test to show
            .stderr(Stdio::from(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(dir.join("server.log"))
                    .unwrap(),
            ))
            .spawn()
            .unwrap(),
        base: format!("http://127.0.0.1:{http_port}"),
    };
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = client.get(format!("{}/readyz", process.base)).send().await
            && r.status() == 200
        {
            return process;
        }
        if let Ok(Some(status)) = process.child.try_wait() {
            panic!("the binary exited: {status}");
        }
        assert!(Instant::now() < deadline, "the binary did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs the console command `steward --config dir/config.toml ARGS` to its end, with
/// `stdin` as its standard input, as an operator beside the server does.
pub fn steward(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(["--config"])
        .arg(dir.join("config.toml"))
        .args(args)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// Runs `steward serve` with its data folder on a fresh tmpfs mounted with `options`, in
/// a user and mount namespace of its own (no root needed, nothing left mounted):
/// returns whether it exited, its exit code and what it printed.
pub fn serve_on_tmpfs(options: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let mut config = test_config(data.clone(), free_port());
    config.server.bind = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let path = write_config(dir.path(), &config);
    let script = format!(
        "mount -t tmpfs -o {options} tmpfs '{}' && exec '{}' --config '{}' serve",
        data.display(),
        env!("CARGO_BIN_EXE_steward"),
        path.display()
    );
    let mut child = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("unshare (util-linux) runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("mount:"),
        "this machine can not mount a tmpfs in a user namespace: {stderr}"
    );
    (status.and_then(|s| s.code()), stderr)
}
