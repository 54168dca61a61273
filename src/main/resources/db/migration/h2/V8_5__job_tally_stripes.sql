-- Twin of postgresql/V8_5__job_tally_stripes.sql. Each tally is kept in up to 16 rows (stripes), summed on read
-- (store/JobTallies): concurrent registrations of one kind no longer wait for each other's row lock until commit.
-- The rows already kept become stripe 0. Stop every replica of an older version before this runs.
alter table job_tallies add column stripe smallint not null default 0;
alter table job_tallies drop primary key;
alter table job_tallies add primary key (instance, kind, status, stripe);
