package io.github.alationgateway.details;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What details carry where Alation's result does not fit the data class: the result as sent. */
final class Untyped {

    static final String NOTE = "The typed result when `typed` is true; otherwise exactly as Alation sent it"
            + " (null while running, an error text, or another shape). Items of lists that do not fit their"
            + " class, and keys the class does not know, are kept as sent.";

    private Untyped() {}

    static Object orRaw(Optional<?> typed, JsonNode raw) {
        return typed.isPresent() ? typed.get() : raw;
    }
}
