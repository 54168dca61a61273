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
     * The job as it stands after the request. A poll already under way is left to finish. Throws 404 for a job
     * the caller may not see and 409 for one that has ended.
     */
    public Job request(String id) {
        Job job = visibleJobs.find(id);
        if (job.status().isFinal()) {
            throw Problems.conflict("Job " + id + " has ended (" + job.status().wire() + "); there is nothing to poll");
        }
        store.requestPoll(id, clock.instant());
        trigger.jobsDue();
        return store.findById(id).orElseThrow();
    }
}
