//! Prometheus metrics: one registry per running app (no globals, so tests and several
//! apps in one process don't mix), rendered as text at `GET /metrics`.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use steward_store::metrics::Counts as QueueCounts;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// The OpenAPI operation id; `page` for HTML pages, `other` for anything else
    /// (unknown paths, documents): never the raw path, which a client controls.
    pub operation: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    pub operation: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct QueueLabels {
    pub queue: String,
    pub status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StatusLabels {
    pub status: String,
}

fn latency() -> Histogram {
    // 1 ms … ~16 s
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<OperationLabels, Histogram, fn() -> Histogram>,
    mail: Family<OutcomeLabels, Counter>,
    sign_in_failures: Counter,
    lockouts: Counter,
    jobs: Family<QueueLabels, Gauge>,
    outbox: Family<StatusLabels, Gauge>,
    webhooks: Family<OutcomeLabels, Counter>,
    webhook_latency: Histogram,
    webhook_deliveries: Family<StatusLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("steward");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by operation and status",
            requests.clone(),
        );
        let latency =
            Family::<OperationLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by operation",
            latency.clone(),
        );
        let mail = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "mail",
            "Mail send attempts by outcome (sent, retry, failed)",
            mail.clone(),
        );
        let sign_in_failures = Counter::default();
        registry.register(
            "sign_in_failures",
            "Failed sign-ins, second factors and reauthentications",
            sign_in_failures.clone(),
        );
        let lockouts = Counter::default();
        registry.register(
            "sign_in_lockouts",
            "Attempts refused because the address is locked",
            lockouts.clone(),
        );
        let jobs = Family::<QueueLabels, Gauge>::default();
        registry.register(
            "jobs",
            "Jobs in the queue by queue and status (read at scrape time)",
            jobs.clone(),
        );
        let outbox = Family::<StatusLabels, Gauge>::default();
        registry.register(
            "outbox_mails",
            "Mails in the outbox by status (read at scrape time)",
            outbox.clone(),
        );
        let webhooks = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "webhook_attempts",
            "Webhook delivery attempts by outcome (delivered, retry, failed)",
            webhooks.clone(),
        );
        let webhook_latency = self::latency();
        registry.register(
            "webhook_duration_seconds",
            "Time receivers took to answer a webhook (or to fail)",
            webhook_latency.clone(),
        );
        let webhook_deliveries = Family::<StatusLabels, Gauge>::default();
        registry.register(
            "webhook_deliveries",
            "Webhook deliveries by status (read at scrape time)",
            webhook_deliveries.clone(),
        );
        Self {
            registry,
            webhooks,
            webhook_latency,
            webhook_deliveries,
            requests,
            latency,
            mail,
            sign_in_failures,
            lockouts,
            jobs,
            outbox,
        }
    }

    /// Counts one answered request. The labels are static: nothing is allocated per request.
    pub fn request(&self, operation: &'static str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels { operation, status })
            .inc();
        self.latency
            .get_or_create(&OperationLabels { operation })
            .observe(seconds);
    }

    pub fn mail(&self, outcome: &'static str) {
        self.mail.get_or_create(&OutcomeLabels { outcome }).inc();
    }

    pub fn webhook(&self, outcome: &'static str) {
        self.webhooks
            .get_or_create(&OutcomeLabels { outcome })
            .inc();
    }

    pub fn webhook_latency(&self, took: std::time::Duration) {
        self.webhook_latency.observe(took.as_secs_f64());
    }

    pub fn sign_in_failure(&self) {
        self.sign_in_failures.inc();
    }

    pub fn lockout(&self) {
        self.lockouts.inc();
    }

    /// The text exposition, with the queue, outbox and deliveries as `counts` read them
    /// from the database now.
    pub fn render(&self, counts: QueueCounts) -> String {
        self.jobs.clear();
        for (queue, status, n) in counts.jobs {
            self.jobs
                .get_or_create(&QueueLabels {
                    queue,
                    status: status.to_lowercase(),
                })
                .set(n);
        }
        self.outbox.clear();
        for (status, n) in counts.outbox {
            self.outbox.get_or_create(&StatusLabels { status }).set(n);
        }
        self.webhook_deliveries.clear();
        for (status, n) in counts.webhook_deliveries {
            self.webhook_deliveries
                .get_or_create(&StatusLabels { status })
                .set(n);
        }
        let mut text = String::new();
        if prometheus_client::encoding::text::encode(&mut text, &self.registry).is_err() {
            tracing::error!("metrics did not encode");
        }
        text
    }
}
