//! Bringing a WordPress portal into Đình (`dinh import wordpress FILE.xml`): its posts with
//! their categories, authors, dates and states, their comments (e-mails kept private, as every
//! comment's are), and the pictures they show, read from a copy of the old site's
//! `wp-content/uploads` folder. Each post keeps its old address, which is answered with a
//! permanent redirect to the article, so links shared on Zalo or Facebook keep working.
//!
//! The whole file is read and written in one transaction: when any entry is wrong, the file is
//! refused with the line of every entry at fault and nothing is imported. The file is read as
//! a stream ([`wxr`]) and written in batches, so memory stays flat whatever its size. Posts
//! already imported (same site, same post id) are skipped, so the import can be run again.

mod convert;
pub mod wxr;

use dinh_platform::audit::{self, Change};
use dinh_platform::csvio::ImportErrors;
use dinh_platform::db::bulk::insert_rows;
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Arg, Db, Tx, query};
use dinh_platform::units::Unit;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use crate::articles::state;
use crate::images::{self, Picture, Staged};
use crate::sanitize;
pub use convert::post_number;
use convert::{article_state, old_path, slug_ok, uploaded_file, wordpress_paragraphs, wp_instant};
use wxr::{Entry, WxrItem, WxrReader};

/// Posts written to the database at a time.
const BATCH: usize = 500;
/// The category given to a post that names none (WordPress's "Uncategorized").
const DEFAULT_CATEGORY: &str = "tin-tuc-hoat-dong";

/// What an import brought in.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Posts imported as articles.
    pub posts: u64,
    /// Posts skipped because an earlier import brought them.
    pub already_imported: u64,
    /// Entries that are not posts (pages, attachments, menus) or are in the bin.
    pub other_entries: u64,
    /// Comments imported.
    pub comments: u64,
    /// Comments left out (spam, bin, pingbacks).
    pub comments_left_out: u64,
    /// Categories created (those that were not the portal's already).
    pub categories_created: u64,
    /// Pictures brought in from the uploads folder.
    pub pictures: u64,
    /// Pictures a post shows that the uploads folder does not have (or no folder was given).
    pub pictures_missing: u64,
}

/// Where the import reads from and writes to.
pub struct Source<'a> {
    /// The unit whose portal receives the posts.
    pub unit: &'a Unit,
    /// A copy of the old site's `wp-content/uploads` folder, for the pictures.
    pub uploads: Option<&'a Path>,
    /// The data directory, where pictures are stored.
    pub data_dir: &'a Path,
    /// Who runs the import, for the audit.
    pub actor: &'a str,
}

/// A comment as written.
struct CommentRow {
    id: i64,
    article_id: i64,
    parent_id: Option<i64>,
    author: String,
    email: Option<String>,
    body: String,
    state: &'static str,
    created_at: String,
}

/// An article as written.
struct ArticleRow {
    id: i64,
    category_id: i64,
    title: String,
    summary: String,
    body_html: String,
    body_text: String,
    author: String,
    state: &'static str,
    published_at: Option<String>,
    comments_open: bool,
    origin: String,
    old_path: Option<String>,
    wordpress_post: i64,
    created_at: String,
}

/// The import's running state.
struct Run<'a> {
    source: Source<'a>,
    tx: Tx,
    errors: ImportErrors,
    summary: Summary,
    site: String,
    authors: HashMap<String, String>,
    categories: HashMap<String, i64>,
    origins: HashSet<String>,
    old_paths: HashSet<String>,
    articles: Vec<ArticleRow>,
    comments: Vec<CommentRow>,
    pictures: Vec<Picture>,
    staged: Staged,
    /// Attachments seen: WordPress post id → file URL.
    attachments: HashMap<String, String>,
    /// Articles whose featured picture is an attachment: (article id, attachment post id, line).
    featured: Vec<(i64, String, u64)>,
    now: String,
}

