//! The real binary as a child process, for what only a process can show: SIGKILL,
//! SIGTERM, a restart on the same data folder.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{PASSWORD, test_config};

/// The real binary as a child process, with a config file in `dir`. Killed (SIGKILL)
/// when dropped, so a failing test leaves no server behind.
pub struct Process {
    pub child: Child,
    pub base: String,
}

impl Process {
    /// Registers `email` (with [`PASSWORD`]) on this server, which queues its mail.
    pub async fn register(&self, email: &str) -> crate::support::Resp {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/v1/registrations", self.base))
            .json(&serde_json::json!({"email": email, "password": PASSWORD, "accept_terms": true}))
            .send()
            .await
            .unwrap();
        crate::support::read(resp).await
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

pub async fn spawn_binary(
    dir: &std::path::Path,
    http_port: u16,
    smtp_port: u16,
    configure: impl FnOnce(&mut steward::config::Config),
) -> Process {
    spawn_binary_with_env(dir, http_port, smtp_port, configure, &[]).await
}

/// As `spawn_binary`, with extra environment variables (e.g. systemd's NOTIFY_SOCKET).
pub async fn spawn_binary_with_env(
    dir: &std::path::Path,
    http_port: u16,
    smtp_port: u16,
    configure: impl FnOnce(&mut steward::config::Config),
    env: &[(&str, String)],
) -> Process {
    let mut config = test_config(dir.join("data"), smtp_port);
    configure(&mut config);
    config.server.bind = format!("127.0.0.1:{http_port}").parse().unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, toml::to_string(&config).unwrap()).unwrap();
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
