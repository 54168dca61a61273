-- Indexes for the job list's filters at a million jobs (plans in bench/RESULTS.md). Each ends in the list's order,
-- (registered_at desc, id desc), so that a filtered page is an index range read in order and stops after one
-- page: no sort, and no walk through the jobs that do not match.
-- kind & instance (& registered_after/before): the combination dashboards ask for.
create index ix_jobs_instance_kind on jobs (instance, kind, registered_at desc, id desc);
create index ix_jobs_kind on jobs (kind, registered_at desc, id desc);
-- Names are looked up exactly, or by prefix (MetadataExtraction#...): pattern ops serve both. Few jobs have one.
create index ix_jobs_alation_name on jobs (alation_job_name varchar_pattern_ops) where alation_job_name is not null;
-- label_value depends on label_key (pipeline:p7 never appears as team:p7): without this the planner multiplies
-- the two selectivities, expects far fewer matching labels than there are, and picks a plan that reads them all.
create statistics st_job_labels_key_value (dependencies, mcv) on label_key, label_value from job_labels;
-- Finished jobs by end time: retention's oldest-first chunks, and the learned cadence's newest finished jobs at
-- start (without it, a top-N sort of every job). Unfinished jobs have none and stay out of it.
create index ix_jobs_finished on jobs (finished_at) where finished_at is not null;
