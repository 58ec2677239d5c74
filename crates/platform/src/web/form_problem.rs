//! Why a submitted form could not be read, said in the reader's language.

use super::i18n::Tr;

/// The message for a form body that did not match the form's fields: the field named when the
/// reader can act on it (a field left out, a value of the wrong kind), in Vietnamese or
/// English, instead of the decoder's English.
pub(crate) fn form_problem(tr: Tr, decoder: &str) -> String {
    let detail = decoder
        .strip_prefix("Failed to deserialize form body: ")
        .unwrap_or(decoder);
    if let Some(field) = between(detail, "missing field `", "`") {
        return format!(
            "{} «{field}». {}",
            tr.pick("Biểu mẫu thiếu ô", "The form is missing the field"),
            tr.pick(
                "Hãy điền ô này rồi gửi lại.",
                "Fill it in and send the form again."
            )
        );
    }
    if let Some(value) = between(detail, "unknown variant `", "`") {
        return format!(
            "{} «{value}». {}",
            tr.pick(
                "Biểu mẫu có lựa chọn không hợp lệ",
                "The form has an unknown choice"
            ),
            tr.pick(
                "Hãy chọn lại trong danh sách rồi gửi lại.",
                "Choose again from the list and send the form again."
            )
        );
    }
    format!(
        "{} ({detail}). {}",
        tr.pick(
            "Không đọc được biểu mẫu đã gửi",
            "The form sent could not be read"
        ),
        tr.pick(
            "Hãy tải lại trang, điền lại rồi gửi lại.",
            "Reload the page, fill it in and send it again."
        )
    )
}

/// The text of `s` between the first `start` and the next `end`.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    #[test]
    fn names_the_field_in_the_readers_language() {
        let vi = Tr { lang: Lang::Vi };
        let en = Tr { lang: Lang::En };
        let missing = "Failed to deserialize form body: missing field `title`";
        assert_eq!(
            form_problem(vi, missing),
            "Biểu mẫu thiếu ô «title». Hãy điền ô này rồi gửi lại."
        );
        assert!(form_problem(en, missing).starts_with("The form is missing the field «title»"));
        let choice =
            "Failed to deserialize form body: unknown variant `maybe`, expected `yes` or `no`";
        assert!(form_problem(vi, choice).contains("lựa chọn không hợp lệ «maybe»"));
        assert!(
            form_problem(vi, "Failed to deserialize form body: invalid digit")
                .starts_with("Không đọc được biểu mẫu đã gửi (invalid digit)")
        );
    }
}
