//! The command as a newcomer meets it: `config check` refuses what `serve` would, and
//! output piped into a reader that stops early ends quietly.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::process::{free_port, write_config};
use crate::support::test_config;

/// `steward --config dir/config.toml ARGS` with `env`, run to its end.
fn run(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_steward"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(args)
        .env_remove("RUST_LOG")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// What is wrong, the environment that makes it so, and the words the refusal names.
type Case = (
    &'static str,
    Vec<(&'static str, String)>,
    &'static [&'static str],
);

#[test]
fn config_check_refuses_what_serve_refuses_and_names_it() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_config(dir.path(), &test_config(data.clone(), free_port()));
    let base64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let key_file = dir.path().join("short.key");
    std::fs::write(&key_file, base64(&[1; 16])).unwrap();
    let missing = dir.path().join("missing");
    let cases: Vec<Case> = vec![
        (
            "a key that is not base64",
            vec![("STEWARD_SECURITY__SECRET_KEY", "notbase64".into())],
            &["security.secret_key", "not base64"],
        ),
        (
            "a 16-byte key",
            vec![("STEWARD_SECURITY__SECRET_KEY", base64(&[1; 16]))],
            &["security.secret_key", "16 bytes", "32"],
        ),
        (
            "a 16-byte key in a file",
            vec![(
                "STEWARD_SECURITY__SECRET_KEY_FILE",
                key_file.display().to_string(),
            )],
            &["security.secret_key_file", "16 bytes"],
        ),
        (
            "a key file that can't be read",
            vec![(
                "STEWARD_SECURITY__SECRET_KEY_FILE",
                missing.display().to_string(),
            )],
            &["security.secret_key_file", "missing"],
        ),
        (
            "a log level that is no filter",
            vec![("STEWARD_LOG__LEVEL", "==bogus".into())],
            &["log.level", "==bogus"],
        ),
        (
            "a templates folder that is not there",
            vec![(
                "STEWARD_SERVER__TEMPLATES_DIR",
                missing.display().to_string(),
            )],
            &["server.templates_dir", "missing"],
        ),
        (
            "a public URL without a scheme",
            vec![("STEWARD_SERVER__PUBLIC_URL", "accounts.example.org".into())],
            &["server.public_url", "accounts.example.org"],
        ),
        (
            "a public URL without a host",
            vec![("STEWARD_SERVER__PUBLIC_URL", "https://".into())],
            &["server.public_url"],
        ),
        (
            "a public URL of another scheme",
            vec![("STEWARD_SERVER__PUBLIC_URL", "ftp://example.org".into())],
            &["server.public_url", "http"],
        ),
    ];
    for (what, env, words) in &cases {
        let out = run(dir.path(), &["config", "check"], env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
        for word in *words {
            assert!(stderr.contains(word), "{what}: {word:?} in {stderr}");
        }
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
    // serve refuses the same, before it listens
    let (_, env, _) = &cases[4];
    let out = run(dir.path(), &["serve"], env);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("log.level"), "{stderr}");

    // plans with the same id, from the file
    let mut config = test_config(data.clone(), free_port());
    config.plans.push(config.plans[0].clone());
    write_config(dir.path(), &config);
    let out = run(dir.path(), &["config", "check"], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("plans") && stderr.contains("twice"),
        "{stderr}"
    );

    // and a valid configuration passes, printed with its secrets redacted
    let mut config = test_config(data, free_port());
    config.security.secret_key = base64(&[7; 32]);
    write_config(dir.path(), &config);
    let out = run(dir.path(), &["config", "check"], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("(redacted)") && !stdout.contains(&base64(&[7; 32])));
    assert!(!dir.path().join("data").exists(), "a check creates nothing");
}

/// `steward openapi | head`: the reader closes the pipe after a few bytes; the command
/// ends as a piped Unix command does, without a panic message.
#[test]
fn output_into_a_pipe_closed_early_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        &test_config(dir.path().join("data"), free_port()),
    );
    // the documents are larger than a pipe's buffer, so the command is still writing
    for args in [&["openapi"][..], &["openapi", "--yaml"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_steward"))
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || out.status.code().is_none(),
            "{args:?}: {:?} {stderr}",
            out.status
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}
