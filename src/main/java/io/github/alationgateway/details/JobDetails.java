package io.github.alationgateway.details;

/** Typed job details, as Allie-SDK's data classes: {@code type} is the data class's name. */
public sealed interface JobDetails permits GenericJobDetails {

    String type();

    String status();

    String msg();

    Object result();

    boolean typed();
}
