use crate::support::{SMALL_HOUSEHOLDS, date, each_engine, rejection, small_tree};
use dinh_platform::db::query;
use dinh_platform::households::{count_at, import_households};
use dinh_platform::units::store::by_code;

#[tokio::test]
async fn household_counts_are_exact_at_any_date() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        let s = import_households(&db, SMALL_HOUSEHOLDS.as_bytes(), "test", |_| {}).await?;
        assert_eq!((s.households, s.people), (4, 5));
        let p = by_code(&db, "P").await?.unwrap().id;
        let c1 = by_code(&db, "C1").await?.unwrap().id;
        let t1 = by_code(&db, "T1").await?.unwrap().id;
        assert_eq!(count_at(&db, p, date("01/01/2026")).await?, 4);
        assert_eq!(count_at(&db, c1, date("01/01/2026")).await?, 3);
        assert_eq!(
            count_at(&db, t1, date("28/02/2025")).await?,
            1,
            "H2 formed on 01/03/2025"
        );
        assert_eq!(count_at(&db, t1, date("01/03/2025")).await?, 2);
        assert_eq!(count_at(&db, t1, date("31/12/2019")).await?, 0);
        db.execute(&query(
            "UPDATE households SET dissolved_on = '2025-06-01' WHERE code = 'H1'",
        ))
        .await?;
        assert_eq!(count_at(&db, t1, date("31/05/2025")).await?, 2);
        assert_eq!(count_at(&db, t1, date("01/06/2025")).await?, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn household_import_errors_reject_the_whole_file() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        import_households(&db, SMALL_HOUSEHOLDS.as_bytes(), "test", |_| {}).await?;
        let bad = "household_code,unit_code,address,full_name,birth_date,gender,relation,representative
N1,T1,Số 9,Người Tốt,01/01/1980,nam,chủ hộ,1
N2,T1,Số 10,Không Đại Diện,01/01/1980,nam,chủ hộ,0
N3,T1,Số 11,Hai Một,01/01/1980,nam,chủ hộ,1
N3,T1,Số 11,Hai Hai,01/01/1981,nữ,vợ,1
N4,C1,Số 12,Sai Đơn Vị,01/01/1980,nam,chủ hộ,1
N5,T2,Số 13,Còn Nhỏ,01/01/2015,nam,chủ hộ,1
N6,T2,Số 14,Ngày Sai,31/02/1980,nam,chủ hộ,1
N1,T1,Số 9,Lại Hộ Một,01/01/1980,nam,con,0
H1,T1,Số 1,Đã Có,01/01/1970,nam,chủ hộ,1
";
        let msg = rejection(&import_households(&db, bad.as_bytes(), "test", |_| {}).await.unwrap_err());
        for expected in [
            "line 3, field 'representative': household 'N2' has no representative",
            "line 5, field 'representative': household 'N3' has a second representative",
            "line 6, field 'unit_code': 'C1' is not a thôn or tổ dân phố",
            "line 7, field 'representative': the representative must be an adult",
            "line 8, field 'birth_date': '31/02/1980' is not a date",
            "line 9, field 'household_code': household 'N1' appears again",
        ] {
            assert!(msg.contains(expected), "missing «{expected}» in:\n{msg}");
        }
        // A household that already exists is named with its line.
        let existing = "household_code,unit_code,address,full_name,birth_date,gender,relation,representative\nH1,T1,Số 1,Đã Có,01/01/1970,nam,chủ hộ,1\n";
        let msg = rejection(&import_households(&db, existing.as_bytes(), "test", |_| {}).await.unwrap_err());
        assert!(msg.contains("line 2, field 'household_code': household 'H1' already exists"), "{msg}");
        let households: i64 = db.scalar(&query("SELECT COUNT(*) FROM households")).await?;
        let people: i64 = db.scalar(&query("SELECT COUNT(*) FROM people")).await?;
        assert_eq!((households, people), (4, 5), "nothing of a rejected file is written");
        Ok(())
    })
    .await;
}
