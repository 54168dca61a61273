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
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration and reads of jobs. The poller's statements live in {@link JobClaims} and {@link Outcomes}. */
@Repository
public class JobStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    JobStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The outcome of a registration: the job, and whether this call created it. */
    public record Registration(Job job, boolean created) {}

    /**
     * Inserts the job, or finds the one already tracked for the same Alation job. The unique constraint decides
     * races between requests and between replicas: whoever loses the insert reads the winner's row.
     */
    public Registration register(NewJob job, String registeredMessage) {
        String id = UUID.randomUUID().toString();
        try {
            tx.executeWithoutResult(status -> insert(id, job, registeredMessage));
            return new Registration(findById(id).orElseThrow(), true);
        } catch (DuplicateKeyException e) {
            return new Registration(
                    findByAlationKey(job.instance(), job.ref().key()).orElseThrow(() -> e), false);
        }
    }

    private void insert(String id, NewJob job, String registeredMessage) {
        jdbc.sql("insert into jobs (id, instance, alation_key, alation_job_id, alation_job_name, kind, status,"
                        + " registered_by, registered_at, next_poll_at, parent_id, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(
                        id,
                        job.instance(),
                        job.ref().key(),
                        job.ref().id(),
                        job.ref().name(),
                        job.kind().name(),
                        JobStatus.PENDING.name(),
                        job.registeredBy(),
                        JobRows.timestamp(job.registeredAt()),
                        JobRows.timestamp(job.registeredAt()),
                        job.parentId())
                .update();
        job.labels()
                .forEach((key, value) -> jdbc.sql(
                                "insert into job_labels (job_id, label_key, label_value) values (?, ?, ?)")
                        .params(id, key, value)
                        .update());
        appendLog(id, job.registeredAt(), "INFO", JobStatus.PENDING.wire(), registeredMessage);
    }

    public void appendLog(String jobId, Instant at, String level, String status, String message) {
        jdbc.sql("insert into job_logs (job_id, at, last_at, level, status, message, repeat_count)"
                        + " values (?, ?, ?, ?, ?, ?, 1)")
                .params(jobId, JobRows.timestamp(at), JobRows.timestamp(at), level, status, JobLogEntry.fit(message))
                .update();
    }

    public Optional<Job> findById(String id) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where id = ?")
                .param(id)
                .query(JobRows.JOB)
                .optional();
    }

    /** The jobs with these ids, in no particular order; ids of jobs that do not exist are left out. */
    public List<Job> findAllById(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where id in (:ids)")
                .param("ids", ids)
                .query(JobRows.JOB)
                .list();
    }

    public Optional<Job> findByAlationKey(String instance, String alationKey) {
        return jdbc.sql("select " + JobRows.COLUMNS + " from jobs where instance = ? and alation_key = ?")
                .params(instance, alationKey)
                .query(JobRows.JOB)
                .optional();
    }

    /** Sets the parent of a job that a client registered before the gateway found it as a follow-up. */
    public boolean linkParent(String jobId, String parentId) {
        return jdbc.sql("update jobs set parent_id = ? where id = ? and parent_id is null")
                        .params(parentId, jobId)
                        .update()
                > 0;
    }

    /** The follow-up jobs of each of the given jobs, oldest first. */
    public Map<String, List<Job>> followUpsOf(Collection<String> parentIds) {
        Map<String, List<Job>> followUps = new LinkedHashMap<>();
        if (parentIds.isEmpty()) return followUps;
        jdbc.sql("select " + JobRows.COLUMNS + " from jobs where parent_id in (:ids) order by registered_at, id")
                .param("ids", parentIds)
                .query(JobRows.JOB)
                .list()
                .forEach(job -> followUps
                        .computeIfAbsent(job.parentId(), k -> new ArrayList<>())
                        .add(job));
        return followUps;
    }

    /**
     * Where each of these jobs stands, and, with {@code withFollowUps}, whether its chain is final: what waiting
     * clients need and nothing else, since it is asked for every waited job several times a second. One statement
     * however many ids. Ids of jobs that do not exist are left out.
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

    public Map<String, Map<String, String>> labelsOf(Collection<String> jobIds) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        if (jobIds.isEmpty()) return labels;
        jdbc.sql("select job_id, label_key, label_value from job_labels where job_id in (:ids)")
                .param("ids", jobIds)
                .query(rs -> {
                    labels.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getString(3));
                });
        return labels;
    }

    public List<JobLogEntry> logs(String jobId) {
        return jdbc.sql("select at, level, status, message, repeat_count, last_at from job_logs"
                        + " where job_id = ? order by id")
                .param(jobId)
                .query((rs, n) -> new JobLogEntry(
                        JobRows.instant(rs, "at"),
                        rs.getString("level"),
                        rs.getString("status"),
                        rs.getString("message"),
                        rs.getInt("repeat_count"),
                        JobRows.instant(rs, "last_at")))
                .list();
    }

    /**
     * Makes an unfinished job due now. A job leased by a poller is left alone: it is being polled, and making it
     * due would let a second replica poll it at the same time. A lapsed lease is already due. Answers false for a
     * finished or leased job.
     */
    public boolean requestPoll(String jobId, Instant now) {
        return jdbc.sql("update jobs set next_poll_at = ? where id = ? and finished_at is null and lease_owner is null")
                        .params(JobRows.timestamp(now), jobId)
                        .update()
                > 0;
    }

    public List<Job> list(JobQuery query) {
        StringBuilder sql = new StringBuilder("select " + JobRows.COLUMNS + " from jobs j where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        where(
                sql,
                params,
                "j.status = :status",
                "status",
                query.status() == null ? null : query.status().name());
        where(
                sql,
                params,
                "j.kind = :kind",
                "kind",
                query.kind() == null ? null : query.kind().name());
        where(sql, params, "j.instance = :instance", "instance", query.instance());
        where(sql, params, "j.alation_job_id = :alationJobId", "alationJobId", query.alationJobId());
        where(sql, params, "j.alation_job_name = :alationJobName", "alationJobName", query.alationJobName());
        where(sql, params, "j.registered_at >= :after", "after", JobRows.timestamp(query.registeredAfter()));
        where(sql, params, "j.registered_at < :before", "before", JobRows.timestamp(query.registeredBefore()));
        if (query.visibleInstances() != null) {
            if (query.visibleInstances().isEmpty()) return List.of();
            where(sql, params, "j.instance in (:visible)", "visible", query.visibleInstances());
        }
        int n = 0;
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            sql.append(" and exists (select 1 from job_labels l where l.job_id = j.id and l.label_key = :lk")
                    .append(n)
                    .append(" and l.label_value = :lv")
                    .append(n)
                    .append(')');
            params.put("lk" + n, label.getKey());
            params.put("lv" + n, label.getValue());
            n++;
        }
        if (query.after() != null) {
            sql.append(" and (j.registered_at < :pos_at or (j.registered_at = :pos_at and j.id < :pos_id))");
            params.put("pos_at", JobRows.timestamp(query.after().registeredAt()));
            params.put("pos_id", query.after().id());
        }
        sql.append(" order by j.registered_at desc, j.id desc limit :limit");
        params.put("limit", query.pageSize());
        return jdbc.sql(sql.toString()).params(params).query(JobRows.JOB).list();
    }

    private static void where(StringBuilder sql, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            sql.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    /** How many jobs are in each status on each instance; only pairs that have jobs. For the gauges. */
    public List<StatusCount> countByStatusAndInstance() {
        return jdbc.sql("select status, instance, count(*) from jobs group by status, instance")
                .query((rs, n) -> new StatusCount(JobStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)))
                .list();
    }

    public record StatusCount(JobStatus status, String instance, long count) {}

    public JobStats stats(Set<String> visibleInstances) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byInstance = new TreeMap<>();
        if (visibleInstances != null && visibleInstances.isEmpty()) return new JobStats(byStatus, byKind, byInstance);
        for (JobStatus status : JobStatus.values()) byStatus.put(status.wire(), 0L);
        String sql = "select status, kind, instance, count(*) from jobs"
                + (visibleInstances == null ? "" : " where instance in (:visible)")
                + " group by status, kind, instance";
        var statement = jdbc.sql(sql);
        if (visibleInstances != null) statement = statement.param("visible", new ArrayList<>(visibleInstances));
        statement.query(rs -> {
            long count = rs.getLong(4);
            byStatus.merge(JobStatus.valueOf(rs.getString(1)).wire(), count, Long::sum);
            byKind.merge(rs.getString(2), count, Long::sum);
            byInstance.merge(rs.getString(3), count, Long::sum);
        });
        return new JobStats(byStatus, byKind, byInstance);
    }
}
