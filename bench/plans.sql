-- The plans behind bench/RESULTS.md: each list filter in the shape Hibernate sends it (Specifications +
-- keyset scrolling: filters, ORDER BY registered_at DESC, id DESC, FETCH FIRST page_size + 1 rows), the
-- statements a page adds (labels, follow-ups), and the stats' tallies. Run on the seeded database:
--   psql -h 127.0.0.1 -U postgres -d bench_million -f bench/plans.sql
\pset pager off
-- A label filter is read from the label's side (store/LabelledPages, V8_7): the label's rows joined to their jobs,
-- in the order of the label row's copy of registered_at, FETCH FIRST page_size rows.
\echo '== ?label=pipeline:p7'
explain (analyze, buffers) select j.* from job_labels l, jobs j where l.label_key = 'pipeline' and l.label_value = 'p7'
  and j.id = l.job_id order by l.label_key, l.label_value, l.registered_at desc, l.job_id desc fetch first 51 rows only;
\echo '== ?label=team:t3&registered_after=<1 day ago>'
explain (analyze, buffers) select j.* from job_labels l, jobs j where l.label_key = 'team' and l.label_value = 't3'
  and j.id = l.job_id and l.registered_at >= now() - interval '1 day'
  order by l.label_key, l.label_value, l.registered_at desc, l.job_id desc fetch first 51 rows only;
\echo '== ?label=pipeline:p7&status=failed (a filter on the job side too)'
explain (analyze, buffers) select j.* from job_labels l, jobs j where l.label_key = 'pipeline' and l.label_value = 'p7'
  and j.id = l.job_id and j.status = 'FAILED' order by l.label_key, l.label_value, l.registered_at desc, l.job_id desc fetch first 51 rows only;
\echo '== ?label=pipeline:p7&label=team:t3 (the second label an EXISTS on its primary key)'
explain (analyze, buffers) select j.* from job_labels l, jobs j where l.label_key = 'pipeline' and l.label_value = 'p7'
  and j.id = l.job_id and exists (select 1 from job_labels l2 where l2.job_id = j.id and l2.label_key = 'team'
  and l2.label_value = 't3') order by l.label_key, l.label_value, l.registered_at desc, l.job_id desc fetch first 51 rows only;
\echo '== ?label=pipeline:p7, page 40 (keyset position 1,950 labelled jobs deep)'
explain (analyze, buffers) select j.* from job_labels l, jobs j where l.label_key = 'pipeline' and l.label_value = 'p7'
  and j.id = l.job_id and l.registered_at <= (select registered_at from job_labels where label_key = 'pipeline'
  and label_value = 'p7' order by registered_at desc, job_id desc offset 1950 limit 1)
  order by l.label_key, l.label_value, l.registered_at desc, l.job_id desc fetch first 51 rows only;
\echo '== ?status=failed'
explain (analyze, buffers) select * from jobs j where j.status = 'FAILED'
  order by j.registered_at desc, j.id desc fetch first 51 rows only;
\echo '== ?kind=TERM_PUT&instance=sandbox&registered_after=<30 days ago>'
explain (analyze, buffers) select * from jobs j where j.kind = 'TERM_PUT' and j.instance = 'sandbox'
  and j.registered_at >= now() - interval '30 days' order by j.registered_at desc, j.id desc fetch first 51 rows only;
\echo '== ?kind=BUSINESS_POLICY_POST (one kind of twelve)'
explain (analyze, buffers) select * from jobs j where j.kind = 'BUSINESS_POLICY_POST'
  order by j.registered_at desc, j.id desc fetch first 51 rows only;
\echo '== ?alation_job_name=MetadataExtraction#500000_2026'
explain (analyze, buffers) select * from jobs j where j.alation_job_name = 'MetadataExtraction#500000_2026'
  order by j.registered_at desc, j.id desc fetch first 51 rows only;
\echo '== alation_job_name prefix MetadataExtraction#5000%'
explain (analyze, buffers) select * from jobs j where j.alation_job_name like 'MetadataExtraction#5000%'
  order by j.registered_at desc, j.id desc fetch first 51 rows only;
\echo '== a page of 500, page 40 (keyset position 19,500 jobs deep, with the redundant registered_at bound)'
explain (analyze, buffers) select * from jobs j where j.registered_at <= (select registered_at from jobs
  order by registered_at desc, id desc offset 19500 limit 1) order by j.registered_at desc, j.id desc fetch first 501 rows only;
\echo '== labels and follow-ups of a page of 500 (one statement each)'
explain (analyze, buffers) select * from job_labels where job_id in (select id from jobs order by registered_at desc, id desc limit 500);
explain (analyze, buffers) select * from jobs where parent_id in (select id from jobs order by registered_at desc, id desc limit 500)
  order by registered_at, id;
\echo '== stats: the tallies'
explain (analyze, buffers) select instance, kind, status, sum(jobs) from job_tallies group by instance, kind, status having sum(jobs) <> 0;
\echo '== stats?label=pipeline:p7&registered_after=<1 day ago>: from the label side, one range of ix_job_labels_value'
explain (analyze, buffers) select j.status, j.kind, j.instance, count(*) from job_labels l, jobs j
  where l.label_key = 'pipeline' and l.label_value = 'p7' and j.id = l.job_id
  and l.registered_at >= now() - interval '1 day' group by j.status, j.kind, j.instance;
\echo '== stats before: the group-by it replaces'
explain (analyze, buffers) select status, kind, instance, count(*) from jobs group by status, kind, instance;
\echo '== ended_per_hour from the roll-ups, 7 days, no filter'
explain (analyze, buffers) select ended_hour, status, sum(jobs) from job_ended_hours where ended_hour >= floor(extract(epoch from now()) / 3600)::bigint - 167 and ended_hour < floor(extract(epoch from now()) / 3600)::bigint + 1 and jobs <> 0 group by ended_hour, status;
\echo '== ended_per_hour from the roll-ups, 24 hours, no filter'
explain (analyze, buffers) select ended_hour, status, sum(jobs) from job_ended_hours where ended_hour >= floor(extract(epoch from now()) / 3600)::bigint - 23 and ended_hour < floor(extract(epoch from now()) / 3600)::bigint + 1 and jobs <> 0 group by ended_hour, status;
\echo '== ended_per_hour from the roll-ups, 7 days, instance=sandbox&kind=TERM_PUT'
explain (analyze, buffers) select ended_hour, status, sum(jobs) from job_ended_hours where ended_hour >= floor(extract(epoch from now()) / 3600)::bigint - 167 and ended_hour < floor(extract(epoch from now()) / 3600)::bigint + 1 and jobs <> 0 and instance = 'sandbox' and kind = 'TERM_PUT' group by ended_hour, status;
