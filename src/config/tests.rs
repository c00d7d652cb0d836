//! Loading as an operator meets it: files, environment, secrets, credentials, mistakes.
// figment::Jail's closures return figment::Error, which is large; not ours to shrink
#![allow(clippy::result_large_err)]

use std::path::{Path, PathBuf};

use figment::providers::{Format, Serialized, Toml};
use figment::{Figment, Jail};

use super::{Config, MailTransport};

fn load_in_jail(jail: &Jail, file: Option<&str>) -> anyhow::Result<Config> {
    let path = file.map(|f| jail.directory().join(f));
    Config::from_figment(Config::figment(path.as_deref()))
}

#[test]
fn defaults_need_no_file() {
    Jail::expect_with(|jail| {
        let c = load_in_jail(jail, None).unwrap();
        assert_eq!(c.server.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.server.data_dir, PathBuf::from("./data"));
        assert_eq!(c.mail.transport, MailTransport::File);
        assert_eq!(c.security.argon2_memory_kib, 19456);
        Ok(())
    });
}

#[test]
fn file_then_env_with_double_underscore() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "c.toml",
            "[server]\nbind = \"0.0.0.0:9000\"\n[mail]\ntransport = \"smtp\"\n[mail.smtp]\nport = 25\n",
        )?;
        jail.set_env("STEWARD_MAIL__SMTP__PORT", "2525");
        jail.set_env("STEWARD_SMTP__PASSWORD", "hunter2hunter2");
        jail.set_env("STEWARD_CONFIG", "ignored-by-the-loader");
        let c = load_in_jail(jail, Some("c.toml")).unwrap();
        assert_eq!(c.server.bind.port(), 9000);
        assert_eq!(c.mail.transport, MailTransport::Smtp);
        assert_eq!(c.mail.smtp.port, 2525);
        assert_eq!(c.mail.smtp.password, "hunter2hunter2");
        Ok(())
    });
}

#[test]
fn unknown_keys_are_named() {
    Jail::expect_with(|jail| {
        jail.create_file("c.toml", "[server]\nbindd = \"0.0.0.0:9000\"\n")?;
        let err = load_in_jail(jail, Some("c.toml")).unwrap_err().to_string();
        assert!(err.contains("bindd"), "{err}");
        Ok(())
    });
    Jail::expect_with(|jail| {
        jail.set_env("STEWARD_SECURITY__NOPE", "1");
        let err = load_in_jail(jail, None).unwrap_err().to_string();
        assert!(err.contains("nope"), "{err}");
        Ok(())
    });
}

#[test]
fn proxy_and_metrics_addresses_are_checked() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "c.toml",
            "[server]\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"::1\"]\n",
        )?;
        let c = load_in_jail(jail, Some("c.toml")).unwrap();
        assert_eq!(c.trusted_proxies().unwrap().len(), 3);
        Ok(())
    });
    Jail::expect_with(|jail| {
        jail.create_file("c.toml", "[server]\ntrusted_proxies = [\"the proxy\"]\n")?;
        let err = load_in_jail(jail, Some("c.toml")).unwrap_err().to_string();
        assert!(
            err.contains("trusted_proxies") && err.contains("the proxy"),
            "{err}"
        );
        Ok(())
    });
    Jail::expect_with(|jail| {
        jail.set_env("STEWARD_SERVER__METRICS_BIND", "everywhere");
        let err = load_in_jail(jail, None).unwrap_err().to_string();
        assert!(err.contains("metrics_bind"), "{err}");
        Ok(())
    });
}

#[test]
fn secrets_from_files_and_redacted() {
    Jail::expect_with(|jail| {
        jail.create_file("pw", "s3cret-from-file\n")?;
        let pw = jail.directory().join("pw");
        jail.set_env(
            "STEWARD_MAIL__SMTP__PASSWORD_FILE",
            pw.display().to_string(),
        );
        let c = load_in_jail(jail, None).unwrap();
        assert_eq!(c.mail.smtp.password, "s3cret-from-file");
        let shown = c.redacted_toml().unwrap();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("(redacted)"));
        Ok(())
    });
}

#[test]
fn password_and_password_file_conflict() {
    Jail::expect_with(|jail| {
        jail.create_file("pw", "x")?;
        jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "y");
        jail.set_env(
            "STEWARD_MAIL__SMTP__PASSWORD_FILE",
            jail.directory().join("pw").display().to_string(),
        );
        assert!(load_in_jail(jail, None).is_err());
        Ok(())
    });
}

#[test]
fn systemd_credentials_fill_the_secrets_and_never_silently_override_the_file() {
    Jail::expect_with(|jail| {
        jail.create_dir("creds")?;
        jail.create_file("creds/steward_smtp_password", "from-credential\n")?;
        // base64 of 32 bytes, as `openssl rand -base64 32` writes it
        jail.create_file(
            "creds/steward_secret_key",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n",
        )?;
        let creds = jail.directory().join("creds");
        jail.set_env("CREDENTIALS_DIRECTORY", creds.display().to_string());
        let c = load_in_jail(jail, None).unwrap();
        assert_eq!(c.mail.smtp.password, "from-credential");
        assert_eq!(c.security.secret_key_file, creds.join("steward_secret_key"));

        // configured as well: which one wins would be a guess, so it is an error
        jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "from-config");
        let err = load_in_jail(jail, None).unwrap_err().to_string();
        assert!(err.contains("steward_smtp_password"), "{err}");
        Ok(())
    });
}

#[test]
fn missing_credentials_leave_the_configuration_alone() {
    Jail::expect_with(|jail| {
        jail.create_dir("empty")?;
        let empty = jail.directory().join("empty");
        jail.set_env("CREDENTIALS_DIRECTORY", empty.display().to_string());
        jail.set_env("STEWARD_MAIL__SMTP__PASSWORD", "from-config");
        let c = load_in_jail(jail, None).unwrap();
        assert_eq!(c.mail.smtp.password, "from-config");
        assert!(c.security.secret_key_file.as_os_str().is_empty());
        Ok(())
    });
}

#[test]
fn the_shipped_config_toml_is_the_defaults() {
    // config.toml documents every key with its default: it must load, and change nothing.
    // Loading reads CREDENTIALS_DIRECTORY, which the credential tests set for a while:
    // Jails run one at a time, so inside one this test never sees their folder.
    Jail::expect_with(|_| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
        let from_file = Config::from_figment(
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::file_exact(&path)),
        )
        .unwrap();
        assert_eq!(
            toml::to_string(&from_file).unwrap(),
            toml::to_string(&Config::default()).unwrap()
        );
        Ok(())
    });
}

#[test]
fn a_delivery_log_kept_zero_days_is_refused() {
    Jail::expect_with(|jail| {
        jail.set_env("STEWARD_WEBHOOKS__KEEP_DELIVERIES_DAYS", "0");
        let err = load_in_jail(jail, None).unwrap_err().to_string();
        assert!(err.contains("keep_deliveries_days"), "{err}");
        jail.set_env("STEWARD_WEBHOOKS__KEEP_DELIVERIES_DAYS", "7");
        assert_eq!(
            load_in_jail(jail, None)
                .unwrap()
                .webhooks
                .keep_deliveries_days,
            7
        );
        Ok(())
    });
}
