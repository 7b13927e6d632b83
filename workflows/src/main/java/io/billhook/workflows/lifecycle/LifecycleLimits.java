package io.billhook.workflows.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The range of lifecycle times and settings the API accepts, and so the range the entity workflows'
 * timer arithmetic is tested over: a trial's or period's end from {@link #EARLIEST} to {@link
 * #HORIZON_YEARS} years ahead, a lead or grace of whole seconds up to {@link #MAX_SETTING}.
 */
public final class LifecycleLimits {
  /** No real trial or period ends before this; zero dates (0001-01-01, 1970-01-01) do. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * How far ahead a trial or period may end: past any billing period sold (Stripe's longest is a
   * year, multi-year IPTV plans run to three), and short enough that the horizon plus the longest
   * setting fits in one run of the time-skipping test server (ten years at most).
   */
  public static final int HORIZON_YEARS = 5;

  /** The longest trial-expiring lead or renewal grace. */
  public static final Duration MAX_SETTING = Duration.ofDays(365);

  private LifecycleLimits() {}

  /** The latest end accepted at {@code now}: {@link #HORIZON_YEARS} calendar years later. */
  public static Instant latest(Instant now) {
    return now.atOffset(ZoneOffset.UTC).plusYears(HORIZON_YEARS).toInstant();
  }
}
