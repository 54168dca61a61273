package io.github.alationgateway.registration;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.polling.PollTrigger;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobCallback;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.NewJob;
import io.github.alationgateway.store.RegisterBatch;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.view.LabelRules;
import io.github.alationgateway.webhooks.Callbacks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Accepts a job handle from a client and starts tracking it, once per Alation job. */
@Service
class RegisterJob {

    private static final Logger log = LoggerFactory.getLogger(RegisterJob.class);

    private final JobStore store;
    private final AlationClient alation;
    private final InstanceScope scope;
    private final PollTrigger trigger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Callbacks callbacks;
    private final RegisterBatch batch;
    private final JobViews views;

    RegisterJob(
            JobStore store,
            AlationClient alation,
            InstanceScope scope,
            PollTrigger trigger,
            MeterRegistry meters,
            Clock clock,
            Callbacks callbacks,
            RegisterBatch batch,
            JobViews views) {
        this.batch = batch;
        this.views = views;
        this.store = store;
        this.alation = alation;
        this.scope = scope;
        this.trigger = trigger;
        this.meters = meters;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    /** What a registration answers: the job as the API shows it, and whether this call created it. */
    record Registered(JobView job, boolean created) {}

    Registered register(RegistrationRequest request, String registeredBy) {
        RegisterBatch.Item item = check(request, registeredBy);
        var registration = store.register(item.job(), item.registeredMessage(), item.callback());
        registered(List.of(registration), false);
        JobView view = registration.created()
                ? views.registered(registration.job(), item.job().labels(), item.callback())
                : views.view(registration.job());
        return new Registered(view, registration.created());
    }

    /**
     * Registers the items that {@link #check} accepted, in one transaction, and answers one registration per item,
     * in their order.
     */
    List<Registered> registerAll(List<RegisterBatch.Item> items) {
        List<JobStore.Registration> registrations = batch.register(items);
        registered(registrations, true);
        // New jobs are shown from what their items hold; only the jobs tracked before are read, all at once.
        Map<String, JobView> shown = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JobStore.Registration r = registrations.get(i);
            if (!r.created()) continue;
            RegisterBatch.Item item = items.get(i);
            shown.put(r.job().id(), views.registered(r.job(), item.job().labels(), item.callback()));
        }
        Map<String, Job> tracked = new LinkedHashMap<>();
        for (JobStore.Registration r : registrations) {
            if (!shown.containsKey(r.job().id())) tracked.putIfAbsent(r.job().id(), r.job());
        }
        for (JobView view : views.views(List.copyOf(tracked.values()))) shown.put(view.id(), view);
        return registrations.stream()
                .map(r -> new Registered(shown.get(r.job().id()), r.created()))
                .toList();
    }

    /** What a request asks to register, checked; throws the problem a client is answered with if it is refused. */
    RegisterBatch.Item check(RegistrationRequest request, String registeredBy) {
        if (request == null) throw Problems.badRequest("The request body is empty: send {\"response\": {...}}");
        JobKind told = kind(request);
        boolean toldAnything = request.kind() != null || request.endpoint() != null;
        HandleParser.Handle handle;
        try {
            handle = HandleParser.handle(request.response(), toldAnything ? told : null);
        } catch (HandleParser.InvalidHandle e) {
            throw Problems.badField("response", e.getMessage());
        }
        AlationJobRef ref = handle.ref();
        JobKind kind = handle.kind();
        String instance = instance(request.instance());
        Map<String, String> labels = LabelRules.check(request.labels());
        JobCallback callback = request.callback() == null
                ? null
                : callbacks.check(request.callback().url(), request.callback().events());
        return new RegisterBatch.Item(
                new NewJob(instance, ref, kind, labels, registeredBy, null, clock.instant()),
                "Registered " + ref + " on instance '" + instance + "' as " + kind.name()
                        + (registeredBy == null ? "" : " by " + registeredBy),
                callback);
    }

    /** Counts and logs the registrations; a batch logs one line, and each new job at debug. */
    private void registered(List<JobStore.Registration> registrations, boolean batch) {
        Map<String, Long> created = new TreeMap<>();
        Map<String, Long> repeated = new TreeMap<>();
        for (JobStore.Registration registration : registrations) {
            Job job = registration.job();
            (registration.created() ? created : repeated).merge(job.instance(), 1L, Long::sum);
            if (registration.created() && (!batch || log.isDebugEnabled())) {
                String line = "Registered Alation {} on instance '{}' as job {}";
                if (batch) log.debug(line, job.alationRef(), job.instance(), job.id());
                else log.info(line, job.alationRef(), job.instance(), job.id());
            }
        }
        created.forEach(
                (instance, n) -> meters.counter("gateway.registrations", "instance", instance, "created", "true")
                        .increment(n));
        repeated.forEach(
                (instance, n) -> meters.counter("gateway.registrations", "instance", instance, "created", "false")
                        .increment(n));
        if (batch) {
            log.info(
                    "Registered a batch of {}: {} new jobs {}, {} already tracked",
                    registrations.size(),
                    created.values().stream().mapToLong(Long::longValue).sum(),
                    created,
                    repeated.values().stream().mapToLong(Long::longValue).sum());
        }
        if (!created.isEmpty()) trigger.jobsDue();
    }

    private String instance(String requested) {
        var configured = new TreeSet<>(alation.instances());
        if (requested == null || requested.isBlank()) {
            if (configured.size() == 1) return checkScope(configured.first());
            throw Problems.badField("instance", "'instance' is required: this gateway knows " + configured);
        }
        if (!configured.contains(requested)) {
            throw Problems.badField(
                    "instance",
                    "Unknown instance '" + Problems.quote(requested) + "': this gateway knows " + configured);
        }
        return checkScope(requested);
    }

    private String checkScope(String instance) {
        if (!scope.canSee(instance)) {
            throw Problems.forbidden("This API key may not register jobs on instance '" + instance + "'");
        }
        return instance;
    }

    private static JobKind kind(RegistrationRequest request) {
        JobKind named = null;
        if (request.kind() != null) {
            named = JobKind.parse(request.kind())
                    .orElseThrow(() -> Problems.badField(
                            "kind",
                            "Unknown kind '" + Problems.quote(request.kind()) + "'; accepted kinds: "
                                    + Arrays.toString(JobKind.values())));
        }
        if (request.method() == null && request.endpoint() == null) {
            return named == null ? JobKind.GENERIC : named;
        }
        if (request.method() == null || request.endpoint() == null) {
            throw Problems.badField(
                    request.method() == null ? "method" : "endpoint",
                    "'method' and 'endpoint' go together: send both, e.g. \"method\": \"PUT\","
                            + " \"endpoint\": \"/integration/v2/document/\"");
        }
        if (request.endpoint().length() > 2000) {
            throw Problems.badField("endpoint", "'endpoint' is longer than 2000 characters");
        }
        JobKind called = JobKind.fromCall(request.method(), request.endpoint());
        if (named != null && !named.agreesWith(request.method(), request.endpoint())) {
            throw Problems.badField(
                    "kind",
                    "'kind' " + named + " does not match the call " + Problems.quote(request.method()) + " "
                            + Problems.quote(request.endpoint()) + ", which starts " + called);
        }
        return named != null ? named : called;
    }
}
