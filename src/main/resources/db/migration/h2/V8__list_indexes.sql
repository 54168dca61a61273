-- Twin of postgresql/V8__list_indexes.sql, for the job list's filters. H2 has no partial indexes, operator classes
-- or extended statistics: plain indexes on the same columns.
create index ix_jobs_instance_kind on jobs (instance, kind, registered_at desc, id desc);
create index ix_jobs_kind on jobs (kind, registered_at desc, id desc);
create index ix_jobs_alation_name on jobs (alation_job_name);
create index ix_jobs_finished on jobs (finished_at);
