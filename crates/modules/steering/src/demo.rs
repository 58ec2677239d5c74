//! Demo placeholder.
use dinh_platform::db::Db;
pub(crate) async fn build(
    _db: &Db,
    _m: &crate::SteeringModule,
    _today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    Ok(())
}
