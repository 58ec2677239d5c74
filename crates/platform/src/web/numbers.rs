//! Numbers as each language writes them: 1.016 hộ and 22,6 % in Vietnamese, 1,016 and 22.6 % in
//! English. Every page formats its figures through [`Tr::number`] and [`Tr::percent`].

use super::i18n::{Lang, Tr};

impl Tr {
    /// A whole number with thousands grouped (`1.016` in Vietnamese, `1,016` in English).
    pub fn number(&self, n: i64) -> String {
        let (group, _) = separators(self.lang);
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(c);
        }
        out
    }

    /// A percentage with one decimal (`22,6 %` in Vietnamese, `22.6 %` in English).
    pub fn percent(&self, value: f64) -> String {
        let (_, decimal) = separators(self.lang);
        let tenths = (value * 10.0).round();
        let whole = (tenths / 10.0).trunc();
        // Tenths of a percent fit an i64 for any real percentage.
        #[allow(clippy::cast_possible_truncation)]
        let (whole_i, frac) = (whole as i64, (tenths - whole * 10.0).abs() as i64);
        let sign = if value < 0.0 && whole_i == 0 { "-" } else { "" };
        format!("{sign}{}{decimal}{frac} %", self.number(whole_i))
    }
}

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

#[cfg(test)]
mod tests {
    use super::super::i18n::{Lang, Tr};

    #[test]
    fn numbers_follow_the_language() {
        let vi = Tr { lang: Lang::Vi };
        let en = Tr { lang: Lang::En };
        assert_eq!(vi.number(1016), "1.016");
        assert_eq!(en.number(1016), "1,016");
        assert_eq!(vi.number(999), "999");
        assert_eq!(vi.number(1_234_567), "1.234.567");
        assert_eq!(vi.number(-1016), "-1.016");
        assert_eq!(vi.percent(22.56), "22,6 %");
        assert_eq!(en.percent(22.56), "22.6 %");
        assert_eq!(vi.percent(100.0), "100,0 %");
        assert_eq!(vi.percent(-0.4), "-0,4 %");
    }
}
