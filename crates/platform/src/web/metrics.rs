//! Request counters and latency histogram in Prometheus text format (`/metrics`).

use super::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

const BUCKETS_MS: [u64; 9] = [1, 2, 5, 10, 25, 50, 100, 250, 1000];

/// Counters kept in memory per node.
#[derive(Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    buckets: [AtomicU64; 9],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Metrics {
    fn observe(&self, status: u16, micros: u64) {
        let class = usize::from(status / 100).saturating_sub(1).min(4);
        if let Some(c) = self.by_class.get(class) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        for (bucket, limit) in self.buckets.iter().zip(BUCKETS_MS) {
            if micros <= limit * 1000 {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP dinh_http_requests_total HTTP requests by status class.\n# TYPE dinh_http_requests_total counter"
        );
        for (i, c) in self.by_class.iter().enumerate() {
            let _ = writeln!(
                out,
                "dinh_http_requests_total{{class=\"{}xx\"}} {}",
                i + 1,
                c.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP dinh_http_request_duration_seconds Time to answer a request.\n# TYPE dinh_http_request_duration_seconds histogram"
        );
        for (b, limit) in self.buckets.iter().zip(BUCKETS_MS) {
            let _ = writeln!(
                out,
                "dinh_http_request_duration_seconds_bucket{{le=\"{}\"}} {}",
                limit as f64 / 1000.0,
                b.load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "dinh_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "dinh_http_request_duration_seconds_sum {}",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "dinh_http_request_duration_seconds_count {count}");
        out
    }
}

/// Middleware: times every request.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let response = next.run(request).await;
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    state.metrics.observe(response.status().as_u16(), micros);
    response
}
