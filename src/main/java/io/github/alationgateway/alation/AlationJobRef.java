package io.github.alationgateway.alation;

/**
 * How Alation knows a job: by number ({@code ?id=}) or, for some APIs, by name ({@code ?name=}).
 * Exactly one of the two is set.
 */
public record AlationJobRef(Long id, String name) {

    public AlationJobRef {
        if ((id == null) == (name == null)) {
            throw new IllegalArgumentException("exactly one of id and name must be set");
        }
    }

    public static AlationJobRef ofId(long id) {
        return new AlationJobRef(id, null);
    }

    public static AlationJobRef ofName(String name) {
        return new AlationJobRef(null, name);
    }

    /** A stable key, unique per instance, used to make registration idempotent. */
    public String key() {
        return id != null ? "id:" + id : "name:" + name;
    }

    @Override
    public String toString() {
        return id != null ? "job " + id : "job '" + name + "'";
    }
}
