package io.github.alationgateway.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts jobs in the simulated Alation and registers them at the gateway through its public HTTP API, as a
 * client script would: one job of every scenario at start, then one more every {@code new-job-every}. A job the
 * gateway could not take yet (it is still starting, in compose) is offered again a little later.
 */
@Component
@Profile({"demo", "demo-alation"})
class DemoTraffic implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final int MAX_WAITING = 100;
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final SimulatedAlation alation;
    private final DemoProperties settings;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("demo-traffic-"));
    private final Deque<SimulatedAlation.Started> waiting = new ArrayDeque<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean gatewayReached;

    DemoTraffic(SimulatedAlation alation, DemoProperties settings, ObjectMapper json) {
        this.alation = alation;
        this.settings = settings;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Demo API key: {}", settings.apiKey());
        if (!settings.registerJobs()) {
            log.info("Demo: simulated Alation ready; it starts no jobs itself (gateway.demo.register-jobs=false)");
            return;
        }
        URI gateway = gatewayUrl();
        log.info(
                "Demo: starting {} scripted Alation jobs and one more every {}; they are registered at {}."
                        + " Watch them: curl -H 'Authorization: Bearer {}' {}/api/v1/jobs",
                Scenario.ALL.size(),
                settings.newJobEvery(),
                gateway,
                settings.apiKey(),
                gateway);
        Scenario.ALL.forEach(this::startJob);
        long every = settings.newJobEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::registerWaiting, 0, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                () -> startJob(Scenario.ALL.get(next.getAndIncrement() % Scenario.ALL.size())),
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    private void startJob(Scenario scenario) {
        var started = alation.start(scenario);
        synchronized (waiting) {
            if (waiting.size() >= MAX_WAITING) waiting.pollFirst();
            waiting.addLast(started);
        }
    }

    private void registerWaiting() {
        while (true) {
            SimulatedAlation.Started started;
            synchronized (waiting) {
                started = waiting.peekFirst();
            }
            if (started == null || !register(started)) return;
            synchronized (waiting) {
                waiting.remove(started);
            }
        }
    }

    /** True when the gateway took the job, or refused it for good (then retrying would not help). */
    private boolean register(SimulatedAlation.Started started) {
        Scenario scenario = started.scenario();
        ObjectNode body = json.createObjectNode();
        body.set("response", started.handle());
        body.put("instance", settings.instance())
                .put("method", scenario.method())
                .put("endpoint", scenario.endpoint());
        body.putObject("labels").put("demo", "true").put("scenario", scenario.name());
        HttpRequest request = HttpRequest.newBuilder(gatewayUrl().resolve("/api/v1/jobs"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + settings.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int code = response.statusCode();
            if (code == 200 || code == 201) {
                gatewayReached = true;
                log.info(
                        "Demo: Alation started {} ({} {}); the gateway tracks it as job {}",
                        started.handle(),
                        scenario.method(),
                        scenario.endpoint(),
                        json.readTree(response.body()).path("id").asString());
                return true;
            }
            if (code >= 500 || code == 429 || code == 401 || code == 403) {
                // Not ready yet, or keys not in place yet (compose starts services in parallel): try again.
                log.info("Demo: the gateway answered {}; registering again in {}", code, RETRY);
                return false;
            }
            log.warn("Demo: the gateway refused {} with {}: {}", started.handle(), code, response.body());
            return true;
        } catch (java.io.IOException e) {
            if (gatewayReached) log.warn("Demo: the gateway at {} is not reachable: {}", gatewayUrl(), e.toString());
            else log.info("Demo: waiting for the gateway at {} to answer", gatewayUrl());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI gatewayUrl() {
        return settings.gatewayUrl();
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
