package io.github.alationgateway.view;

import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import org.springframework.stereotype.Component;

/** A job by id, as the caller may see it: another instance's job answers 404, as if it did not exist. */
@Component
public class VisibleJobs {

    private final JobStore store;
    private final InstanceScope scope;

    VisibleJobs(JobStore store, InstanceScope scope) {
        this.store = store;
        this.scope = scope;
    }

    public Job find(String id) {
        return store.findById(id)
                .filter(job -> scope.canSee(job.instance()))
                .orElseThrow(() -> Problems.notFound("No job with id '" + Problems.quote(id) + "'"));
    }
}
