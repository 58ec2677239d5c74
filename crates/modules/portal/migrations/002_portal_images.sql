-- The pictures of articles: where each came from, and its stored widths, each a file named by
-- its id under `<data dir>/portal/images/`.
ALTER TABLE portal_images ADD COLUMN original TEXT;

CREATE TABLE portal_image_files (
    id BIGINT PRIMARY KEY,
    image_id BIGINT NOT NULL REFERENCES portal_images (id),
    width BIGINT NOT NULL,
    content_type TEXT NOT NULL
);
CREATE INDEX portal_image_files_image ON portal_image_files (image_id, width);
