package io.github.alationgateway.events;

import io.github.alationgateway.store.BulkInsert;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.StatusChanges;
import io.github.alationgateway.store.TimeOrderedIds;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns status changes into events, in the transaction that made the changes (the outbox): an event is
 * committed exactly when its change is. Views are rendered only for the jobs that have an event, and all
 * events of one transaction are written at once (a COPY on PostgreSQL).
 */
@Component
class RecordEvents implements StatusChanges {

    private final JobStore store;
    private final JobViews views;
    private final BulkInsert bulk;
    private final JsonMapper json;
    private final Clock clock;
    private final EventLog log;
    private final ObjectProvider<EventSubscriber> subscribers;
    private final OpenWriters writers;

    RecordEvents(
            JobStore store,
            JobViews views,
            BulkInsert bulk,
            JsonMapper json,
            Clock clock,
            EventLog log,
            ObjectProvider<EventSubscriber> subscribers,
            OpenWriters writers) {
        this.store = store;
        this.views = views;
        this.bulk = bulk;
        this.json = json;
        this.clock = clock;
        this.log = log;
        this.subscribers = subscribers;
        this.writers = writers;
    }

    private record Due(EventType type, String jobId) {}

    @Override
    public void changed(List<StatusChange> changes) {
        List<Due> due = new ArrayList<>();
        Set<String> ended = new LinkedHashSet<>();
        for (StatusChange change : changes) {
            if (change.from() == null) due.add(new Due(EventType.REGISTERED, change.jobId()));
            if (change.from() == JobStatus.PENDING && change.to() == JobStatus.RUNNING) {
                due.add(new Due(EventType.RUNNING, change.jobId()));
            }
            if (change.to().isFinal()
                    && (change.from() == null || !change.from().isFinal())) {
                due.add(new Due(EventType.ENDED, change.jobId()));
                ended.add(change.jobId());
            }
        }
        if (due.isEmpty()) return;
        Map<String, Job> jobs =
                byId(store.findAllById(due.stream().map(Due::jobId).distinct().toList()));
        for (String root : roots(ended, jobs)) {
            due.add(new Due(EventType.CHAIN_ENDED, root));
        }
        List<Job> shown = due.stream()
                .map(Due::jobId)
                .distinct()
                .map(jobs::get)
                .filter(Objects::nonNull)
                .toList();
        Map<String, JobView> shownById =
                views.views(shown).stream().collect(Collectors.toMap(JobView::id, Function.identity()));
        Instant at = now();
        List<NewEvent> events = new ArrayList<>();
        for (Due d : due) {
            JobView view = shownById.get(d.jobId());
            if (view == null) continue;
            if (d.type() == EventType.CHAIN_ENDED && !view.chainStatus().isFinal()) continue;
            events.add(new NewEvent(TimeOrderedIds.next(), d.type(), at, view));
        }
        append(events);
    }

    /**
     * The job.registered events of new jobs, shown from what their registration stored: reading back the row,
     * labels, follow-ups and callback it has just written cost a registration more than its own inserts.
     */
    @Override
    public void registered(List<RegisteredJob> jobs) {
        Instant at = now();
        List<NewEvent> events = new ArrayList<>(jobs.size());
        for (RegisteredJob r : jobs) {
            JobView view = views.registered(r.job(), r.labels(), r.callback());
            events.add(new NewEvent(TimeOrderedIds.next(), EventType.REGISTERED, at, view));
        }
        append(events);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Writes the events in one batch, tells the subscribers, and wakes the log's readers after the commit. */
    private void append(List<NewEvent> events) {
        if (events.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            rows.add(new Object[] {
                event.id(),
                event.type().wire(),
                event.job().id(),
                event.at().atOffset(ZoneOffset.UTC),
                json.writeValueAsString(event.job())
            });
        }
        // COPY on PostgreSQL: a batch registration writes an event for each of its up to 500 jobs.
        writers.write(() -> bulk.insert("job_events", List.of("id", "type", "job_id", "at", "data"), rows));
        subscribers.orderedStream().forEach(subscriber -> subscriber.appended(events));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    log.appended();
                }
            });
        } else {
            log.appended();
        }
    }

    /**
     * The root jobs whose chain may have become final through these ends: a root that ended itself, and the root
     * above each follow-up that ended. Whether the chain is final is decided on the rendered view, the one place
     * that defines chain_status. Roots of follow-ups are locked first, in id order: two replicas ending two members
     * of one chain at once then take turns, and the second sees the first's write, so exactly one of them finds
     * the chain final.
     */
    private Set<String> roots(Set<String> ended, Map<String, Job> jobs) {
        Set<String> above = new TreeSet<>();
        Set<String> roots = new TreeSet<>();
        for (String id : ended) {
            Job job = jobs.get(id);
            if (job == null) continue;
            if (job.parentId() == null) roots.add(job.id());
            else above.add(job.parentId());
        }
        // Follow-ups are found only for root jobs, so one step up is the root; the bound only guards the loop.
        for (int depth = 0; !above.isEmpty() && depth < 8; depth++) {
            Set<String> next = new TreeSet<>();
            for (String id : above) {
                Job job = jobs.containsKey(id)
                        ? jobs.get(id)
                        : store.lockForUpdate(id).orElse(null);
                if (job == null) continue;
                jobs.put(id, job);
                if (job.parentId() == null) roots.add(id);
                else next.add(job.parentId());
            }
            above = next;
        }
        return roots;
    }

    private static Map<String, Job> byId(List<Job> jobs) {
        Map<String, Job> byId = new LinkedHashMap<>();
        jobs.forEach(job -> byId.put(job.id(), job));
        return byId;
    }
}
