//! Reading a multipart form (biểu mẫu có tệp đính kèm) — fields and files, no JavaScript
//! needed — with its CSRF token checked and every file held to the upload limit while it
//! streams in.

use std::collections::HashMap;

use axum::extract::Multipart;

use super::Upload;
use crate::web::{AppError, Ctx};

/// The text fields and files of a form.
pub struct Parts {
    /// Text fields by name (the last value of a repeated name).
    pub fields: HashMap<String, String>,
    /// Files with their field names, in order.
    pub files: Vec<(String, Upload)>,
}

impl Parts {
    /// A text field, trimmed ("" when absent).
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// A text field as sent, untrimmed (None when absent).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// The files of field `name`.
    pub fn files(&self, name: &str) -> Vec<Upload> {
        self.files
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, u)| u.clone())
            .collect()
    }
}

/// Reads the form; refuses a bad CSRF token and any file over `max_bytes` (nothing is kept).
pub async fn read_form(ctx: &Ctx, mut form: Multipart, max_bytes: u64) -> Result<Parts, AppError> {
    let mut fields = HashMap::new();
    let mut files = Vec::new();
    let bad = |e: axum::extract::multipart::MultipartError| AppError::bad_request(e.body_text());
    while let Some(mut field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                bytes.extend_from_slice(&chunk);
                if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
                    return Err(AppError::bad_request(format!(
                        "{name}: '{file_name}' is larger than {} MB (tệp quá lớn): reduce it or split it",
                        max_bytes / 1_048_576
                    )));
                }
            }
            if !bytes.is_empty() {
                files.push((name, Upload { file_name, bytes }));
            }
        } else {
            let text = field.text().await.map_err(bad)?;
            fields.insert(name, text);
        }
    }
    ctx.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or_default())?;
    Ok(Parts { fields, files })
}

/// A form posted either as `application/x-www-form-urlencoded` (no files) or as
/// `multipart/form-data` (with files, each held to the upload limit), with its CSRF token
/// checked either way. Text fields only: `T` is read from the fields as strings.
pub struct FormWithFiles<T> {
    /// The text fields.
    pub form: T,
    /// The files with their field names, in order (empty for a urlencoded form).
    pub files: Vec<(String, Upload)>,
}

impl<T> FormWithFiles<T> {
    /// The files of field `name`.
    pub fn files(&self, name: &str) -> Vec<Upload> {
        self.files
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, u)| u.clone())
            .collect()
    }
}

impl<T: serde::de::DeserializeOwned + Send> axum::extract::FromRequest<crate::web::AppState>
    for FormWithFiles<T>
{
    type Rejection = AppError;

    async fn from_request(
        request: axum::extract::Request,
        state: &crate::web::AppState,
    ) -> Result<Self, Self::Rejection> {
        let multipart = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let crate::web::Form(form) =
                crate::web::Form::<T>::from_request(request, state).await?;
            return Ok(FormWithFiles {
                form,
                files: Vec::new(),
            });
        }
        let (mut parts, body) = request.into_parts();
        let ctx =
            <Ctx as axum::extract::FromRequestParts<_>>::from_request_parts(&mut parts, state)
                .await?;
        let request = axum::extract::Request::from_parts(parts, body);
        let body = Multipart::from_request(request, state)
            .await
            .map_err(|e| AppError::bad_request(e.body_text()))?;
        let read = read_form(&ctx, body, state.config.upload_max_bytes()).await?;
        let mut fields = read.fields;
        fields.remove("csrf");
        let form = serde_json::to_value(fields)
            .and_then(serde_json::from_value)
            .map_err(|e| AppError::bad_request(e.to_string()))?;
        Ok(FormWithFiles {
            form,
            files: read.files,
        })
    }
}
