//! Numbers as each language writes them: 1.016 hộ and 22,6 % in Vietnamese, 1,016 and 22.6 % in
//! English. Every page formats its figures through [`Tr::number`] and [`Tr::percent`].

use dinh_rules::numbers;

use super::i18n::{Lang, Tr};

impl Tr {
    /// A whole number with thousands grouped (`1.016` in Vietnamese, `1,016` in English).
    pub fn number(&self, n: i64) -> String {
        numbers::grouped(n, separators(self.lang))
    }

    /// A percentage with one decimal (`22,6 %` in Vietnamese, `22.6 %` in English).
    pub fn percent(&self, value: f64) -> String {
        // Tenths of a percent fit an i64 for any real percentage.
        #[allow(clippy::cast_possible_truncation)]
        let tenths = (value * 10.0).round() as i64;
        numbers::percent_tenths(tenths, separators(self.lang))
    }
}

fn separators(lang: Lang) -> numbers::Separators {
    match lang {
        Lang::Vi => numbers::VI,
        Lang::En => numbers::EN,
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
