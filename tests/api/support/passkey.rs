//! A software passkey, as a browser with a platform authenticator answers WebAuthn:
//! P-256 keys, discoverable credentials with the user handle, "none" attestation, and
//! the JSON forms of `toJSON()`. The test's authenticator, not the product's verifier:
//! it only builds answers (webauthn-authenticator-rs's SoftPasskey refuses discoverable
//! credentials and sends no user handle, so it cannot sign in without a username).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

struct Credential {
    id: Vec<u8>,
    key: SigningKey,
    user_handle: Vec<u8>,
    counter: u32,
}

pub struct SoftPasskey {
    /// The origin the "browser" reports in clientDataJSON; change it to play a
    /// phishing site.
    pub origin: String,
    credentials: Vec<Credential>,
    /// Added to the signature counter at each use; 0 plays a synced passkey.
    pub counter_step: u32,
}

fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

fn b64(data: &[u8]) -> String {
    B64.encode(data)
}

fn unb64(field: &Value) -> Vec<u8> {
    B64.decode(
        field
            .as_str()
            .expect("a base64url field")
            .trim_end_matches('='),
    )
    .expect("base64url")
}

// The little CBOR an attestation object needs (RFC 8949 major types).
fn head(major: u8, n: u64) -> Vec<u8> {
    let m = major << 5;
    match n {
        0..=23 => vec![m | n as u8],
        24..=0xff => vec![m | 24, n as u8],
        0x100..=0xffff => [vec![m | 25], (n as u16).to_be_bytes().to_vec()].concat(),
        _ => [vec![m | 26], (n as u32).to_be_bytes().to_vec()].concat(),
    }
}

fn int(i: i64) -> Vec<u8> {
    if i >= 0 {
        head(0, i as u64)
    } else {
        head(1, (-1 - i) as u64)
    }
}

fn bytes(b: &[u8]) -> Vec<u8> {
    [head(2, b.len() as u64), b.to_vec()].concat()
}

fn text(s: &str) -> Vec<u8> {
    [head(3, s.len() as u64), s.as_bytes().to_vec()].concat()
}

fn map(pairs: Vec<(Vec<u8>, Vec<u8>)>) -> Vec<u8> {
    let mut out = head(5, pairs.len() as u64);
    for (k, v) in pairs {
        out.extend(k);
        out.extend(v);
    }
    out
}

const UP: u8 = 0x01;
const UV: u8 = 0x04;
const AT: u8 = 0x40;

impl SoftPasskey {
    pub fn new(origin: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            credentials: Vec::new(),
            counter_step: 1,
        }
    }

    fn client_data(&self, kind: &str, challenge: &Value) -> Vec<u8> {
        json!({
            "type": kind,
            "challenge": challenge.as_str().unwrap().trim_end_matches('='),
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
        .into_bytes()
    }

    /// `navigator.credentials.create(options)` then `toJSON()`.
    pub fn create(&mut self, options: &Value) -> Value {
        let id: [u8; 32] = rand::random();
        let key = SigningKey::from_slice(&rand::random::<[u8; 32]>()).expect("a P-256 key");
        let answer = self.create_for(options, id.to_vec(), key.clone());
        self.credentials.push(Credential {
            id: id.to_vec(),
            key,
            user_handle: unb64(&options["user"]["id"]),
            counter: 0,
        });
        answer
    }

    fn create_for(&self, options: &Value, id: Vec<u8>, key: SigningKey) -> Value {
        let rp_id = options["rp"]["id"].as_str().expect("rp.id");
        let point = key.verifying_key().to_sec1_point(false);
        let xy = &point.as_bytes()[1..];
        let cose = map(vec![
            (int(1), int(2)),
            (int(3), int(-7)),
            (int(-1), int(1)),
            (int(-2), bytes(&xy[..32])),
            (int(-3), bytes(&xy[32..])),
        ]);
        let mut auth_data = sha256(rp_id.as_bytes());
        auth_data.push(UP | UV | AT);
        auth_data.extend(0u32.to_be_bytes());
        auth_data.extend([0u8; 16]);
        auth_data.extend((id.len() as u16).to_be_bytes());
        auth_data.extend(&id);
        auth_data.extend(cose);
        let attestation = map(vec![
            (text("fmt"), text("none")),
            (text("attStmt"), map(vec![])),
            (text("authData"), bytes(&auth_data)),
        ]);
        let client_data = self.client_data("webauthn.create", &options["challenge"]);
        json!({
            "id": b64(&id),
            "rawId": b64(&id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&client_data),
                "attestationObject": b64(&attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
    }

    /// Registers the last credential again (same id and key) for new options, as a
    /// tampered client would: the server must refuse a credential id it holds.
    pub fn recreate(&self, options: &Value) -> Value {
        let last = self.credentials.last().expect("a credential");
        self.create_for(options, last.id.clone(), last.key.clone())
    }

    /// `navigator.credentials.get(options)` then `toJSON()`: the credential the
    /// options allow, or (discoverable) the last one registered for the site.
    pub fn get(&mut self, options: &Value) -> Value {
        let allowed: Vec<Vec<u8>> = options["allowCredentials"]
            .as_array()
            .map(|list| list.iter().map(|c| unb64(&c["id"])).collect())
            .unwrap_or_default();
        let client_data = self.client_data("webauthn.get", &options["challenge"]);
        let rp_id = options["rpId"].as_str().expect("rpId").to_owned();
        let step = self.counter_step;
        let credential = self
            .credentials
            .iter_mut()
            .rev()
            .find(|c| allowed.is_empty() || allowed.contains(&c.id))
            .expect("a credential the options allow");
        credential.counter += step;
        let mut auth_data = sha256(rp_id.as_bytes());
        auth_data.push(UP | UV);
        auth_data.extend(credential.counter.to_be_bytes());
        let signed = [auth_data.clone(), sha256(&client_data)].concat();
        let signature: Signature = credential.key.sign(&signed);
        json!({
            "id": b64(&credential.id),
            "rawId": b64(&credential.id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64(&client_data),
                "authenticatorData": b64(&auth_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(&credential.user_handle),
            },
            "clientExtensionResults": {},
        })
    }

    /// Sets the signature counter of the last credential (a cloned authenticator
    /// replays an old one).
    pub fn set_counter(&mut self, counter: u32) {
        self.credentials.last_mut().expect("a credential").counter = counter;
    }

    /// The base64url id of the last credential.
    pub fn credential_id(&self) -> String {
        b64(&self.credentials.last().expect("a credential").id)
    }
}
