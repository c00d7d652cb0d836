//! Faults a deployment meets: a crowd arriving at once, and a data folder that is
//! read-only or full at start-up. (Kills, SIGTERM and a mail server that is down are in
//! outbox.rs and hosting.rs.)

use futures::future::join_all;

use crate::support::process::serve_on_tmpfs;
use crate::support::{PASSWORD, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_registrations_and_sign_ins_at_once_are_all_answered_and_mailed() {
    let app = TestApp::spawn_with(|c| c.security.sign_in_per_ip_per_minute = 0).await;
    let members: Vec<String> = (0..10).map(|i| format!("member{i}@example.org")).collect();
    for member in &members {
        app.verified_account(member).await;
    }
    let newcomers: Vec<String> = (0..200).map(|i| format!("new{i}@example.org")).collect();

    let registrations = join_all(newcomers.iter().map(|a| app.register(a, PASSWORD)));
    let sign_ins = join_all((0..200).map(|i| app.sign_in(&members[i % members.len()], PASSWORD)));
    let (registered, signed_in) = tokio::join!(registrations, sign_ins);

    // every one answered as documented: no 5xx, no SQLITE_BUSY reaching a client
    for (address, resp) in newcomers.iter().zip(&registered) {
        assert_eq!(resp.status, 202, "registering {address}: {}", resp.json);
    }
    for resp in &signed_in {
        assert_eq!(resp.status, 201, "a sign-in: {}", resp.json);
    }
    // each a live session of its own
    let sessions = app
        .count("select count(distinct token_hash) from sessions")
        .await;
    assert_eq!(sessions, 200);
    // and nothing lost: every newcomer gets its verification mail
    app.run_jobs_until_idle().await;
    for address in &newcomers {
        let mail = app.mail_to(address).await;
        assert!(mail.link("/verify-email").contains("token="), "{address}");
    }
    let failed = app
        .count("select count(*) from outbox where status != 'sent'")
        .await;
    assert_eq!(failed, 0, "every mail sent");
}

#[test]
fn a_read_only_data_folder_stops_start_up_with_a_clear_error() {
    let (code, stderr) = serve_on_tmpfs("ro,size=1m");
    assert_eq!(code, Some(1), "exits 1 at once: {stderr}");
    assert!(
        stderr.contains("is not writable") && stderr.contains("Read-only file system"),
        "{stderr}"
    );
}

#[test]
fn a_full_data_folder_stops_start_up_with_a_clear_error() {
    let (code, stderr) = serve_on_tmpfs("size=256k");
    assert_eq!(code, Some(1), "exits 1 at once: {stderr}");
    assert!(
        stderr.contains("less than 1 MiB free") && stderr.contains("No space left"),
        "{stderr}"
    );
}
