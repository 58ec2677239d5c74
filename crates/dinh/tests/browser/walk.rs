//! A citizen's and an officer's main tasks, done by clicking: find my commune from `/`, read a disclosure, send a petition and track it, vote online
//! as a household representative; an officer signs in, reaches a case from the work home and
//! acts on it.

use anyhow::{Context, ensure};
use fantoccini::{Client, Locator};

use super::{screenshot, sign_in, submit};
use crate::support::crawl::COMMUNE;

/// How long one task may take.
const TASK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(55);
/// How long a stopped task's address and screenshot are waited for.
const GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Each task done by clicking; the problems met, each with a screenshot of where it stopped.
pub async fn tasks(c: &Client, base: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for task in ["citizen", "household vote", "officer"] {
        let started = std::time::Instant::now();
        let work = async {
            match task {
                "citizen" => citizen(c, base).await,
                "household vote" => voter(c, base).await,
                _ => officer(c, base).await,
            }
        };
        let result = match tokio::time::timeout(TASK_TIMEOUT, work).await {
            Ok(result) => result,
            Err(_) => Err(anyhow::anyhow!(
                "not done within {} s, stopped at {}",
                TASK_TIMEOUT.as_secs(),
                // A browser that stopped answering must not hold the walk up.
                tokio::time::timeout(GRACE, c.current_url())
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .map(|u| u.to_string())
                    .unwrap_or_else(|| "(the browser does not answer)".to_owned())
            )),
        };
        eprintln!("task {task}: {} ms", started.elapsed().as_millis());
        if let Err(e) = result {
            let shot = tokio::time::timeout(GRACE, screenshot(c, &format!("task-{task}")))
                .await
                .unwrap_or_else(|_| "(no screenshot: the browser does not answer)".to_owned());
            problems.push(format!("{task}: {e:#} [screenshot {shot}]"));
        }
    }
    problems
}

async fn click(c: &Client, css: &str) -> anyhow::Result<()> {
    let here = url(c).await;
    c.find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css} on {here}"))?
        .click()
        .await?;
    Ok(())
}

async fn fill(c: &Client, id: &str, text: &str) -> anyhow::Result<()> {
    let here = url(c).await;
    c.find(Locator::Id(id))
        .await
        .with_context(|| format!("no field #{id} on {here}"))?
        .send_keys(text)
        .await?;
    Ok(())
}

async fn url(c: &Client) -> String {
    c.current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default()
}

async fn text_of(c: &Client, css: &str) -> anyhow::Result<String> {
    let here = url(c).await;
    Ok(c.find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css} on {here}"))?
        .text()
        .await?)
}

/// From `/`: find the commune by its name without diacritics, read a disclosure, send a
/// petition, then track it with the codes the receipt gives.
async fn citizen(c: &Client, base: &str) -> anyhow::Result<()> {
    c.delete_all_cookies().await?;
    c.goto(&format!("{base}/")).await?;
    fill(c, "q", "phu dong").await?;
    submit(c, "main form[role=search] button").await?;
    submit(c, &format!("main a[href='/units/{COMMUNE}']")).await?;
    ensure!(
        c.current_url().await?.path() == format!("/units/{COMMUNE}"),
        "the search result did not lead to the commune"
    );

    submit(c, "main a[href^='/disclosures/']").await?;
    let title = text_of(c, "h1").await?;
    ensure!(!title.trim().is_empty(), "the disclosure has no title");
    submit(c, &format!("nav.crumbs a[href='/units/{COMMUNE}']")).await?;

    submit(c, "main a[href^='/petitions/submit']").await?;
    let unit = c.find(Locator::Id("unit")).await?;
    if unit.prop("value").await?.unwrap_or_default().is_empty() {
        unit.send_keys(COMMUNE).await?;
    }
    fill(c, "subject", "Đèn đường thôn 1 hỏng").await?;
    fill(
        c,
        "content",
        "Đèn đường trước nhà văn hóa thôn 1 hỏng đã hai tuần.",
    )
    .await?;
    submit(c, "form[action='/petitions/submit'] button[type=submit]").await?;
    let receipt = c
        .find_all(Locator::Css(".pet-receipt dd strong"))
        .await
        .context("no receipt after sending the petition")?;
    ensure!(
        receipt.len() >= 2,
        "the receipt gives no tracking code and secret"
    );
    let code = receipt[0].text().await?;
    let secret = receipt[1].text().await?;

    submit(c, ".pet-receipt a[href='/petitions/track']").await?;
    fill(c, "code", &code).await?;
    fill(c, "secret", &secret).await?;
    submit(c, "form[action='/petitions/track'] button[type=submit]").await?;
    let found = text_of(c, "main").await?;
    ensure!(
        found.contains(&code) && found.contains("Đèn đường thôn 1 hỏng"),
        "tracking with the receipt's codes does not show the petition"
    );
    Ok(())
}

/// A household representative signs in and votes on an open matter from the work home.
async fn voter(c: &Client, base: &str) -> anyhow::Result<()> {
    sign_in(c, base, "0912000004").await?;
    // The work home lists every open matter of the household; the first one voted online.
    let offered = c
        .find_all(Locator::Css("ul.work-items a[href^='/matters/']"))
        .await?
        .len();
    let mut found = false;
    for i in 0..offered {
        let links = c
            .find_all(Locator::Css("ul.work-items a[href^='/matters/']"))
            .await?;
        let link = links.get(i).context("the work home changed")?;
        let old = c.find(Locator::Css("html")).await?;
        link.click().await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while old.tag_name().await.is_ok() {
            ensure!(
                std::time::Instant::now() < deadline,
                "the work home's link {i} led nowhere in 30 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if c.find(Locator::Css("form[action$='/vote']")).await.is_ok() {
            found = true;
            break;
        }
        submit(c, "header a[href='/viec-cua-toi']").await?;
    }
    ensure!(
        found,
        "none of the {offered} matters on the work home can be voted online"
    );
    let matter = c.current_url().await?;
    click(c, "form[action$='/vote'] input[value=agree]").await?;
    submit(c, "form[action$='/vote'] button[type=submit]").await?;
    let flash = text_of(c, "main [role=status]").await?;
    ensure!(
        !flash.trim().is_empty(),
        "no word that the vote was counted"
    );
    ensure!(
        c.find(Locator::Css("form[action$='/vote']")).await.is_err(),
        "{matter} still offers a vote after voting"
    );
    Ok(())
}

/// A commune officer signs in, opens a case from the work home and records a step on it.
async fn officer(c: &Client, base: &str) -> anyhow::Result<()> {
    sign_in(c, base, "canbo.phudong@dinh.demo").await?;
    submit(c, "main a[href^='/petitions/cases/']").await?;
    c.find(Locator::Id("action"))
        .await?
        .select_by_value("note")
        .await
        .context("the case offers no note")?;
    fill(c, "text", "Đã liên hệ người gửi, hẹn kiểm tra hiện trường.").await?;
    submit(c, "form[action$='/act'] button[type=submit]").await?;
    let flash = text_of(c, "main [role=status]").await?;
    ensure!(
        !flash.trim().is_empty(),
        "no word that the note was recorded"
    );
    Ok(())
}
