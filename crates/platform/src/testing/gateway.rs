//! A real HTTP server standing for a text-message gateway in the tests: it records every
//! request and answers with the status the test sets.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::{Arc, Mutex};

/// One request the gateway received.
#[derive(Debug, Clone)]
pub struct GatewayRequest {
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// The body.
    pub body: String,
}

#[derive(Default)]
struct Inner {
    requests: Vec<GatewayRequest>,
    status: u16,
}

/// A gateway listening on 127.0.0.1 at `/send`.
pub struct HttpGateway {
    inner: Arc<Mutex<Inner>>,
    /// Its address, `http://127.0.0.1:port/send`.
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let mut inner = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    inner.requests.push(GatewayRequest {
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body,
    });
    StatusCode::from_u16(inner.status).unwrap_or(StatusCode::OK)
}

impl HttpGateway {
    /// Starts the gateway, answering 200.
    pub async fn start() -> anyhow::Result<Self> {
        let inner = Arc::new(Mutex::new(Inner {
            requests: Vec::new(),
            status: 200,
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/send", listener.local_addr()?);
        let app = Router::new()
            .route("/send", post(receive))
            .with_state(inner.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { inner, url, task })
    }

    /// Makes it answer `status` from now on.
    pub fn answer(&self, status: u16) {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .status = status;
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<GatewayRequest> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .requests
            .clone()
    }
}

impl Drop for HttpGateway {
    fn drop(&mut self) {
        self.task.abort();
    }
}
