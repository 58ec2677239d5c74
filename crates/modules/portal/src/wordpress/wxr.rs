//! Reading a WordPress export (WXR, "WordPress eXtended RSS") one entry at a time, so a file
//! of any size is read in flat memory. Every entry carries the line it starts on, for errors.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufRead;

/// A comment of a post (`<wp:comment>`).
#[derive(Debug, Default, Clone)]
pub struct WxrComment {
    /// Line of `<wp:comment>`.
    pub line: u64,
    /// `wp:comment_id`.
    pub id: String,
    /// `wp:comment_author`.
    pub author: String,
    /// `wp:comment_author_email` (kept private).
    pub email: String,
    /// `wp:comment_date_gmt`.
    pub date_gmt: String,
    /// `wp:comment_date` (the site's local time).
    pub date: String,
    /// `wp:comment_content`.
    pub content: String,
    /// `wp:comment_approved`: `1`, `0`, `spam` or `trash`.
    pub approved: String,
    /// `wp:comment_type`: empty or `comment` for a comment, `pingback`, `trackback`.
    pub kind: String,
    /// `wp:comment_parent` (`0` for none).
    pub parent: String,
}

/// A category named by a post (`<category domain="category" nicename="…">Name</category>`).
#[derive(Debug, Default, Clone)]
pub struct WxrCategory {
    /// The slug.
    pub nicename: String,
    /// The name shown.
    pub name: String,
}

/// One `<item>`: a post, a page or an attachment.
#[derive(Debug, Default, Clone)]
pub struct WxrItem {
    /// Line of `<item>`.
    pub line: u64,
    /// `title`.
    pub title: String,
    /// `link`: the old address.
    pub link: String,
    /// `dc:creator`: the author's login.
    pub creator: String,
    /// `content:encoded`.
    pub content: String,
    /// `excerpt:encoded`.
    pub excerpt: String,
    /// `wp:post_id`.
    pub post_id: String,
    /// `wp:post_date` (local time).
    pub post_date: String,
    /// `wp:post_date_gmt`.
    pub post_date_gmt: String,
    /// `wp:status`: publish, future, draft, pending, private, trash, inherit.
    pub status: String,
    /// `wp:post_type`: post, page, attachment, nav_menu_item…
    pub post_type: String,
    /// `wp:comment_status`: open or closed.
    pub comment_status: String,
    /// `wp:attachment_url` of an attachment.
    pub attachment_url: String,
    /// The post's featured picture (`_thumbnail_id` meta): an attachment's `wp:post_id`.
    pub thumbnail_id: String,
    /// Categories (tags are left out).
    pub categories: Vec<WxrCategory>,
    /// Comments.
    pub comments: Vec<WxrComment>,
}

/// An author of the site (`<wp:author>`).
#[derive(Debug, Default, Clone)]
pub struct WxrAuthor {
    /// `wp:author_login`.
    pub login: String,
    /// `wp:author_display_name`.
    pub display_name: String,
}

/// What the file holds, in order.
#[derive(Debug)]
pub enum Entry {
    /// An author of the site.
    Author(WxrAuthor),
    /// A post, page or attachment.
    Item(Box<WxrItem>),
}

/// Why the file cannot be read at all, with the line.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Line (from 1).
    pub line: u64,
    /// What is wrong and what to do.
    pub message: String,
}

/// Counts the lines of what the XML reader has consumed.
struct Lines<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.inner.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let upto = amt.min(buf.len());
            self.newlines += memchr_count(&buf[..upto]);
        }
        self.inner.consume(amt);
    }
}

fn memchr_count(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Where the reader is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Rss,
    Channel,
    Author,
    Item,
    Comment,
    Meta,
}

/// A streaming reader of a WXR file.
pub struct WxrReader<R: BufRead> {
    reader: Reader<Lines<R>>,
    buf: Vec<u8>,
    text: String,
    scope: Vec<Scope>,
    item: Option<WxrItem>,
    comment: Option<WxrComment>,
    author: Option<WxrAuthor>,
    category: Option<WxrCategory>,
    meta_key: String,
    meta_value: String,
    /// `wp:base_site_url` of the channel, once read.
    pub base_site_url: String,
    saw_rss: bool,
    saw_wxr_version: bool,
}

