package io.billhook.bench;

import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;

/** Which layer of the app a sampled stack is in: the nearest frame to the top a rule names. */
final class Layers {
  /** Class-name prefixes and their layer, the more specific first. */
  private static final List<Map.Entry<String, String>> RULES =
      List.of(
          Map.entry("io.billhook.core.events", "Billhook event intake (parse, envelope, store)"),
          Map.entry("io.billhook.core.delivery", "Billhook delivery (attempt, signing, recording)"),
          Map.entry("io.billhook.workflows", "Billhook workflow code"),
          Map.entry("io.billhook", "Billhook, other"),
          Map.entry("javax.crypto", "JDK crypto (HMAC, SecureRandom)"),
          Map.entry("com.sun.crypto", "JDK crypto (HMAC, SecureRandom)"),
          Map.entry("sun.security", "JDK crypto (HMAC, SecureRandom)"),
          Map.entry("java.security", "JDK crypto (HMAC, SecureRandom)"),
          Map.entry("okhttp3", "HTTP post (OkHttp)"),
          Map.entry("okio", "HTTP post (OkHttp)"),
          Map.entry("org.postgresql", "JDBC (PostgreSQL driver)"),
          Map.entry("com.zaxxer.hikari", "JDBC (Hikari pool)"),
          Map.entry("org.springframework.jdbc", "JDBC (Spring JdbcClient, transactions)"),
          Map.entry("org.springframework.transaction", "JDBC (Spring JdbcClient, transactions)"),
          Map.entry("org.flywaydb", "JDBC (Spring JdbcClient, transactions)"),
          Map.entry("io.temporal.internal.statemachines", "Temporal workflow tasks and replay"),
          Map.entry("io.temporal.internal.replay", "Temporal workflow tasks and replay"),
          Map.entry("io.temporal.internal.sync", "Temporal workflow tasks and replay"),
          Map.entry("io.temporal.internal.history", "Temporal workflow tasks and replay"),
          Map.entry("io.temporal.internal.activity", "Temporal activities, local activities"),
          Map.entry("io.temporal.internal.worker", "Temporal worker (pollers, task dispatch)"),
          Map.entry("io.temporal.internal.task", "Temporal worker (pollers, task dispatch)"),
          Map.entry("io.temporal.common.converter", "Temporal payloads (data converter)"),
          Map.entry("io.temporal.payload", "Temporal payloads (data converter)"),
          Map.entry("io.temporal", "Temporal client (stubs, gRPC calls)"),
          Map.entry("io.grpc", "Temporal client (stubs, gRPC calls)"),
          Map.entry("io.perfmark", "Temporal client (stubs, gRPC calls)"),
          Map.entry("com.google.protobuf", "protobuf (Temporal messages)"),
          Map.entry("com.uber.m3", "metrics"),
          Map.entry("io.micrometer", "metrics"),
          Map.entry("com.fasterxml.jackson", "JSON (Jackson)"),
          Map.entry("tools.jackson", "JSON (Jackson)"),
          Map.entry("org.apache.tomcat", "HTTP server (Tomcat)"),
          Map.entry("org.apache.coyote", "HTTP server (Tomcat)"),
          Map.entry("org.apache.catalina", "HTTP server (Tomcat)"),
          Map.entry("jakarta.servlet", "Spring MVC, security, servlet filters"),
          Map.entry("org.springframework.web", "Spring MVC, security, servlet filters"),
          Map.entry("org.springframework.http", "Spring MVC, security, servlet filters"),
          Map.entry("org.springframework.security", "Spring MVC, security, servlet filters"),
          Map.entry("org.springframework.boot.web", "Spring MVC, security, servlet filters"),
          Map.entry("ch.qos.logback", "logging"),
          Map.entry("org.slf4j", "logging"),
          Map.entry("org.springframework", "Spring, other"));

  private Layers() {}

  /** The layer of the nearest frame to the top that a rule names; the JDK's own otherwise. */
  static String of(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      for (Map.Entry<String, String> rule : RULES) {
        if (type.startsWith(rule.getKey())) {
          return rule.getValue();
        }
      }
    }
    return "JDK, other: " + packageOf(frames.get(0));
  }

  static String packageOf(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(0, dot);
  }

  /** A thread's name with its numbers and workflow ids taken out, so that pools add up. */
  static String threadGroup(RecordedThread thread) {
    String name = thread == null ? "?" : String.valueOf(thread.getJavaName());
    if (name.startsWith("workflow-method")) {
      return "workflow-method-* (workflow threads)";
    }
    name = name.replaceAll("\\d+", "#");
    return name.length() > 60 ? name.substring(0, 60) + "…" : name;
  }
}
