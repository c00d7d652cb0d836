//! Two-factor authentication: authenticator apps and recovery codes.

use poem::Request;
use poem::http::StatusCode;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::SessionAuth;
use crate::api::{ApiError, ApiResult, ApiTags, ErrorCode, NoContent, Text};
use crate::crypto::totp as otp;
use crate::db::totp::Device as DeviceRow;
use crate::http::client::client_info;
use crate::ids::{TotpDeviceId, TotpEnrollmentId};
use crate::service::{self, totp};
use crate::state::AppState;

pub struct TotpApi;

#[derive(Debug, Object)]
pub struct TotpEnrollmentRequest {
    /// A name for the app or device ("Phone", "1Password"), at most 100 characters.
    #[oai(validator(max_length = 100))]
    pub device_name: Text,
}

/// Everything an authenticator app needs. Scan `qr_png`, or type `secret` (with the
/// other settings) into a password manager.
#[derive(Debug, Object)]
pub struct TotpEnrollment {
    pub enrollment_id: Uuid,
    /// The `otpauth://totp/…` URI; `qr_png` encodes exactly this.
    pub otpauth_uri: String,
    /// The secret in base32, for apps that can't scan.
    pub secret: String,
    /// Always "SHA1".
    pub algorithm: String,
    /// Always 6.
    pub digits: u8,
    /// Seconds per code, always 30.
    pub period: u64,
    pub issuer: String,
    pub account_name: String,
    /// `data:image/png;base64,…`
    pub qr_png: String,
    /// Confirm with a code before this time.
    pub expires_at: OffsetDateTime,
}

#[derive(ApiResponse)]
pub enum TotpEnrollmentResponse {
    #[oai(status = 201)]
    Created(Json<TotpEnrollment>),
}

#[derive(Debug, Object)]
pub struct TotpCodeRequest {
    /// The code the app shows now.
    #[oai(validator(max_length = 20))]
    pub code: Text,
}

/// An authenticator app that signs in to this account.
#[derive(Debug, Object)]
pub struct TotpDevice {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

impl From<DeviceRow> for TotpDevice {
    fn from(d: DeviceRow) -> Self {
        Self {
            id: d.id.0,
            name: d.name,
            created_at: d.created_at.to_datetime(),
            last_used_at: d.last_used_at.map(|t| t.to_datetime()),
        }
    }
}

#[derive(Debug, Object)]
pub struct TotpDeviceAdded {
    pub device: TotpDevice,
    /// With the first device only: ten single-use codes for when the app is lost.
    /// Shown only here; store them somewhere safe.
    #[oai(skip_serializing_if_is_none)]
    pub recovery_codes: Option<Vec<String>>,
}

#[derive(ApiResponse)]
pub enum TotpConfirmResponse {
    #[oai(status = 201)]
    Created(Json<TotpDeviceAdded>),
}

#[derive(Debug, Object)]
pub struct TotpDeviceList {
    pub items: Vec<TotpDevice>,
    /// Always null: every device is in `items`.
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum DeviceListResponse {
    #[oai(status = 200)]
    Ok(Json<TotpDeviceList>),
}

#[derive(Debug, Object)]
pub struct TotpDeviceRename {
    #[oai(validator(max_length = 100))]
    pub name: Text,
}

#[derive(ApiResponse)]
pub enum TotpDeviceResponse {
    #[oai(status = 200)]
    Ok(Json<TotpDevice>),
}

#[derive(Debug, Object)]
pub struct RecoveryCodesLeft {
    /// Unused recovery codes.
    pub remaining: i64,
}

#[derive(ApiResponse)]
pub enum RecoveryCodesLeftResponse {
    #[oai(status = 200)]
    Ok(Json<RecoveryCodesLeft>),
}

#[derive(Debug, Object)]
pub struct RecoveryCodes {
    /// Ten single-use codes; the previous ones no longer work. Shown only here.
    pub codes: Vec<String>,
}

#[derive(ApiResponse)]
pub enum RecoveryCodesResponse {
    #[oai(status = 201)]
    Created(Json<RecoveryCodes>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::TwoFactor")]
impl TotpApi {
    /// Start adding an authenticator app
    ///
    /// Needs a recent sign-in or reauthentication. Answers the secret as a QR code and
    /// as text; confirm with a code within 15 minutes.
    #[oai(
        path = "/account/totp/enrollments",
        method = "post",
        operation_id = "start_totp_enrollment"
    )]
    async fn enroll(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        body: Json<TotpEnrollmentRequest>,
    ) -> ApiResult<TotpEnrollmentResponse> {
        let started = totp::begin_enrollment(&state, &auth.0, &body.device_name).await?;
        Ok(TotpEnrollmentResponse::Created(Json(TotpEnrollment {
            enrollment_id: started.id.0,
            otpauth_uri: started.provisioning.uri,
            secret: started.provisioning.secret_base32,
            algorithm: otp::ALGORITHM.into(),
            digits: otp::DIGITS,
            period: otp::PERIOD,
            issuer: started.issuer,
            account_name: started.account_name,
            qr_png: started.provisioning.qr_png,
            expires_at: started.expires_at.to_datetime(),
        })))
    }

