/**
 * Storage of jobs, their labels and their logs.
 *
 * <p>Where JPA stops and SQL begins:
 *
 * <ul>
 *   <li><b>Spring Data JPA</b> ({@code JobEntity}, {@code JobLabelEntity}, {@code JobLogEntity} and their
 *       repositories, behind {@link io.github.alationgateway.store.JobStore}): registration (idempotent on the
 *       unique key), reading a job by id, lists with filters and keyset pages, labels, follow-ups and logs. These
 *       are plain reads and inserts, which an ORM states well.
 *   <li><b>Hand-written SQL</b>, where the database's own features are the point: the claim
 *       ({@link io.github.alationgateway.store.SkipLockedClaims}: {@code FOR UPDATE SKIP LOCKED ... RETURNING};
 *       {@link io.github.alationgateway.store.OptimisticClaims}), the outcome writes and releases
 *       ({@link io.github.alationgateway.store.Outcomes}: JDBC batches guarded by version and lease owner), and
 *       {@code JobStore.requestPoll}, which must respect a lease. JPA never updates a job row that the poller
 *       writes, and no entity is kept beyond one transaction, so the two never see stale copies of each other.
 * </ul>
 *
 * <p>Flyway owns the schema ({@code db/migration/h2} and {@code db/migration/postgresql}); Hibernate only
 * validates the entities against it at start ({@code spring.jpa.hibernate.ddl-auto: validate}).
 */
package io.github.alationgateway.store;
