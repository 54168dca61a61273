package io.github.alationgateway.store;

import java.util.List;
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

    /** A callback as {@link #insert} stored it: its events comma-separated in one column. */
    static JobCallback stored(String url, String events) {
        return new JobCallback(url, List.of(events.split(",")));
    }
}
