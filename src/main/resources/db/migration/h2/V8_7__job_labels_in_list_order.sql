-- Twin of postgresql/V8_7__job_labels_in_list_order.sql: the job's registration time beside each label, so that a
-- label filter reads its jobs in the list's order from one index.
alter table job_labels add column registered_at timestamp with time zone;
update job_labels l set registered_at = (select j.registered_at from jobs j where j.id = l.job_id);
alter table job_labels alter column registered_at set not null;
drop index ix_job_labels_value;
create index ix_job_labels_value on job_labels (label_key, label_value, registered_at desc, job_id desc);
