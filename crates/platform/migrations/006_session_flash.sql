-- The one-time message a form leaves for the page it redirects to ("Đã lưu").
ALTER TABLE sessions ADD COLUMN flash TEXT;
