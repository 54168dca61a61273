package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tokens minted from refresh-token or client credentials, kept in memory only. Reading a valid token is one
 * volatile read; only renewal takes the instance's lock, so that one thread mints while the others wait for its
 * token instead of minting their own.
 */
final class MintedTokenSource implements TokenSource {

    /** Renew this long before expiry, or at 10% of the lifetime when that is shorter. */
    static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    /** When Alation does not say when a token expires: renew hourly rather than wait for a 401. */
    static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    /**
     * After Alation rejects the credentials, do not ask again for this long: every poll of every job would
     * otherwise hit the token endpoint with credentials known to be bad.
     */
    static final Duration REJECTION_HOLD = Duration.ofSeconds(30);

    private record Current(String token, Instant renewAt) {}

    private record Rejection(JobStatusAnswer.CredentialsRejected answer, Instant until) {}

    private final TokenMinter minter;
    private final Clock clock;
    private final Duration timeout;
    private final ReentrantLock minting = new ReentrantLock();
    private volatile Current current;
    private volatile Rejection rejection;

    MintedTokenSource(TokenMinter minter, Clock clock, Duration timeout) {
        this.minter = minter;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public String token(long deadline) {
        Current now = current;
        if (now != null && clock.instant().isBefore(now.renewAt())) {
            return now.token();
        }
        return mint(now, deadline);
    }

    @Override
    public String renewAfterRejection(String rejected, long deadline) {
        Current now = current;
        if (now != null && !now.token().equals(rejected)) {
            // Another call renewed it meanwhile.
            return now.token();
        }
        return mint(now, deadline);
    }

    private String mint(Current stale, long deadline) {
        throwIfRecentlyRejected(); // without the lock: while rejected, every poll ends here
        try {
            if (!minting.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw AnswerException.unavailable(
                        "no access token within " + Durations.text(timeout) + ": another call is still renewing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AnswerException.unavailable("interrupted while waiting for a token renewal");
        }
        try {
            Current now = current;
            if (now != stale && now != null) {
                return now.token(); // renewed by the thread that held the lock before us
            }
            throwIfRecentlyRejected();
            TokenMinter.MintedToken minted;
            try {
                minted = minter.mint(deadline);
            } catch (AnswerException e) {
                if (e.answer() instanceof JobStatusAnswer.CredentialsRejected rejected) {
                    current = null;
                    rejection = new Rejection(rejected, clock.instant().plus(REJECTION_HOLD));
                }
                throw e;
            }
            rejection = null;
            current = new Current(minted.token(), renewAt(minted.expiresAt()));
            return minted.token();
        } finally {
            minting.unlock();
        }
    }

    private void throwIfRecentlyRejected() {
        Rejection held = rejection;
        if (held != null && clock.instant().isBefore(held.until())) {
            throw new AnswerException(held.answer());
        }
    }

    private Instant renewAt(Instant expiresAt) {
        Instant now = clock.instant();
        if (expiresAt == null) {
            return now.plus(ASSUMED_LIFETIME);
        }
        if (!expiresAt.isAfter(now)) {
            // Already past by our clock (clock skew): use it a little rather than mint on every call; a 401
            // renews it sooner if Alation agrees it has expired.
            return now.plus(RENEWAL_MARGIN);
        }
        Duration lifetime = Duration.between(now, expiresAt);
        Duration tenth = lifetime.dividedBy(10);
        return expiresAt.minus(tenth.compareTo(RENEWAL_MARGIN) < 0 ? tenth : RENEWAL_MARGIN);
    }

    @Override
    public String toString() {
        return "minted tokens (" + minter.describe() + ")";
    }
}
