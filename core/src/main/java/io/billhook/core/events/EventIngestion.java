package io.billhook.core.events;

import io.billhook.core.ids.RandomIds;
import io.billhook.core.lifecycle.LifecycleIntake;
import io.billhook.core.refusals.Refusal;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The one door for reports: validate, build the envelope, apply lifecycle effects, then hand the
 * event to delivery. A report whose id was seen before returns the original and changes nothing.
 */
@Service
public class EventIngestion {
  private final EventStore events;
  private final EventPublisher publisher;
  private final LifecycleIntake lifecycle;

  EventIngestion(EventStore events, EventPublisher publisher, LifecycleIntake lifecycle) {
    this.events = events;
    this.publisher = publisher;
    this.lifecycle = lifecycle;
  }

  /** The outcome of a report: the envelope under its id, and whether this report created it. */
  public record Accepted(Envelope envelope, boolean created) {}

  public Accepted report(String vendorId, String body) {
    ParsedReport report = ReportParser.parse(body);
    try {
      return accept(vendorId, report);
    } catch (WorkflowServiceException e) {
      throw Refusal.temporalUnavailable(e);
    }
  }

  private Accepted accept(String vendorId, ParsedReport report) {
    if (report.type().drives().isPresent()) {
      // Claimed in PostgreSQL first: the lifecycle decides repeats and completes what is missing.
      LifecycleIntake.Accepted accepted = lifecycle.accept(vendorId, envelope(report));
      return new Accepted(accepted.envelope(), accepted.created());
    }
    if (report.id() != null) {
      Optional<Envelope> seen = events.find(vendorId, report.id()).map(e -> e.envelope());
      if (seen.isPresent()) {
        // Drives only what is still pending: the first try may have stopped before starting it.
        publisher.resume(vendorId, report.id());
        return new Accepted(seen.get(), false);
      }
    }
    // The data as parsed here: the publish need not parse the envelope again.
    EventPublisher.Published published =
        publisher.publish(vendorId, envelope(report), report.data());
    return new Accepted(published.envelope(), published.created());
  }

  private static Envelope envelope(ParsedReport report) {
    String id = report.id() != null ? report.id() : RandomIds.newId("evt_");
    Instant timestamp = report.timestamp() != null ? report.timestamp() : Instant.now();
    Envelope envelope = Envelope.of(id, report.type().wireName(), timestamp, report.data());
    EnvelopeSize.check(envelope);
    return envelope;
  }
}
