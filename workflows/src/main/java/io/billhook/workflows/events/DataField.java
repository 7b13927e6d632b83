package io.billhook.workflows.events;

/**
 * A field of a report's data that Billhook reads: its name, what it holds, and whether the report
 * must send it. An optional field is checked only when it is sent.
 */
public record DataField(String name, Kind kind, boolean required) {
  /** What a data field holds. */
  public enum Kind {
    /** A string id such as a customerId. */
    ID,
    /** An ISO-8601 instant. */
    INSTANT,
    /** true or false. */
    BOOLEAN,
    /** Free text, such as a reason. */
    TEXT
  }

  static DataField id(String name) {
    return new DataField(name, Kind.ID, true);
  }

  static DataField instant(String name) {
    return new DataField(name, Kind.INSTANT, true);
  }

  static DataField text(String name) {
    return new DataField(name, Kind.TEXT, true);
  }

  static DataField optional(String name, Kind kind) {
    return new DataField(name, kind, false);
  }
}
