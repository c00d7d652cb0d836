//! Sending mail: rendering templates/mail into a text and an HTML part, and handing the
//! message to the configured transport (SMTP, .eml files, or the log).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;

use crate::config::{Config, MailTransport, SmtpTls};
use crate::templates::Templates;

/// A mail ready to send.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `mail/<template>.{subject,txt,html}`. A notice without an HTML template of
/// its own gets `mail/notice.html` around its text.
pub fn render(
    templates: &Templates,
    template: &str,
    context: impl Serialize,
) -> anyhow::Result<Rendered> {
    let context = minijinja::Value::from_serialize(&context);
    let part = |name: String, context: &minijinja::Value| {
        templates
            .render(&name, context)
            .with_context(|| format!("rendering {name}"))
    };
    let subject = part(format!("mail/{template}.subject"), &context)?;
    // a subject is one line whatever the template's whitespace
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = part(format!("mail/{template}.txt"), &context)?;
    let html_name = format!("mail/{template}.html");
    let html = if templates.exists(&html_name) {
        part(html_name, &context)?
    } else {
        // the text's paragraphs, without the signature (it is in the HTML layout)
        let body = text.split("\n-- \n").next().unwrap_or_default();
        let paragraphs: Vec<String> = body
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        let notice = minijinja::context! { subject => &subject, paragraphs, ..context.clone() };
        part("mail/notice.html".into(), &notice)?
    };
    Ok(Rendered {
        subject,
        text,
        html,
    })
}

/// Why a send did not go through.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth another try later (connection refused, timeout, 4xx).
    #[error("{0}")]
    Transient(String),
    /// Will fail again the same way (5xx reply, bad address).
    #[error("{0}")]
    Permanent(String),
}

/// Where a mail went, for the log line that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Accepted by the SMTP server.
    Smtp,
    /// Written by the file transport: the .eml file (a plain-text copy is beside it).
    File(PathBuf),
    /// Only written to the log (the log transport).
    Log,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(PathBuf),
    Log,
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        let from: Mailbox =
            config.mail.from.parse().with_context(|| {
                format!("mail.from {:?} is not a valid address", config.mail.from)
            })?;
        let transport = match config.mail.transport {
            MailTransport::Smtp => Transport::Smtp(smtp_transport(config)?),
            MailTransport::File => Transport::File(config.server.data_dir.join("outbox")),
            MailTransport::Log => Transport::Log,
        };
        Ok(Self { transport, from })
    }

    /// A Message-ID for one outbox row: the same across retries, so a receiver that got
    /// a mail twice (a crash after the server accepted it) can tell.
    pub fn message_id(&self, unique: &str) -> String {
        format!("<{unique}@{}>", self.from.email.domain())
    }

    pub async fn send(
        &self,
        to: &str,
        mail: &Rendered,
        message_id: &str,
    ) -> Result<Sent, SendError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| SendError::Permanent(format!("invalid recipient {to:?}: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .message_id(Some(message_id.to_owned()))
            .date_now()
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| Sent::Smtp).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Transport::File(dir) => {
                let copy = plain_copy(message.envelope().to()[0].as_ref(), mail);
                write_eml(dir, message_id, &message.formatted(), copy.as_bytes())
                    .await
                    .map(Sent::File)
                    .map_err(|e| SendError::Transient(format!("{e:#}")))
            }
            Transport::Log => {
                // the log transport is for trying Steward out: the mail's text, links
                // included, is what the person trying wants to see
                tracing::info!(
                    to = %message.envelope().to()[0],
                    subject = %mail.subject,
                    "mail (log transport, not sent):\n{}",
                    mail.text.trim_end()
                );
                Ok(Sent::Log)
            }
        }
    }
}

fn smtp_transport(config: &Config) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let smtp = &config.mail.smtp;
    let builder = match smtp.tls {
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .context("mail.smtp.host")?,
        SmtpTls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).context("mail.smtp.host")?
        }
    };
    let mut builder = builder
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(smtp.timeout_seconds)));
    if !smtp.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            smtp.username.clone(),
            smtp.password.clone(),
        ));
    }
    Ok(builder.build())
}

/// The text part of a mail with its recipient and subject, as a person reads it: the
/// .eml beside it is quoted-printable, where `cat` shows links broken by `=` and `=3D`.
fn plain_copy(to: &str, mail: &Rendered) -> String {
    format!("To: {to}\nSubject: {}\n\n{}", mail.subject, mail.text)
}

/// Writes `<data_dir>/outbox/<message id>.eml`, and its plain-text copy as `.txt`, each
/// whole or not at all; returns the .eml's path.
async fn write_eml(
    dir: &std::path::Path,
    message_id: &str,
    bytes: &[u8],
    plain: &[u8],
) -> anyhow::Result<PathBuf> {
    tokio::fs::create_dir_all(dir)
        .await
        .with_context(|| format!("creating {}", dir.display()))?;
    let name: String = message_id
        .trim_matches(['<', '>'])
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // the copy first: whoever waits for the .eml finds its copy there too
    let tmp = dir.join(format!(".{name}.txt.tmp"));
    tokio::fs::write(&tmp, plain)
        .await
        .with_context(|| format!("writing {}", tmp.display()))?;
    tokio::fs::rename(&tmp, dir.join(format!("{name}.txt"))).await?;
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, bytes)
        .await
        .with_context(|| format!("writing {}", tmp.display()))?;
    let eml = dir.join(format!("{name}.eml"));
    tokio::fs::rename(&tmp, &eml).await?;
    Ok(eml)
}
