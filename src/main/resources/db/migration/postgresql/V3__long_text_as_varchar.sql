-- Twin of h2/V3__long_text_as_varchar.sql, which turns H2's CLOB columns into varchar for JPA. PostgreSQL's text
-- already reads as varchar, so there is nothing to change here; the version exists so both databases stay at
-- the same schema version.
select 1;
