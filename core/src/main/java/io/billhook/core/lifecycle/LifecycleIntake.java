package io.billhook.core.lifecycle;

import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventStore;
import io.billhook.workflows.events.EventType;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The door for lifecycle reports (README, "Use it"): claims the report in PostgreSQL, the record,
 * then applies it to its entity's workflow. The first claim of an event id wins; a repeat answers
 * with the original and completes whatever of it is missing; a refused report is removed and
 * changes nothing.
 */
@Service
public class LifecycleIntake {
  private final LifecycleReportStore reports;
  private final EntityUpdates updates;
  private final EntityRebuilder rebuilder;
  private final EntityPresence presence;
  private final EventStore events;

  LifecycleIntake(
      LifecycleReportStore reports,
      EntityUpdates updates,
      EntityRebuilder rebuilder,
      EntityPresence presence,
      EventStore events) {
    this.reports = reports;
    this.updates = updates;
    this.rebuilder = rebuilder;
    this.presence = presence;
    this.events = events;
  }

  /** The outcome of a report: the envelope under its id, and whether this report created it. */
  public record Accepted(Envelope envelope, boolean created) {}

  /**
   * Accepts a validated lifecycle report. Throws {@link LifecycleConflictException} or {@link
   * LifecycleNotFoundException} when it is refused.
   */
  public Accepted accept(String vendorId, Envelope envelope) {
    LifecycleReport report = LifecycleReport.of(vendorId, envelope, Instant.now());
    for (int attempt = 0; attempt < 5; attempt++) {
      LifecycleReportStore.Claim claim = reports.claim(report);
      if (claim instanceof LifecycleReportStore.Claim.Won) {
        applyOrRelease(report);
        return new Accepted(envelope, true);
      }
      if (claim instanceof LifecycleReportStore.Claim.Repeat repeat) {
        complete(repeat.original());
        return new Accepted(repeat.original().envelope(), false);
      }
      if (claim instanceof LifecycleReportStore.Claim.OtherEvent) {
        return new Accepted(events.find(vendorId, envelope.id()).orElseThrow().envelope(), false);
      }
      if (claim instanceof LifecycleReportStore.Claim.Created created) {
        throw new LifecycleConflictException(alreadyCreated(created.creation()));
      }
      if (claim instanceof LifecycleReportStore.Claim.Converted converted) {
        throw new LifecycleConflictException(
            "trial "
                + report.trialId()
                + " was already converted by subscription "
                + converted.conversion().entityId()
                + "; a trial converts once");
      }
      // Retry: the report in the way was refused and removed meanwhile.
    }
    throw new IllegalStateException("the claim of event " + envelope.id() + " kept racing");
  }

  private void applyOrRelease(LifecycleReport report) {
    try {
      apply(report);
    } catch (LifecycleConflictException | LifecycleNotFoundException refused) {
      reports.release(report);
      throw refused;
    }
  }

  /**
   * A repeat: a report already applied (its event is stored) needs only its entity to exist; one
   * not yet applied is applied now, once (the update id is the event id).
   */
  private void complete(LifecycleReport original) {
    if (events.find(original.vendorId(), original.eventId()).isPresent()) {
      if (presence.of(original.vendorId(), original.kind(), original.entityId())
          == EntityPresence.Presence.LOST) {
        rebuilder.rebuild(original.vendorId(), original.kind(), original.entityId());
      }
      return;
    }
    applyOrRelease(original);
  }

  private void apply(LifecycleReport report) {
    try {
      updates.apply(report);
    } catch (WorkflowNotFoundException notRunning) {
      String id = report.entityId();
      switch (presence.of(report.vendorId(), report.kind(), id)) {
        case CLOSED, ENDED ->
            throw new LifecycleConflictException(EntityUpdates.expiredSubscription(id));
        case RUNNING -> throw notRunning;
        case LOST -> {
          if (reports.creation(report.vendorId(), report.kind(), id).isEmpty()) {
            throw new LifecycleNotFoundException(
                "subscription " + id + " is not known; report subscription.created first");
          }
          // Recorded but lost by Temporal: rebuild it from its reports, this one included.
          if (!rebuilder.rebuild(report.vendorId(), report.kind(), id).contains(report.eventId())) {
            throw new LifecycleConflictException(
                "subscription " + id + " cannot take this report in its current state");
          }
        }
      }
    }
  }

  private String alreadyCreated(LifecycleReport creation) {
    String id = creation.entityId();
    boolean ended = presence.ended(creation.vendorId(), creation.kind(), id);
    if (creation.type() == EventType.TRIAL_STARTED) {
      return ended
          ? "trial " + id + " has ended; a new trial needs a new trialId"
          : "trial "
              + id
              + " already started (event "
              + creation.eventId()
              + "); trials start once";
    }
    return ended
        ? EntityUpdates.endedSubscription(id)
        : "subscription " + id + " already exists (event " + creation.eventId() + ")";
  }
}
