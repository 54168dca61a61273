-- Retention runs on one replica at a time: the one whose name is in this row until locked_until (a lease, as
-- next_poll_at is for jobs: a replica that dies mid-run frees it when the lease runs out).
create table gateway_leases (
    name         varchar(64)  primary key,
    owner        varchar(200),
    locked_until timestamp with time zone
);
insert into gateway_leases (name) values ('retention');
