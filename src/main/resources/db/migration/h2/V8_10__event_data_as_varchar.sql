-- An event's data (the job as JSON, some 600 characters for a new job) was a CLOB: H2 keeps a CLOB over 256 bytes
-- apart from its row, in its LOB store, so every event cost inserts into that store's maps and a background clean-up
-- of the temporary LOB the insert first made. As a varchar it stays in the row, as V3 did for jobs.msg and
-- raw_result; H2's varchar holds up to 1,000,000,000 characters, so nothing that fit before is cut, and readers
-- already read it with getString.
alter table job_events alter column data set data type varchar(1000000000);
