//! An authenticator app, as a person's phone runs one: scans the QR code, computes codes.

/// An authenticator app: holds what it scanned, computes codes.
pub struct Authenticator {
    pub uri: String,
    totp: totp_rs::Totp,
}

impl Authenticator {
    /// Decodes a `data:image/png;base64,…` QR code, as a phone camera would.
    pub fn scan(data_uri: &str) -> Self {
        use base64::Engine as _;
        let png = base64::engine::general_purpose::STANDARD
            .decode(
                data_uri
                    .strip_prefix("data:image/png;base64,")
                    .expect("a PNG data URI"),
            )
            .unwrap();
        let image = image::load_from_memory(&png).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(image);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the image");
        let (_, uri) = grids[0].decode().expect("a readable QR code");
        Self::from_uri(&uri)
    }

    /// From the otpauth:// URI (or what a person typed from the "unable to scan" details).
    pub fn from_uri(uri: &str) -> Self {
        let totp = totp_rs::Totp::from_url(uri).expect("a valid otpauth URI");
        Self {
            uri: uri.to_owned(),
            totp,
        }
    }

    pub fn code_at(&self, unix_time: i64) -> String {
        self.totp.generate(unix_time as u64).to_string()
    }
}
