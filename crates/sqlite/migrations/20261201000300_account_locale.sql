-- The language of an account's pages and mail; null: the server's default language.
alter table accounts add column locale text;
