package io.billhook.bench;

import java.time.Duration;

/** The measured phases, each on a fresh vendor (or floor tag) of this run. */
final class Phases {
  private final Stack stack;
  private final VerifyingReceiver receiver;
  private final BenchOptions o;
  private final String run;
  private final LoadGenerator load;

  /** Set for the rounds after a restart of the app, so that each has vendors of its own. */
  private String round = "";

  Phases(Stack stack, VerifyingReceiver receiver, BenchOptions o, String run) {
    this.stack = stack;
    this.receiver = receiver;
    this.o = o;
    this.run = run;
    this.load = new LoadGenerator(stack.api);
  }

  /** Compiles the hot paths of every process before anything is measured. */
  void warmUp() throws Exception {
    System.out.printf("warm-up: %d s of Billhook and of the floor%n", o.warmup().toSeconds());
    String vendor = vendor("warm");
    DeliveryRun.createEndpoints(stack.api, receiver, vendor, 3);
    DeliveryRun.run(
        stack, receiver, vendor, 3, "warm-up", () -> asFastAsPossible(vendor, o.warmup()));
    FloorRun.run(stack, "floor-warm-" + run, 3, o.clients(), o.warmup(), Benchmark.ENVELOPE);
  }

  Row floor(int fanout) {
    System.out.printf("floor, fan-out %d, as fast as possible%n", fanout);
    return FloorRun.run(
        stack, "floor-f" + fanout + "-" + run, fanout, o.clients(), o.phase(), Benchmark.ENVELOPE);
  }

  Row billhookAsFastAsPossible(int fanout) throws Exception {
    System.out.printf(
        "billhook, fan-out %d, as fast as possible (%d clients)%n", fanout, o.clients());
    String vendor = vendor("f" + fanout + "-max");
    DeliveryRun.createEndpoints(stack.api, receiver, vendor, fanout);
    return DeliveryRun.run(
        stack, receiver, vendor, fanout, "max", () -> asFastAsPossible(vendor, o.phase()));
  }

  Row billhookAtRate(int fanout) throws Exception {
    System.out.printf("billhook, fan-out %d, %.0f events/s%n", fanout, o.rate());
    String vendor = vendor("f" + fanout + "-rate");
    DeliveryRun.createEndpoints(stack.api, receiver, vendor, fanout);
    return DeliveryRun.run(
        stack,
        receiver,
        vendor,
        fanout,
        String.format("%.0f/s", o.rate()),
        () -> load.atRate(vendor, o.rate(), o.phase(), Phases::payment));
  }

  /**
   * After a restart of the app: a short warm-up, then fan-out 1 as fast as possible and fan-out 3
   * at the rate, the rows' loads suffixed with {@code label}.
   */
  java.util.List<Row> billhookAgain(String label) throws Exception {
    round = "-" + label;
    String warm = vendor("warm");
    DeliveryRun.createEndpoints(stack.api, receiver, warm, 3);
    DeliveryRun.run(stack, receiver, warm, 3, "warm-up", () -> asFastAsPossible(warm, o.warmup()));
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (Row r : java.util.List.of(billhookAsFastAsPossible(1), billhookAtRate(3))) {
      rows.add(r.withLoad(r.load() + " " + label));
    }
    return rows;
  }

  Row direct() {
    System.out.println("direct: signed posts to 3 endpoints, no Temporal, as fast as possible");
    return DirectPosts.run(stack, receiver, 3, o.clients(), o.phase(), Benchmark.ENVELOPE);
  }

  private Accepts asFastAsPossible(String vendor, Duration duration) {
    return load.asFastAsPossible(vendor, o.clients(), duration, Integer.MAX_VALUE, Phases::payment);
  }

  private String vendor(String what) {
    return "bench-" + what + round + "-" + run;
  }

  static String payment(int i) {
    return "{\"type\":\"payment.received\",\"data\":{\"paymentId\":\"pay_"
        + i
        + "\",\"customerId\":\"cus_"
        + i
        + "\",\"amount\":1999,\"currency\":\"EUR\"}}";
  }
}
