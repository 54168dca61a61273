-- Tallies per label (store/JobTallies): stats for one label with no registration time read these rows instead of
-- the label's jobs, which at a million jobs were 50,000 label rows joined to their jobs, 0.67-1.2 s (bench/RESULTS.md,
-- "Stats with a label"). Kept like job_tallies and job_ended_hours, by every write that adds, moves, ends or deletes
-- a job, in its own transaction. The label comes first in both keys: a read is one range of the primary key.
--
-- The stripe of a label tally is the job's (the last hex digit of its id), not the writer thread's as in
-- job_tallies: a job's +1 and its later -1 then meet in one row, which falls to zero and is deleted when the job
-- moves on or goes. A label with a value per job (a run id) would otherwise leave rows that sum to zero across
-- stripes, one set per job, forever. Here rows are bounded by the live jobs' labels.
--
-- Filled here from the jobs already stored. Stop every replica of an older version before this runs: it would
-- not count its changes.
create table job_label_tallies (
    label_key   varchar(64)  not null,
    label_value varchar(256) not null,
    instance    varchar(100) not null,
    kind        varchar(64)  not null,
    status      varchar(32)  not null,
    stripe      smallint     not null,
    jobs        bigint       not null,
    primary key (label_key, label_value, instance, kind, status, stripe)
);
insert into job_label_tallies (label_key, label_value, instance, kind, status, stripe, jobs)
select l.label_key, l.label_value, j.instance, j.kind, j.status,
       greatest(strpos('0123456789abcdef', right(j.id, 1)) - 1, 0), count(*)
from job_labels l join jobs j on j.id = l.job_id
group by l.label_key, l.label_value, j.instance, j.kind, j.status,
         greatest(strpos('0123456789abcdef', right(j.id, 1)) - 1, 0);

-- Jobs ended per label, hour (whole hours since the epoch), instance, kind and final status: ended_per_hour of the
-- stats for one label (store/EndedJobs), as job_ended_hours is without one. A row goes when its jobs have.
create table job_label_ended_hours (
    label_key   varchar(64)  not null,
    label_value varchar(256) not null,
    ended_hour  bigint       not null,
    instance    varchar(100) not null,
    kind        varchar(64)  not null,
    status      varchar(32)  not null,
    jobs        bigint       not null,
    primary key (label_key, label_value, ended_hour, instance, kind, status)
);
insert into job_label_ended_hours (label_key, label_value, ended_hour, instance, kind, status, jobs)
select l.label_key, l.label_value, floor(extract(epoch from j.finished_at) / 3600), j.instance, j.kind, j.status,
       count(*)
from job_labels l join jobs j on j.id = l.job_id
where j.finished_at is not null and j.status in ('SUCCESSFUL', 'PARTIALLY_SUCCESSFUL', 'FAILED', 'EXPIRED')
group by l.label_key, l.label_value, floor(extract(epoch from j.finished_at) / 3600), j.instance, j.kind, j.status;
analyze job_label_tallies;
analyze job_label_ended_hours;
