-- A label filter drives the job list (bench/RESULTS.md, "Label filters in list order"). Before, a page of
-- ?label=pipeline:p7 walked the jobs newest first and probed each one's labels: a label on 5 % of the jobs cost
-- about 1,000 probes for a page of 50, 55-64 ms at p99 at a million jobs. With the job's registration time beside
-- the label, ordered as the list is, a page is one range of this index, read in order, and stops after the page.
-- registered_at never changes after registration, so the copy cannot drift.
alter table job_labels add column registered_at timestamp with time zone;
update job_labels l set registered_at = j.registered_at from jobs j where j.id = l.job_id;
alter table job_labels alter column registered_at set not null;
drop index ix_job_labels_value;
create index ix_job_labels_value on job_labels (label_key, label_value, registered_at desc, job_id desc);
analyze job_labels;
