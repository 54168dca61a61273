package io.github.alationgateway.alation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of Alation as the readers of answers need it: the status code, the body read whole (up to the cap),
 * and the first value of each header, keyed by lower-case name. Independent of the HTTP client, so that the
 * readers ({@link StatusAnswers}, {@link TokenAnswers}, {@link DataDictionaryTasks}) are tested without one.
 */
record AlationAnswer(int statusCode, byte[] body, Map<String, String> headers) {

    AlationAnswer {
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    /** The first value of the header, whatever the case of its name. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
