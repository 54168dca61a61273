package io.github.alationgateway.polling;

import io.github.alationgateway.store.FinishedJobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Teaches the learned cadence how long the newest finished jobs took, once at start, on a thread of its own: the
 * gateway is ready without it, and until it is done the cadence plans with what it knows (the prior, and the jobs
 * that end meanwhile).
 */
final class LearnFromHistory {

    private static final Logger log = LoggerFactory.getLogger(LearnFromHistory.class);

    /** Enough for every busy kind to fill the model's memory; small enough to read in well under a second. */
    static final int JOBS = 20_000;

    private LearnFromHistory() {}

    static void startReading(FinishedJobs history, DurationModel durations) {
        Thread reader = new Thread(() -> read(history, durations), "cadence-history");
        reader.setDaemon(true);
        reader.start();
    }

    static void read(FinishedJobs history, DurationModel durations) {
        long start = System.nanoTime();
        try {
            var jobs = history.newest(JOBS);
            for (var job : jobs) {
                double seconds =
                        Duration.between(job.registeredAt(), job.finishedAt()).toNanos() / 1e9;
                durations.learn(job.instance(), job.kind(), seconds);
            }
            log.info(
                    "Learned cadence: read how long {} finished jobs took, in {} ms",
                    jobs.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (DataAccessException e) {
            log.warn(
                    "Learned cadence: could not read finished jobs ({}); learning from jobs as they end",
                    e.getMostSpecificCause().getMessage());
        }
    }
}
