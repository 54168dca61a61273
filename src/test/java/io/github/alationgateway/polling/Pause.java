package io.github.alationgateway.polling;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.alation.JobStatusAnswer;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Freezes one poller as SIGSTOP or a long GC pause would: while paused, its calls to Alation hang before they
 * leave. Its leases stay in the database, unrenewed, until it resumes.
 */
final class Pause {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    void pause() {
        gate = new CountDownLatch(1);
    }

    void resume() {
        gate.countDown();
    }

    /** Calls currently held by the pause. */
    int waiting() {
        return waiting.get();
    }

    private void await() throws InterruptedException {
        CountDownLatch current = gate;
        if (current.getCount() == 0) return;
        waiting.incrementAndGet();
        try {
            current.await();
        } finally {
            waiting.decrementAndGet();
        }
    }

    AlationClient alation(AlationClient delegate) {
        return new AlationClient() {
            @Override
            public Set<String> instances() {
                return delegate.instances();
            }

            @Override
            public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
                try {
                    await();
                } catch (InterruptedException e) {
                    // What an HTTP client answers when its thread is interrupted mid-call.
                    Thread.currentThread().interrupt();
                    return new JobStatusAnswer.Unavailable("interrupted");
                }
                return delegate.fetchStatus(instance, job);
            }
        };
    }
}
