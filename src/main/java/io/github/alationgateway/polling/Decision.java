package io.github.alationgateway.polling;

import io.github.alationgateway.store.Outcome;
import java.util.OptionalLong;

/** What one poll means for a job, and the second job it names, if any (custom field values, ALATION.md §4). */
record Decision(Outcome outcome, OptionalLong followUpAlationJobId) {}
