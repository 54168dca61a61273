package io.github.alationgateway.events;

/**
 * Which transactions writing events may still commit. A reader that has seen seq {@code m} committed must not pass
 * it while a transaction that drew a lower seq is still open: {@link CommitHorizon} takes a {@link #marker()}
 * after reading {@code m}, and passes {@code m} once {@link #finishedBefore} says every writer that was open then
 * has ended. Writers insert through {@link #write}, in their transaction, so that drawing a seq always comes after
 * whatever the marker orders them by.
 */
interface OpenWriters {

    /** Runs {@code insert}, the statement that draws seqs, in the writing transaction. */
    void write(Runnable insert);

    /** A value above that of every writer that has started {@link #write} so far. */
    long marker();

    /** Whether every writer below {@code marker} has committed or rolled back. */
    boolean finishedBefore(long marker);
}
