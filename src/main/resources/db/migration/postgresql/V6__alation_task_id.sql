-- Data dictionary uploads are tracked through Alation's task API by a UUID, not a job id or name. Their
-- alation_key is 'task:<uuid>', so the unique (instance, alation_key) keeps their registration idempotent too.
-- Partial index: only the few task jobs have one, and the filter by task id is the only reader.
alter table jobs add column alation_task_id varchar(36);
create index ix_jobs_alation_task on jobs (alation_task_id) where alation_task_id is not null;
