use crate::support::{each_engine, small_tree};
use dinh_platform::audit::{Finding, verify};
use dinh_platform::db::query;

#[tokio::test]
async fn audit_chain_detects_altered_inserted_and_deleted_entries() {
    each_engine(|db| async move {
        small_tree(&db).await?; // six audited unit creations
        let report = verify(&db).await?;
        assert!(report.is_intact(), "{:?}", report.findings);
        assert_eq!(report.entries, 6);

        db.execute(&query(
            "UPDATE audit_log SET after_json = '{\"name\":\"forged\"}' WHERE seq = 3",
        ))
        .await?;
        assert_eq!(
            verify(&db).await?.findings,
            vec![Finding::Altered { seq: 3 }]
        );
        Ok(())
    })
    .await;

    each_engine(|db| async move {
        small_tree(&db).await?;
        db.execute(&query("DELETE FROM audit_log WHERE seq = 2"))
            .await?;
        assert_eq!(
            verify(&db).await?.findings,
            vec![Finding::Deleted {
                expected_seq: 2,
                found_seq: 3
            }]
        );
        Ok(())
    })
    .await;

    each_engine(|db| async move {
        small_tree(&db).await?;
        db.execute(&query("DELETE FROM audit_log WHERE seq = 6"))
            .await?;
        assert_eq!(
            verify(&db).await?.findings,
            vec![Finding::Truncated {
                last_seq: 5,
                head_seq: 6
            }]
        );
        Ok(())
    })
    .await;

    each_engine(|db| async move {
        small_tree(&db).await?;
        // A forged entry appended after the last one, linked to it, without moving the head.
        db.execute(&query("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, prev_hash, hash)
                           SELECT 7, at, 'intruder', action, object_type, object_id, hash, hash FROM audit_log WHERE seq = 6")).await?;
        let findings = verify(&db).await?.findings;
        assert!(findings.contains(&Finding::Altered { seq: 7 }), "{findings:?}");
        assert!(findings.contains(&Finding::Inserted { seq: 7 }), "{findings:?}");
        Ok(())
    })
    .await;

    each_engine(|db| async move {
        small_tree(&db).await?;
        // Entries renumbered to make room for an inserted one: each moved entry no longer matches its hash.
        db.execute(&query("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4")).await?;
        db.execute(&query("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 104")).await?;
        db.execute(&query("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, prev_hash, hash)
                           SELECT 4, at, 'intruder', action, object_type, object_id, hash, hash FROM audit_log WHERE seq = 3")).await?;
        let findings = verify(&db).await?.findings;
        assert!(findings.contains(&Finding::Altered { seq: 4 }) && findings.contains(&Finding::Altered { seq: 5 }), "{findings:?}");
        Ok(())
    })
    .await;
}
