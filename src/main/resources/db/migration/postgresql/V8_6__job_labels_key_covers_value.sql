-- The list's label filter asks, for each candidate job in page order, whether it has the label:
-- exists (select 1 from job_labels where job_id = ? and label_key = ? and label_value = ?). With label_value
-- carried in the primary key's index, PostgreSQL answers that from the index alone (an index-only scan), without
-- visiting the table: ?label=pipeline:p7 at a million jobs 7.3 -> 3.9 ms (bench/RESULTS.md). The key itself, and
-- so uniqueness, is unchanged; H2 has no INCLUDE and keeps its key as it is.
alter table job_labels drop constraint job_labels_pkey;
alter table job_labels add constraint job_labels_pkey primary key (job_id, label_key) include (label_value);
