package io.billhook.bench;

import io.billhook.testkit.Receiver;
import io.billhook.testkit.Receiver.Delivery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver, in the bench JVM: the testkit's loopback receiver, keeping nothing, that
 * verifies both signatures of every delivery, tells the current listener when it arrived, and
 * answers 200 at once (a bad signature is counted, not refused, so that no retry muddles the
 * numbers).
 */
final class VerifyingReceiver implements AutoCloseable {
  private static final String HOOK = "/hook/";

  /** Called on a receiver thread for each delivery, with the vendor its path names. */
  interface Listener {
    void delivered(String vendor, Delivery delivery);
  }

  private final Map<String, String> secretsByPath = new ConcurrentHashMap<>();
  private final AtomicLong verified = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile Listener listener = (vendor, delivery) -> {};
  private final Receiver receiver = Receiver.forwarding(this::verify);

  /** The URL of the {@code index}-th endpoint of a vendor; the path carries the vendor. */
  String url(String vendor, int index) {
    return receiver.url(HOOK + vendor + "/" + index);
  }

  void expect(String url, String secret) {
    secretsByPath.put(url.substring(url.indexOf(HOOK)), secret);
  }

  void listen(Listener next) {
    listener = next;
  }

  long verified() {
    return verified.get();
  }

  long refused() {
    return refused.get();
  }

  private void verify(Delivery d) {
    String secret = secretsByPath.get(d.path());
    boolean ok =
        secret != null
            && SignatureCheck.valid(
                secret,
                d.bytes(),
                d.header("X-Webhook-Signature"),
                d.eventId(),
                d.header("webhook-timestamp"),
                d.header("webhook-signature"));
    (ok ? verified : refused).incrementAndGet();
    listener.delivered(d.path().substring(HOOK.length(), d.path().lastIndexOf('/')), d);
  }

  @Override
  public void close() {
    receiver.close();
  }
}
