package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything a subscription's workflow knows; carried across continue-as-new. */
public class SubscriptionState extends EntityPlan {
  /** Ids of the most recent reports applied, so a repeated report is recognised and ignored. */
  static final int REMEMBERED_EVENTS = 500;

  public String vendorId;
  public String subscriptionId;
  public String customerId;
  public SubscriptionStatus status = SubscriptionStatus.NEW;
  public Instant currentPeriodEnd;

  /** When a cancelled subscription expires (period end, or the moment of an immediate cancel). */
  public Instant cancelledUntil;

  public Map<String, String> details = new TreeMap<>();
  public List<String> appliedEventIds = new ArrayList<>();
  public int historyLimit = 2000;

  /**
   * How long the workflow waits for its first report before reading it from the record; 0 waits
   * without a limit (tests that start the workflow before reporting to it).
   */
  public long firstReportPatienceSeconds = FirstReport.PATIENCE.toSeconds();

  public static SubscriptionState initial(
      String vendorId, String subscriptionId, LifecycleSettings settings) {
    SubscriptionState state = new SubscriptionState();
    state.vendorId = vendorId;
    state.subscriptionId = subscriptionId;
    state.settings = settings;
    return state;
  }

  void remember(String eventId) {
    appliedEventIds.add(eventId);
    if (appliedEventIds.size() > REMEMBERED_EVENTS) {
      appliedEventIds.remove(0);
    }
  }

  String key() {
    return "subscription/" + subscriptionId;
  }
}
