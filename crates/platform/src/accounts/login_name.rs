//! Login names: a Vietnamese phone number or an e-mail address, normalised.

/// Normalises a login: phone numbers lose spaces, dots and dashes, and `+84`/`84` becomes `0`;
/// e-mail addresses are lower-cased. Returns an error saying what is expected.
pub fn normalise(input: &str) -> Result<String, &'static str> {
    let text = input.trim();
    if text.contains('@') {
        let email = text.to_lowercase();
        let valid = email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        });
        return if valid && !email.contains(char::is_whitespace) {
            Ok(email)
        } else {
            Err("not a valid e-mail address")
        };
    }
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let digits = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.starts_with("84") && digits.len() == 11 {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    if digits.starts_with('0')
        && (10..=11).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        Ok(digits)
    } else {
        Err("write a phone number (e.g. 0912 345 678) or an e-mail address")
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn phones_and_emails_normalise() {
        assert_eq!(normalise("+84 912.345.678"), Ok("0912345678".to_owned()));
        assert_eq!(normalise("0912-345-678"), Ok("0912345678".to_owned()));
        assert_eq!(
            normalise(" Can.Bo@Xa.gov.vn "),
            Ok("can.bo@xa.gov.vn".to_owned())
        );
        assert!(normalise("12345").is_err());
        assert!(normalise("a@b").is_err());
    }
}
