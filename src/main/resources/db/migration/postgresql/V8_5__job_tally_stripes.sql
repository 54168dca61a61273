-- Each tally is kept in up to 16 rows (stripes), summed on read (store/JobTallies). With one row per instance, kind
-- and status, every registration of the same kind updated the same row and held its lock until its commit had
-- reached the disk: registrations ran one commit at a time, ~300/s at ~3 ms per WAL flush, however many requests
-- came in at once. A writer now adds to the stripe of its thread, so concurrent registrations touch different rows
-- and their commits share WAL flushes. The rows already kept become stripe 0. Stop every replica of an older
-- version before this runs: its upsert names the old primary key and would fail.
alter table job_tallies add column stripe smallint not null default 0;
alter table job_tallies drop constraint job_tallies_pkey;
alter table job_tallies add primary key (instance, kind, status, stripe);
