//! Actions of the community works capability and the roles that may take them, each within the
//! subtree of the unit the role is held at.

use dinh_platform::accounts::{Permission, Role};

/// Record a work, its exemptions and reductions, progress and spending, and publish its
/// accounts: the commune's officers and the village head of the thôn.
pub const MANAGE: Permission = Permission {
    action: "works.manage",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer, Role::VillageHead],
    description_vi: "Ghi nhận công trình do Nhân dân đóng góp, miễn giảm, tiến độ, chi tiêu; công khai tài chính",
    description_en: "Record community works, exemptions, progress and spending; publish the accounts",
};

/// Record pledges and payments (thu tiền, ngày công) for households, import them from a file,
/// and read every household's account: the commune's officers and the village head.
pub const COLLECT: Permission = Permission {
    action: "works.collect",
    roles: &[Role::SystemAdmin, Role::CommuneOfficer, Role::VillageHead],
    description_vi: "Ghi nhận đăng ký và khoản đóng góp của hộ, nhập từ tệp, xem tài khoản của hộ",
    description_en: "Record households' pledges and payments, import them, read households' accounts",
};

/// Every permission of the capability.
pub const ALL: &[Permission] = &[MANAGE, COLLECT];
