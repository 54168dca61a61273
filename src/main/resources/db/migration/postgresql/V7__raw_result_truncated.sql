-- Alation's result is stored whole up to gateway.poll.max-stored-result; past it, shortened to fit (still JSON,
-- so the typed details are read from what is kept), and this says so.
alter table jobs add column raw_result_truncated boolean default false not null;
