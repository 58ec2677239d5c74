//! Matters in the site search: found from the day they open, under their thôn (and the commune
//! above it), and once closed with their result.

use dinh_decisions::{Origin, close, matters};
use dinh_platform::search;
use dinh_platform::units::store as units;

use crate::support::*;

#[tokio::test]
async fn matters_are_found_open_and_closed_with_their_result() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let mut new = new_matter("T9-X-01", 6, Origin::VillageHead);
        new.title = "Lắp camera an ninh ở ngõ xóm".into();
        new.content = "Mỗi hộ góp 200.000 đồng để lắp bốn camera.".into();
        let matter = matters::create(&m, &db, Some(&f.head), &new, today()).await?;
        let hits = search::find(&db, "camera an ninh", None, 10).await?;
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].href, format!("/matters/{}", matter.id));
        assert_eq!(hits[0].kind_key, search::KIND_MATTER);
        assert_eq!(hits[0].published_at, Some(today()));
        let commune = units::by_code(&db, "T9-X").await?.unwrap();
        let other = units::by_code(&db, "T9-X-02").await?.unwrap();
        assert_eq!(
            search::find(&db, "gop 200 000 dong", Some(&commune), 10)
                .await?
                .len(),
            1
        );
        assert!(
            search::find(&db, "camera", Some(&other), 10)
                .await?
                .is_empty()
        );
        // Open, the result is not written yet; closed, it is found with the matter.
        meeting_votes(&db, &f, matter.id, "T9-X-01", &village(1, 9), 6).await?;
        close::close(&m, &db, Some(&f.officer), matter.id, today()).await?;
        let closed = matters::get(&db, matter.id).await?;
        let result = closed.result_vi.clone().unwrap();
        let word = result
            .split_whitespace()
            .find(|w| w.chars().count() > 4)
            .unwrap()
            .to_owned();
        let hits = search::find(&db, &format!("camera {word}"), None, 10).await?;
        assert_eq!(
            hits.len(),
            1,
            "closed, the matter is found by its result ({result})"
        );
        Ok(())
    })
    .await;
}
