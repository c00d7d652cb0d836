//! The SendWebhook worker: one job, one delivery try (the rules are in
//! [`crate::service::webhooks::send`]).

use apalis::prelude::{AbortError, BoxDynError, Data};

use crate::jobs::queue::SendWebhook;
use crate::service::webhooks::send::{self, Outcome};
use crate::state::AppState;

pub(super) async fn handle(job: SendWebhook, state: Data<AppState>) -> Result<(), BoxDynError> {
    // Its own task (see `jobs::tracked`): a try under way at shutdown finishes and is
    // recorded; one not started yet is resumed at the next start.
    let state = (*state).clone();
    let done = super::tracked(&state.clone(), async move {
        send::deliver(&state, job.delivery_id, job.attempts)
            .await
            .map_err(|e| {
                tracing::error!(delivery_id = %job.delivery_id, error = %format!("{e:#}"), "webhook job failed");
                format!("{e:#}")
            })
    })
    .await?;
    match done {
        // a poison delivery: apalis must not run it again
        Some(Ok(Outcome::GaveUp(why))) => Err(AbortError::new(why).into()),
        Some(Ok(_)) | None => Ok(()),
        Some(Err(e)) => Err(e.into()),
    }
}
