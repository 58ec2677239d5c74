//! What a file really is (loại tệp theo nội dung), whatever its name says, and a safe name.

/// The media type of `bytes` from their first bytes, if it is one Đình accepts: PDF, PNG,
/// JPEG, WebP, or a Word document (DOCX).
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if bytes.starts_with(b"PK\x03\x04")
        && bytes.windows(17).any(|w| w == b"word/document.xml")
    {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else {
        None
    }
}

/// The file extension of an accepted media type.
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "docx",
    }
}

/// A safe display name: no directories, no control or markup characters, at most 100
/// characters, with the extension of the real content type.
pub fn sanitise_name(name: &str, content_type: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let clean = clean.trim().trim_matches('_');
    let clean = if clean.is_empty() { "tep" } else { clean };
    format!("{clean}.{}", extension(content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_type_not_the_name() {
        assert_eq!(sniff_content_type(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff_content_type(b"MZ\x90\x00 windows exe"), None);
        assert_eq!(sniff_content_type(b"PK\x03\x04 some zip"), None);
        assert_eq!(
            sanitise_name("../../etc/Quyết định <số 12>.pdf.exe", "application/pdf"),
            "Quyết định _số 12__pdf.pdf"
        );
        assert_eq!(sanitise_name("", "image/png"), "tep.png");
    }
}
