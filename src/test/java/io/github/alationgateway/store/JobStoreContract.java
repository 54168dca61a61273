package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration and reads through JPA, as the store promises them: what is registered reads back field for
 * field, the same Alation job is tracked once however many replicas register it at once, and the batch reads
 * (labels, follow-ups, callbacks) answer for a whole page. Written once, run by each database subclass unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class JobStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final AtomicLong ids = new AtomicLong(5000);

    @Autowired
    JobStore store;

    @Autowired
    JobExtras extras;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void aRegisteredJobReadsBackAsItWasRegistered() {
        // GIVEN a job handed over by name, with labels
        var ref = AlationJobRef.ofName("MetadataExtraction#7_2026-03-01");
        var job = new NewJob(
                "prod", ref, JobKind.DOCUMENT_POST, Map.of("pipeline", "p7", "team", "data"), "ci", null, T0);

        // WHEN it is registered
        JobStore.Registration registration = store.register(job, "Registered by the test");

        // THEN the answer and a later read agree, field for field, at the precision the database keeps
        assertThat(registration.created()).isTrue();
        Job read = store.findById(registration.job().id()).orElseThrow();
        assertThat(read).isEqualTo(registration.job());
        Instant micros = Instant.parse("2026-03-01T10:15:30.123456Z");
        assertThat(read.instance()).isEqualTo("prod");
        assertThat(read.kind()).isEqualTo(JobKind.DOCUMENT_POST);
        assertThat(read.alationJobId()).isNull();
        assertThat(read.alationJobName()).isEqualTo("MetadataExtraction#7_2026-03-01");
        assertThat(read.status()).isEqualTo(JobStatus.PENDING);
        assertThat(read.registeredBy()).isEqualTo("ci");
        assertThat(read.registeredAt()).isEqualTo(micros);
        assertThat(read.nextPollAt()).isEqualTo(micros);
        assertThat(read.pollCount()).isZero();
        assertThat(read.version()).isZero();
        assertThat(read.finishedAt()).isNull();
        assertThat(read.leaseOwner()).isNull();
        assertThat(store.findByAlationKey("prod", ref.key())).contains(read);
        assertThat(store.labelsOf(List.of(read.id())))
                .containsExactly(Map.entry(read.id(), Map.of("pipeline", "p7", "team", "data")));
        assertThat(store.logs(read.id()))
                .containsExactly(new JobLogEntry(micros, "INFO", "pending", "Registered by the test", 1, micros));
    }

    @Test
    void registeringTheSameAlationJobAgainAnswersTheJobAlreadyTracked() {
        var ref = AlationJobRef.ofId(ids.incrementAndGet());
        Job first =
                store.register(newJob("prod", ref, Map.of("a", "1")), "first").job();

        JobStore.Registration again = store.register(newJob("prod", ref, Map.of("b", "2")), "again");

        assertThat(again.created()).isFalse();
        assertThat(again.job()).isEqualTo(first);
        assertThat(store.labelsOf(List.of(first.id())).get(first.id())).isEqualTo(Map.of("a", "1"));
        assertThat(store.logs(first.id())).extracting(JobLogEntry::message).containsExactly("first");
        // The same Alation id on another instance is another job.
        assertThat(store.register(newJob("sandbox", ref, Map.of()), "other").created())
                .isTrue();
    }

    @Test
    void anUnknownIdReadsAsNothing() {
        assertThat(store.findById("no-such-job")).isEmpty();
        assertThat(store.logs("no-such-job")).isEmpty();
        assertThat(store.labelsOf(List.of("no-such-job"))).isEmpty();
        assertThat(extras.of(List.of())).isEmpty();
        assertThat(extras.of(List.of("no-such-job"))).isEmpty();
    }

    @Test
    void labelsFollowUpsAndCallbacksAreReadForAWholePageAtOnce() {
        // GIVEN a job with a label, a callback and two follow-ups registered out of order, and a job with none
        Job a = store.register(
                        newJob("prod", AlationJobRef.ofId(ids.incrementAndGet()), Map.of("k", "a", "j", "b")),
                        "test",
                        new JobCallback("https://example.test/hook", List.of("job.ended", "job.chain_ended")))
                .job();
        Job b = register(Map.of(), null, T0);
        Job a2 = register(Map.of("k", "a2"), a.id(), T0.plusSeconds(2));
        Job a1 = register(Map.of(), a.id(), T0.plusSeconds(1));

        // WHEN their extras are read together
        Map<String, JobExtras.Extras> read = extras.of(List.of(a.id(), b.id(), a2.id()));

        // THEN each job has its own: labels in key order, follow-ups oldest first, the callback as registered
        assertThat(read).containsOnlyKeys(a.id(), a2.id());
        JobExtras.Extras ofA = read.get(a.id());
        assertThat(ofA.labels()).containsExactly(Map.entry("j", "b"), Map.entry("k", "a"));
        assertThat(ofA.followUps())
                .containsExactly(
                        new JobExtras.FollowUp(a1.id(), JobStatus.PENDING),
                        new JobExtras.FollowUp(a2.id(), JobStatus.PENDING));
        assertThat(ofA.callback())
                .isEqualTo(new JobCallback("https://example.test/hook", List.of("job.ended", "job.chain_ended")));
        assertThat(read.get(a2.id())).isEqualTo(new JobExtras.Extras(Map.of("k", "a2"), List.of(), null));
        assertThat(store.labelsOf(List.of(a.id(), b.id()))).containsOnlyKeys(a.id());
    }

    @Test
    void linkParentSetsAParentOnceOnly() {
        Job parent = register(Map.of(), null, T0);
        Job other = register(Map.of(), null, T0);
        Job child = register(Map.of(), null, T0);

        assertThat(store.linkParent(child.id(), parent.id())).isTrue();
        assertThat(store.linkParent(child.id(), other.id())).isFalse();

        assertThat(store.findById(child.id()).orElseThrow().parentId()).isEqualTo(parent.id());
    }

    /**
     * Two replicas (two whole Spring contexts, each with its own connection pool and EntityManagerFactory) register
     * the same 50 Alation jobs at the same moments. The unique key decides: each job is tracked once, exactly one
     * registration per job says it created it, and both replicas answer the same job.
     */
    @Test
    void twoReplicasRegisteringTheSameJobsAtOnceTrackEachOnce() throws Exception {
        int jobs = 50;
        List<AlationJobRef> refs = new ArrayList<>();
        for (int i = 0; i < jobs; i++) refs.add(AlationJobRef.ofId(ids.incrementAndGet()));
        try (ConfigurableApplicationContext replicaB = secondReplica()) {
            JobStore storeB = replicaB.getBean(JobStore.class);
            CyclicBarrier together = new CyclicBarrier(4);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Callable<List<JobStore.Registration>>> racers = new ArrayList<>();
                for (JobStore racing : List.of(store, store, storeB, storeB)) {
                    racers.add(() -> {
                        List<JobStore.Registration> answers = new ArrayList<>();
                        for (AlationJobRef ref : refs) {
                            together.await();
                            answers.add(racing.register(newJob("prod", ref, Map.of("race", "yes")), "raced"));
                        }
                        return answers;
                    });
                }
                List<List<JobStore.Registration>> answers = new ArrayList<>();
                for (Future<List<JobStore.Registration>> racer : threads.invokeAll(racers)) {
                    answers.add(racer.get());
                }
                for (int i = 0; i < jobs; i++) {
                    Set<String> jobIds = new HashSet<>();
                    int created = 0;
                    for (List<JobStore.Registration> racer : answers) {
                        jobIds.add(racer.get(i).job().id());
                        if (racer.get(i).created()) created++;
                    }
                    assertThat(jobIds).as("job %s", refs.get(i)).hasSize(1);
                    assertThat(created).as("job %s", refs.get(i)).isEqualTo(1);
                }
            } finally {
                threads.shutdownNow();
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from jobs", Integer.class))
                .isEqualTo(jobs);
        assertThat(jdbc.queryForObject("select count(*) from job_labels", Integer.class))
                .isEqualTo(jobs);
        assertThat(jdbc.queryForObject("select count(*) from job_logs", Integer.class))
                .isEqualTo(jobs);
    }

    /** A second gateway on this test's database: same datasource, its own pool; the schema is already migrated. */
    private ConfigurableApplicationContext secondReplica() throws SQLException {
        List<String> args = new ArrayList<>();
        // The pool's URL, not the property: the test profile's H2 URL draws a new random name at each resolution.
        args.add("--spring.datasource.url="
                + dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
        for (String name : List.of(
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.flyway.schemas",
                "gateway.security.api-keys[0].name",
                "gateway.security.api-keys[0].key",
                "gateway.security.api-keys[0].role")) {
            String value = environment.getProperty(name);
            if (value != null) args.add("--" + name + "=" + value);
        }
        args.add("--gateway.poll.enabled=false");
        args.add("--gateway.replica-name=replica-b");
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private Job register(Map<String, String> labels, String parentId, Instant at) {
        var job = new NewJob(
                "prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.GENERIC, labels, "test", parentId, at);
        return store.register(job, "Registered").job();
    }

    private static NewJob newJob(String instance, AlationJobRef ref, Map<String, String> labels) {
        return new NewJob(instance, ref, JobKind.GENERIC, labels, "test", null, T0);
    }
}
