package io.github.alationgateway.alation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Addresses on an Alation instance, which may live under a path ({@code https://host/alation}). */
final class AlationUris {

    private AlationUris() {}

    static URI resolve(URI baseUrl, String path) {
        return URI.create(base(baseUrl) + path);
    }

    /** The job status URI with everything before the query prepared once per instance. */
    static String statusPrefix(URI baseUrl) {
        return base(baseUrl) + "/api/v1/bulk_metadata/job/";
    }

    /**
     * Job names hold '#', '&amp;', '+' and spaces: each is percent-encoded so that Alation sees the whole name.
     * A space becomes %20, not '+', which some servers keep as a plus.
     */
    static URI status(String prefix, AlationJobRef job) {
        if (job.id() != null) {
            return URI.create(prefix + "?id=" + job.id());
        }
        return URI.create(prefix + "?name="
                + URLEncoder.encode(job.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String base(URI baseUrl) {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
