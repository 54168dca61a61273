package io.github.alationgateway.polling;

import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Detection lag at a fixed budget, in virtual time: the gateway's own {@link DecideOutcome} and {@link Cadence}
 * (with the real {@link AgeSchedule} or {@link LearnedSchedule}) decide every poll, against a simulated Alation
 * whose jobs end at log-normal times, while a token bucket lets through {@code calls-per-second} polls. Time is a
 * variable, not the wall clock: the run is deterministic (fixed seeds, the same jobs for every cadence), takes
 * seconds for hours of traffic, and does not care how busy the machine is.
 *
 * <p>What is simplified: a poll takes no time; due jobs wait for a token in the order they fell due (the gateway
 * defers them and claims them again, in much the same order, at a cost in claims this model does not count).
 */
public final class LagSimulation {

    /** A kind of job in the mix: its share of registrations and its log-normal duration. */
    record KindMix(JobKind kind, double medianSeconds, double sigma, double share) {
        double meanSeconds() {
            return medianSeconds * Math.exp(sigma * sigma / 2);
        }
    }

    /** Medians from 2 s to 20 min: document and term loads, RDBMS objects, data quality, metadata extraction. */
    static final List<KindMix> MIX = List.of(
            new KindMix(JobKind.DOCUMENT_POST, 2, 0.6, 0.2),
            new KindMix(JobKind.TERM_PUT, 10, 0.7, 0.2),
            new KindMix(JobKind.RDBMS_TABLE_POST, 60, 0.8, 0.2),
            new KindMix(JobKind.DATA_QUALITY_VALUES_POST, 300, 0.8, 0.2),
            new KindMix(JobKind.VIRTUAL_DATASOURCE_POST, 1200, 0.6, 0.2));

    record Settings(
            double callsPerSecond,
            int running,
            Duration warmUp,
            Duration measured,
            Duration guard,
            long seed) {
        static Settings fromSystemProperties() {
            return new Settings(
                    Double.parseDouble(System.getProperty("lag.calls-per-second", "20")),
                    Integer.getInteger("lag.running", 2000),
                    Duration.ofMinutes(Long.getLong("lag.warm-up-minutes", 60)),
                    Duration.ofMinutes(Long.getLong("lag.measured-minutes", 240)),
                    Duration.ofSeconds(Long.getLong("lag.max-interval-seconds", 600)),
                    Long.getLong("lag.seed", 15));
        }

        double arrivalsPerSecond() {
            double meanSeconds =
                    MIX.stream().mapToDouble(k -> k.share() * k.meanSeconds()).sum();
            return running / meanSeconds; // Little's law
        }
    }

    /** One simulated Alation job: when it was registered, when it really ends, what the gateway saw. */
    static final class SimJob {
        final int index;
        final KindMix mix;
        final double registered;
        final double ends;
        int polls;
        double lastPoll = Double.NaN;
        double due;
        double longestGap;
        double seenEnded = Double.NaN;
        long version;
        String alationStatus;

        SimJob(int index, KindMix mix, double registered, double ends) {
            this.index = index;
            this.mix = mix;
            this.registered = registered;
            this.ends = ends;
            this.due = registered;
        }
    }

    /** The same jobs for every cadence: registrations as a Poisson stream, durations drawn per kind. */
    static List<SimJob> workload(Settings s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        Random gaussian = new Random(s.seed() + 1);
        double rate = s.arrivalsPerSecond();
        double horizon = seconds(s.warmUp().plus(s.measured()));
        List<SimJob> jobs = new ArrayList<>();
        double t = 0;
        int index = 0;
        // Start as a steady state: jobs already running at time 0, registered at uniformly spread past times.
        double lookBack = 6 * MIX.get(MIX.size() - 1).meanSeconds();
        for (double r = -lookBack; r < horizon; r += -Math.log(1 - random.nextDouble()) / rate) {
            KindMix mix = pick(random.nextDouble());
            double duration = mix.medianSeconds() * Math.exp(mix.sigma() * gaussian.nextGaussian());
            if (r + duration <= 0) continue;
            jobs.add(new SimJob(index++, mix, Math.max(r, 0), r + duration));
            t = r;
        }
        return jobs;
    }

    private static KindMix pick(double u) {
        double sum = 0;
        for (KindMix k : MIX) {
            sum += k.share();
            if (u < sum) return k;
        }
        return MIX.get(MIX.size() - 1);
    }

    record Result(
            String name,
            int jobs,
            double meanLag,
            double p95Lag,
            double pollsPerJob,
            int overGuard,
            int starved,
            double longestGap,
            double callsPerSecond,
            double[] meanLagByKind,
            double[] pollsByKind) {}

