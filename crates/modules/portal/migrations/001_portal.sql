-- The commune's portal: news (tin tức) in categories, comments held for moderation, polls
-- (thăm dò ý kiến), and the visit counters the portal shows. Times are RFC 3339 text.
CREATE TABLE portal_categories (
    id BIGINT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL
);
INSERT INTO portal_categories (id, slug, name_vi, name_en, position) VALUES
    (1, 'cong-tac-dang', 'Công tác Đảng', 'Party work', 1),
    (2, 'dang-doan-the', 'Đảng - đoàn thể', 'Party and mass organisations', 2),
    (3, 'tin-tuc-hoat-dong', 'Tin tức hoạt động', 'Activities', 3),
    (4, 'thong-bao', 'Thông báo', 'Announcements', 4);

CREATE TABLE portal_articles (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    category_id BIGINT NOT NULL REFERENCES portal_categories (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Sanitised HTML (the safe subset), and the same as plain text for feeds and search.
    body_html TEXT NOT NULL,
    body_text TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_account_id BIGINT REFERENCES accounts (id),
    -- draft | scheduled | published | unpublished
    state TEXT NOT NULL,
    -- When it is (or was to be) shown to the public.
    published_at TEXT,
    unpublished_at TEXT,
    unpublish_reason TEXT,
    comments_open BOOLEAN NOT NULL,
    -- The counter the view flushes add to (lượt xem).
    views BIGINT NOT NULL DEFAULT 0,
    -- Where it came from when not written here: `wordpress:<post id>`, `steering:<meeting id>`.
    origin TEXT UNIQUE,
    -- A path of the portal it replaced, answered with a redirect.
    old_path TEXT UNIQUE,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX portal_articles_unit ON portal_articles (unit_id, state, published_at);
CREATE INDEX portal_articles_category ON portal_articles (category_id, state, published_at);

-- Pictures of an article, stored under `<data dir>/portal/images/` in a few widths.
CREATE TABLE portal_images (
    id BIGINT PRIMARY KEY,
    article_id BIGINT REFERENCES portal_articles (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    alt TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    -- The widths stored, comma separated ("480,960").
    widths TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX portal_images_article ON portal_images (article_id);

-- Whether comments at a unit are held for moderation before they are shown.
CREATE TABLE portal_settings (
    unit_id BIGINT PRIMARY KEY REFERENCES units (id),
    hold_comments BOOLEAN NOT NULL
);

CREATE TABLE portal_comments (
    id BIGINT PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES portal_articles (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    parent_id BIGINT REFERENCES portal_comments (id),
    author_name TEXT NOT NULL,
    -- Never shown on a page, in the API or an export, except to the unit's moderators.
    email TEXT,
    -- A keyed hash of the sender's address, for the rate limit.
    client_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    -- held | published | rejected
    state TEXT NOT NULL,
    -- A reply of the unit's officer (trả lời chính thức).
    official BOOLEAN NOT NULL,
    account_id BIGINT REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    moderated_at TEXT,
    moderated_by TEXT
);
CREATE INDEX portal_comments_article ON portal_comments (article_id, state, id);
CREATE INDEX portal_comments_queue ON portal_comments (unit_id, state, id);
CREATE INDEX portal_comments_client ON portal_comments (client_hash, created_at);
CREATE INDEX portal_comments_email ON portal_comments (email, created_at);

CREATE TABLE portal_polls (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    question TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    closed_early_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX portal_polls_unit ON portal_polls (unit_id, closes_at);

CREATE TABLE portal_poll_options (
    id BIGINT PRIMARY KEY,
    poll_id BIGINT NOT NULL REFERENCES portal_polls (id),
    label TEXT NOT NULL,
    position BIGINT NOT NULL
);
CREATE INDEX portal_poll_options_poll ON portal_poll_options (poll_id, position);

-- One answer per visitor (the visitor cookie), and the client's hash for the rate limit.
CREATE TABLE portal_poll_answers (
    poll_id BIGINT NOT NULL REFERENCES portal_polls (id),
    visitor TEXT NOT NULL,
    option_id BIGINT NOT NULL REFERENCES portal_poll_options (id),
    client_hash TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, visitor)
);
CREATE INDEX portal_poll_answers_client ON portal_poll_answers (poll_id, client_hash);

-- Visitors seen (a keyed hash of address and browser, never the address), flushed by every
-- node: those seen in the last five minutes are "online" across all nodes.
CREATE TABLE portal_presence (
    visitor TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
);
CREATE INDEX portal_presence_seen ON portal_presence (seen_at);

-- Counters of the whole site (`visits`: every public page of the portal answered).
CREATE TABLE portal_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO portal_counters (name, value) VALUES ('visits', 0);
