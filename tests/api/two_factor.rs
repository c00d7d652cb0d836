//! Authenticator apps, recovery codes and the second sign-in step.

use serde_json::json;
use time::Duration;

use crate::support::{Authenticator, PASSWORD, TestApp};

async fn mfa(app: &TestApp, email: &str) -> String {
    let resp = app.sign_in(email, PASSWORD).await;
    resp.assert(200);
    assert_eq!(resp.json["status"], "mfa_required");
    assert!(resp.json["expires_at"].is_string());
    assert!(
        resp.json.get("token").is_none(),
        "no session before the second factor"
    );
    resp.json["mfa_ticket"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_app_is_added_from_its_qr_code_and_then_signs_in_once_per_code() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("otp@example.org").await;
    let started = app
        .post(
            "/api/v1/account/totp/enrollments",
            Some(&token),
            json!({"device_name": "Phone"}),
        )
        .await;
    started.assert(201);
    let e = &started.json;
    // the "unable to scan" details describe the same secret as the QR code
    assert_eq!(
        (
            e["algorithm"].as_str(),
            e["digits"].as_u64(),
            e["period"].as_u64()
        ),
        (Some("SHA1"), Some(6), Some(30))
    );
    assert_eq!(e["issuer"], "Steward");
    assert_eq!(e["account_name"], "otp@example.org");
    let scanned = Authenticator::scan(e["qr_png"].as_str().unwrap());
    assert_eq!(scanned.uri, e["otpauth_uri"].as_str().unwrap());
    let typed = Authenticator::from_uri(&format!(
        "otpauth://totp/Steward:otp%40example.org?secret={}&issuer=Steward&algorithm=SHA1&digits=6&period=30",
        e["secret"].as_str().unwrap()
    ));
    let now = app.clock.now().0;
    assert_eq!(scanned.code_at(now), typed.code_at(now));

    let path = format!(
        "/api/v1/account/totp/enrollments/{}/confirm",
        e["enrollment_id"].as_str().unwrap()
    );
    let wrong = if scanned.code_at(now) == "000000" {
        "111111"
    } else {
        "000000"
    };
    app.post(&path, Some(&token), json!({"code": wrong}))
        .await
        .assert_error(400, "invalid_code");
    let done = app
        .post(&path, Some(&token), json!({"code": scanned.code_at(now)}))
        .await;
    done.assert(201);
    assert_eq!(done.json["device"]["name"], "Phone");
    assert_eq!(done.json["recovery_codes"].as_array().unwrap().len(), 10);
    assert!(
        app.mail_to("otp@example.org")
            .await
            .subject
            .contains("authenticator app was added")
    );
    let account = app.get("/api/v1/account", Some(&token)).await;
    assert_eq!(account.json["two_factor_enabled"], true);

    // sign in: the password alone is not enough
    let ticket = mfa(&app, "otp@example.org").await;
    // the code that confirmed the device is spent (replay)
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": scanned.code_at(now)}),
    )
    .await
    .assert_error(401, "invalid_code");
    app.post("/api/v1/sessions/mfa", None, json!({"mfa_ticket": ticket}))
        .await
        .assert_error(403, "two_factor_required");
    let next = scanned.code_at(now + 30);
    let signed_in = app
        .post(
            "/api/v1/sessions/mfa",
            None,
            json!({"mfa_ticket": ticket, "code": next}),
        )
        .await;
    signed_in.assert(201);
    assert_eq!(signed_in.json["status"], "signed_in");
    let new_token = signed_in.json["token"].as_str().unwrap();
    app.get("/api/v1/account", Some(new_token))
        .await
        .assert(200);
    // the ticket is single-use, and so is the code
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": next}),
    )
    .await
    .assert_error(401, "unauthenticated");
    let ticket = mfa(&app, "otp@example.org").await;
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": next}),
    )
    .await
    .assert_error(401, "invalid_code");
    app.clock.advance(Duration::seconds(60));
    let later = scanned.code_at(app.clock.now().0);
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": later}),
    )
    .await
    .assert(201);

    let devices = app.get("/api/v1/account/totp/devices", Some(&token)).await;
    devices.assert(200);
    assert_eq!(devices.json["items"][0]["name"], "Phone");
    assert!(devices.json["items"][0]["last_used_at"].is_string());
}

