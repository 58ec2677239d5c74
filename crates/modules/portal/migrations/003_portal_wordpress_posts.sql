-- The number WordPress gave an imported post: its site answered `/?p=42` for every post,
-- whatever its permalink, and such links are kept in old messages and pages.
ALTER TABLE portal_articles ADD COLUMN wordpress_post BIGINT;
CREATE INDEX portal_articles_wordpress_post ON portal_articles (wordpress_post);
