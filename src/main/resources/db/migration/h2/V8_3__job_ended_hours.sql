-- Twin of postgresql/V8_3__job_ended_hours.sql. Jobs that ended, per hour (whole hours since the epoch), instance, kind and final status: the hourly roll-ups
-- behind ended_per_hour of GET /api/v1/jobs/stats and the dashboard's chart (store/EndedJobs). Kept by every write
-- that ends or deletes a job, in its own transaction, like job_tallies (store/JobTallies): seven days of ends
-- are at most 168 hours of a few dozen rows, where counting them from the jobs reads ~80,000 rows at a million
-- (plans in bench/RESULTS.md). Filled here from the jobs already stored; stop older replicas first (see V8_1).
create table job_ended_hours (
    ended_hour bigint     not null,
    instance varchar(100) not null,
    kind     varchar(64)  not null,
    status   varchar(32)  not null,
    jobs     bigint       not null,
    primary key (ended_hour, instance, kind, status)
);
insert into job_ended_hours (ended_hour, instance, kind, status, jobs)
select floor(extract(epoch from finished_at) / 3600), instance, kind, status, count(*)
from jobs
where finished_at is not null and status in ('SUCCESSFUL', 'PARTIALLY_SUCCESSFUL', 'FAILED', 'EXPIRED')
group by floor(extract(epoch from finished_at) / 3600), instance, kind, status;
