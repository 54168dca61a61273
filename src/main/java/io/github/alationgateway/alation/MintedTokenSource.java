package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tokens minted from refresh-token or client credentials, kept in memory only. Reading a valid token is one
 * volatile read; only minting takes the instance's lock, so that one thread mints while the others use the token
 * that still works, or, when there is none, wait for the new one instead of minting their own.
 */
final class MintedTokenSource implements TokenSource {

    /**
     * Renew this long before expiry, or at half the lifetime when that is shorter: a 4 s token is renewed after 2 s,
     * while the calls in flight finish with the old one, so that a short lifetime costs no rejected calls.
     */
    static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    /** When Alation does not say when a token expires: assume an hour rather than wait for a 401. */
    static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    /**
     * After Alation rejects the credentials, do not ask again for this long: every poll of every job would
     * otherwise hit the token endpoint with credentials known to be bad.
     */
    static final Duration REJECTION_HOLD = Duration.ofSeconds(30);

    /** After a renewal ahead of expiry failed, the still valid token is used this long before trying again. */
    static final Duration RENEWAL_RETRY = Duration.ofSeconds(10);

    private record Current(String token, Instant renewAt, Instant expiresAt) {}

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
        if (now != null) {
            Instant time = clock.instant();
            if (time.isBefore(now.renewAt())) {
                return now.token();
            }
            if (time.isBefore(now.expiresAt())) {
                return renewAhead(now, deadline);
            }
        }
        return mint(now, deadline);
    }

    @Override
    public String renewAfterRejection(String rejected, long deadline) {
        Current now = current;
        if (now != null && !now.token().equals(rejected)) {
            return now.token(); // another call renewed it meanwhile
        }
        return mint(now, deadline);
    }

    /**
     * Inside the renewal margin the token still works: one call renews it and every other call goes on with the
     * old one instead of waiting; a renewal that fails costs nothing but a retry a little later.
     */
    private String renewAhead(Current valid, long deadline) {
        if (!minting.tryLock()) {
            return valid.token();
        }
        try {
            Current now = current;
            if (now != null && !now.token().equals(valid.token())) {
                return now.token();
            }
            try {
                Instant asked = clock.instant();
                return install(minter.mint(deadline), asked);
            } catch (AnswerException e) {
                noteRejection(e);
                Instant retry = clock.instant().plus(RENEWAL_RETRY);
                current = new Current(
                        valid.token(),
                        retry.isBefore(valid.expiresAt()) ? retry : valid.expiresAt(),
                        valid.expiresAt());
                return valid.token();
            }
        } finally {
            minting.unlock();
        }
    }

    /** No usable token (none yet, expired, or rejected by Alation): this call has to wait for a new one. */
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
            if (now != null && (stale == null || !now.token().equals(stale.token()))) {
                return now.token(); // minted by the call that held the lock before this one
            }
            throwIfRecentlyRejected();
            try {
                Instant asked = clock.instant();
                return install(minter.mint(deadline), asked);
            } catch (AnswerException e) {
                if (noteRejection(e)) {
                    current = null;
                }
                throw e;
            }
        } finally {
            minting.unlock();
        }
    }

    /**
     * The lifetime counts from when the token was asked for, not from its receipt: Alation started it no earlier,
     * so the token is never believed valid longer than it is.
     */
    private String install(TokenMinter.MintedToken minted, Instant asked) {
        Duration lifetime = minted.lifetime() == null ? ASSUMED_LIFETIME : minted.lifetime();
        Instant expiresAt = asked.plus(lifetime);
        Duration half = lifetime.dividedBy(2);
        Instant renewAt = expiresAt.minus(half.compareTo(RENEWAL_MARGIN) < 0 ? half : RENEWAL_MARGIN);
        rejection = null;
        current = new Current(minted.token(), renewAt, expiresAt);
        return minted.token();
    }

    private boolean noteRejection(AnswerException failure) {
        if (failure.answer() instanceof JobStatusAnswer.CredentialsRejected rejected) {
            rejection = new Rejection(rejected, clock.instant().plus(REJECTION_HOLD));
            return true;
        }
        return false;
    }

    private void throwIfRecentlyRejected() {
        Rejection held = rejection;
        if (held != null && clock.instant().isBefore(held.until())) {
            throw new AnswerException(held.answer());
        }
    }

    @Override
    public String toString() {
        return "minted tokens (" + minter.describe() + ")";
    }
}
