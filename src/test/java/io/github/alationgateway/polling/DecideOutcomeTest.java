package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class DecideOutcomeTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant NOW = REGISTERED.plusSeconds(30);

    private final JobDetailsMapper details = mock(JobDetailsMapper.class);
    private final DecideOutcome decide = new DecideOutcome(
            new Cadence(Duration.ofSeconds(3), Duration.ofSeconds(60), () -> 0.5), Duration.ofHours(24), details);

    private static Job aJob(JobStatus status, String alationStatus, String msg, int failures, String lastError) {
        return new Job(
                "job-1",
                "default",
                JobKind.GENERIC,
                813L,
                null,
                status,
                alationStatus,
                null,
                msg,
                null,
                null,
                3,
                failures,
                lastError,
                REGISTERED,
                null,
                NOW.plusSeconds(30),
                null,
                null,
                "replica-a",
                4);
    }

    private static ClaimedJob claimed(Job job) {
        return new ClaimedJob(job, NOW);
    }

    private Outcome decide(Job job, JobStatusAnswer answer) {
        return decide.decide(claimed(job), answer, NOW).outcome();
    }

    @ParameterizedTest
    @CsvSource({
        "successful, SUCCESSFUL",
        "failed, FAILED",
        "partially_successful, PARTIALLY_SUCCESSFUL",
        "Successful, SUCCESSFUL"
    })
    void alationsTerminalStatusesEndTracking(String reported, JobStatus expected) {
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", "Job is running", 0, null),
                new JobStatusAnswer.Status(reported, "done", null));

        assertThat(outcome.status()).isEqualTo(expected);
        assertThat(outcome.alationStatus()).isEqualTo(reported);
        assertThat(outcome.finishedAt()).isEqualTo(NOW);
        assertThat(outcome.nextPollAt()).isNull();
        assertThat(outcome.logs())
                .extracting(Outcome.LogLine::message)
                .containsExactly(
                        "Alation reports status '" + reported + "': done", "Tracking ended: " + expected.wire());
    }

    @Test
    void aResultOverTheCapIsStoredShortenedAndMarked() {
        DecideOutcome capped = new DecideOutcome(
                new Cadence(Duration.ofSeconds(3), Duration.ofSeconds(60), () -> 0.5),
                Duration.ofHours(24),
                details,
                DataSize.ofKilobytes(1));
        var result = JsonMapper.builder().build().createArrayNode();
        for (int i = 0; i < 1000; i++) result.add(i);

        Outcome small = capped.decide(
                        claimed(aJob(JobStatus.RUNNING, "running", null, 0, null)),
                        new JobStatusAnswer.Status(
                                "successful",
                                null,
                                result.deepCopy().removeAll().add(1)),
                        NOW)
                .outcome();
        Outcome large = capped.decide(
                        claimed(aJob(JobStatus.RUNNING, "running", null, 0, null)),
                        new JobStatusAnswer.Status("successful", null, result),
                        NOW)
                .outcome();

        assertThat(small.rawResult()).isEqualTo("[1]");
        assertThat(small.rawResultTruncated()).isFalse();
        assertThat(large.rawResultTruncated()).isTrue();
        assertThat(large.rawResult()).startsWith("[0,1,2,").hasSizeLessThanOrEqualTo(1024);
    }

    /** A poll that learns nothing new keeps the stored result, and with it the mark that it was shortened. */
    @Test
    void aFailedPollKeepsTheShortenedResultAndItsMark() {
        Job stored = aJob(JobStatus.RUNNING, "running", null, 0, null);
        Job shortened = new Job(
                stored.id(),
                stored.instance(),
                stored.kind(),
                stored.alationJobId(),
                stored.alationJobName(),
                stored.status(),
                stored.alationStatus(),
                stored.statusReason(),
                stored.msg(),
                "[0,1,2]",
                stored.registeredBy(),
                stored.pollCount(),
                stored.failureCount(),
                stored.lastError(),
                stored.registeredAt(),
                stored.lastPolledAt(),
                stored.nextPollAt(),
                stored.finishedAt(),
                stored.parentId(),
                stored.leaseOwner(),
                stored.version(),
                null,
                true);

        Outcome outcome = decide(shortened, new JobStatusAnswer.Unavailable("HTTP 503"));

        assertThat(outcome.rawResult()).isEqualTo("[0,1,2]");
        assertThat(outcome.rawResultTruncated()).isTrue();
    }

    @Test
    void theOutcomeIsGuardedByTheClaimsVersionAndOwner() {
        Outcome outcome =
                decide(aJob(JobStatus.PENDING, null, null, 0, null), new JobStatusAnswer.Status("running", null, null));

        assertThat(outcome.version()).isEqualTo(4);
        assertThat(outcome.leaseOwner()).isEqualTo("replica-a");
    }

    @Test
    void aRunningJobIsPolledAgainAndLogsOnlyWhatChanged() {
        Job job = aJob(JobStatus.RUNNING, "running", "Job is running", 0, null);

        Outcome same = decide(job, new JobStatusAnswer.Status("running", "Job is running", null));
        Outcome changed = decide(job, new JobStatusAnswer.Status("running", "50% done", null));

        assertThat(same.logs()).isEmpty();
        assertThat(same.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(same.nextPollAt()).isEqualTo(NOW.plusSeconds(3));
        assertThat(same.polledAt()).isEqualTo(NOW);
        assertThat(changed.logs())
                .extracting(Outcome.LogLine::message)
                .containsExactly("Alation reports status 'running': 50% done");
    }

    @Test
    void anUnknownStatusIsKeptVerbatimAndPollingGoesOn() {
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", null, 0, null),
                new JobStatusAnswer.Status("queued_for_retry", null, null));

        assertThat(outcome.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.alationStatus()).isEqualTo("queued_for_retry");
        assertThat(outcome.statusReason()).contains("unknown status 'queued_for_retry'");
        assertThat(outcome.finishedAt()).isNull();
        assertThat(outcome.nextPollAt()).isNotNull();
        assertThat(outcome.logs()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo("WARN");
            assertThat(line.status()).isEqualTo("queued_for_retry");
        });
    }

    /**
     * A fault of the instance is not the job's: the job used to back off on its own (one saw 9 faults in a row and
     * waited 27 s) while the instance answered its other jobs. The instance's circuit holds back a run of faults.
     */
    @Test
    void faultsAroundTheJobNeverFailItAndRetryAtTheBaseInterval() {
        Job job = aJob(JobStatus.RUNNING, "running", null, 8, null);

        Outcome outcome = decide(job, new JobStatusAnswer.Unavailable("Alation answered HTTP 503"));

        assertThat(outcome.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.finishedAt()).isNull();
        assertThat(outcome.failureCount()).isEqualTo(9);
        // the interval (3 s) with the jitter of the fixed random 0.5: between half and all of it
        assertThat(outcome.nextPollAt()).isEqualTo(NOW.plusMillis(2_250));
        assertThat(outcome.lastError()).isEqualTo("Poll failed: Alation unavailable: Alation answered HTTP 503");
        assertThat(outcome.logs())
                .singleElement()
                .satisfies(line -> assertThat(line.repeatOfLast()).isFalse());
    }

    @Test
    void aRepeatedIdenticalErrorIsFoldedIntoTheLastLogEntry() {
        String error = "Poll failed: Alation unavailable: Alation answered HTTP 503";
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", null, 1, error),
                new JobStatusAnswer.Unavailable("Alation answered HTTP 503"));

        assertThat(outcome.logs())
                .singleElement()
                .satisfies(line -> assertThat(line.repeatOfLast()).isTrue());
    }

    @Test
    void aNotFoundJobIsTriedAgain() {
        Outcome outcome = decide(
                aJob(JobStatus.PENDING, null, null, 0, null), new JobStatusAnswer.NotFound("Alation answered 404"));

        assertThat(outcome.status()).isEqualTo(JobStatus.PENDING);
        assertThat(outcome.nextPollAt()).isNotNull();
        assertThat(outcome.lastError()).contains("does not know this job (yet)");
    }

    @Test
    void anAnswerTooLargeToReadBacksOffThisJobAlone() {
        Job job = aJob(JobStatus.RUNNING, "running", null, 2, null);

        Outcome outcome = decide(
                job,
                new JobStatusAnswer.Unreadable("answer larger than the 16384 KB cap (gateway.poll.max-answer-size)"));

        assertThat(outcome.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.failureCount()).isEqualTo(3);
        // 3 s << 2, with the jitter of the fixed random 0.5
        assertThat(outcome.nextPollAt()).isEqualTo(NOW.plusMillis(9_000));
        assertThat(outcome.lastError()).contains("max-answer-size");
    }

    @Test
    void throttlingWaitsAsLongAsAlationAsks() {
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", null, 0, null),
                new JobStatusAnswer.Throttled(Duration.ofSeconds(20), "HTTP 429"));

        assertThat(outcome.nextPollAt()).isBetween(NOW.plusSeconds(20), NOW.plusSeconds(25));
        assertThat(outcome.status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aCallHeldBackByTheGatewayChangesNothingButTheNextPoll() {
        Job job = aJob(JobStatus.RUNNING, "running", "Job is running", 1, "Poll failed: x");
        Outcome outcome = decide(job, new JobStatusAnswer.Deferred(Duration.ofMillis(200), "at concurrency limit"));

        assertThat(outcome.logs()).isEmpty();
        assertThat(outcome.polledAt()).isNull();
        assertThat(outcome.failureCount()).isEqualTo(1);
        assertThat(outcome.lastError()).isEqualTo("Poll failed: x");
        assertThat(outcome.msg()).isEqualTo("Job is running");
        assertThat(outcome.nextPollAt()).isBetween(NOW.plusMillis(200), NOW.plusMillis(250));
    }

    @Test
    void rejectedCredentialsMakeTheJobWaitNotFail() {
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", null, 0, null),
                new JobStatusAnswer.CredentialsRejected("Alation rejected the refresh token"));

        assertThat(outcome.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.nextPollAt()).isAfterOrEqualTo(NOW.plusSeconds(60));
        assertThat(outcome.lastError()).contains("Waiting for working credentials");
    }

    @Test
    void aJobPastItsDeadlineExpiresSayingWhatWasLastSeen() {
        Instant late = REGISTERED.plus(Duration.ofHours(24));
        Job job = aJob(JobStatus.RUNNING, "running", "Job is running", 0, null);

        Outcome running = decide.decide(claimed(job), new JobStatusAnswer.Status("running", "still", null), late)
                .outcome();
        Outcome unreachable = decide.decide(claimed(job), new JobStatusAnswer.Unavailable("no answer within 10s"), late)
                .outcome();

        assertThat(running.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(running.finishedAt()).isEqualTo(late);
        assertThat(running.nextPollAt()).isNull();
        assertThat(running.statusReason())
                .isEqualTo("Not finished within 24h of registration; last seen: Alation status 'running' (still)");
        assertThat(unreachable.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(unreachable.statusReason()).endsWith("no answer within 10s");
        assertThat(running.logs())
                .last()
                .satisfies(line -> assertThat(line.message()).startsWith("Tracking ended: expired"));
    }

    @Test
    void aFinishedJobThatNamesASecondJobAsksForItToBeTracked() {
        var result = JsonMapper.builder().build().readTree("\"... (can be tracked using jobs API): 12345\"");
        when(details.followUpJobId(any(), any())).thenReturn(OptionalLong.of(12345));

        Decision decision = decide.decide(
                claimed(aJob(JobStatus.RUNNING, "running", null, 0, null)),
                new JobStatusAnswer.Status("successful", null, result),
                NOW);

        assertThat(decision.followUpAlationJobId()).hasValue(12345);
        assertThat(decision.outcome().rawResult()).isEqualTo("\"... (can be tracked using jobs API): 12345\"");
    }

    @Test
    void aRecoveryAfterFailedPollsIsLogged() {
        Outcome outcome = decide(
                aJob(JobStatus.RUNNING, "running", null, 4, "Poll failed: x"),
                new JobStatusAnswer.Status("running", null, null));

        assertThat(outcome.failureCount()).isZero();
        assertThat(outcome.lastError()).isNull();
        assertThat(outcome.logs())
                .extracting(Outcome.LogLine::message)
                .containsExactly("Alation answered again after 4 failed polls");
    }
}
