package io.github.alationgateway.polling;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.NewJob;
import io.github.alationgateway.store.Outcome.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the second job that a finished job names. Done before the parent's outcome is written and
 * idempotent, so a crash in between or a stale replica registers it once all the same.
 */
final class FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final JobStore store;

    FollowUps(JobStore store) {
        this.store = store;
    }

    LogLine register(Job parent, long alationJobId, Instant now) {
        Map<String, String> labels = store.labelsOf(List.of(parent.id())).getOrDefault(parent.id(), Map.of());
        var ref = AlationJobRef.ofId(alationJobId);
        var registration = store.register(
                new NewJob(parent.instance(), ref, parent.kind(), labels, parent.registeredBy(), parent.id(), now),
                "Registered " + ref + " on instance '" + parent.instance() + "' as the follow-up of job "
                        + parent.id());
        Job child = registration.job();
        if (!registration.created() && child.parentId() == null) {
            store.linkParent(child.id(), parent.id());
        }
        log.info("Job {} names follow-up Alation {}; tracking it as job {}", parent.id(), ref, child.id());
        return new LogLine(
                now, "INFO", null, "Alation started follow-up " + ref + "; tracked as job " + child.id(), false);
    }
}
