//! The SendEmail worker: one job, one delivery try (the rules are in
//! [`crate::service::delivery`]).

use apalis::prelude::{AbortError, BoxDynError, Data};

use crate::jobs::queue::SendEmail;
use crate::service::delivery::{self, Delivery};
use crate::state::AppState;

pub(super) async fn handle(job: SendEmail, state: Data<AppState>) -> Result<(), BoxDynError> {
    // Its own task (see `jobs::tracked`): a send under way at shutdown finishes and is
    // recorded; one not started yet is resumed at the next start.
    let state = (*state).clone();
    let done = super::tracked(&state.clone(), async move {
        delivery::deliver(&state, job.outbox_id).await.map_err(|e| {
            tracing::error!(outbox_id = %job.outbox_id, error = %e, "mail job failed");
            e.to_string()
        })
    })
    .await?;
    match done {
        // a poison mail: apalis must not run it again
        Some(Ok(Delivery::GaveUp(why))) => Err(AbortError::new(why).into()),
        Some(Ok(_)) | None => Ok(()),
        Some(Err(e)) => Err(e.into()),
    }
}