    /** Runs one cadence over the workload; measures jobs registered after the warm-up that ended by the horizon. */
    static Result run(String name, Cadence cadence, List<SimJob> template, Settings s) {
        List<SimJob> jobs = new ArrayList<>(template.size());
        for (SimJob j : template) jobs.add(new SimJob(j.index, j.mix, j.registered, j.ends));
        DecideOutcome decide = new DecideOutcome(cadence, Duration.ofDays(7), new JobDetailsMapper());
        Instant epoch = Instant.parse("2026-12-01T00:00:00Z");
        double warmUp = seconds(s.warmUp());
        double horizon = warmUp + seconds(s.measured());
        PriorityQueue<SimJob> due = new PriorityQueue<>((a, b) -> a.due != b.due
                ? Double.compare(a.due, b.due)
                : Integer.compare(a.index, b.index));
        double capacity = Math.max(1, Math.ceil(s.callsPerSecond()));
        double tokens = capacity;
        double tokensAt = 0;
        double now = 0;
        int next = 0;
        long calls = 0;
        long measuredCalls = 0;
        while (true) {
            double arrival = next < jobs.size() ? jobs.get(next).registered : Double.POSITIVE_INFINITY;
            SimJob head = due.peek();
            double pollAt = Double.POSITIVE_INFINITY;
            if (head != null) {
                double tokenAt = tokens >= 1 ? now : tokensAt + (1 - tokens) / s.callsPerSecond();
                pollAt = Math.max(Math.max(head.due, tokenAt), now);
            }
            if (Math.min(arrival, pollAt) > horizon) break;
            if (arrival <= pollAt) {
                now = Math.max(now, arrival);
                due.add(jobs.get(next++)); // registration: the first poll is due at once, as in the gateway
                continue;
            }
            now = pollAt;
            tokens = Math.min(capacity, tokens + (now - tokensAt) * s.callsPerSecond());
            tokensAt = now;
            tokens -= 1;
            SimJob job = due.poll();
            calls++;
            if (now >= warmUp) measuredCalls++;
            job.longestGap = Math.max(job.longestGap, now - (Double.isNaN(job.lastPoll) ? job.registered : job.lastPoll));
            boolean ended = now >= job.ends;
            Instant at = epoch.plusNanos(Math.round(now * 1e9));
            Job view = view(job, epoch);
            JobStatusAnswer answer = new JobStatusAnswer.Status(
                    ended ? "successful" : "running", ended ? "Job finished" : "Job is running", null);
            Outcome outcome = decide.decide(new ClaimedJob(view, at), answer, at).outcome();
            job.polls++;
            job.lastPoll = now;
            job.version++;
            job.alationStatus = answer instanceof JobStatusAnswer.Status st ? st.status() : null;
            if (outcome.finishedAt() != null) {
                job.seenEnded = now;
            } else {
                job.due = seconds(Duration.between(epoch, outcome.nextPollAt()));
                due.add(job);
            }
        }
        return summarise(name, jobs, warmUp, horizon, measuredCalls / (horizon - warmUp), s);
    }

    private static Job view(SimJob job, Instant epoch) {
        return new Job(
                "job-" + job.index,
                "default",
                job.mix.kind(),
                (long) job.index,
                null,
                job.polls == 0 ? JobStatus.PENDING : JobStatus.RUNNING,
                job.alationStatus,
                null,
                job.polls == 0 ? null : "Job is running",
                null,
                "bench",
                job.polls,
                0,
                null,
                epoch.plusNanos(Math.round(job.registered * 1e9)),
                Double.isNaN(job.lastPoll) ? null : epoch.plusNanos(Math.round(job.lastPoll * 1e9)),
                epoch.plusNanos(Math.round(job.due * 1e9)),
                null,
                null,
                "sim",
                job.version);
    }

