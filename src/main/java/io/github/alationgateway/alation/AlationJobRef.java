package io.github.alationgateway.alation;

import java.util.Locale;
import java.util.UUID;

/**
 * How Alation knows a job: by number ({@code ?id=}) or, for some APIs, by name ({@code ?name=}) in its job API;
 * or, for a data dictionary upload, by the UUID of a task in its task API. Exactly one of the three is set.
 */
public record AlationJobRef(Long id, String name, String taskId) {

    public AlationJobRef {
        int set = (id == null ? 0 : 1) + (name == null ? 0 : 1) + (taskId == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of id, name and taskId must be set");
        }
    }

    /** A job of the job API, by number or by name. */
    public AlationJobRef(Long id, String name) {
        this(id, name, null);
    }

    public static AlationJobRef ofId(long id) {
        return new AlationJobRef(id, null, null);
    }

    public static AlationJobRef ofName(String name) {
        return new AlationJobRef(null, name, null);
    }

    /** A data dictionary task; kept in UUID's canonical lower-case form so that one task has one key. */
    public static AlationJobRef ofTask(UUID taskId) {
        return new AlationJobRef(null, null, taskId.toString().toLowerCase(Locale.ROOT));
    }

    /** Whether Alation's data dictionary task API, not its job API, knows this job. */
    public boolean isTask() {
        return taskId != null;
    }

    /** A stable key, unique per instance, used to make registration idempotent. */
    public String key() {
        if (id != null) return "id:" + id;
        return name != null ? "name:" + name : "task:" + taskId;
    }

    @Override
    public String toString() {
        if (id != null) return "job " + id;
        return name != null ? "job '" + name + "'" : "data dictionary task " + taskId;
    }
}
