package io.billhook.workflows.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Everything a trial's workflow knows; carried across continue-as-new. */
public class TrialState extends EntityPlan {
  public String vendorId;
  public String trialId;
  public String customerId;
  public TrialStatus status = TrialStatus.NEW;
  public String startedBy;
  public Instant startedAt;
  public Instant trialEnd;

  public boolean expiringSent;
  public String convertedBy;
  public Map<String, String> details = new TreeMap<>();
  public int historyLimit = 2000;

  /**
   * How long the workflow waits for its first report before reading it from the record; 0 waits
   * without a limit (tests that start the workflow before reporting to it).
   */
  public long firstReportPatienceSeconds = FirstReport.PATIENCE.toSeconds();

  public static TrialState initial(String vendorId, String trialId, LifecycleSettings settings) {
    TrialState state = new TrialState();
    state.vendorId = vendorId;
    state.trialId = trialId;
    state.settings = settings;
    return state;
  }

  String key() {
    return "trial/" + trialId;
  }
}