/// Imports the WXR file `input` into `source.unit`'s portal; on any wrong entry nothing is
/// imported and the errors name their lines (an [`ImportErrors`] inside the error).
pub async fn import(
    db: &Db,
    input: impl BufRead,
    source: Source<'_>,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<Summary> {
    let tx = db.begin().await?;
    let mut run = Run {
        source,
        tx,
        errors: ImportErrors::default(),
        summary: Summary::default(),
        site: String::new(),
        authors: HashMap::new(),
        categories: HashMap::new(),
        origins: HashSet::new(),
        old_paths: HashSet::new(),
        articles: Vec::new(),
        comments: Vec::new(),
        pictures: Vec::new(),
        staged: Staged::empty(),
        attachments: HashMap::new(),
        featured: Vec::new(),
        now: dinh_platform::time::now_rfc3339(),
    };
    run.load_existing().await?;
    let mut reader = WxrReader::new(input);
    loop {
        let entry = match reader.next_entry() {
            Ok(Some(e)) => e,
            Ok(None) => break,
            Err(e) => {
                run.errors.push(e.line, None, e.message);
                return Err(run.errors.into());
            }
        };
        if run.site.is_empty() {
            run.site = reader.base_site_url.trim_end_matches('/').to_owned();
        }
        match entry {
            Entry::Author(a) => {
                let name = if a.display_name.trim().is_empty() {
                    a.login.clone()
                } else {
                    a.display_name.trim().to_owned()
                };
                run.authors.insert(a.login, name);
            }
            Entry::Item(item) => run.item(*item).await?,
        }
        if run.articles.len() >= BATCH {
            run.flush().await?;
        }
        progress(reader.position());
    }
    run.flush().await?;
    run.featured().await?;
    if !run.errors.is_empty() {
        return Err(run.errors.into());
    }
    run.flush_pictures().await?;
    let Run {
        mut tx,
        summary,
        staged,
        source,
        site,
        ..
    } = run;
    audit::record(
        &mut tx,
        Change {
            actor: source.actor,
            action: "portal.import.wordpress",
            object_type: "unit",
            object_id: &source.unit.code,
            before: None,
            after: Some(json!({
                "site": site, "posts": summary.posts, "comments": summary.comments,
                "already_imported": summary.already_imported,
                "categories_created": summary.categories_created,
                "pictures": summary.pictures, "pictures_missing": summary.pictures_missing,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    staged.keep().await?;
    Ok(summary)
}

impl Run<'_> {
    async fn load_existing(&mut self) -> anyhow::Result<()> {
        let cats: Vec<(String, i64)> = self
            .tx
            .fetch_all(&query("SELECT slug, id FROM portal_categories"))
            .await?;
        self.categories = cats.into_iter().collect();
        let origins: Vec<(String,)> = self
            .tx
            .fetch_all(&query(
                "SELECT origin FROM portal_articles WHERE origin LIKE 'wordpress:%'",
            ))
            .await?;
        self.origins = origins.into_iter().map(|(o,)| o).collect();
        let paths: Vec<(String,)> = self
            .tx
            .fetch_all(&query(
                "SELECT old_path FROM portal_articles WHERE old_path IS NOT NULL",
            ))
            .await?;
        self.old_paths = paths.into_iter().map(|(p,)| p).collect();
        Ok(())
    }

    async fn item(&mut self, item: WxrItem) -> anyhow::Result<()> {
        let line = item.line;
        if item.post_type == "attachment" {
            self.attachments
                .insert(item.post_id.trim().to_owned(), item.attachment_url);
            self.summary.other_entries += 1;
            return Ok(());
        }
        if item.post_type != "post" {
            self.summary.other_entries += 1;
            return Ok(());
        }
        let Some(article_state) = article_state(&item.status) else {
            self.summary.other_entries += 1;
            return Ok(());
        };
        let post_id = item.post_id.trim();
        let Some(wordpress_post) = post_id.parse::<i64>().ok().filter(|n| *n > 0) else {
            self.errors.push(
                line,
                Some("wp:post_id"),
                format!(
                    "the post '{}' has no number (wp:post_id is '{post_id}'): export the file again from WordPress",
                    item.title.trim()
                ),
            );
            return Ok(());
        };
        let origin = format!("wordpress:{}#{post_id}", self.site);
        if self.origins.contains(&origin) {
            self.summary.already_imported += 1;
            return Ok(());
        }
        let title = sanitize::plain_text(&item.title);
        if title.is_empty() {
            self.errors.push(
                line,
                Some("title"),
                format!("post {post_id} has no title: give it one in WordPress and export again"),
            );
        } else if title.chars().count() > crate::articles::write::TITLE_MAX {
            self.errors.push(
                line,
                Some("title"),
                format!(
                    "the title of post {post_id} is longer than {} characters: shorten it",
                    crate::articles::write::TITLE_MAX
                ),
            );
        }
        let published_at = match wp_instant(&item.post_date_gmt, &item.post_date) {
            Some(t) => Some(t),
            None if article_state == state::DRAFT => None,
            None => {
                self.errors.push(
                    line,
                    Some("wp:post_date"),
                    format!(
                        "post {post_id} has no readable date ('{}'): WordPress writes 2021-07-23 16:22:00",
                        item.post_date
                    ),
                );
                None
            }
        };
        if item.content.len() > crate::articles::write::BODY_MAX {
            self.errors.push(
                line,
                Some("content:encoded"),
                format!(
                    "post {post_id} is longer than {} bytes: split it in WordPress",
                    crate::articles::write::BODY_MAX
                ),
            );
            return Ok(());
        }
        let old_path = old_path(&item.link);
        if let Some(p) = &old_path
            && !self.old_paths.insert(p.clone())
        {
            self.errors.push(
                line,
                Some("link"),
                format!("the address {p} of post {post_id} is already another article's"),
            );
        }
        let category_id = self.category(&item).await?;
        let id = next_id();
        let body = self.pictures_of(id, &item.content, line).await?;
        let body_html = sanitize::article_html(&wordpress_paragraphs(&body));
        let body_text = sanitize::plain_text(&body_html);
        let summary = match sanitize::plain_text(&item.excerpt) {
            s if s.is_empty() => {
                sanitize::excerpt(&body_text, crate::articles::write::SUMMARY_WORDS)
            }
            s => s
                .chars()
                .take(crate::articles::write::SUMMARY_MAX)
                .collect(),
        };
        let author = self
            .authors
            .get(item.creator.trim())
            .cloned()
            .unwrap_or_else(|| item.creator.trim().to_owned());
        if !item.thumbnail_id.trim().is_empty() {
            self.featured
                .push((id, item.thumbnail_id.trim().to_owned(), line));
        }
        self.comments_of(id, &item);
        self.origins.insert(origin.clone());
        self.articles.push(ArticleRow {
            id,
            category_id,
            title,
            summary,
            body_html,
            body_text,
            author,
            state: article_state,
            published_at: published_at.clone(),
            comments_open: item.comment_status != "closed",
            origin,
            old_path,
            wordpress_post,
            created_at: published_at.unwrap_or_else(|| self.now.clone()),
        });
        self.summary.posts += 1;
        Ok(())
    }

    /// The post's category: one of the portal's by slug, or created from the file.
    async fn category(&mut self, item: &WxrItem) -> anyhow::Result<i64> {
        let chosen = item
            .categories
            .iter()
            .find(|c| slug_ok(&c.nicename) && c.nicename != "uncategorized");
        let Some(c) = chosen else {
            return Ok(self.categories.get(DEFAULT_CATEGORY).copied().unwrap_or(3));
        };
        if let Some(id) = self.categories.get(&c.nicename) {
            return Ok(*id);
        }
        let name = sanitize::plain_text(&c.name);
        let name = if name.is_empty() {
            c.nicename.clone()
        } else {
            name
        };
        let id: i64 = self
            .tx
            .scalar(&query(
                "SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM portal_categories",
            ))
            .await?;
        self.tx
            .execute(
                &query(
                    "INSERT INTO portal_categories (id, slug, name_vi, name_en, position)
                     VALUES ($1, $2, $3, $3, $1)",
                )
                .bind(id)
                .bind(c.nicename.as_str())
                .bind(name.as_str()),
            )
            .await?;
        self.categories.insert(c.nicename.clone(), id);
        self.summary.categories_created += 1;
        Ok(id)
    }

    /// The comments of the post, their replies under their parents.
    fn comments_of(&mut self, article_id: i64, item: &WxrItem) {
        let mut ids: HashMap<&str, i64> = HashMap::new();
        for c in &item.comments {
            let kind = c.kind.trim();
            let approved = c.approved.trim();
            let comment_state = match approved {
                "1" => crate::comments::state::PUBLISHED,
                "0" => crate::comments::state::HELD,
                _ => {
                    self.summary.comments_left_out += 1;
                    continue;
                }
            };
            if !(kind.is_empty() || kind == "comment") {
                self.summary.comments_left_out += 1;
                continue;
            }
            let body = sanitize::plain_text(&c.content);
            if body.is_empty() {
                self.errors.push(
                    c.line,
                    Some("wp:comment_content"),
                    format!(
                        "comment {} has no text: delete it in WordPress or give it one",
                        c.id.trim()
                    ),
                );
                continue;
            }
            let Some(created_at) = wp_instant(&c.date_gmt, &c.date) else {
                self.errors.push(
                    c.line,
                    Some("wp:comment_date"),
                    format!(
                        "comment {} has no readable date ('{}')",
                        c.id.trim(),
                        c.date
                    ),
                );
                continue;
            };
            let email = c.email.trim();
            if !email.is_empty() && !email.contains('@') {
                self.errors.push(
                    c.line,
                    Some("wp:comment_author_email"),
                    format!(
                        "comment {} has an e-mail without '@': correct or remove it",
                        c.id.trim()
                    ),
                );
                continue;
            }
            let id = next_id();
            let parent_id = ids.get(c.parent.trim()).copied();
            ids.insert(c.id.trim(), id);
            let author = sanitize::plain_text(&c.author);
            self.comments.push(CommentRow {
                id,
                article_id,
                parent_id,
                author: if author.is_empty() {
                    "Khách".to_owned()
                } else {
                    author
                },
                email: (!email.is_empty()).then(|| email.to_owned()),
                body,
                state: comment_state,
                created_at,
            });
            self.summary.comments += 1;
        }
    }

    /// Brings in the pictures `html` shows from the uploads folder; returns the HTML with
    /// each picture's address replaced by the stored one's (and its widths).
    async fn pictures_of(
        &mut self,
        article_id: i64,
        html: &str,
        line: u64,
    ) -> anyhow::Result<String> {
        let sources = images::sources(html);
        if sources.is_empty() {
            return Ok(html.to_owned());
        }
        let mut replaced: HashMap<String, Picture> = HashMap::new();
        for src in sources {
            let Some(file) = self.source.uploads.and_then(|dir| uploaded_file(dir, &src)) else {
                self.summary.pictures_missing += 1;
                continue;
            };
            let bytes = match tokio::fs::read(&file).await {
                Ok(b) => b,
                Err(_) => {
                    self.summary.pictures_missing += 1;
                    continue;
                }
            };
            let dir = images::dir(self.source.data_dir);
            let name = file.display().to_string();
            match images::prepare(dir, bytes, name, &mut self.staged).await {
                Ok(mut p) => {
                    p.article_id = Some(article_id);
                    p.unit_id = self.source.unit.id;
                    replaced.insert(src, p);
                }
                Err(e) => self.errors.push(line, Some("img"), e),
            }
        }
        let out = images::replace_sources(html, &replaced);
        self.summary.pictures += replaced.len() as u64;
        self.pictures.extend(replaced.into_values());
        Ok(out)
    }

    /// Featured pictures, once every attachment is known.
    async fn featured(&mut self) -> anyhow::Result<()> {
        for (article_id, attachment, line) in std::mem::take(&mut self.featured) {
            let Some(url) = self.attachments.get(&attachment).cloned() else {
                continue;
            };
            if self
                .pictures
                .iter()
                .any(|p| p.article_id == Some(article_id) && p.original == url)
            {
                continue;
            }
            let html = format!("<img src=\"{url}\">");
            let body = self.pictures_of(article_id, &html, line).await?;
            if body != html {
                // The featured picture leads the article, as WordPress showed it.
                self.tx
                    .execute(
                        &query(
                            "UPDATE portal_articles SET body_html = $1 || body_html WHERE id = $2",
                        )
                        .bind(sanitize::article_html(&body))
                        .bind(article_id),
                    )
                    .await?;
            }
        }
        Ok(())
    }

    async fn flush_pictures(&mut self) -> anyhow::Result<()> {
        for p in std::mem::take(&mut self.pictures) {
            images::insert(&mut self.tx, &p, &self.now).await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> anyhow::Result<()> {
        if !self.errors.is_empty() {
            // Nothing is written once the file is known to be refused; reading goes on to
            // find every wrong entry.
            self.articles.clear();
            self.comments.clear();
            return Ok(());
        }
        let unit_id = self.source.unit.id;
        // The posts the public may read now go into the site search with them.
        let public: Vec<dinh_platform::search::Doc> = self
            .articles
            .iter()
            .filter(|a| {
                (a.state == crate::articles::state::PUBLISHED
                    || a.state == crate::articles::state::SCHEDULED)
                    && a.published_at
                        .as_deref()
                        .is_some_and(|t| t <= self.now.as_str())
            })
            .map(|a| {
                crate::articles::search::doc_of(
                    a.id,
                    unit_id,
                    &a.title,
                    &a.summary,
                    &a.body_text,
                    a.published_at.as_deref(),
                )
            })
            .collect();
        let rows: Vec<Vec<Arg>> = std::mem::take(&mut self.articles)
            .into_iter()
            .map(|a| {
                vec![
                    Arg::Int(Some(a.id)),
                    Arg::Int(Some(unit_id)),
                    Arg::Int(Some(a.category_id)),
                    Arg::Text(Some(a.title)),
                    Arg::Text(Some(a.summary)),
                    Arg::Text(Some(a.body_html)),
                    Arg::Text(Some(a.body_text)),
                    Arg::Text(Some(a.author)),
                    Arg::Text(Some(a.state.to_owned())),
                    Arg::Text(a.published_at),
                    Arg::Bool(Some(a.comments_open)),
                    Arg::Int(Some(0)),
                    Arg::Text(Some(a.origin)),
                    Arg::Text(a.old_path),
                    Arg::Int(Some(a.wordpress_post)),
                    Arg::Int(Some(1)),
                    Arg::Text(Some(a.created_at.clone())),
                    Arg::Text(Some(a.created_at)),
                ]
            })
            .collect();
        insert_rows(
            &mut self.tx,
            "portal_articles",
            &[
                "id",
                "unit_id",
                "category_id",
                "title",
                "summary",
                "body_html",
                "body_text",
                "author_name",
                "state",
                "published_at",
                "comments_open",
                "views",
                "origin",
                "old_path",
                "wordpress_post",
                "version",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        .await?;
        let rows: Vec<Vec<Arg>> = std::mem::take(&mut self.comments)
            .into_iter()
            .map(|c| {
                vec![
                    Arg::Int(Some(c.id)),
                    Arg::Int(Some(c.article_id)),
                    Arg::Int(Some(unit_id)),
                    Arg::Int(c.parent_id),
                    Arg::Text(Some(c.author)),
                    Arg::Text(c.email),
                    Arg::Text(Some("wordpress".to_owned())),
                    Arg::Text(Some(c.body)),
                    Arg::Text(Some(c.state.to_owned())),
                    Arg::Bool(Some(false)),
                    Arg::Text(Some(c.created_at)),
                ]
            })
            .collect();
        insert_rows(
            &mut self.tx,
            "portal_comments",
            &[
                "id",
                "article_id",
                "unit_id",
                "parent_id",
                "author_name",
                "email",
                "client_hash",
                "body",
                "state",
                "official",
                "created_at",
            ],
            rows,
        )
        .await?;
        dinh_platform::search::index_many(&mut self.tx, &public).await?;
        Ok(())
    }
}
