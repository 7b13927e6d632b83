package io.billhook.core.chat;

import io.billhook.workflows.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a default chat message says about an event: what happened (the catalogue's description, or a
 * generic line for a type it does not know), then the facts read from an allowlist of data fields
 * (customer, subscription, product, amount, when, ...). Nothing outside the allowlist, and no
 * secret, ever reaches a chat.
 */
record EventFacts(String eventId, String type, String headline, String at, List<Fact> facts) {
  static final int MAX_VALUE = 200;

  /** One labelled fact, such as ("Customer", "cus_7"). */
  record Fact(String label, String value) {}

  /** The allowlist: data field, label. */
  private static final List<String[]> FIELDS =
      List.of(
          new String[] {"customerName", "Customer"},
          new String[] {"customerId", "Customer ID"},
          new String[] {"subscriptionId", "Subscription"},
          new String[] {"trialId", "Trial"},
          new String[] {"productName", "Product"},
          new String[] {"productId", "Product ID"},
          new String[] {"plan", "Plan"},
          new String[] {"planId", "Plan ID"},
          new String[] {"invoiceId", "Invoice"},
          new String[] {"paymentId", "Payment"},
          new String[] {"amount", "Amount"},
          new String[] {"currentPeriodEnd", "Period ends"},
          new String[] {"trialEnd", "Trial ends"},
          new String[] {"cancelAtPeriodEnd", "Cancels at period end"},
          new String[] {"endpointId", "Endpoint"},
          new String[] {"reason", "Reason"},
          new String[] {"failingSince", "Failing since"},
          new String[] {"message", "Message"});

  static EventFacts of(Map<String, Object> envelope) {
    String type = text(envelope.get("type"));
    Object rawData = envelope.get("data");
    Map<?, ?> data = rawData instanceof Map<?, ?> map ? map : Map.of();
    List<Fact> facts = new ArrayList<>();
    for (String[] field : FIELDS) {
      Object value = data.get(field[0]);
      if (field[0].equals("amount")) {
        value = amount(value, data.get("currency"));
      }
      if (isScalar(value) && !text(value).isBlank()) {
        facts.add(new Fact(field[1], bounded(text(value))));
      }
    }
    return new EventFacts(
        bounded(text(envelope.get("id"))),
        bounded(type),
        headline(type),
        bounded(text(envelope.get("timestamp"))),
        List.copyOf(facts));
  }

  /** The catalogue's description of the type, or a generic line for one it does not know. */
  static String headline(String type) {
    return EventType.fromWireName(type)
        .map(EventType::description)
        .orElse("Billhook event " + bounded(type) + ".");
  }

  private static Object amount(Object amount, Object currency) {
    if (!isScalar(amount)) {
      return null;
    }
    return isScalar(currency) ? text(amount) + " " + text(currency) : amount;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static String text(Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return value == null ? "" : value.toString();
  }

  private static String bounded(String text) {
    return text.codePointCount(0, text.length()) <= MAX_VALUE
        ? text
        : text.substring(0, text.offsetByCodePoints(0, MAX_VALUE)) + "…";
  }
}
