use crate::support::{each_engine, small_tree};
use dinh_platform::accounts::{Denied, Role, authorize, store};
use dinh_platform::units::permissions::{MANAGE_UNITS, VIEW_HOUSEHOLDS};
use dinh_platform::units::store::by_code;

/// Every role at every place, against the household list of T1 (in C1) and T3 (in C2).
#[tokio::test]
async fn roles_reach_their_unit_subtree_only() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let cases: [(&str, Role, Option<&str>, bool, bool); 9] = [
            // login, role, held at, may see T1, may see T3
            ("admin@x.vn", Role::SystemAdmin, None, true, true),
            ("pa@x.vn", Role::SystemAdmin, Some("C2"), false, true),
            ("bcd@x.vn", Role::SteeringMember, Some("P"), true, true),
            ("canbo@x.vn", Role::CommuneOfficer, Some("C1"), true, false),
            (
                "truongthon@x.vn",
                Role::VillageHead,
                Some("T1"),
                true,
                false,
            ),
            (
                "truongthon2@x.vn",
                Role::VillageHead,
                Some("T2"),
                false,
                false,
            ),
            ("mattran@x.vn", Role::FrontWorkTeam, Some("T3"), false, true),
            (
                "ttnd@x.vn",
                Role::InspectionBoardMember,
                Some("C1"),
                false,
                false,
            ),
            ("dan@x.vn", Role::Resident, Some("T1"), false, false),
        ];
        let t1 = by_code(&db, "T1").await?.unwrap();
        let t3 = by_code(&db, "T3").await?.unwrap();
        for (login, role, unit, sees_t1, sees_t3) in cases {
            let id =
                store::create_account(&db, login, "Người Thử", "mat-khau-du-dai", "test").await?;
            store::grant(&db, login, role, unit, "test").await?;
            let p = store::principal(&db, id).await?.unwrap();
            assert_eq!(
                authorize(Some(&p), &VIEW_HOUSEHOLDS, Some(&t1)).is_ok(),
                sees_t1,
                "{login} on T1"
            );
            assert_eq!(
                authorize(Some(&p), &VIEW_HOUSEHOLDS, Some(&t3)).is_ok(),
                sees_t3,
                "{login} on T3"
            );
            let national = authorize(Some(&p), &MANAGE_UNITS, None);
            assert_eq!(
                national.is_ok(),
                unit.is_none(),
                "{login}: only a national admin manages the country's units"
            );
        }
        assert_eq!(
            authorize(None, &VIEW_HOUSEHOLDS, Some(&t1)),
            Err(Denied::NotSignedIn)
        );
        // A role other than system administrator must be held at a unit.
        let err = store::grant(&db, "canbo@x.vn", Role::CommuneOfficer, None, "test")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("must be held at a unit"), "{err}");
        let err = store::grant(
            &db,
            "canbo@x.vn",
            Role::CommuneOfficer,
            Some("NOPE"),
            "test",
        )
        .await
        .unwrap_err();
        assert!(
            err.to_string().contains("no unit with code 'NOPE'"),
            "{err}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn account_input_is_checked() {
    each_engine(|db| async move {
        let err = store::create_account(&db, "123", "A", "mat-khau-du-dai", "test")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("phone number"), "{err}");
        let err = store::create_account(&db, "0912345678", "A", "ngan", "test")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("at least 10 characters"), "{err}");
        store::create_account(&db, "+84 912 345 678", "A", "mat-khau-du-dai", "test").await?;
        let err = store::create_account(&db, "0912.345.678", "B", "mat-khau-du-dai", "test")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("already taken"), "{err}");
        Ok(())
    })
    .await;
}
