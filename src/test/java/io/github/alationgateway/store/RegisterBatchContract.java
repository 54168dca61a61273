package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch is registered in one transaction, and answers what registering its items one by one would: new jobs
 * once with their labels, log line, callback, job.registered event and tally; jobs already tracked, and repeats
 * inside the batch, as they stand, with nothing written for them. Two batches racing on the same jobs register
 * each once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class RegisterBatchContract {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final AtomicLong ids = new AtomicLong(110_000);

    @Autowired
    RegisterBatch batch;

    @Autowired
    JobStore store;

    @Autowired
    JobExtras extras;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void newJobsAreWrittenOnceAndTrackedOnesAnswerAsTheyStand() {
        // GIVEN a job already tracked, registered one by one
        AlationJobRef tracked = AlationJobRef.ofId(ids.incrementAndGet());
        Job before = store.register(item(tracked, "prod", Map.of()).job(), "registered alone")
                .job();
        AlationJobRef a = AlationJobRef.ofId(ids.incrementAndGet());
        AlationJobRef named = AlationJobRef.ofName("MetadataExtraction#" + ids.incrementAndGet());
        RegisterBatch.Item withCallback = new RegisterBatch.Item(
                item(named, "sandbox", Map.of()).job(),
                "registered by name",
                new JobCallback("https://example.test/hook", List.of("job.ended")));

        // WHEN a batch names a new job, the tracked one, the new one again, and a new job by name with a callback
        List<JobStore.Registration> answers = batch.register(List.of(
                item(a, "prod", Map.of("pipeline", "p7", "team", "t1")),
                item(tracked, "prod", Map.of("pipeline", "other")),
                item(a, "prod", Map.of()),
                withCallback));

        // THEN the answers are in request order: new, tracked, repeat of the first, new
        assertThat(answers).extracting(JobStore.Registration::created).containsExactly(true, false, false, true);
        assertThat(answers.get(1).job()).isEqualTo(before);
        assertThat(answers.get(2).job()).isEqualTo(answers.get(0).job());
        Job first = answers.get(0).job();
        assertThat(first.status()).isEqualTo(JobStatus.PENDING);
        assertThat(first.alationJobId()).isEqualTo(a.id());
        assertThat(first.registeredAt()).isEqualTo(T0);
        assertThat(first.nextPollAt()).isEqualTo(T0);
        assertThat(answers.get(3).job().alationJobName()).isEqualTo(named.name());
        // AND the new jobs have their labels, log line and callback; the tracked one kept its own labels
        assertThat(store.labelsOf(List.of(first.id(), before.id())))
                .isEqualTo(Map.of(first.id(), Map.of("pipeline", "p7", "team", "t1")));
        assertThat(store.logs(first.id())).extracting(JobLogEntry::message).containsExactly("registered " + a);
        assertThat(store.logs(before.id())).hasSize(1);
        assertThat(extras.of(List.of(answers.get(3).job().id())).values())
                .extracting(JobExtras.Extras::callback)
                .containsExactly(new JobCallback("https://example.test/hook", List.of("job.ended")));
        // AND one job.registered event per new job, none for the tracked one or the repeat
        assertThat(jdbc.queryForList(
                        "select job_id from job_events where type = 'job.registered' order by seq", String.class))
                .containsExactlyInAnyOrder(
                        before.id(), first.id(), answers.get(3).job().id());
        // AND the tallies count each job once
        assertThat(store.stats(null).byInstance()).isEqualTo(Map.of("prod", 2L, "sandbox", 1L));
        assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).isEqualTo(3);
    }

    @Test
    void twoBatchesRacingOnTheSameJobsRegisterEachOnce() throws Exception {
        // GIVEN 200 jobs that two batches name, in opposite orders
        List<RegisterBatch.Item> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) items.add(item(AlationJobRef.ofId(ids.incrementAndGet()), "prod", Map.of()));
        List<RegisterBatch.Item> reversed = new ArrayList<>(items);
        java.util.Collections.reverse(reversed);

        // WHEN both are registered at once, twice over
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<List<JobStore.Registration>> answers = new ArrayList<>();
        try {
            List<Callable<List<JobStore.Registration>>> racers =
                    List.of(() -> batch.register(items), () -> batch.register(reversed));
            for (int round = 0; round < 2; round++) {
                for (Future<List<JobStore.Registration>> racer : threads.invokeAll(racers)) answers.add(racer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        // THEN each job exists once, was created by exactly one answer, and every answer names that job
        assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).isEqualTo(200);
        long created = answers.stream()
                .flatMap(List::stream)
                .filter(JobStore.Registration::created)
                .count();
        assertThat(created).isEqualTo(200);
        assertThat(answers.get(0).stream().map(r -> r.job().id()).toList())
                .isEqualTo(answers.get(2).stream().map(r -> r.job().id()).toList());
        assertThat(jdbc.queryForObject("select count(*) from job_events", Long.class))
                .isEqualTo(200);
        assertThat(store.stats(null).byInstance()).isEqualTo(Map.of("prod", 200L));
    }

    @Test
    void textOfAnyShapeIsStoredAsGiven() {
        // GIVEN text that COPY's format would misread unescaped: its separators, backslashes, its null and end markers
        String message = "tab\there\nnew line\r\n\\.\n\\N back\\slash \"quoted\" é 😀 \\";
        Map<String, String> labels = Map.of("path", "C:\\temp\\new", "null", "\\N", "empty", "");
        AlationJobRef hostile = AlationJobRef.ofId(ids.incrementAndGet());
        AlationJobRef plain = AlationJobRef.ofId(ids.incrementAndGet());

        // WHEN a batch registers it beside a plain job
        List<JobStore.Registration> answers = batch.register(List.of(
                new RegisterBatch.Item(item(hostile, "prod", labels).job(), message, null),
                item(plain, "prod", Map.of("pipeline", "p7"))));

        // THEN the log line, the labels and the event hold it as given
        String id = answers.get(0).job().id();
        assertThat(store.logs(id)).extracting(JobLogEntry::message).containsExactly(message);
        assertThat(store.labelsOf(List.of(id))).isEqualTo(Map.of(id, labels));
        assertThat(jdbc.queryForObject("select data from job_events where job_id = ?", String.class, id))
                .contains("\"path\":\"C:\\\\temp\\\\new\"", "\"null\":\"\\\\N\"");
        assertThat(store.logs(answers.get(1).job().id()))
                .extracting(JobLogEntry::message)
                .containsExactly("registered " + plain);
    }

    private static RegisterBatch.Item item(AlationJobRef ref, String instance, Map<String, String> labels) {
        return new RegisterBatch.Item(
                new NewJob(instance, ref, JobKind.GENERIC, labels, "test", null, T0), "registered " + ref, null);
    }
}
