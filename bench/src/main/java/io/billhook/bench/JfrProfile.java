package io.billhook.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the app's CPU goes, from a Java Flight Recorder file ({@code bench/run --jfr}): the
 * execution samples of its Java threads attributed to a layer (the frame nearest the top of the
 * stack that belongs to a known library or to Billhook), to the Billhook class nearest the top, to
 * the thread, and to the top frame's package. Run as {@code java -cp 'bench/target/classes:
 * bench/target/lib/*' io.billhook.bench.JfrProfile bench/target/bench/app.jfr [from [events]]}:
 * only the samples since {@code from} (an instant, such as the "measuring from" the bench prints
 * after its warm-up; "-" for all), and with the number of events they cover, samples per event.
 */
public final class JfrProfile {
  private static final int TOP = 15;

  private JfrProfile() {}

  public static void main(String[] args) throws IOException {
    Map<String, Long> layers = new HashMap<>();
    Map<String, Long> billhook = new HashMap<>();
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> packages = new HashMap<>();
    long samples = 0;
    Instant from = args.length > 1 && !args[1].equals("-") ? Instant.parse(args[1]) : Instant.MIN;
    try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = e.getStackTrace();
        if (e.getStartTime().isBefore(from) || stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        layers.merge(Layers.of(frames), 1L, Long::sum);
        billhook.merge(nearestBillhook(frames), 1L, Long::sum);
        threads.merge(Layers.threadGroup(e.getThread("sampledThread")), 1L, Long::sum);
        packages.merge(Layers.packageOf(frames.get(0)), 1L, Long::sum);
      }
    }
    System.out.printf("%,d execution samples of the app's Java threads%n", samples);
    if (args.length > 2) {
      System.out.printf("%.2f samples per event%n", samples / Double.parseDouble(args[2]));
    }
    print("by layer (nearest known frame to the top)", layers, samples);
    print("by Billhook class nearest the top", billhook, samples);
    print("by thread", threads, samples);
    print("by top frame's package", packages, samples);
  }

  private static String nearestBillhook(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      if (type.startsWith("io.billhook.") && !type.contains("$$Lambda")) {
        return type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$.*", "")
            + "."
            + f.getMethod().getName();
      }
    }
    return "(no Billhook frame)";
  }

  private static void print(String title, Map<String, Long> counts, long total) {
    System.out.printf("%n%s:%n", title);
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    top.forEach((k, v) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * v / total, k));
  }
}
