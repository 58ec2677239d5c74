//! Kinds of administrative unit (đơn vị hành chính) and of unit attached to them.

use serde::Serialize;

/// The kind of a unit, from province down to the residential community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Tỉnh: province.
    Province,
    /// Thành phố trực thuộc trung ương: centrally-run city (province level).
    Municipality,
    /// Huyện, quận, thị xã, thành phố thuộc tỉnh: district level, abolished on 1/7/2025.
    District,
    /// Xã: rural commune.
    Commune,
    /// Phường: urban ward.
    Ward,
    /// Đặc khu: special zone (commune level since 2025).
    SpecialZone,
    /// Thị trấn: township (commune level before 2025).
    Township,
    /// Thôn, ấp, bản, làng, buôn: village (residential community).
    Village,
    /// Tổ dân phố, khu phố: residential group (residential community).
    ResidentialGroup,
    /// Cơ quan, đơn vị: an agency or public unit attached to a unit.
    Agency,
    /// Doanh nghiệp nhà nước: a state-owned enterprise attached to a unit.
    Enterprise,
}

impl UnitKind {
    /// Every kind, for listings and validation messages.
    pub const ALL: [UnitKind; 11] = [
        UnitKind::Province,
        UnitKind::Municipality,
        UnitKind::District,
        UnitKind::Commune,
        UnitKind::Ward,
        UnitKind::SpecialZone,
        UnitKind::Township,
        UnitKind::Village,
        UnitKind::ResidentialGroup,
        UnitKind::Agency,
        UnitKind::Enterprise,
    ];

    /// The stored name (`province`, `ward`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Municipality => "municipality",
            UnitKind::District => "district",
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "special_zone",
            UnitKind::Township => "township",
            UnitKind::Village => "village",
            UnitKind::ResidentialGroup => "residential_group",
            UnitKind::Agency => "agency",
            UnitKind::Enterprise => "enterprise",
        }
    }

    /// Parses a stored name.
    pub fn from_stored(s: &str) -> Option<UnitKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Parses the Vietnamese label used in official lists ("xã", "thành phố trung ương", "thôn", …)
    /// or a stored name.
    pub fn from_label(label: &str) -> Option<UnitKind> {
        let folded = crate::text::fold(label);
        Some(match folded.as_str() {
            "tinh" => UnitKind::Province,
            "thanh pho trung uong" | "thanh pho truc thuoc trung uong" => UnitKind::Municipality,
            "huyen" | "quan" | "thi xa" | "thanh pho" | "thanh pho thuoc tinh" => {
                UnitKind::District
            }
            "xa" => UnitKind::Commune,
            "phuong" => UnitKind::Ward,
            "dac khu" => UnitKind::SpecialZone,
            "thi tran" => UnitKind::Township,
            "thon" | "ap" | "ban" | "lang" | "buon" | "xom" | "khom" => UnitKind::Village,
            "to dan pho" | "khu pho" | "khu dan cu" => UnitKind::ResidentialGroup,
            "co quan" | "don vi" | "co quan, don vi" => UnitKind::Agency,
            "doanh nghiep" | "doanh nghiep nha nuoc" => UnitKind::Enterprise,
            other => return Self::from_stored(other),
        })
    }

    /// Guesses the kind of a unit from the first words of its name ("Phường Điện Biên").
    pub fn from_name(name: &str) -> Option<UnitKind> {
        let folded = crate::text::fold(name);
        let prefixes: [(&str, UnitKind); 13] = [
            ("thanh pho trung uong ", UnitKind::Municipality),
            ("thanh pho ", UnitKind::District),
            ("thi tran ", UnitKind::Township),
            ("thi xa ", UnitKind::District),
            ("to dan pho ", UnitKind::ResidentialGroup),
            ("dac khu ", UnitKind::SpecialZone),
            ("phuong ", UnitKind::Ward),
            ("huyen ", UnitKind::District),
            ("quan ", UnitKind::District),
            ("tinh ", UnitKind::Province),
            ("thon ", UnitKind::Village),
            ("xa ", UnitKind::Commune),
            ("ap ", UnitKind::Village),
        ];
        prefixes
            .into_iter()
            .find(|(p, _)| folded.starts_with(p))
            .map(|(_, k)| k)
    }

    /// True for the residential community where households meet and vote (thôn, tổ dân phố).
    pub fn is_residential_community(self) -> bool {
        matches!(self, UnitKind::Village | UnitKind::ResidentialGroup)
    }

    /// True for the commune level (xã, phường, đặc khu, thị trấn).
    pub fn is_commune_level(self) -> bool {
        matches!(
            self,
            UnitKind::Commune | UnitKind::Ward | UnitKind::SpecialZone | UnitKind::Township
        )
    }

    /// True for the province level.
    pub fn is_province_level(self) -> bool {
        matches!(self, UnitKind::Province | UnitKind::Municipality)
    }

    /// Vietnamese name of the kind.
    pub fn label_vi(self) -> &'static str {
        match self {
            UnitKind::Province => "tỉnh",
            UnitKind::Municipality => "thành phố trực thuộc trung ương",
            UnitKind::District => "cấp huyện (trước 2025)",
            UnitKind::Commune => "xã",
            UnitKind::Ward => "phường",
            UnitKind::SpecialZone => "đặc khu",
            UnitKind::Township => "thị trấn",
            UnitKind::Village => "thôn",
            UnitKind::ResidentialGroup => "tổ dân phố",
            UnitKind::Agency => "cơ quan, đơn vị",
            UnitKind::Enterprise => "doanh nghiệp nhà nước",
        }
    }

    /// English name of the kind.
    pub fn label_en(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Municipality => "centrally-run city",
            UnitKind::District => "district (before 2025)",
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "special zone",
            UnitKind::Township => "township",
            UnitKind::Village => "village",
            UnitKind::ResidentialGroup => "residential group",
            UnitKind::Agency => "agency",
            UnitKind::Enterprise => "state-owned enterprise",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnitKind;

    #[test]
    fn labels_and_names_parse() {
        assert_eq!(
            UnitKind::from_label("thành phố trung ương"),
            Some(UnitKind::Municipality)
        );
        assert_eq!(
            UnitKind::from_label("Tổ dân phố"),
            Some(UnitKind::ResidentialGroup)
        );
        assert_eq!(UnitKind::from_label("quận ủy"), None);
        assert_eq!(
            UnitKind::from_name("Thị Trấn Tây Đằng"),
            Some(UnitKind::Township)
        );
        assert_eq!(
            UnitKind::from_name("Quận Ba Đình"),
            Some(UnitKind::District)
        );
    }
}
