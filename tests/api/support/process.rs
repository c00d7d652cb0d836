//! The real binary as a child process, for what only a process can show: SIGKILL,
//! SIGTERM, a restart on the same data folder, the console commands, a start-up that
//! fails, the log as it reaches a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
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

    /// GET `path` with `token` as the bearer.
    pub async fn get(&self, path: &str, token: &str) -> Resp {
        let request = reqwest::Client::new().get(format!("{}{path}", self.base));
        crate::support::read(
            request
                .bearer_auth(token)
                .send()
                .await
                .expect("request sent"),
        )
        .await
    }

    /// PATCH `path` with `body` as JSON and `token` as the bearer.
    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Resp {
        let request = reqwest::Client::new()
            .patch(format!("{}{path}", self.base))
            .json(&body)
            .bearer_auth(token);
        crate::support::read(request.send().await.expect("request sent")).await
    }

    /// DELETE `path` with `token` as the bearer.
    pub async fn delete(&self, path: &str, token: &str) -> Resp {
        let request = reqwest::Client::new().delete(format!("{}{path}", self.base));
        crate::support::read(
            request
                .bearer_auth(token)
                .send()
                .await
                .expect("request sent"),
        )
        .await
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
    // on the run's backend, as TestApp is; a test that needs SQLite clears the URL
    config.database.url = existing_or_new_database(dir).await;
    if !config.database.url.is_empty() {
        config.security.secret_key = crate::support::TEST_SERVER_KEY.into();
    }
    configure(&mut config);
    if config.database.url.is_empty()
        && config.security.secret_key == crate::support::TEST_SERVER_KEY
    {
        // kept on SQLite by the test: as in the SQLite pass, the key in the data folder
        config.security.secret_key.clear();
    }
    config.server.bind = format!("127.0.0.1:{http_port}").parse().unwrap();
    let path = write_config(dir, &config);
    let mut process = Process {
        child: Command::new(env!("CARGO_BIN_EXE_steward"))
            .args(["serve", "--config"])
            .arg(&path)
            .env("RUST_LOG", "info,apalis=warn,apalis_core=warn")
            // the log's colour is the test's to choose, not the shell's that runs it
            .env_remove("NO_COLOR")
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

/// A connection pool to the database of the instance in `dir` (its config file's),
/// SQLite or PostgreSQL, for a test to read what the process stored.
pub async fn database_of(dir: &Path) -> steward::db::Pool {
    let text = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    let config: Config = toml::from_str(&text).unwrap();
    steward::db::connect(&config.database(), 2, None)
        .await
        .unwrap()
}

/// The database of the instance in `dir`: the one its config file names when it has
/// one (a restart on the same folder), else a fresh one on the run's backend.
async fn existing_or_new_database(dir: &Path) -> String {
    if let Ok(text) = std::fs::read_to_string(dir.join("config.toml"))
        && let Ok(config) = toml::from_str::<Config>(&text)
    {
        return config.database.url;
    }
    crate::support::test_database().await
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

/// Where a console command's standard error goes.
#[derive(Debug, Clone, Copy)]
pub enum Stderr {
    /// A pipe, as a supervisor or `2>&1 | tee` gives it.
    Pipe,
    /// A terminal (the pseudo-terminal `script` opens), as a person at a shell has.
    Terminal,
}

/// Runs `steward --config dir/config.toml ARGS` to its end with `env` (and neither
/// RUST_LOG nor NO_COLOR unless `env` sets them), its standard error going to `stderr`:
/// returns its exit status and what it wrote there.
pub fn steward_writing_to(
    stderr: Stderr,
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (ExitStatus, String) {
    let binary = env!("CARGO_BIN_EXE_steward");
    let config = dir.join("config.toml");
    let mut command = match stderr {
        Stderr::Pipe => {
            let mut command = Command::new(binary);
            command.arg("--config").arg(&config).args(args);
            command
        }
        Stderr::Terminal => {
            // script runs the line on a pseudo-terminal and copies what it shows to its
            // own standard output
            let config = config.display().to_string();
            let line = [binary, "--config", config.as_str()]
                .iter()
                .chain(args)
                .map(|word| format!("'{}'", word.replace('\'', r"'\''")))
                .collect::<Vec<_>>()
                .join(" ");
            let mut command = Command::new("script");
            command.args(["--quiet", "--return", "--command", &line, "/dev/null"]);
            command
        }
    };
    let output = command
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the command runs (a terminal needs util-linux's script)");
    let written = match stderr {
        Stderr::Pipe => output.stderr,
        Stderr::Terminal => output.stdout,
    };
    (
        output.status,
        String::from_utf8_lossy(&written).into_owned(),
    )
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
