package io.billhook.core.refusals;

/**
 * A request Billhook refuses, changing nothing, with a message in the caller's terms that says what
 * to fix. The REST edge answers with the status its {@link Kind} names.
 */
public class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Kind {
    /** The input breaks a rule (400). */
    INVALID,
    /** What it names does not exist for this vendor (404). */
    NOT_FOUND,
    /** It contradicts what Billhook already holds (409). */
    CONFLICT,
    /** It would grow past what Billhook signs and sends (413). */
    TOO_LARGE,
    /**
     * It cannot be completed now (Temporal could not be reached, or the entity it reads is being
     * rebuilt); nothing was changed and the same request may be retried (503).
     */
    UNAVAILABLE,
    /**
     * What it reads is recorded in PostgreSQL but its state is lost for good and cannot be rebuilt
     * from stored reports; an operator has to restore it (500).
     */
    LOST
  }

  private final Kind kind;

  public Refusal(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static Refusal invalid(String message) {
    return new Refusal(Kind.INVALID, message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, message);
  }

  /** Temporal did not answer a call the request needed; the cause stays for the log. */
  public static Refusal temporalUnavailable(RuntimeException cause) {
    Refusal refusal =
        new Refusal(
            Kind.UNAVAILABLE,
            "Temporal is unavailable, so this request was not completed; retry it (with the same"
                + " event id, nothing is delivered twice)");
    refusal.initCause(cause);
    return refusal;
  }
}
