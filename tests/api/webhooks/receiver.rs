//! A webhook receiver on loopback: a small HTTP/1.1 server that records what it gets and
//! answers as the test tells it (accept, a status, hang, a huge body, a redirect), and
//! can go down and come back on the same port.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Status(u16),
    /// Never answers.
    Hang,
    /// 200 with 8 MiB of body.
    Huge,
    /// 302 to another address.
    Redirect,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Got {
    pub headers: HeaderMap,
    pub body: String,
}

impl Got {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// Whether `secret` verifies it, with the standardwebhooks crate.
    pub fn verifies_with(&self, secret: &str) -> bool {
        standardwebhooks::Webhook::new(secret)
            .expect("a whsec_ secret")
            .verify(self.body.as_bytes(), &self.headers)
            .is_ok()
    }
}

struct Inner {
    answer: Answer,
    got: Vec<Got>,
}

pub struct Receiver {
    pub port: u16,
    inner: Arc<Mutex<Inner>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Receiver {
    pub async fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let inner = Arc::new(Mutex::new(Inner {
            answer,
            got: Vec::new(),
        }));
        let task = Some(tokio::spawn(serve(listener, inner.clone())));
        Self { port, inner, task }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    pub fn set(&self, answer: Answer) {
        self.inner.lock().unwrap().answer = answer;
    }

    pub fn got(&self) -> Vec<Got> {
        self.inner.lock().unwrap().got.clone()
    }

    /// Stops listening: connections are refused until [`Receiver::up`].
    pub fn down(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    pub async fn up(&mut self) {
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => break l,
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        };
        self.task = Some(tokio::spawn(serve(listener, self.inner.clone())));
    }

    /// Waits (up to `secs`) until at least `n` requests came; returns them all.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Got> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.got();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} webhooks in {secs} s: {:?}",
                got.len(),
                got.iter()
                    .map(|g| g.json()["type"].clone())
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.down();
    }
}

async fn serve(listener: TcpListener, inner: Arc<Mutex<Inner>>) {
    let mut connections = tokio::task::JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        connections.spawn(answer(stream, inner.clone()));
    }
}

async fn answer(mut stream: TcpStream, inner: Arc<Mutex<Inner>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut headers = HeaderMap::new();
    for line in head.lines().skip(1) {
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(
                HeaderName::from_bytes(k.trim().as_bytes()).unwrap(),
                HeaderValue::from_str(v.trim()).unwrap(),
            );
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok()?.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body = String::from_utf8_lossy(&buf[head_end..head_end + length]).to_string();
    let answer = {
        let mut inner = inner.lock().unwrap();
        inner.got.push(Got { headers, body });
        inner.answer
    };
    let reply = |status: u16, extra: &str, body: &str| {
        format!(
            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{body}",
            body.len()
        )
    };
    match answer {
        Answer::Accept => {
            let _ = stream.write_all(reply(204, "", "").as_bytes()).await;
        }
        Answer::Status(code) => {
            let body = format!("receiver says {code}");
            let _ = stream.write_all(reply(code, "", &body).as_bytes()).await;
        }
        Answer::Hang => tokio::time::sleep(Duration::from_secs(3600)).await,
        Answer::Huge => {
            let size = 8 << 20;
            let head =
                format!("HTTP/1.1 500 X\r\ncontent-length: {size}\r\nconnection: close\r\n\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
            let block = vec![b'x'; 64 * 1024];
            for _ in 0..(size / block.len()) {
                if stream.write_all(&block).await.is_err() {
                    return;
                }
            }
        }
        Answer::Redirect => {
            let extra = "location: http://127.0.0.1:1/elsewhere\r\n";
            let _ = stream.write_all(reply(302, extra, "").as_bytes()).await;
        }
    }
    let _ = stream.shutdown().await;
}
