package io.github.alationgateway.view;

import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobCallback;
import io.github.alationgateway.store.JobExtras;
import io.github.alationgateway.store.JobExtras.Extras;
import io.github.alationgateway.store.JobExtras.FollowUp;
import io.github.alationgateway.store.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Turns stored jobs into what the API shows, reading labels, follow-ups and callbacks for a whole page at once,
 * in one statement ({@link JobExtras}).
 */
@Component
public class JobViews {

    /** The order in which a chain's outcome is reported: the worst member decides. */
    private static final List<JobStatus> SEVERITY =
            List.of(JobStatus.SUCCESSFUL, JobStatus.PARTIALLY_SUCCESSFUL, JobStatus.EXPIRED, JobStatus.FAILED);

    private final JobExtras extras;
    private final JobDetailsMapper details;
    private final ObjectMapper json;

    JobViews(JobExtras extras, JobDetailsMapper details, ObjectMapper json) {
        this.extras = extras;
        this.details = details;
        this.json = json;
    }

    public JobView view(Job job) {
        return views(List.of(job)).get(0);
    }

    /**
     * A job its registration has just stored, from what the registration has in hand: no reads. It has no
     * follow-ups yet (no one knows its id before the registration commits); labels are shown in key order, as
     * {@link #views} reads them.
     */
    public JobView registered(Job job, Map<String, String> labels, JobCallback callback) {
        return view(job, new Extras(new TreeMap<>(labels), List.of(), callback));
    }

    public List<JobView> views(List<Job> jobs) {
        Map<String, Extras> found = extras.of(jobs.stream().map(Job::id).toList());
        return jobs.stream()
                .map(job -> view(job, found.getOrDefault(job.id(), Extras.NONE)))
                .toList();
    }

    private JobView view(Job job, Extras extras) {
        JsonNode raw = parse(job.rawResult());
        return new JobView(
                job.id(),
                job.instance(),
                job.kind().name(),
                job.alationJobId(),
                job.alationJobName(),
                job.status(),
                job.statusReason(),
                job.msg(),
                raw,
                details.map(job.kind(), job.alationStatus(), job.msg(), raw),
                extras.labels(),
                job.registeredBy(),
                job.pollCount(),
                job.registeredAt(),
                job.lastPolledAt(),
                job.nextPollAt(),
                job.finishedAt(),
                job.parentId(),
                extras.followUps().stream().map(FollowUp::id).toList(),
                chainStatus(job, extras.followUps()),
                job.alationTaskId(),
                details.progress(job.kind(), raw).orElse(null),
                extras.callback(),
                job.rawResultTruncated());
    }

    static JobStatus chainStatus(Job job, List<FollowUp> followUps) {
        if (!job.status().isFinal() || followUps.isEmpty()) return job.status();
        if (followUps.stream().anyMatch(f -> !f.status().isFinal())) return JobStatus.RUNNING;
        return followUps.stream()
                .map(FollowUp::status)
                .reduce(job.status(), (a, b) -> SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b);
    }

    private JsonNode parse(String rawResult) {
        if (rawResult == null) return null;
        try {
            return json.readTree(rawResult);
        } catch (JacksonException e) {
            return StringNode.valueOf(rawResult);
        }
    }
}
