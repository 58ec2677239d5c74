use crate::support::{each_engine, rejection, small_tree};
use dinh_platform::db::query;
use dinh_platform::demo::{LINEAGE_2025_CSV, UNITS_2025_CSV};
use dinh_platform::units::{import_lineage, import_units, store};

#[tokio::test]
async fn real_unit_list_and_lineage_answer_both_questions() {
    each_engine(|db| async move {
        let s = import_units(&db, UNITS_2025_CSV.as_bytes(), "test").await?;
        assert_eq!(s.inserted, 3_355);
        let provinces: i64 = db
            .scalar(&query("SELECT COUNT(*) FROM units WHERE parent_id IS NULL"))
            .await?;
        assert_eq!(provinces, 34);
        let communes: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM units WHERE kind IN ('commune','ward','special_zone')",
            ))
            .await?;
        assert_eq!(communes, 3_321);
        // Re-importing the same list changes nothing.
        let again = import_units(&db, UNITS_2025_CSV.as_bytes(), "test").await?;
        assert_eq!(
            (again.inserted, again.updated, again.unchanged),
            (0, 0, 3_355)
        );

        let l = import_lineage(&db, LINEAGE_2025_CSV.as_bytes(), "test").await?;
        assert!(l.old_units_created > 10_000, "{l:?}");

        // "What did this old ward become?" Phường Đội Cấn (Ba Đình) was split in two.
        let doi_can = store::search(&db, "doi can", 10)
            .await?
            .into_iter()
            .find(|u| u.valid_to.is_some())
            .expect("old ward");
        let became: Vec<String> = store::successors(&db, doi_can.id)
            .await?
            .into_iter()
            .map(|l| format!("{} {}", l.kind, l.name))
            .collect();
        assert_eq!(
            became,
            vec!["split_into Phường Ba Đình", "split_into Phường Ngọc Hà"]
        );
        // "What did this new ward come from?"
        let ba_dinh = store::search(&db, "Phường Ba Đình", 10)
            .await?
            .into_iter()
            .find(|u| u.valid_to.is_none())
            .expect("new ward");
        let came: Vec<String> = store::predecessors(&db, ba_dinh.id)
            .await?
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert!(
            came.contains(&"Phường Điện Biên".to_owned())
                && came.contains(&"Phường Đội Cấn".to_owned()),
            "{came:?}"
        );
        // The old ward sits under its old district, under the continuing city.
        let ancestors: Vec<String> = store::ancestors(&db, &doi_can)
            .await?
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(ancestors, vec!["Thành phố Hà Nội", "Quận Ba Đình"]);
        // An old province that merged: Hà Giang went into Tuyên Quang.
        let ha_giang = store::by_code(&db, "cu-tinh-ha-giang")
            .await?
            .expect("old province");
        let into: Vec<String> = store::successors(&db, ha_giang.id)
            .await?
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(into, vec!["Tuyên Quang"]);
        // Search ignores diacritics and đ.
        assert!(
            store::search(&db, "cau giay", 5)
                .await?
                .iter()
                .any(|u| u.name == "Phường Cầu Giấy")
        );
        assert!(
            store::search(&db, "dong da", 5)
                .await?
                .iter()
                .any(|u| u.name == "Phường Đống Đa")
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn unit_import_errors_name_line_and_field_and_write_nothing() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let before: i64 = db.scalar(&query("SELECT COUNT(*) FROM units")).await?;
        let audit_before: i64 = db.scalar(&query("SELECT COUNT(*) FROM audit_log")).await?;

        let bad = "code,name,kind,parent_code\nX1,Xã Mới,xã,P\nX1,Xã Trùng,xã,P\nX2,,huyện ủy,P\nX3,Thôn Lạc,thôn,NOPE\n";
        let msg = rejection(&import_units(&db, bad.as_bytes(), "test").await.unwrap_err());
        assert!(msg.contains("line 3, field 'code': duplicate code 'X1' (first on line 2)"), "{msg}");
        assert!(msg.contains("line 4, field 'name': empty name"), "{msg}");
        assert!(msg.contains("line 4, field 'kind': unknown kind 'huyện ủy'"), "{msg}");
        assert!(msg.contains("line 5, field 'parent_code': unknown parent 'NOPE'"), "{msg}");

        // C1 under its own thôn T1: a unit that would become its own ancestor.
        let cycle = "code,name,kind,parent_code\nC1,Xã Cầu Giấy,xã,T1\n";
        let msg = rejection(&import_units(&db, cycle.as_bytes(), "test").await.unwrap_err());
        assert!(msg.contains("line 2, field 'parent_code': unit 'C1' would become its own ancestor (C1 → T1 → C1)"), "{msg}");

        let missing_column = "code,name,parent_code\nX,Y,P\n";
        let msg = rejection(&import_units(&db, missing_column.as_bytes(), "test").await.unwrap_err());
        assert!(msg.contains("line 1, field 'kind': missing column"), "{msg}");

        let utf16: Vec<u8> = [0xff_u8, 0xfe].into_iter().chain("code".bytes().flat_map(|b| [b, 0])).collect();
        let msg = rejection(&import_units(&db, utf16.as_slice(), "test").await.unwrap_err());
        assert!(msg.contains("UTF-16"), "{msg}");

        // Windows-1258 / Latin-1 bytes on line 3.
        let mut latin = b"code,name,kind,parent_code\nX1,Xa Moi,xa,P\nX2,X".to_vec();
        latin.extend([0xe3, 0x20]);
        latin.extend(b"Hai,xa,P\n");
        let msg = rejection(&import_units(&db, latin.as_slice(), "test").await.unwrap_err());
        assert!(msg.contains("line 3: this line is not valid UTF-8"), "{msg}");

        let after: i64 = db.scalar(&query("SELECT COUNT(*) FROM units")).await?;
        let audit_after: i64 = db.scalar(&query("SELECT COUNT(*) FROM audit_log")).await?;
        assert_eq!((before, audit_before), (after, audit_after), "a rejected file wrote something");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn moving_a_unit_moves_its_subtree() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let moved = "code,name,kind,parent_code\nT2,Thôn Hai,thôn,C2\n";
        let s = import_units(&db, moved.as_bytes(), "test").await?;
        assert_eq!(s.updated, 1);
        let t2 = store::by_code(&db, "T2").await?.unwrap();
        let c2 = store::by_code(&db, "C2").await?.unwrap();
        let c1 = store::by_code(&db, "C1").await?.unwrap();
        assert!(t2.is_within(c2.id) && !t2.is_within(c1.id));
        assert_eq!(t2.depth, 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn subtrees_are_read_once_inside_a_report_and_afresh_after() {
    use dinh_platform::module::{sharing_subtrees, subtree_roots};
    use std::sync::Arc;
    each_engine(|db| async move {
        small_tree(&db).await?;
        let id = |code: &'static str| {
            let db = db.clone();
            async move { anyhow::Ok(store::by_code(&db, code).await?.unwrap().id) }
        };
        let (p, c1, t1, t2, t3) = (
            id("P").await?,
            id("C1").await?,
            id("T1").await?,
            id("T2").await?,
            id("T3").await?,
        );
        // Outside a report every call reads the tree.
        let a = subtree_roots(&db, &[p, c1]).await?;
        let b = subtree_roots(&db, &[p, c1]).await?;
        assert!(!Arc::ptr_eq(&a, &b));
        let mut under_t1 = a[&t1].clone();
        under_t1.sort_unstable();
        let mut want = vec![p, c1];
        want.sort_unstable();
        assert_eq!(under_t1, want, "T1 counts towards C1 and P");
        assert_eq!(a[&t3], vec![p], "T3 counts towards P only");
        // Inside one, the same units asked in any order are read once, and give the same answer.
        let (x, y) = sharing_subtrees(async {
            let x = subtree_roots(&db, &[p, c1]).await?;
            let y = subtree_roots(&db, &[c1, p, c1]).await?;
            anyhow::Ok((x, y))
        })
        .await?;
        assert!(Arc::ptr_eq(&x, &y));
        assert_eq!(*x, *a);
        // A later report sees the tree as it is then: T2 moved under C2.
        import_units(
            &db,
            "code,name,kind,parent_code\nT2,Thôn Hai,thôn,C2\n".as_bytes(),
            "test",
        )
        .await?;
        let moved = sharing_subtrees(subtree_roots(&db, &[p, c1])).await?;
        assert_eq!(moved[&t2], vec![p], "T2 no longer counts towards C1");
        Ok(())
    })
    .await;
}

/// After a bulk load the planner knows the tables' real sizes: without it PostgreSQL (whose
/// autovacuum may be off or not yet run) plans a commune's subtree as a scan of every unit.
#[tokio::test]
async fn statistics_are_refreshed_after_a_bulk_load() {
    each_engine(|db| async move {
        import_units(&db, UNITS_2025_CSV.as_bytes(), "test").await?;
        db.refresh_statistics().await?;
        let rows: f64 = match db.engine() {
            dinh_platform::db::Engine::Postgres => {
                db.scalar(&query(
                    "SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class \
                     WHERE oid = CAST('units' AS regclass)",
                ))
                .await?
            }
            dinh_platform::db::Engine::Sqlite => {
                let stat: String = db
                    .scalar(&query(
                        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'units' AND idx = 'units_parent'",
                    ))
                    .await?;
                stat.split(' ').next().unwrap_or_default().parse()?
            }
        };
        assert_eq!(rows, 3_355.0);
        Ok(())
    })
    .await;
}
