-- JPA reads jobs (issue 10) and Hibernate validates its mapping against this schema at start. H2 kept msg and
-- raw_result as CLOB, which Hibernate maps to a LOB, not a String; PostgreSQL's text already reads as varchar.
-- H2's varchar holds up to 1,000,000,000 characters, so nothing that fit before is cut, and H2 reads a varchar
-- in the row instead of through a LOB handle.
alter table jobs alter column msg set data type varchar(1000000000);
alter table jobs alter column raw_result set data type varchar(1000000000);
