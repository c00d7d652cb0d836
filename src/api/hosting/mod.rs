//! The Hosting tag: the plans people can subscribe to here, and one file per resource
//! under them (subscriptions, their hosts, the hosts' integrations).

pub mod hosts;
pub mod integrations;
pub mod subscriptions;

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use crate::api::{ApiResult, ApiTags};
use crate::config::PlanKind;
use crate::service::hosting;
use crate::state::AppState;

pub struct PlansApi;

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Kind {
    ManagedHomeserver,
    ElementOne,
    OnPremiseTrial,
}

impl From<PlanKind> for Kind {
    fn from(k: PlanKind) -> Self {
        match k {
            PlanKind::ManagedHomeserver => Kind::ManagedHomeserver,
            PlanKind::ElementOne => Kind::ElementOne,
            PlanKind::OnPremiseTrial => Kind::OnPremiseTrial,
        }
    }
}

/// A plan people can subscribe to (from the server's configuration).
#[derive(Debug, Object)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Hosts one subscription may have.
    pub max_hosts: u32,
    /// Days of trial; 0 for none.
    pub trial_days: u32,
}

#[derive(Debug, Object)]
pub struct PlanList {
    pub items: Vec<Plan>,
    /// Always null: every plan is in `items`.
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum PlansResponse {
    #[oai(status = 200)]
    Ok(Json<PlanList>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Hosting")]
impl PlansApi {
    /// List the plans
    #[oai(path = "/plans", method = "get", operation_id = "list_plans")]
    async fn plans(&self, state: Data<&AppState>) -> ApiResult<PlansResponse> {
        Ok(PlansResponse::Ok(Json(PlanList {
            items: hosting::plans(&state)
                .iter()
                .map(|p| Plan {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    kind: p.kind.into(),
                    max_hosts: p.max_hosts,
                    trial_days: p.trial_days,
                })
                .collect(),
            next_cursor: None,
        })))
    }
}