    /// Confirm an authenticator app
    ///
    /// With a code the app shows. The first device also answers ten recovery codes.
    /// 400 `invalid_code`, 410 `enrollment_expired`.
    #[oai(
        path = "/account/totp/enrollments/:enrollment_id/confirm",
        method = "post",
        operation_id = "confirm_totp_enrollment"
    )]
    async fn confirm(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        enrollment_id: Path<Uuid>,
        body: Json<TotpCodeRequest>,
    ) -> ApiResult<TotpConfirmResponse> {
        let confirmed = totp::confirm_enrollment(
            &state,
            &auth.0,
            TotpEnrollmentId(enrollment_id.0),
            &body.code,
            &client_info(req),
        )
        .await
        .map_err(|e| match e {
            // a wrong code here is a typo in a form, not a failed sign-in
            service::Error::InvalidCode => ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidCode,
                "The code does not match. Check the app and the device's clock, and try again.",
            ),
            other => other.into(),
        })?;
        Ok(TotpConfirmResponse::Created(Json(TotpDeviceAdded {
            device: confirmed.device.into(),
            recovery_codes: confirmed.recovery_codes,
        })))
    }

    /// List your authenticator apps
    #[oai(
        path = "/account/totp/devices",
        method = "get",
        operation_id = "list_totp_devices"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
    ) -> ApiResult<DeviceListResponse> {
        let devices = totp::devices(&state, &auth.0).await?;
        Ok(DeviceListResponse::Ok(Json(TotpDeviceList {
            items: devices.into_iter().map(TotpDevice::from).collect(),
            next_cursor: None,
        })))
    }

    /// Rename an authenticator app
    #[oai(
        path = "/account/totp/devices/:id",
        method = "patch",
        operation_id = "rename_totp_device"
    )]
    async fn rename(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        id: Path<Uuid>,
        body: Json<TotpDeviceRename>,
    ) -> ApiResult<TotpDeviceResponse> {
        let device = totp::rename(
            &state,
            &auth.0,
            TotpDeviceId(id.0),
            &body.name,
            &client_info(req),
        )
        .await?;
        Ok(TotpDeviceResponse::Ok(Json(device.into())))
    }

    /// Remove an authenticator app
    ///
    /// Needs a recent sign-in or reauthentication. Removing the last one turns
    /// two-factor authentication off and voids the recovery codes.
    #[oai(
        path = "/account/totp/devices/:id",
        method = "delete",
        operation_id = "remove_totp_device"
    )]
    async fn remove(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        totp::remove(&state, &auth.0, TotpDeviceId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Count your unused recovery codes
    #[oai(
        path = "/account/recovery-codes",
        method = "get",
        operation_id = "count_recovery_codes"
    )]
    async fn remaining(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
    ) -> ApiResult<RecoveryCodesLeftResponse> {
        let remaining = totp::recovery_codes_remaining(&state, &auth.0).await?;
        Ok(RecoveryCodesLeftResponse::Ok(Json(RecoveryCodesLeft {
            remaining,
        })))
    }

    /// Make new recovery codes
    ///
    /// Needs a recent sign-in or reauthentication; the old codes stop working. 409
    /// `two_factor_not_enabled` without an authenticator app.
    #[oai(
        path = "/account/recovery-codes",
        method = "post",
        operation_id = "regenerate_recovery_codes"
    )]
    async fn regenerate(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
    ) -> ApiResult<RecoveryCodesResponse> {
        let codes = totp::regenerate_recovery_codes(&state, &auth.0, &client_info(req)).await?;
        Ok(RecoveryCodesResponse::Created(Json(RecoveryCodes {
            codes,
        })))
    }
}
