//! Pictures of an article (ảnh): checked by their content (a file whose name says `.jpg` but
//! holds something else is refused), decoded under size limits, stored in a few widths so a
//! phone downloads a small one (`srcset`), and written beside the database only once the
//! article's transaction commits (the platform's staged uploads).

use dinh_platform::db::{Tx, query};
use dinh_platform::uploads::{Checked, Upload, sniff_content_type};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use dinh_platform::uploads::Staged;

/// The widths a picture is stored in (never wider than it is).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The width shown by `src` (and to browsers that do not read `srcset`).
pub const DEFAULT_WIDTH: u32 = 960;
/// The largest side accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The folder of the stored pictures under the data directory.
pub const DIR: &str = "portal/images";
/// JPEG quality of the stored widths.
const JPEG_QUALITY: u8 = 82;

/// A picture ready to be written: its stored widths, each a staged file.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Id.
    pub id: i64,
    /// The article that shows it.
    pub article_id: Option<i64>,
    /// The unit whose portal it belongs to.
    pub unit_id: i64,
    /// Alternative text (for readers who cannot see it).
    pub alt: String,
    /// Width of the original, in pixels.
    pub width: u32,
    /// Height of the original, in pixels.
    pub height: u32,
    /// Media type of the stored files.
    pub content_type: &'static str,
    /// Stored widths and their file ids, narrowest first.
    pub files: Vec<(u32, i64)>,
    /// Where it came from (the old site's address, or the uploaded file's name).
    pub original: String,
}

impl Picture {
    /// Address of the stored file of `file_id`.
    pub fn href(file_id: i64) -> String {
        format!("/anh/{file_id}")
    }

    /// The width shown by `src`: the default one, or the widest stored when it is smaller.
    pub fn default_file(&self) -> Option<i64> {
        self.files
            .iter()
            .find(|(w, _)| *w >= DEFAULT_WIDTH)
            .or(self.files.last())
            .map(|(_, id)| *id)
    }

