package io.github.alationgateway.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where a job's own events go ({@code "notify"} at registration), and which of them. */
public record JobCallback(String url, List<String> events) {

    public JobCallback {
        events = List.copyOf(events);
    }

    static void insert(JdbcClient jdbc, String jobId, JobCallback callback) {
        jdbc.sql("insert into job_callbacks (job_id, url, events) values (?, ?, ?)")
                .params(jobId, callback.url(), String.join(",", callback.events()))
                .update();
    }

    static Map<String, JobCallback> of(JdbcClient jdbc, Collection<String> jobIds) {
        Map<String, JobCallback> callbacks = new LinkedHashMap<>();
        if (jobIds.isEmpty()) return callbacks;
        jdbc.sql("select job_id, url, events from job_callbacks where job_id in (:ids)")
                .param("ids", jobIds)
                .query(rs -> {
                    callbacks.put(
                            rs.getString(1),
                            new JobCallback(
                                    rs.getString(2),
                                    Arrays.asList(rs.getString(3).split(","))));
                });
        return callbacks;
    }
}