#[tokio::test]
async fn recovery_codes_work_once_and_can_be_replaced() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("rc@example.org").await;
    let (phone, codes) = app.enroll_totp(&token, "Phone").await;
    let codes = codes.unwrap();
    assert_eq!(
        app.get("/api/v1/account/recovery-codes", Some(&token))
            .await
            .json["remaining"],
        10
    );

    let ticket = mfa(&app, "rc@example.org").await;
    // typed loosely: upper case, spaces instead of dashes
    let loose = codes[0].to_uppercase().replace('-', " ");
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "recovery_code": loose}),
    )
    .await
    .assert(201);
    let ticket = mfa(&app, "rc@example.org").await;
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "recovery_code": codes[0]}),
    )
    .await
    .assert_error(401, "invalid_code");
    assert_eq!(
        app.get("/api/v1/account/recovery-codes", Some(&token))
            .await
            .json["remaining"],
        9
    );

    // replacing them is sensitive: needs a recent password and code
    app.clock.advance(Duration::minutes(11));
    app.post("/api/v1/account/recovery-codes", Some(&token), json!({}))
        .await
        .assert_error(403, "reauthentication_required");
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&token),
        json!({"password": PASSWORD}),
    )
    .await
    .assert_error(403, "two_factor_required");
    let code = phone.code_at(app.clock.now().0);
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&token),
        json!({"password": PASSWORD, "code": code}),
    )
    .await
    .assert(200);
    let fresh = app
        .post("/api/v1/account/recovery-codes", Some(&token), json!({}))
        .await;
    fresh.assert(201);
    let fresh: Vec<String> = fresh.json["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().into())
        .collect();
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    let ticket = mfa(&app, "rc@example.org").await;
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "recovery_code": codes[1]}),
    )
    .await
    .assert_error(401, "invalid_code");
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "recovery_code": fresh[1]}),
    )
    .await
    .assert(201);
    app.run_jobs_until_idle().await;
    let subjects: Vec<String> = app
        .mails_to("rc@example.org")
        .iter()
        .map(|m| m.subject.clone())
        .collect();
    assert!(
        subjects.iter().any(|s| s.contains("New recovery codes")),
        "{subjects:?}"
    );
}

#[tokio::test]
async fn tickets_and_enrollments_expire() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("late@example.org").await;
    let started = app
        .post(
            "/api/v1/account/totp/enrollments",
            Some(&token),
            json!({"device_name": "Slow phone"}),
        )
        .await;
    let scanned = Authenticator::scan(started.json["qr_png"].as_str().unwrap());
    app.clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let id = started.json["enrollment_id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/account/totp/enrollments/{id}/confirm"),
        Some(&token),
        json!({"code": scanned.code_at(app.clock.now().0)}),
    )
    .await
    .assert_error(410, "enrollment_expired");

    let token = app.sign_in("late@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (phone, _) = app.enroll_totp(&token, "Phone").await;
    let ticket = mfa(&app, "late@example.org").await;
    app.clock
        .advance(Duration::minutes(5) + Duration::seconds(1));
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": phone.code_at(app.clock.now().0)}),
    )
    .await
    .assert_error(410, "token_expired");
}

