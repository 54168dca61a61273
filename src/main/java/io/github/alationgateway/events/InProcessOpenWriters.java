package io.github.alationgateway.events;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Open writers counted in this process, for a database that only this process writes (H2): each writer holds a
 * ticket from before it draws a seq until its transaction has ended, and tickets increase as they are handed out.
 */
final class InProcessOpenWriters implements OpenWriters {

    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

    @Override
    public void write(Runnable insert) {
        long ticket = tickets.incrementAndGet();
        open.add(ticket);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // No transaction: the insert has committed when it returns.
            try {
                insert.run();
            } finally {
                open.remove(ticket);
            }
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                open.remove(ticket);
            }
        });
        insert.run();
    }

    @Override
    public long marker() {
        return tickets.get() + 1;
    }

    @Override
    public boolean finishedBefore(long marker) {
        Long lowest = open.isEmpty() ? null : open.first();
        return lowest == null || lowest >= marker;
    }
}
