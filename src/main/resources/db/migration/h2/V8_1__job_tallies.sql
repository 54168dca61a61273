-- Twin of postgresql/V8_1__job_tallies.sql. Counts of jobs by instance, kind and status, kept by every write that adds, moves or deletes a job, in its own
-- transaction (store/JobTallies): GET /api/v1/jobs/stats and the gateway.jobs gauge read these few rows instead
-- of grouping every job. Filled here from the jobs already stored. Stop every replica of an older version before
-- this runs: an older replica writing meanwhile would not count its changes.
create table job_tallies (
    instance varchar(100) not null,
    kind     varchar(64)  not null,
    status   varchar(32)  not null,
    jobs     bigint       not null,
    primary key (instance, kind, status)
);
insert into job_tallies (instance, kind, status, jobs)
select instance, kind, status, count(*) from jobs group by instance, kind, status;