#[tokio::test]
async fn devices_are_renamed_and_removed_and_the_last_one_turns_2fa_off() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("devs@example.org").await;
    let other = app.signed_in("other@example.org").await;
    let (phone, codes) = app.enroll_totp(&token, "Phone").await;
    app.clock.advance(Duration::seconds(30)); // a new step for the second confirmation
    let (_, second_codes) = app.enroll_totp(&token, "Tablet").await;
    assert!(
        codes.is_some() && second_codes.is_none(),
        "recovery codes come with the first device only"
    );
    let list = app.get("/api/v1/account/totp/devices", Some(&token)).await;
    let ids: Vec<String> = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().into())
        .collect();
    assert_eq!(ids.len(), 2);

    let renamed = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/account/totp/devices/{}", ids[1]),
            Some(&token),
            Some(json!({"name": "Old tablet"})),
        )
        .await;
    renamed.assert(200);
    assert_eq!(renamed.json["name"], "Old tablet");
    // another account's device is not there for it
    app.request(
        reqwest::Method::PATCH,
        &format!("/api/v1/account/totp/devices/{}", ids[1]),
        Some(&other),
        Some(json!({"name": "x"})),
    )
    .await
    .assert_error(404, "not_found");
    app.delete(
        &format!("/api/v1/account/totp/devices/{}", ids[1]),
        Some(&other),
    )
    .await
    .assert_error(404, "not_found");

    app.delete(
        &format!("/api/v1/account/totp/devices/{}", ids[1]),
        Some(&token),
    )
    .await
    .assert(204);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["two_factor_enabled"],
        true
    );
    assert_eq!(
        app.get("/api/v1/account/recovery-codes", Some(&token))
            .await
            .json["remaining"],
        10
    );

    app.clock.advance(Duration::minutes(11));
    app.delete(
        &format!("/api/v1/account/totp/devices/{}", ids[0]),
        Some(&token),
    )
    .await
    .assert_error(403, "reauthentication_required");
    let code = phone.code_at(app.clock.now().0);
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&token),
        json!({"password": PASSWORD, "code": code}),
    )
    .await
    .assert(200);
    app.delete(
        &format!("/api/v1/account/totp/devices/{}", ids[0]),
        Some(&token),
    )
    .await
    .assert(204);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["two_factor_enabled"],
        false
    );
    assert_eq!(
        app.get("/api/v1/account/recovery-codes", Some(&token))
            .await
            .json["remaining"],
        0
    );
    app.post("/api/v1/account/recovery-codes", Some(&token), json!({}))
        .await
        .assert_error(409, "two_factor_not_enabled");
    // signing in needs the password only again
    app.sign_in("devs@example.org", PASSWORD).await.assert(201);
    app.run_jobs_until_idle().await;
    let removed = app
        .mails_to("devs@example.org")
        .into_iter()
        .filter(|m| m.subject.contains("removed"))
        .count();
    assert_eq!(removed, 2);
}

#[tokio::test]
async fn totp_secrets_are_sealed_at_rest() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("sealed@example.org").await;
    let (phone, _) = app.enroll_totp(&token, "Phone").await;
    let secret = phone
        .uri
        .split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let file = app.stored_bytes().await;
    let raw = totp_rs::Secret::try_from_base32(&secret).unwrap();
    for needle in [secret.as_bytes(), raw.as_bytes()] {
        assert!(
            !file.windows(needle.len()).any(|w| w == needle),
            "TOTP secret in clear"
        );
    }
    // and the app keeps working after a restart (the key file is reused)
    let app = app.restart().await;
    let ticket = mfa(&app, "sealed@example.org").await;
    app.clock.advance(Duration::seconds(30));
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": phone.code_at(app.clock.now().0)}),
    )
    .await
    .assert(201);
}

#[tokio::test]
async fn guessing_codes_locks_out_like_guessing_passwords() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("guess@example.org").await;
    let (phone, _) = app.enroll_totp(&token, "Phone").await;
    let ticket = mfa(&app, "guess@example.org").await;
    let right = phone.code_at(app.clock.now().0 + 30);
    let wrong = if right == "123456" {
        "654321"
    } else {
        "123456"
    };
    for _ in 0..5 {
        app.post(
            "/api/v1/sessions/mfa",
            None,
            json!({"mfa_ticket": ticket, "code": wrong}),
        )
        .await
        .assert_error(401, "invalid_code");
    }
    // locked: the right code, and the password step too, wait their turn
    let refused = app
        .post(
            "/api/v1/sessions/mfa",
            None,
            json!({"mfa_ticket": ticket, "code": right}),
        )
        .await;
    refused.assert_error(429, "rate_limited");
    app.sign_in("guess@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");
    app.clock.advance(Duration::seconds(2));
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": right}),
    )
    .await
    .assert(201);
}
