-- Run by bench/seed-million.sh (psql -v jobs=N). Job n is registered (90 days * n / N) ago, so ids, times and
-- labels are spread the way a year of nightly loads spreads them. Deterministic: the same N gives the same rows.
\set ON_ERROR_STOP on
begin;
insert into jobs (id, instance, alation_key, alation_job_id, alation_job_name, kind, status, alation_status, msg,
                  raw_result, registered_by, poll_count, registered_at, last_polled_at, finished_at, version)
select md5(n::text)::uuid::text,
       case when n % 10 < 7 then 'prod' else 'sandbox' end,
       case when n % 20 = 0 then 'name:MetadataExtraction#' || n || '_2026' else 'id:' || n end,
       case when n % 20 = 0 then null else n end,
       case when n % 20 = 0 then 'MetadataExtraction#' || n || '_2026' end,
       (array['DOCUMENT_POST','DOCUMENT_PUT','TERM_POST','TERM_PUT','TERM_DELETE','CUSTOM_FIELD_POST',
              'RDBMS_TABLE_POST','RDBMS_COLUMN_POST','VIRTUAL_DATASOURCE_POST','DATA_QUALITY_POST',
              'DATAFLOW_POST','BUSINESS_POLICY_POST'])[1 + n % 12],
       s.status,
       lower(s.status),
       'Job finished in 0.08 seconds',
       '{"created_term_count": 1}',
       'seed',
       3,
       r.at,
       r.at + interval '40 seconds',
       r.at + interval '40 seconds',
       3
from generate_series(1, :jobs) n
cross join lateral (select now() - interval '90 days' * (1 - n::float8 / :jobs) as at) r
cross join lateral (select case when n % 100 < 85 then 'SUCCESSFUL' when n % 100 < 95 then 'FAILED'
                                when n % 100 < 98 then 'PARTIALLY_SUCCESSFUL' else 'EXPIRED' end as status) s;
-- Each label carries its job's registration time (V8_7); now() is the same all through this transaction.
insert into job_labels (job_id, label_key, label_value, registered_at)
select md5(n::text)::uuid::text, l.key, l.value, now() - interval '90 days' * (1 - n::float8 / :jobs)
from generate_series(1, :jobs) n
cross join lateral (values ('pipeline', 'p' || (n % 20)), ('team', 't' || (n % 7))) l (key, value);
insert into job_logs (job_id, at, last_at, level, status, message)
select id, finished_at, finished_at, 'INFO', lower(status), 'Job finished in 0.08 seconds' from jobs;
commit;
vacuum analyze;
