package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration and reads of jobs, through Spring Data JPA. The poller's statements live in {@link JobClaims} and
 * {@link Outcomes}, in SQL; so does {@link #requestPoll}, which takes part in the lease (see package-info).
 */
@Repository
public class JobStore {

    private final JobRepository jobs;
    private final JobLabelRepository labels;
    private final JobLogRepository logs;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<StatusChanges> listeners;
    private final JobTallies tallies;
    private final JobStatistics statistics;
    private final LabelledPages labelledPages;

    JobStore(
            JobRepository jobs,
            JobLabelRepository labels,
            JobLogRepository logs,
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectProvider<StatusChanges> listeners,
            JobTallies tallies,
            JobStatistics statistics,
            LabelledPages labelledPages) {
        this.jobs = jobs;
        this.labels = labels;
        this.logs = logs;
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = listeners;
        this.tallies = tallies;
        this.statistics = statistics;
        this.labelledPages = labelledPages;
    }

    /** The outcome of a registration: the job, and whether this call created it. */
    public record Registration(Job job, boolean created) {}

    /**
     * Inserts the job, or finds the one already tracked for the same Alation job. The unique constraint decides
     * races between requests and between replicas: whoever loses the insert reads the winner's row. The read
     * happens after the failed transaction has rolled back: PostgreSQL refuses every statement in a transaction
     * after an error, so it cannot happen inside it.
     */
    public Registration register(NewJob job, String registeredMessage) {
        return register(job, registeredMessage, null);
    }

    /** As {@link #register(NewJob, String)}, with a callback stored with a new job; null for none. */
    public Registration register(NewJob job, String registeredMessage, JobCallback callback) {
        String id = TimeOrderedIds.next();
        try {
            return new Registration(
                    tx.execute(status -> {
                        Job created = insert(id, job, registeredMessage);
                        if (callback != null) JobCallback.insert(jdbc, id, callback);
                        // Listeners may read with plain SQL in this transaction: they must see the labels and log.
                        jobs.flush();
                        List<StatusChanges.RegisteredJob> registered =
                                List.of(new StatusChanges.RegisteredJob(created, job.labels(), callback));
                        listeners.orderedStream().forEach(listener -> listener.registered(registered));
                        // Last: the tallies' row locks are the ones other registrations wait for, so hold them
                        // briefly.
                        tallies.apply(new TallyChanges()
                                .count(id, job.instance(), job.kind().name(), job.labels(), JobStatus.PENDING, 1));
                        return created;
                    }),
                    true);
        } catch (DataIntegrityViolationException e) {
            return new Registration(
                    findByAlationKey(job.instance(), job.ref().key()).orElseThrow(() -> e), false);
        }
    }

    private Job insert(String id, NewJob job, String registeredMessage) {
        // Flushed at once, so that a duplicate fails here, before labels and the log line are sent.
        JobEntity entity = jobs.saveAndFlush(JobEntity.registered(id, job));
        if (!job.labels().isEmpty()) {
            labels.saveAll(job.labels().entrySet().stream()
                    .map(label -> new JobLabelEntity(id, label.getKey(), label.getValue(), job.registeredAt()))
                    .toList());
        }
        logs.save(new JobLogEntity(id, job.registeredAt(), "INFO", JobStatus.PENDING.wire(), registeredMessage));
        return entity.toJob();
    }

    public void appendLog(String jobId, Instant at, String level, String status, String message) {
        logs.save(new JobLogEntity(jobId, at, level, status, message));
    }

    public Optional<Job> findById(String id) {
        return jobs.findById(id).map(JobEntity::toJob);
    }

    /** The jobs with these ids, in no particular order; ids of jobs that do not exist are left out. */
    public List<Job> findAllById(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        return jobs.findAllById(ids).stream().map(JobEntity::toJob).toList();
    }

    /**
     * Locks a job's row until the end of the current transaction. Two transactions that each end one member of a
     * chain lock its root first, so that the second sees what the first wrote and exactly one of them sees the
     * whole chain final.
     */
    public Optional<Job> lockForUpdate(String id) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where id = ? for update")
                .param(id)
                .query(JobRows.JOB)
                .optional();
    }

    public Optional<Job> findByAlationKey(String instance, String alationKey) {
        return jobs.findByInstanceAndAlationKey(instance, alationKey).map(JobEntity::toJob);
    }

    /** Sets the parent of a job that a client registered before the gateway found it as a follow-up. */
    public boolean linkParent(String jobId, String parentId) {
        return Boolean.TRUE.equals(tx.execute(status -> jobs.linkParent(jobId, parentId) > 0));
    }

    /**
     * Where each of these jobs stands, and, with {@code withFollowUps}, whether its chain is final: what waiting
     * clients need and nothing else, since it is asked for every waited job several times a second (in SQL, like
     * the poller's statements: a projection of two columns, not entities). One statement however many ids. Ids of
     * jobs that do not exist are left out.
     */
    public Map<String, ChainProgress> progressOf(Collection<String> ids, boolean withFollowUps) {
        Map<String, JobStatus> statuses = new LinkedHashMap<>();
        Map<String, Boolean> followUpsFinal = new LinkedHashMap<>();
        if (ids.isEmpty()) return Map.of();
        String sql = "select id, status, 0 from jobs where id in (:ids)"
                + (withFollowUps ? " union all select parent_id, status, 1 from jobs where parent_id in (:ids)" : "");
        jdbc.sql(sql).param("ids", ids).query(rs -> {
            JobStatus status = JobStatus.valueOf(rs.getString(2));
            if (rs.getInt(3) == 0) {
                statuses.put(rs.getString(1), status);
            } else {
                followUpsFinal.merge(rs.getString(1), status.isFinal(), Boolean::logicalAnd);
            }
        });
        Map<String, ChainProgress> progress = new LinkedHashMap<>();
        statuses.forEach((id, status) -> progress.put(
                id,
                new ChainProgress(status, withFollowUps && status.isFinal() && followUpsFinal.getOrDefault(id, true))));
        return progress;
    }

    /**
     * A job's status, and whether it and all its follow-ups are final (its {@code chain_status} is final); false
     * when not asked for.
     */
    public record ChainProgress(JobStatus status, boolean chainFinal) {}

    /** The labels of each of the given jobs. One statement, whatever the number of jobs. */
    public Map<String, Map<String, String>> labelsOf(Collection<String> jobIds) {
        Map<String, Map<String, String>> byJob = new LinkedHashMap<>();
        if (jobIds.isEmpty()) return byJob;
        for (JobLabelEntity label : labels.findByJobIdIn(jobIds)) {
            byJob.computeIfAbsent(label.jobId(), k -> new TreeMap<>()).put(label.key(), label.value());
        }
        return byJob;
    }

    public List<JobLogEntry> logs(String jobId) {
        return logs.findByJobIdOrderByIdAsc(jobId).stream()
                .map(JobLogEntity::toEntry)
                .toList();
    }

    /**
     * Makes an unfinished job due now. A job leased by a poller is left alone: it is being polled, and making it
     * due would let a second replica poll it at the same time. A lapsed lease (its replica gone) is due already and
     * answers true. Answers false for a finished job and for one whose lease still holds.
     */
    public boolean requestPoll(String jobId, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> jdbc.sql("update jobs set next_poll_at = :now where id = :id"
                                + " and finished_at is null and (lease_owner is null or next_poll_at <= :now)")
                        .param("now", JobRows.timestamp(now))
                        .param("id", jobId)
                        .update()
                > 0));
    }

    /** Newest first. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("registeredAt"), Sort.Order.desc("id"));

    /**
     * A page of the list: the query's filters as Specifications, the page as a keyset window of Spring Data's
     * scrolling (it adds the "after this position" condition), so that page 40 costs what page 1 does. A label
     * filter reads from the label's side instead ({@link LabelledPages}).
     */
    public List<Job> list(JobQuery query) {
        if (query.visibleInstances() != null && query.visibleInstances().isEmpty()) return List.of();
        if (!query.labels().isEmpty()) {
            return labelledPages.page(query).stream().map(JobEntity::toJob).toList();
        }
        JobQuery.Position after = query.after();
        KeysetScrollPosition position = after == null
                ? ScrollPosition.keyset()
                : ScrollPosition.forward(
                        Map.of("registeredAt", JobRows.micros(after.registeredAt()), "id", after.id()));
        return jobs
                .findBy(
                        JobSpecifications.matching(query),
                        q -> q.sortBy(NEWEST_FIRST).limit(query.pageSize()).scroll(position))
                .stream()
                .map(JobEntity::toJob)
                .toList();
    }

    /** How many jobs are in each status on each instance; only pairs that have jobs. For the gauges. */
    public List<StatusCount> countByStatusAndInstance() {
        Map<String, Map<JobStatus, Long>> counts = new TreeMap<>();
        for (JobTallies.Tally tally : tallies.read(null)) {
            counts.computeIfAbsent(tally.instance(), i -> new TreeMap<>())
                    .merge(tally.status(), tally.jobs(), Long::sum);
        }
        List<StatusCount> result = new ArrayList<>();
        counts.forEach((instance, byStatus) ->
                byStatus.forEach((status, count) -> result.add(new StatusCount(status, instance, count))));
        return result;
    }

    public record StatusCount(JobStatus status, String instance, long count) {}

    /** Jobs by status, kind and instance on the visible instances (null: all), from the tallies. */
    public JobStats stats(Set<String> visibleInstances) {
        return statistics.stats(
                new JobQuery(null, null, null, null, null, Map.of(), null, null, null, 0, visibleInstances));
    }
}
