//! Committees and members: positions, one head, bodies inside the unit, terms.

use dinh_platform::accounts::Denied;
use dinh_platform::units::store as units;
use dinh_steering::committees::{self, Position};
use dinh_steering::{Actor, StoreError};

use super::support::*;

#[tokio::test]
async fn committees_and_members_are_validated() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let village = units::by_code(&db, "91001-01").await?.unwrap();
        let e = committees::create(&db, Actor::System("test"), &village, new_committee("x"))
            .await
            .unwrap_err();
        assert_eq!(field(e), "unit");
        let e = committees::create(&db, Actor::System("test"), &w.province, new_committee("x"))
            .await
            .unwrap_err();
        assert_eq!(field(e), "unit", "one committee per unit");
        // A member of another commune's body is outside a commune committee.
        let before = count(&db, "steering_members").await;
        let e = committees::add_member(
            &db,
            Actor::Person(&w.province_member),
            w.commune_committee,
            member("Lê Văn Ngoài", Position::Member, "91002"),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "unit_code");
        // A second head for the same term.
        let e = committees::add_member(
            &db,
            Actor::Person(&w.commune_member),
            w.commune_committee,
            member("Phạm Văn Hai", Position::Head, "91001"),
        )
        .await
        .unwrap_err();
        assert_eq!(field(e), "position");
        // Someone of another commune may not touch this committee.
        let e = committees::add_member(
            &db,
            Actor::Person(&w.other_member),
            w.commune_committee,
            member("Đỗ Thị Ba", Position::Member, "91001"),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, StoreError::Denied(Denied::OutOfScope)));
        assert_eq!(count(&db, "steering_members").await, before);
        // A village's Front work team member sits below the commune: accepted.
        committees::add_member(
            &db,
            Actor::Person(&w.commune_member),
            w.commune_committee,
            member("Đỗ Thị Ba", Position::Member, "91001-01"),
        )
        .await?;
        let list = committees::members(&db, w.commune_committee).await?;
        assert_eq!(list.first().unwrap().position, "head");
        assert_eq!(list.len(), 3);
        Ok(())
    })
    .await;
}