    private static Result summarise(
            String name, List<SimJob> jobs, double warmUp, double horizon, double callsPerSecond, Settings s) {
        long registered = jobs.stream()
                .filter(j -> j.registered >= warmUp && j.registered < horizon)
                .count();
        List<SimJob> measured = jobs.stream()
                .filter(j -> j.registered >= warmUp && !Double.isNaN(j.seenEnded))
                .toList();
        double[] lags = measured.stream().mapToDouble(j -> j.seenEnded - j.ends).sorted().toArray();
        double[] lagByKind = new double[MIX.size()];
        double[] pollsByKind = new double[MIX.size()];
        int[] count = new int[MIX.size()];
        for (SimJob j : measured) {
            int k = MIX.indexOf(j.mix);
            lagByKind[k] += j.seenEnded - j.ends;
            pollsByKind[k] += j.polls;
            count[k]++;
        }
        for (int k = 0; k < count.length; k++) {
            lagByKind[k] /= Math.max(1, count[k]);
            pollsByKind[k] /= Math.max(1, count[k]);
        }
        double guard = seconds(s.guard());
        return new Result(
                name,
                measured.size(),
                Arrays.stream(lags).average().orElse(Double.NaN),
                lags.length == 0 ? Double.NaN : lags[(int) Math.min(lags.length - 1, Math.ceil(0.95 * lags.length) - 1)],
                // Steady state: every registration in the window is paid for by the window's calls.
                callsPerSecond * (horizon - warmUp) / Math.max(1, registered),
                (int) measured.stream().filter(j -> j.longestGap > guard + 1e-6).count(),
                (int) measured.stream().filter(j -> j.longestGap > guard * 1.1).count(),
                measured.stream().mapToDouble(j -> j.longestGap).max().orElse(0),
                callsPerSecond,
                lagByKind,
                pollsByKind);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static Cadence fixed(Duration interval, Duration max, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Cadence(interval, max, random::nextDouble);
    }

    static Cadence learned(Settings s, Duration interval, Duration minInterval, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        var schedule = new LearnedSchedule(
                new DurationModel(LearnedSchedule.PRIOR),
                instance -> s.callsPerSecond(),
                LearnedSchedule.floorPrice(interval),
                minInterval,
                s.guard());
        return new Cadence(interval, s.guard(), random::nextDouble, schedule);
    }

    public static void main(String[] args) {
        Settings s = Settings.fromSystemProperties();
        long started = System.nanoTime();
        List<SimJob> jobs = workload(s);
        System.out.printf(
                Locale.ROOT,
                "Detection lag at a fixed budget (virtual time): %.0f calls/s for one instance, ~%d jobs running,"
                        + " %.2f registrations/s, %d min warm-up then %d min measured; max-interval %d s; seed %d%n",
                s.callsPerSecond(),
                s.running(),
                s.arrivalsPerSecond(),
                s.warmUp().toMinutes(),
                s.measured().toMinutes(),
                s.guard().toSeconds(),
                s.seed());
        System.out.print("Mix (equal shares of registrations): ");
        System.out.println(String.join(
                ", ",
                MIX.stream()
                        .map(k -> String.format(
                                Locale.ROOT, "%s median %s σ %.1f", k.kind(), human(k.medianSeconds()), k.sigma()))
                        .toList()));
        Duration three = Duration.ofSeconds(3);
        List<Result> results = List.of(
                run("fixed 3 s (Allie-SDK)", fixed(three, three, s.seed()), jobs, s),
                run("fixed, 3 s growing to 60 s (gateway before)", fixed(three, Duration.ofSeconds(60), s.seed()), jobs, s),
                run(
                        "learned (min 0.5 s, max " + s.guard().toSeconds() + " s)",
                        learned(s, three, Duration.ofMillis(500), s.seed()),
                        jobs,
                        s));
        System.out.println();
        System.out.println("| cadence | mean lag | p95 lag | polls per job | calls/s used | jobs with a gap > max-interval"
                + " (> +10 %) | longest gap | jobs measured | mean lag by kind ("
                + String.join(" / ", MIX.stream().map(k -> human(k.medianSeconds())).toList())
                + ") | polls per job by kind |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f s | %.1f s | %.2f | %.1f | %d (%d) | %.0f s | %d | %s | %s |%n",
                    r.name(),
                    r.meanLag(),
                    r.p95Lag(),
                    r.pollsPerJob(),
                    r.callsPerSecond(),
                    r.overGuard(),
                    r.starved(),
                    r.longestGap(),
                    r.jobs(),
                    join(r.meanLagByKind(), "%.1f s"),
                    join(r.pollsByKind(), "%.1f"));
        }
        Result fixed = results.get(0);
        Result learned = results.get(2);
        System.out.printf(
                Locale.ROOT,
                "%nlearned vs fixed 3 s: mean lag %.0f %% of fixed's (goal <= 50 %%), polls per job %.2f vs %.2f"
                        + " (goal: fewer); %.1f s to simulate%n",
                100 * learned.meanLag() / fixed.meanLag(),
                learned.pollsPerJob(),
                fixed.pollsPerJob(),
                (System.nanoTime() - started) / 1e9);
    }

    private static String join(double[] values, String format) {
        return String.join(
                " / ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    private static String human(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
}
