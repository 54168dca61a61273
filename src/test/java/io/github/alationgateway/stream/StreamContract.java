package io.github.alationgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.StatusChanges.StatusChange;
import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event stream through the running gateway; written once and run on each database.
 */
abstract class StreamContract extends StreamGateway {

    @Test
    void aStreamSeesRegisteredRunningEndedForItsJobsAndNothingElse() {
        // GIVEN a stream of the jobs labelled with this test's run
        String run = label();
        EventStreamClient stream = stream("/api/v1/events?label=run:" + run);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.lines().isEmpty());
        assertThat(stream.lines().get(0)).isEqualTo("retry: 3000");

        // WHEN one of its jobs and one of another run go through their lives
        RunningJob mine = running("default", run);
        RunningJob other = running("default", label());
        end(mine, "successful");
        end(other, "successful");

        // THEN it sees its job's events in order, each once, and none of the other job's
        await().atMost(Duration.ofSeconds(15)).until(() -> stream.events().size() >= 4);
        assertThat(stream.events())
                .extracting(EventStreamClient.Event::type)
                .containsExactly("job.registered", "job.running", "job.ended", "job.chain_ended");
        assertThat(stream.events())
                .allMatch(e -> e.data().path("data").path("id").asString().equals(mine.id()));
        assertThat(stream.ids()).isSorted().doesNotHaveDuplicates();
        assertThat(stream.events().get(2).data().path("data").path("status").asString())
                .isEqualTo("successful");
        assertThat(stream.events().get(2).data().path("seq").asLong())
                .isEqualTo(stream.events().get(2).id());
    }

    @Test
    void aResumedStreamGetsEveryMissedEventExactlyOnce() {
        // GIVEN a stream that saw two jobs registered and running, then went away
        String run = label();
        EventStreamClient first = stream("/api/v1/events?label=run:" + run);
        RunningJob a = running("default", run);
        RunningJob b = running("default", run);
        await().atMost(Duration.ofSeconds(15)).until(() -> first.events().size() >= 4);
        first.close();
        long lastSeen = first.lastId();
        List<Long> seen = first.ids();

        // WHEN both jobs end meanwhile, and the client comes back with Last-Event-ID
        end(a, "successful");
        end(b, "failed");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(b.id()).path("chain_status").asString().equals("failed")
                        && api.job(a.id()).path("chain_status").asString().equals("successful"));
        EventStreamClient resumed = stream("/api/v1/events?label=run:" + run, GatewayApi.TEST_ADMIN_KEY, "" + lastSeen);

        // THEN it gets the four events it missed, each once, after what it saw; ?after= does the same
        await().atMost(Duration.ofSeconds(15)).until(() -> resumed.events().size() >= 4);
        assertThat(resumed.ids()).isSorted().doesNotHaveDuplicates().allMatch(id -> id > lastSeen);
        assertThat(resumed.events())
                .extracting(EventStreamClient.Event::type)
                .containsExactlyInAnyOrder("job.ended", "job.chain_ended", "job.ended", "job.chain_ended");
        EventStreamClient byParameter = stream("/api/v1/events?label=run:" + run + "&after=" + lastSeen);
        await().atMost(Duration.ofSeconds(15)).until(() -> byParameter.events().size() >= 4);
        assertThat(byParameter.ids()).isEqualTo(resumed.ids());
        assertThat(seen).doesNotContainAnyElementsOf(resumed.ids());
    }

    @Test
    void filtersByTypeKindAndJobIdAndRefusesWhatIsNotValid() {
        String run = label();
        RunningJob a = running("default", run);
        RunningJob b = running("default", run);
        EventStreamClient ended = stream("/api/v1/events?types=job.ended&kind=GENERIC&job_id=" + a.id());

        end(b, "successful");
        end(a, "failed");

        await().atMost(Duration.ofSeconds(15)).until(() -> ended.events().size() >= 1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(b.id()).path("chain_status").asString().equals("successful"));
        assertThat(ended.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("job.ended");
            assertThat(e.data().path("data").path("id").asString()).isEqualTo(a.id());
        });
        assertThat(stream("/api/v1/events?types=job.done")
                        .problem()
                        .path("field")
                        .asString())
                .isEqualTo("types");
        assertThat(stream("/api/v1/events?kind=NOPE").problem().path("field").asString())
                .isEqualTo("kind");
        assertThat(stream("/api/v1/events?label=nocolon")
                        .problem()
                        .path("field")
                        .asString())
                .isEqualTo("label");
        assertThat(stream("/api/v1/events?after=x").problem().path("field").asString())
                .isEqualTo("after");
        EventStreamClient unknownJob = stream("/api/v1/events?job_id=no-such-job");
        assertThat(unknownJob.status()).isEqualTo(404);
        assertThat(unknownJob.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aKeyLimitedToAnInstanceSeesOnlyItsEvents() {
        String run = label();
        EventStreamClient limited = stream("/api/v1/events?label=run:" + run, OTHER_READER_KEY, null);
        EventStreamClient all = stream("/api/v1/events?label=run:" + run);

        RunningJob mine = running("other", run);
        RunningJob notMine = running("default", run);

        await().atMost(Duration.ofSeconds(15)).until(() -> all.events().size() >= 4);
        await().atMost(Duration.ofSeconds(15)).until(() -> limited.events().size() >= 2);
        assertThat(limited.events())
                .allMatch(e -> e.data().path("data").path("id").asString().equals(mine.id()));
        assertThat(all.events())
                .anyMatch(e -> e.data().path("data").path("id").asString().equals(notMine.id()));
        EventStreamClient peeking = stream("/api/v1/events?job_id=" + notMine.id(), OTHER_READER_KEY, null);
        assertThat(peeking.status()).isEqualTo(404);
    }

    @Test
    void streamsAreBoundedPerKeyAndPerReplicaWithA429() {
        List<EventStreamClient> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) mine.add(stream("/api/v1/events"));
        assertThat(mine).allMatch(c -> c.status() == 200);

        EventStreamClient fourth = stream("/api/v1/events");
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fourth.problem().path("detail").asString()).contains("gateway.events.max-streams-per-key");

        stream("/api/v1/events", OTHER_READER_KEY, null);
        stream("/api/v1/events", OTHER_READER_KEY, null);
        EventStreamClient sixth = stream("/api/v1/events", THIRD_READER_KEY, null);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.problem().path("detail").asString()).contains("gateway.events.max-streams");
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() == 5);

        mine.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 4);
        assertThat(stream("/api/v1/events", THIRD_READER_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void theApiDocumentDescribesTheStream() {
        var doc = api.get("/v3/api-docs")
                .body()
                .path("paths")
                .path("/api/v1/events")
                .path("get");

        assertThat(doc.path("responses").path("200").path("content").has("text/event-stream"))
                .isTrue();
        assertThat(doc.path("responses").has("410")).isTrue();
        assertThat(doc.path("responses").has("429")).isTrue();
        assertThat(doc.path("parameters").valueStream().map(p -> p.path("name").asString()))
                .contains("types", "instance", "kind", "label", "job_id", "after", "Last-Event-ID");
    }

    @Test
    void aQuietStreamIsPinged() {
        EventStreamClient quiet = stream("/api/v1/events?label=run:" + label());

        await().atMost(Duration.ofSeconds(10)).until(() -> quiet.comments().contains("ping"));
        assertThat(quiet.events()).isEmpty();
    }

    @Test
    void aResumePointPastTheRetentionAnswers410() {
        RunningJob job = running("default", label());
        long newest = log.latestSeq();
        tx.executeWithoutResult(status -> jdbc.update("delete from job_events where seq <= ?", newest));

        EventStreamClient tooOld = stream("/api/v1/events?after=0");
        EventStreamClient recent = stream("/api/v1/events", GatewayApi.TEST_ADMIN_KEY, "" + newest);

        assertThat(tooOld.status()).isEqualTo(410);
        assertThat(tooOld.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooOld.problem().path("detail").asString()).contains("gateway.events.retention");
        assertThat(recent.status()).isEqualTo(200);
        assertThat(job.id()).isNotNull();
    }

    /**
     * Two transactions write events; the one that drew the lower seq commits last. A stream must wait for it
     * rather than pass the higher seq and skip the lower one for good.
     */
    @Test
    void anEventCommittedLateWithALowerSeqIsNeitherSkippedNorDuplicated() throws Exception {
        // GIVEN two running jobs and a stream of their ends
        String run = label();
        RunningJob a = running("default", run);
        RunningJob b = running("default", run);
        EventStreamClient stream = stream("/api/v1/events?types=job.ended&job_id=" + a.id() + "&job_id=" + b.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() >= 1);

        // WHEN A writes its event and holds its transaction open, B writes after it and commits first
        CountDownLatch aWrote = new CountDownLatch(1);
        CountDownLatch aMayCommit = new CountDownLatch(1);
        CompletableFuture<Void> aCommits = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            changes.changed(List.of(new StatusChange(a.id(), JobStatus.RUNNING, JobStatus.SUCCESSFUL)));
            aWrote.countDown();
            try {
                assertThat(aMayCommit.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(aWrote.await(10, TimeUnit.SECONDS)).isTrue();
        tx.executeWithoutResult(
                status -> changes.changed(List.of(new StatusChange(b.id(), JobStatus.RUNNING, JobStatus.SUCCESSFUL))));

        // THEN while A is open the stream passes nothing, though B's event is committed and visible
        long bSeq = ofJob(b.id());
        long ticks = feed.ticks();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.ticks() >= ticks + 5);
        assertThat(stream.events()).isEmpty();

        // AND once A commits it gets A's event, then B's: in seq order, each once
        aMayCommit.countDown();
        aCommits.get(10, TimeUnit.SECONDS);
        long aSeq = ofJob(a.id());
        assertThat(aSeq).isLessThan(bSeq);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() >= 2);
        assertThat(stream.ids()).containsExactly(aSeq, bSeq);
    }

    @Test
    void aSlowReaderIsCutOffWithALastCommentAndItsResumeLosesNothing() throws Exception {
        // GIVEN a client that opened a stream and does not read
        String run = label();
        double cutOff = closed("slow");
        try (UnreadStream slow = new UnreadStream(port, "/api/v1/events?label=run:" + run, GatewayApi.TEST_ADMIN_KEY)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() >= 1);

            // WHEN 6 MB of its events are committed: more than the socket buffers and the stream's 64 KB, left full
            // for the ping interval
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 60; i++) seqs.add(insertEvent(run, 100_000));

            // THEN it is cut off, and once it reads it finds a prefix of its events and the comment last
            await().atMost(Duration.ofSeconds(20)).until(() -> closed("slow") > cutOff);
            assertThat(slow.readToEnd()).isEqualTo(200);
            assertThat(slow.comments()).last().asString().startsWith("cut off");
            assertThat(slow.ids()).isEqualTo(seqs.subList(0, slow.ids().size()));
            assertThat(slow.ids()).hasSizeLessThan(seqs.size());

            // AND resuming from the last id it read gets the rest, each once
            String last =
                    slow.ids().isEmpty() ? "0" : "" + slow.ids().get(slow.ids().size() - 1);
            long resumeFrom = slow.ids().isEmpty() ? seqs.get(0) - 1 : Long.parseLong(last);
            EventStreamClient resumed =
                    stream("/api/v1/events?label=run:" + run, GatewayApi.TEST_ADMIN_KEY, "" + resumeFrom);
            int rest = seqs.size() - slow.ids().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.events().size() >= rest);
            assertThat(resumed.ids()).isEqualTo(seqs.subList(slow.ids().size(), seqs.size()));
        }
    }

    /** An event written straight into the log (committed at once), with {@code padding} characters of label. */
}
