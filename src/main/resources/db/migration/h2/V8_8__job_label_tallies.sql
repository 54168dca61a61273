-- Twin of postgresql/V8_8__job_label_tallies.sql, which says why (stripes by job, rows bounded by live jobs).
-- H2 has locate() where PostgreSQL has strpos().
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
       greatest(locate(right(j.id, 1), '0123456789abcdef') - 1, 0), count(*)
from job_labels l join jobs j on j.id = l.job_id
group by l.label_key, l.label_value, j.instance, j.kind, j.status,
         greatest(locate(right(j.id, 1), '0123456789abcdef') - 1, 0);

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
