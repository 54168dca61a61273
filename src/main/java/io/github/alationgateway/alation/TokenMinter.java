package io.github.alationgateway.alation;

import java.time.Instant;

/** Asks Alation for a new access token. Throws an {@link AnswerException} when it cannot have one. */
interface TokenMinter {

    /** Ends before {@code deadline} ({@link System#nanoTime()}). */
    MintedToken mint(long deadline);

    /** What the minter is, for log lines: never a secret. */
    String describe();

    /** A minted token and when Alation says it expires (null when it did not say). */
    record MintedToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "MintedToken[expiresAt=" + expiresAt + "]";
        }
    }
}
