//! A small SMTP server for tests: speaks real SMTP over TCP on 127.0.0.1, keeps what it
//! receives, and can be told to refuse mail (temporarily or for good).

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub raw: Vec<u8>,
    /// The user name the client signed in with (AUTH PLAIN), if it did.
    pub authenticated_as: Option<String>,
}

/// How the server answers the end of DATA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 451: try again later.
    RejectTemporarily,
    /// 550: this will never work.
    RejectPermanently,
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    mode: Option<Mode>,
    /// Refuse this many messages with 451 before accepting again.
    temporary_failures: usize,
    /// Wait this long before answering the end of DATA (a slow server).
    delay: std::time::Duration,
    /// When set, mail is only taken after AUTH PLAIN with this user name and password.
    login: Option<(String, String)>,
}

pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
    task: JoinHandle<()>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        Self::listen(
            TcpListener::bind(("127.0.0.1", 0))
                .await
                .expect("bind smtp"),
        )
    }

    /// Comes up on the port held for a server that was down.
    pub fn start_on(down: DownPort) -> Self {
        down.socket.listen(128).expect("listen smtp");
        let listener = std::net::TcpListener::from(down.socket);
        listener.set_nonblocking(true).unwrap();
        Self::listen(TcpListener::from_std(listener).unwrap())
    }

    fn listen(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let task = tokio::spawn({
            let shared = shared.clone();
            async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    tokio::spawn(session(stream, shared.clone()));
                }
            }
        });
        Self { port, shared, task }
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    pub fn set_mode(&self, mode: Mode) {
        self.shared.lock().unwrap().mode = Some(mode);
    }

    pub fn set_delay(&self, delay: std::time::Duration) {
        self.shared.lock().unwrap().delay = delay;
    }

    /// Offer AUTH PLAIN and take mail only from a client that signed in with these.
    pub fn require_login(&self, user: &str, password: &str) {
        self.shared.lock().unwrap().login = Some((user.into(), password.into()));
    }

    pub fn fail_next(&self, n: usize) {
        self.shared.lock().unwrap().temporary_failures = n;
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The port of an SMTP server that is down: bound but not listening, so connections are
/// refused, and no other test can take the port before the server comes up on it.
pub struct DownPort {
    socket: socket2::Socket,
    pub port: u16,
}

impl DownPort {
    pub fn reserve() -> Self {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .expect("socket");
        let addr: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
        socket.bind(&addr.into()).expect("bind");
        let port = socket
            .local_addr()
            .unwrap()
            .as_socket_ipv4()
            .expect("an IPv4 address")
            .port();
        Self { socket, port }
    }
}

async fn session(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 test-smtp ESMTP ready\r\n").await;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut authenticated_as = None;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let login = shared.lock().unwrap().login.clone();
        let answer = if upper.starts_with("EHLO") {
            let auth = if login.is_some() {
                "250-AUTH PLAIN\r\n"
            } else {
                ""
            };
            format!("250-test-smtp\r\n250-8BITMIME\r\n{auth}250-SMTPUTF8\r\n250 OK")
        } else if upper.starts_with("HELO") {
            "250 test-smtp".to_owned()
        } else if upper.starts_with("AUTH PLAIN ") {
            // the initial response: base64 of "\0user\0password"
            let decoded = base64::Engine::decode(
                &base64::engine::general_purpose::STANDARD,
                command[11..].trim(),
            )
            .unwrap_or_default();
            let parts: Vec<&[u8]> = decoded.split(|b| *b == 0).collect();
            match (&login, parts.as_slice()) {
                (Some((user, password)), [_, u, p])
                    if *u == user.as_bytes() && *p == password.as_bytes() =>
                {
                    authenticated_as = Some(user.clone());
                    "235 2.7.0 Authentication successful".to_owned()
                }
                _ => "535 5.7.8 Authentication credentials invalid".to_owned(),
            }
        } else if upper.starts_with("MAIL FROM:") && login.is_some() && authenticated_as.is_none() {
            "530 5.7.0 Authentication required".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            mail_from = address(&command[10..]);
            rcpt_to.clear();
            "250 OK".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            rcpt_to.push(address(&command[8..]));
            "250 OK".to_owned()
        } else if upper == "DATA" {
            let _ = write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await;
            let mut raw = Vec::new();
            loop {
                let mut data_line = Vec::new();
                if lines.read_until(b'\n', &mut data_line).await.unwrap_or(0) == 0 {
                    return;
                }
                if data_line == b".\r\n" || data_line == b".\n" {
                    break;
                }
                // undo dot-stuffing
                let data_line = if data_line.starts_with(b"..") {
                    &data_line[1..]
                } else {
                    &data_line[..]
                };
                raw.extend_from_slice(data_line);
            }
            let delay = shared.lock().unwrap().delay;
            tokio::time::sleep(delay).await;
            let mut shared = shared.lock().unwrap();
            if shared.temporary_failures > 0 {
                shared.temporary_failures -= 1;
                "451 4.3.0 Try again later".to_owned()
            } else {
                match shared.mode.unwrap_or(Mode::Accept) {
                    Mode::RejectTemporarily => "451 4.3.0 Try again later".to_owned(),
                    Mode::RejectPermanently => "550 5.1.1 No such user".to_owned(),
                    Mode::Accept => {
                        shared.received.push(Received {
                            mail_from: mail_from.clone(),
                            rcpt_to: rcpt_to.clone(),
                            raw,
                            authenticated_as: authenticated_as.clone(),
                        });
                        "250 2.0.0 Queued".to_owned()
                    }
                }
            }
        } else if upper == "QUIT" {
            let _ = write.write_all(b"221 Bye\r\n").await;
            return;
        } else if upper.starts_with("RSET") || upper.starts_with("NOOP") {
            "250 OK".to_owned()
        } else {
            "502 Command not implemented".to_owned()
        };
        if write
            .write_all(format!("{answer}\r\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let end = arg.find('>').map_or(arg.len(), |i| i + 1);
    arg[..end].trim_matches(['<', '>']).to_owned()
}
