package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.VisibleJobs;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Makes a job the caller may see due at once, for the API and the dashboard alike. */
@Component
public class PollNow {

    private final JobStore store;
    private final VisibleJobs visibleJobs;
    private final PollTrigger trigger;
    private final Clock clock;

    PollNow(JobStore store, VisibleJobs visibleJobs, PollTrigger trigger, Clock clock) {
        this.store = store;
        this.visibleJobs = visibleJobs;
        this.trigger = trigger;
        this.clock = clock;
    }

    /**
     * The job as it stands after the request. Throws 404 for a job the caller may not see, and 409 when nothing
     * changed: the job has ended, or a poll of it is under way (its lease is held) and is left to finish.
     */
    public Job request(String id) {
        Job job = visibleJobs.find(id);
        // Twice at most: a lease that ends between the update and the read leaves the job neither ended nor
        // leased, and the second update then lands.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (job.status().isFinal()) throw ended(job);
            if (store.requestPoll(id, clock.instant())) {
                trigger.jobsDue();
                return store.findById(id).orElseThrow(() -> gone(id));
            }
            job = store.findById(id).orElseThrow(() -> gone(id));
            if (job.status().isFinal()) throw ended(job);
        }
        throw Problems.conflict("Job " + Problems.quote(id) + " is being polled now (a poll under way holds its lease"
                + " until " + job.nextPollAt() + "); its outcome is recorded when Alation answers");
    }

    private static RuntimeException ended(Job job) {
        return Problems.conflict("Job " + Problems.quote(job.id()) + " has ended ("
                + job.status().wire() + "); there is nothing to poll");
    }

    private static RuntimeException gone(String id) {
        return Problems.notFound("No job with id '" + Problems.quote(id) + "'");
    }
}
