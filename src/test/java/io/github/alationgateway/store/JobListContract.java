package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.CountingDataSource;
import io.github.alationgateway.support.EmptyStore;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job list through Specifications and keyset scrolling: every filter keeps exactly the jobs it names, pages
 * follow each other without gap or repeat (also across jobs registered at the same instant), and a page of 500
 * jobs with labels and follow-ups costs the same two statements as a page of 5 or one job by id. Run on each database unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
@Import(JobListContract.Counting.class)
abstract class JobListContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong ids = new AtomicLong(90_000);

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return CountingDataSource.wrapping();
        }
    }

    @Autowired
    JobStore store;

    @Autowired
    JobViews views;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void eachFilterKeepsExactlyTheJobsItNames() {
        // GIVEN jobs that differ in one attribute each
        Job plain = register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, Map.of(), 0);
        Job sandbox = register("sandbox", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, Map.of(), 1);
        Job post = register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.DOCUMENT_POST, Map.of(), 2);
        Job named = register("prod", AlationJobRef.ofName("MetadataExtraction#9"), JobKind.TERM_PUT, Map.of(), 3);
        Job p7 = register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, labels("p7", "a"), 4);
        Job p8 = register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, labels("p8", "a"), 5);
        tx.executeWithoutResult(status -> jdbc.update("update jobs set status = 'FAILED' where id = ?", plain.id()));

        // THEN each filter answers exactly its jobs, newest first
        assertThat(ids(query().status(JobStatus.FAILED))).containsExactly(plain.id());
        assertThat(ids(query().kind(JobKind.DOCUMENT_POST))).containsExactly(post.id());
        assertThat(ids(query().instance("sandbox"))).containsExactly(sandbox.id());
        assertThat(ids(query().alationJobId(post.alationJobId()))).containsExactly(post.id());
        assertThat(ids(query().alationJobName("MetadataExtraction#9"))).containsExactly(named.id());
        assertThat(ids(query().alationJobName("MetadataExtraction#*"))).containsExactly(named.id());
        assertThat(ids(query().alationJobName("Metadata*"))).containsExactly(named.id());
        assertThat(ids(query().alationJobName("MetadataExtraction#1*"))).isEmpty();
        // The prefix's own LIKE wildcards are plain characters: '_' is not "any one character"
        assertThat(ids(query().alationJobName("Metadata_xtraction*"))).isEmpty();
        assertThat(ids(query().alationJobName("%*"))).isEmpty();
        assertThat(ids(query().label("pipeline", "p7"))).containsExactly(p7.id());
        assertThat(ids(query().label("team", "a"))).containsExactly(p8.id(), p7.id());
        assertThat(ids(query().label("team", "a").label("pipeline", "p8"))).containsExactly(p8.id());
        assertThat(ids(query().label("team", "b"))).isEmpty();
        // A label read from its own side keeps every other filter the job's side has
        assertThat(ids(query().label("team", "a").registeredAfter(T0.plusSeconds(5))))
                .containsExactly(p8.id());
        assertThat(ids(query().label("team", "a").registeredBefore(T0.plusSeconds(5))))
                .containsExactly(p7.id());
        assertThat(ids(query().label("team", "a").status(JobStatus.PENDING))).containsExactly(p8.id(), p7.id());
        assertThat(ids(query().label("team", "a").status(JobStatus.FAILED))).isEmpty();
        assertThat(ids(query().label("team", "a").kind(JobKind.DOCUMENT_POST))).isEmpty();
        assertThat(ids(query().label("team", "a").instance("prod").kind(JobKind.TERM_PUT)))
                .containsExactly(p8.id(), p7.id());
        assertThat(ids(query().label("team", "a").visible(Set.of("sandbox")))).isEmpty();
        assertThat(ids(query().label("team", "a").visible(Set.of("prod", "sandbox"))))
                .containsExactly(p8.id(), p7.id());
        assertThat(ids(query().label("team", "a").alationJobId(p7.alationJobId())))
                .containsExactly(p7.id());
        assertThat(ids(query().registeredAfter(T0.plusSeconds(3)).registeredBefore(T0.plusSeconds(5))))
                .containsExactly(p7.id(), named.id());
        assertThat(ids(query().kind(JobKind.TERM_PUT).instance("prod").registeredAfter(T0.plusSeconds(4))))
                .containsExactly(p8.id(), p7.id());
        assertThat(ids(query().visible(Set.of("sandbox")))).containsExactly(sandbox.id());
        assertThat(ids(query().visible(Set.of()))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeatAlsoAcrossJobsRegisteredAtOneInstant() {
        // GIVEN 25 jobs, in groups of five registered at the very same instant
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            registered.add(
                    register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, Map.of(), i / 5)
                            .id());
        }

        // WHEN they are read 4 at a time
        List<String> read = readAllPages(query(), 4);

        // THEN every job comes once, newest first, ties by id descending
        assertThat(read).hasSize(25).doesNotHaveDuplicates().isEqualTo(newestFirst(registered));
    }

    @Test
    void labelledPagesFollowEachOtherWithoutGapOrRepeatAlsoAcrossJobsRegisteredAtOneInstant() {
        // GIVEN 30 jobs in groups registered at one instant, two thirds of them with the label asked for, and the
        // rest with another value of the same key
        List<String> nightly = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, String> labels = Map.of("pipeline", i % 3 == 0 ? "hourly" : "nightly");
            Job job = register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, labels, i / 6);
            if (i % 3 != 0) nightly.add(job.id());
        }

        // WHEN the label's jobs are read 3 at a time, also with a time range that cuts the first and last groups
        List<String> read = readAllPages(query().label("pipeline", "nightly"), 3);
        List<String> ranged = readAllPages(
                query().label("pipeline", "nightly")
                        .registeredAfter(T0.plusSeconds(1))
                        .registeredBefore(T0.plusSeconds(4)),
                3);

        // THEN each comes once, in the list's order, and the range keeps exactly its jobs
        assertThat(read).hasSize(20).isEqualTo(newestFirst(nightly));
        List<String> inRange = store.findAllById(nightly).stream()
                .filter(job -> !job.registeredAt().isBefore(T0.plusSeconds(1))
                        && job.registeredAt().isBefore(T0.plusSeconds(4)))
                .map(Job::id)
                .toList();
        assertThat(ranged).hasSize(12).isEqualTo(newestFirst(inRange));
    }

    /** Every page of the query, {@code pageSize} at a time, each after the last job of the one before. */
    private List<String> readAllPages(QueryBuilder query, int pageSize) {
        List<String> read = new ArrayList<>();
        JobQuery.Position after = null;
        for (int page = 0; page < 20; page++) {
            List<Job> jobs = store.list(query.after(after).pageSize(pageSize).build());
            jobs.forEach(job -> read.add(job.id()));
            if (jobs.size() < pageSize) break;
            Job last = jobs.get(jobs.size() - 1);
            after = new JobQuery.Position(last.registeredAt(), last.id());
        }
        return read;
    }

    /** The list's order: newest first, ties by id descending. */
    private List<String> newestFirst(List<String> jobIds) {
        return store.findAllById(jobIds).stream()
                .sorted((a, b) -> a.registeredAt().equals(b.registeredAt())
                        ? b.id().compareTo(a.id())
                        : b.registeredAt().compareTo(a.registeredAt()))
                .map(Job::id)
                .toList();
    }

    @Test
    void aPageOf500WithLabelsAndFollowUpsCostsAFixedSmallNumberOfStatements() throws Exception {
        // GIVEN 600 labelled jobs, 300 of them with a follow-up, and jobs of another pipeline
        for (int i = 0; i < 300; i++) {
            Job parent =
                    register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, labels("p7", "a"), i);
            store.register(
                    new NewJob(
                            "prod",
                            AlationJobRef.ofId(ids.incrementAndGet()),
                            JobKind.TERM_PUT,
                            labels("p7", "b"),
                            "test",
                            parent.id(),
                            T0.plusSeconds(i)),
                    "follow-up");
            register("prod", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_PUT, labels("p8", "a"), i);
        }
        CountingDataSource counting = dataSource.unwrap(CountingDataSource.class);

        // WHEN a page of 500 and a page of 5 are read and shown, as the list API does
        counting.take();
        List<JobView> page = views.views(
                store.list(query().label("pipeline", "p7").pageSize(500).build()));
        List<String> statementsOf500 = counting.take();
        views.views(store.list(query().label("pipeline", "p7").pageSize(5).build()));
        List<String> statementsOf5 = counting.take();
        counting.takeCommits();
        JobView one = views.view(store.findById(page.get(0).id()).orElseThrow());
        List<String> statementsOfOne = counting.take();
        long commitsOfOne = counting.takeCommits();

        // THEN the page is complete, and costs two statements either way: the jobs, and their labels, follow-ups
        // and callbacks together; so does one job by id, with no transaction around either
        assertThat(page).hasSize(500);
        assertThat(page).allSatisfy(view -> assertThat(view.labels()).containsEntry("pipeline", "p7"));
        assertThat(page.stream().filter(view -> !view.followUpIds().isEmpty())).hasSizeGreaterThanOrEqualTo(240);
        assertThat(statementsOf500)
                .as("statements of a page of 500: %s", statementsOf500)
                .hasSize(2);
        assertThat(statementsOf5)
                .as("statements of a page of 5: %s", statementsOf5)
                .hasSize(2);
        assertThat(one).isEqualTo(page.get(0));
        assertThat(statementsOfOne)
                .as("statements of one job by id: %s", statementsOfOne)
                .hasSize(2);
        assertThat(commitsOfOne)
                .as("transactions committed to read one job by id")
                .isZero();
    }

    private List<String> ids(QueryBuilder query) {
        return store.list(query.build()).stream().map(Job::id).toList();
    }

    private Job register(String instance, AlationJobRef ref, JobKind kind, Map<String, String> labels, int second) {
        return store.register(new NewJob(instance, ref, kind, labels, "test", null, T0.plusSeconds(second)), "test")
                .job();
    }

    private static Map<String, String> labels(String pipeline, String team) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("pipeline", pipeline);
        labels.put("team", team);
        return labels;
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    /** A JobQuery with only what a test sets. */
    private static final class QueryBuilder {
        private JobStatus status;
        private JobKind kind;
        private String instance;
        private Long alationJobId;
        private String alationJobName;
        private final Map<String, String> labels = new HashMap<>();
        private Instant after;
        private Instant before;
        private JobQuery.Position position;
        private int pageSize = 100;
        private Set<String> visible;

        QueryBuilder status(JobStatus value) {
            status = value;
            return this;
        }

        QueryBuilder kind(JobKind value) {
            kind = value;
            return this;
        }

        QueryBuilder instance(String value) {
            instance = value;
            return this;
        }

        QueryBuilder alationJobId(Long value) {
            alationJobId = value;
            return this;
        }

        QueryBuilder alationJobName(String value) {
            alationJobName = value;
            return this;
        }

        QueryBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        QueryBuilder registeredAfter(Instant value) {
            after = value;
            return this;
        }

        QueryBuilder registeredBefore(Instant value) {
            before = value;
            return this;
        }

        QueryBuilder after(JobQuery.Position value) {
            position = value;
            return this;
        }

        QueryBuilder pageSize(int value) {
            pageSize = value;
            return this;
        }

        QueryBuilder visible(Set<String> value) {
            visible = value;
            return this;
        }

        JobQuery build() {
            return new JobQuery(
                    status,
                    kind,
                    instance,
                    alationJobId,
                    alationJobName,
                    labels,
                    after,
                    before,
                    position,
                    pageSize,
                    visible);
        }
    }
}