impl<R: BufRead> WxrReader<R> {
    /// Starts reading `input`.
    pub fn new(input: R) -> Self {
        let mut reader = Reader::from_reader(Lines {
            inner: input,
            newlines: 0,
        });
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = true;
        Self {
            reader,
            buf: Vec::with_capacity(1 << 16),
            text: String::new(),
            scope: Vec::new(),
            item: None,
            comment: None,
            author: None,
            category: None,
            meta_key: String::new(),
            meta_value: String::new(),
            base_site_url: String::new(),
            saw_rss: false,
            saw_wxr_version: false,
        }
    }

    /// The line the reader has reached (from 1).
    pub fn line(&self) -> u64 {
        self.reader.get_ref().newlines + 1
    }

    /// Bytes read so far.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position()
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line: self.line(),
            message: message.into(),
        }
    }

    /// The next author or item; `None` at the end of the file.
    pub fn next_entry(&mut self) -> Result<Option<Entry>, SyntaxError> {
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => {
                    return Err(self.error(format!(
                        "the file is not well-formed XML ({e}); a WordPress export opened and saved by another program is often broken: export it again from WordPress (Công cụ → Xuất)"
                    )));
                }
            };
            match event {
                Event::Decl(decl) => {
                    if let Some(Ok(enc)) = decl.encoding() {
                        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(self.error(format!(
                                "the file is written in the encoding '{enc}'; only UTF-8 is read: convert it first (iconv -f {enc} -t UTF-8 in.xml > out.xml)"
                            )));
                        }
                    }
                }
                Event::Start(start) => {
                    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                    self.text.clear();
                    match (self.scope.last().copied(), name.as_str()) {
                        (None, "rss") => {
                            self.saw_rss = true;
                            self.scope.push(Scope::Rss);
                        }
                        (None, other) => {
                            return Err(self.error(format!(
                                "the file starts with <{other}>, not <rss>: it is not a WordPress export (WXR)"
                            )));
                        }
                        (Some(Scope::Rss), "channel") => self.scope.push(Scope::Channel),
                        (Some(Scope::Channel), "item") => {
                            self.item = Some(WxrItem {
                                line: self.line(),
                                ..WxrItem::default()
                            });
                            self.scope.push(Scope::Item);
                        }
                        (Some(Scope::Channel), "wp:author") => {
                            self.author = Some(WxrAuthor::default());
                            self.scope.push(Scope::Author);
                        }
                        (Some(Scope::Item), "wp:comment") => {
                            self.comment = Some(WxrComment {
                                line: self.line(),
                                ..WxrComment::default()
                            });
                            self.scope.push(Scope::Comment);
                        }
                        (Some(Scope::Item), "wp:postmeta") => {
                            self.meta_key.clear();
                            self.meta_value.clear();
                            self.scope.push(Scope::Meta);
                        }
                        (Some(Scope::Item), "category") => {
                            let attr = |key: &str| {
                                start
                                    .try_get_attribute(key)
                                    .ok()
                                    .flatten()
                                    .and_then(|a| {
                                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                            .ok()
                                            .map(|v| v.into_owned())
                                    })
                                    .unwrap_or_default()
                            };
                            self.category = (attr("domain") == "category").then(|| WxrCategory {
                                nicename: attr("nicename"),
                                name: String::new(),
                            });
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let s = t.xml10_content().map_err(|e| {
                        self.error(format!(
                            "a text is not valid UTF-8 ({e}): export the file again, or convert it to UTF-8"
                        ))
                    })?;
                    self.text.push_str(&s);
                }
                Event::CData(t) => {
                    let s = t.xml10_content().map_err(|e| {
                        self.error(format!(
                            "a text is not valid UTF-8 ({e}): export the file again, or convert it to UTF-8"
                        ))
                    })?;
                    self.text.push_str(&s);
                }
                Event::GeneralRef(r) => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        self.text.push(c);
                    } else {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        match quick_xml::escape::resolve_xml_entity(&name) {
                            Some(s) => self.text.push_str(s),
                            None => {
                                return Err(self.error(format!(
                                    "unknown entity '&{name};': only XML's own (&amp; &lt; &gt; &quot; &apos;) and numeric ones are allowed"
                                )));
                            }
                        }
                    }
                }
                Event::End(end) => {
                    let name = String::from_utf8_lossy(end.name().as_ref()).into_owned();
                    let text = std::mem::take(&mut self.text);
                    if let Some(entry) = self.end(&name, text)? {
                        return Ok(Some(entry));
                    }
                }
                Event::Eof => {
                    if !self.saw_rss {
                        return Err(self.error("the file is empty or not XML: choose the file WordPress exported (Công cụ → Xuất → Tất cả nội dung)"));
                    }
                    if !self.scope.is_empty() {
                        return Err(self.error(
                            "the file ends in the middle of an entry: it was cut short; export it again",
                        ));
                    }
                    if !self.saw_wxr_version {
                        return Err(self.error(
                            "the file is an RSS feed without <wp:wxr_version>: it is not a WordPress export (WXR)",
                        ));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    /// Closes element `name` with its text; an entry when it ends one.
    fn end(&mut self, name: &str, text: String) -> Result<Option<Entry>, SyntaxError> {
        let scope = self.scope.last().copied();
        match (scope, name) {
            (Some(Scope::Rss), "rss") => {
                self.scope.pop();
            }
            (Some(Scope::Channel), "channel") => {
                self.scope.pop();
            }
            (Some(Scope::Channel), "wp:wxr_version") => self.saw_wxr_version = true,
            (Some(Scope::Channel), "wp:base_site_url") => self.base_site_url = text,
            (Some(Scope::Author), "wp:author") => {
                self.scope.pop();
                if let Some(a) = self.author.take() {
                    return Ok(Some(Entry::Author(a)));
                }
            }
            (Some(Scope::Author), field) => {
                if let Some(a) = self.author.as_mut() {
                    match field {
                        "wp:author_login" => a.login = text,
                        "wp:author_display_name" => a.display_name = text,
                        _ => {}
                    }
                }
            }
            (Some(Scope::Item), "item") => {
                self.scope.pop();
                if let Some(item) = self.item.take() {
                    return Ok(Some(Entry::Item(Box::new(item))));
                }
            }
            (Some(Scope::Item), field) => {
                if let Some(item) = self.item.as_mut() {
                    match field {
                        "title" => item.title = text,
                        "link" => item.link = text,
                        "dc:creator" => item.creator = text,
                        "content:encoded" => item.content = text,
                        "excerpt:encoded" => item.excerpt = text,
                        "wp:post_id" => item.post_id = text,
                        "wp:post_date" => item.post_date = text,
                        "wp:post_date_gmt" => item.post_date_gmt = text,
                        "wp:status" => item.status = text,
                        "wp:post_type" => item.post_type = text,
                        "wp:comment_status" => item.comment_status = text,
                        "wp:attachment_url" => item.attachment_url = text,
                        "category" => {
                            if let Some(mut c) = self.category.take() {
                                c.name = text;
                                item.categories.push(c);
                            }
                        }
                        _ => {}
                    }
                }
            }
            (Some(Scope::Meta), "wp:postmeta") => {
                self.scope.pop();
                if self.meta_key == "_thumbnail_id"
                    && let Some(item) = self.item.as_mut()
                {
                    item.thumbnail_id = std::mem::take(&mut self.meta_value);
                }
            }
            (Some(Scope::Meta), "wp:meta_key") => self.meta_key = text,
            (Some(Scope::Meta), "wp:meta_value") => self.meta_value = text,
            (Some(Scope::Comment), "wp:comment") => {
                self.scope.pop();
                if let (Some(c), Some(item)) = (self.comment.take(), self.item.as_mut()) {
                    item.comments.push(c);
                }
            }
            (Some(Scope::Comment), field) => {
                if let Some(c) = self.comment.as_mut() {
                    match field {
                        "wp:comment_id" => c.id = text,
                        "wp:comment_author" => c.author = text,
                        "wp:comment_author_email" => c.email = text,
                        "wp:comment_date" => c.date = text,
                        "wp:comment_date_gmt" => c.date_gmt = text,
                        "wp:comment_content" => c.content = text,
                        "wp:comment_approved" => c.approved = text,
                        "wp:comment_type" => c.kind = text,
                        "wp:comment_parent" => c.parent = text,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(None)
    }
}
