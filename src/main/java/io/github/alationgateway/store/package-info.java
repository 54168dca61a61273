/**
 * Storage of jobs, their labels and their logs.
 *
 * <p>Where JPA stops and SQL begins:
 *
 * <ul>
 *   <li><b>Spring Data JPA</b> ({@code JobEntity}, {@code JobLabelEntity}, {@code JobLogEntity} and their
 *       repositories, behind {@link io.github.alationgateway.store.JobStore}): registration (idempotent on the
 *       unique key), reading a job by id, lists with filters (Specifications, {@code JobSpecifications}) and keyset
 *       pages (Spring Data's scrolling), labels, logs, and the deletes of retention. These
 *       are plain reads and inserts, which an ORM states well.
 *   <li><b>Hand-written SQL</b>, where the database's own features are the point: the claim
 *       ({@link io.github.alationgateway.store.SkipLockedClaims}: {@code FOR UPDATE SKIP LOCKED ... RETURNING};
 *       {@link io.github.alationgateway.store.OptimisticClaims}), the outcome writes and releases
 *       ({@link io.github.alationgateway.store.Outcomes}: JDBC batches guarded by version and lease owner), and
 *       {@code JobStore.requestPoll}, which must respect a lease; the tallies behind the stats
 *       ({@link io.github.alationgateway.store.JobTallies}: an upsert that adds, in the transaction of the change);
 *       the rows of a batch registration ({@link io.github.alationgateway.store.BulkInsert}: PostgreSQL's COPY);
 *       the row locks {@link io.github.alationgateway.store.DeleteJobs} takes before its JPQL bulk deletes; and
 *       what a view of jobs shows besides their rows ({@link io.github.alationgateway.store.JobExtras}: labels,
 *       follow-ups and callbacks in one UNION ALL, one round trip on every read of the API instead of three).
 *       JPA never updates a job row that the poller writes, and no entity is kept beyond one transaction, so the
 *       two never see stale copies of each other.
 * </ul>
 *
 * <p>Flyway owns the schema ({@code db/migration/h2} and {@code db/migration/postgresql}); Hibernate only
 * validates the entities against it at start ({@code spring.jpa.hibernate.ddl-auto: validate}).
 */
package io.github.alationgateway.store;
