package io.github.alationgateway.alation;

import java.time.Duration;

/** Asks Alation for a new access token. Throws an {@link AnswerException} when it cannot have one. */
interface TokenMinter {

    /** Ends before {@code deadline} ({@link System#nanoTime()}). */
    MintedToken mint(long deadline);

    /** What the minter is, for log lines: never a secret. */
    String describe();

    /**
     * A minted token and how long Alation says it lives (null when it did not say), by Alation's own account:
     * {@code token_expires_at - created_at}, both from Alation's clock, or OAuth's {@code expires_in}. A lifetime
     * rather than an instant, so that a skewed clock on either side does not change it.
     */
    record MintedToken(String token, Duration lifetime) {

        @Override
        public String toString() {
            return "MintedToken[lifetime=" + lifetime + "]";
        }
    }
}
