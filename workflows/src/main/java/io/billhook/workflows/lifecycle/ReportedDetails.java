package io.billhook.workflows.lifecycle;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report's pass-through fields, in key order whatever order they came in ({@code Map.copyOf}
 * alone iterates in an order that differs between JVMs); null keys and values are refused.
 */
final class ReportedDetails {
  private ReportedDetails() {}

  static Map<String, String> of(Map<String, String> details) {
    return details == null
        ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(details)));
  }
}
