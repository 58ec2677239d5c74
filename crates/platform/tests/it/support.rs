//! Test databases on both engines.

use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use std::future::Future;

pub fn registry() -> Registry {
    Registry::default().with(UnitsModule)
}

/// Runs `test` on a fresh, migrated database of each engine.
pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    dinh_platform::testing::each_engine(&registry(), test).await;
}

/// A small tree: province P, communes C1 and C2, thôn T1 and T2 in C1, T3 in C2.
pub const SMALL_TREE: &str = "code,name,kind,parent_code
P,Tỉnh Thử Nghiệm,tỉnh,
C1,Xã Cầu Giấy,xã,P
C2,Phường Đống Đa,phường,P
T1,Thôn Một,thôn,C1
T2,Thôn Hai,thôn,C1
T3,Tổ dân phố Ba,tổ dân phố,C2
";

pub async fn small_tree(db: &Db) -> anyhow::Result<()> {
    dinh_platform::units::import_units(db, SMALL_TREE.as_bytes(), "test").await?;
    Ok(())
}

/// Households: two in T1 (one formed in 2020, one in 2025), one in T2, one in T3.
pub const SMALL_HOUSEHOLDS: &str =
    "household_code,unit_code,address,full_name,birth_date,gender,relation,representative,formed_on
H1,T1,Số 1,Nguyễn Văn An,01/01/1970,nam,chủ hộ,1,01/01/2020
H1,T1,Số 1,Trần Thị Bình,02/02/1972,nữ,vợ,0,01/01/2020
H2,T1,Số 2,Lê Văn Cường,03/03/1980,nam,chủ hộ,x,01/03/2025
H3,T2,Số 3,Phạm Thị Dung,04/04/1990,nữ,chủ hộ,có,01/01/2020
H4,T3,Số 4,Hoàng Văn Em,05/05/1985,nam,chủ hộ,1,01/01/2020
";

pub fn date(d: &str) -> chrono::NaiveDate {
    dinh_platform::time::parse_date(d).unwrap()
}

/// The message of an import rejection, for assertions.
pub fn rejection(err: &anyhow::Error) -> String {
    err.downcast_ref::<dinh_platform::csvio::ImportErrors>()
        .map(ToString::to_string)
        .unwrap_or_else(|| format!("not a rejection: {err:#}"))
}