    /// `srcset` of the stored widths.
    pub fn srcset(&self) -> String {
        self.files
            .iter()
            .map(|(w, id)| format!("{} {w}w", Self::href(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The attributes that replace a picture's `src`: the default width, every width in
    /// `srcset`, and `sizes` for a phone-first column.
    fn attributes(&self) -> String {
        let src = self.default_file().map(Self::href).unwrap_or_default();
        format!(
            "src=\"{src}\" srcset=\"{}\" sizes=\"(max-width: 700px) 100vw, 700px\"",
            self.srcset()
        )
    }

    /// The markup of the picture in an article, with its caption.
    pub fn figure(&self) -> String {
        let alt = dinh_platform::text::escape_html(&self.alt);
        format!(
            "<figure><img {} alt=\"{alt}\" width=\"{}\" height=\"{}\"><figcaption>{alt}</figcaption></figure>",
            self.attributes(),
            self.width,
            self.height
        )
    }
}

/// The folder of the stored pictures.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR)
}

/// Decodes `bytes` (named `name` in messages), stores it in [`WIDTHS`] as staged files in
/// `dir` (added to `staged`, kept when the caller's transaction commits) and returns the
/// picture to insert. Refused, with what to do, when it is not a PNG, JPEG or WebP by its
/// content, or too large.
pub async fn prepare(
    dir: PathBuf,
    bytes: Vec<u8>,
    name: String,
    staged: &mut Staged,
) -> Result<Picture, String> {
    let content_type = match sniff_content_type(&bytes) {
        Some(t @ ("image/png" | "image/jpeg" | "image/webp")) => t,
        _ => {
            return Err(format!(
                "'{name}' is not a picture (PNG, JPEG or WebP), whatever its name says (không phải ảnh): choose a photo"
            ));
        }
    };
    let job_name = name.clone();
    let encoded = tokio::task::spawn_blocking(move || resize(&bytes, content_type, &job_name))
        .await
        .map_err(|e| format!("'{name}' could not be read ({e})"))??;
    let (width, height, stored_type, widths) = encoded;
    let checked: Vec<Checked> = widths
        .iter()
        .map(|(w, data)| Checked {
            upload: Upload {
                file_name: format!("{w}"),
                bytes: data.clone(),
            },
            content_type: stored_type,
        })
        .collect();
    let files = Staged::write(&dir, checked, |_, b| Ok(b.to_vec()))
        .await
        .map_err(|e| format!("'{name}' could not be stored ({e})"))?;
    let ids: Vec<(u32, i64)> = widths
        .iter()
        .map(|(w, _)| *w)
        .zip(files.rows().map(|r| r.id))
        .collect();
    staged.append(files);
    Ok(Picture {
        id: dinh_platform::db::ids::next_id(),
        article_id: None,
        unit_id: 0,
        alt: String::new(),
        width,
        height,
        content_type: stored_type,
        files: ids,
        original: name,
    })
}

/// The stored widths of a picture: (original width, height, media type, [(width, bytes)]).
type Resized = (u32, u32, &'static str, Vec<(u32, Vec<u8>)>);

fn resize(bytes: &[u8], content_type: &str, name: &str) -> Result<Resized, String> {
    let format = match content_type {
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        _ => ImageFormat::Jpeg,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| {
        format!(
            "'{name}' cannot be read as a picture ({e}); pictures up to {MAX_SIDE} px a side are accepted: save it again as JPEG"
        )
    })?;
    let (width, height) = (img.width(), img.height());
    // A PNG keeps its transparency; photos are stored as JPEG.
    let (out_format, out_type) = if format == ImageFormat::Png {
        (ImageFormat::Png, "image/png")
    } else {
        (ImageFormat::Jpeg, "image/jpeg")
    };
    let mut targets: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if targets.len() < WIDTHS.len() {
        targets.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    }
    let mut out = Vec::with_capacity(targets.len());
    for w in targets {
        let scaled = if w == width {
            img.clone()
        } else {
            let h = ((u64::from(height) * u64::from(w)) / u64::from(width)).max(1) as u32;
            img.resize_exact(w, h, image::imageops::FilterType::Triangle)
        };
        out.push((
            w,
            encode(&scaled, out_format).map_err(|e| format!("'{name}': {e}"))?,
        ));
    }
    Ok((width, height, out_type, out))
}

fn encode(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut buf = Vec::new();
    if format == ImageFormat::Jpeg {
        let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY);
        rgb.write_with_encoder(encoder)?;
    } else {
        img.write_to(&mut Cursor::new(&mut buf), format)?;
    }
    Ok(buf)
}

/// Writes the picture's rows in the caller's transaction.
pub async fn insert(tx: &mut Tx, p: &Picture, now: &str) -> dinh_platform::db::DbResult<()> {
    let widths = p
        .files
        .iter()
        .map(|(w, _)| w.to_string())
        .collect::<Vec<_>>()
        .join(",");
    tx.execute(
        &query(
            "INSERT INTO portal_images (id, article_id, unit_id, alt, width, height, widths,
               original, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(p.id)
        .bind(p.article_id)
        .bind(p.unit_id)
        .bind(p.alt.as_str())
        .bind(i64::from(p.width))
        .bind(i64::from(p.height))
        .bind(widths.as_str())
        .bind(p.original.as_str())
        .bind(now),
    )
    .await?;
    for (w, file_id) in &p.files {
        tx.execute(
            &query(
                "INSERT INTO portal_image_files (id, image_id, width, content_type)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(*file_id)
            .bind(p.id)
            .bind(i64::from(*w))
            .bind(p.content_type),
        )
        .await?;
    }
    Ok(())
}

/// The addresses of the pictures `html` shows (`<img src>`), each once, in order.
pub fn sources(html: &str) -> Vec<String> {
    let found: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&found);
    ammonia::Builder::default()
        .add_tag_attributes("img", ["src"])
        .attribute_filter(move |element, attribute, value| {
            if element == "img"
                && attribute == "src"
                && let Ok(mut v) = sink.lock()
                && !v.iter().any(|s| s == value)
            {
                v.push(value.to_owned());
            }
            Some(value.into())
        })
        .clean(html);
    found.lock().map(|v| v.clone()).unwrap_or_default()
}

/// `html` with each picture of `pictures` (by its old address) shown from its stored widths.
pub fn replace_sources(html: &str, pictures: &HashMap<String, Picture>) -> String {
    let mut out = html.to_owned();
    for (src, p) in pictures {
        let attrs = p.attributes();
        for quoted in [format!("src=\"{src}\""), format!("src='{src}'")] {
            out = out.replace(&quoted, &attrs);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::new_rgb8(w, h);
        encode(&img, ImageFormat::Png).unwrap()
    }

    #[test]
    fn a_picture_is_stored_in_widths_no_wider_than_it_is() {
        let (w, h, t, out) = resize(&png(1200, 600), "image/png", "a.png").unwrap();
        assert_eq!((w, h, t), (1200, 600, "image/png"));
        let widths: Vec<u32> = out.iter().map(|(w, _)| *w).collect();
        assert_eq!(widths, [480, 960, 1200]);
        let (_, _, _, small) = resize(&png(300, 200), "image/png", "b.png").unwrap();
        assert_eq!(small.iter().map(|(w, _)| *w).collect::<Vec<_>>(), [300]);
    }

    #[test]
    fn a_broken_picture_is_refused_by_name() {
        let mut bytes = png(50, 50);
        bytes.truncate(40);
        let e = resize(&bytes, "image/png", "hỏng.png").unwrap_err();
        assert!(e.starts_with("'hỏng.png' cannot be read"), "{e}");
    }

    #[test]
    fn sources_are_found_once_each() {
        let html = r#"<p><img src="https://x.vn/a.jpg"><img src='https://x.vn/b.jpg'><img src="https://x.vn/a.jpg"></p>"#;
        assert_eq!(sources(html), ["https://x.vn/a.jpg", "https://x.vn/b.jpg"]);
    }
}
