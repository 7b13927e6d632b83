package io.billhook.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The production Temporal server's configuration, written by the bench: the four services in one
 * process, every listener on 127.0.0.1 at a free port, persistence and visibility on the server's
 * own PostgreSQL ({@code postgres12}). The file is a template the server renders at start: the
 * database password comes from {@value #PASSWORD_ENV} in its environment and is never written to
 * disk.
 *
 * <p>{@code numHistoryShards} is 4, as in Temporal's own development configurations. Shards are the
 * unit in which history is owned and its queues are processed: each shard runs its own queue
 * readers (transfer, timer, visibility, ...), which poll the database even when idle. One history
 * service on 2 cores gains nothing from hundreds of them (a production cluster takes 512 or more,
 * for many hosts; the count is fixed when the cluster is created), while 4 still spreads the writes
 * of concurrent workflows over more than one shard's lock.
 *
 * @param dynamicConfigFile where the dynamic configuration ({@link #dynamicConfig()}) is written
 */
record TemporalServerConfig(
    int frontendPort,
    int httpPort,
    int historyPort,
    int matchingPort,
    int workerPort,
    int[] membershipPorts,
    int metricsPort,
    String databaseAddress,
    Path dynamicConfigFile) {

  static final String PASSWORD_ENV = "BENCH_TEMPORAL_DB_PASSWORD";
  static final String HOST = "127.0.0.1";
  private static final Random RANDOM = new SecureRandom();

  /**
   * Free loopback ports for every listener (gRPC and membership of each service, HTTP, metrics),
   * below 32768: the server records its ports in a {@code SMALLINT} column of its membership table,
   * so the kernel's ephemeral ports (32768 and up here) would not fit.
   */
  static TemporalServerConfig onFreePorts(String databaseAddress, Path dynamicConfigFile) {
    Set<Integer> taken = new HashSet<>();
    return new TemporalServerConfig(
        lowPort(taken),
        lowPort(taken),
        lowPort(taken),
        lowPort(taken),
        lowPort(taken),
        new int[] {lowPort(taken), lowPort(taken), lowPort(taken), lowPort(taken)},
        lowPort(taken),
        databaseAddress,
        dynamicConfigFile);
  }

  /** A port from 20000 to 32767 that is free on loopback now and not yet in {@code taken}. */
  static int lowPort(Set<Integer> taken) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = 20_000 + RANDOM.nextInt(32_768 - 20_000);
      if (!taken.contains(port) && free(port)) {
        taken.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port below 32768 on 127.0.0.1");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  String frontendAddress() {
    return HOST + ":" + frontendPort;
  }

  /** The server's configuration file (YAML, rendered by the server as a Go template). */
  String yaml() {
    return """
        # enable-template
        log:
          stdout: true
          level: warn
        persistence:
          defaultStore: default
          visibilityStore: visibility
          numHistoryShards: 4
          datastores:
        %s%s
        global:
          membership:
            maxJoinDuration: 30s
            broadcastAddress: "%s"
          pprof:
            port: 0
          metrics:
            prometheus:
              framework: "tally"
              timerType: "histogram"
              listenAddress: "%s:%d"
        services:
        %s%s%s%s
        clusterMetadata:
          enableGlobalNamespace: false
          failoverVersionIncrement: 10
          masterClusterName: "active"
          currentClusterName: "active"
          clusterInformation:
            active:
              enabled: true
              initialFailoverVersion: 1
              rpcName: "frontend"
              rpcAddress: "%s"
              httpAddress: "%s:%d"
        dcRedirectionPolicy:
          policy: "noop"
        archival:
          history:
            state: "disabled"
          visibility:
            state: "disabled"
        namespaceDefaults:
          archival:
            history:
              state: "disabled"
            visibility:
              state: "disabled"
        dynamicConfigClient:
          filepath: "%s"
          pollInterval: "10s"
        """
        .formatted(
            datastore("default", TemporalDatabase.STORE, 20),
            datastore("visibility", TemporalDatabase.VISIBILITY, 10),
            HOST,
            HOST,
            metricsPort,
            service("frontend", frontendPort, membershipPorts[0], "      httpPort: " + httpPort),
            service("history", historyPort, membershipPorts[1], null),
            service("matching", matchingPort, membershipPorts[2], null),
            service("worker", workerPort, membershipPorts[3], null),
            frontendAddress(),
            HOST,
            httpPort,
            dynamicConfigFile.toAbsolutePath());
  }

  /**
   * What Billhook needs of its Temporal, as the embedded default's dev server is started with:
   * eager workflow start (the default, stated) and task queue fairness. Visibility requests may
   * come 100 a second (the server's default is 10 per namespace; the bench polls completions every
   * 100 ms, the dev server allows 100).
   */
  static String dynamicConfig() {
    return """
        system.enableEagerWorkflowStart:
          - value: true
        matching.enableFairness:
          - value: true
        frontend.namespaceRPS.visibility:
          - value: 100
        """;
  }

  private String datastore(String name, String database, int connections) {
    return """
            %s:
              sql:
                pluginName: "postgres12"
                databaseName: "%s"
                connectAddr: "%s"
                connectProtocol: "tcp"
                user: "%s"
                password: "{{ env "%s" }}"
                maxConns: %d
                maxIdleConns: %d
                maxConnLifetime: "1h"
        """
        .formatted(
            name,
            database,
            databaseAddress,
            TemporalDatabase.USER,
            PASSWORD_ENV,
            connections,
            connections);
  }

  private static String service(String name, int grpcPort, int membershipPort, String extra) {
    return """
          %s:
            rpc:
              grpcPort: %d
              membershipPort: %d
              bindOnIP: "%s"
        %s"""
        .formatted(name, grpcPort, membershipPort, HOST, extra == null ? "" : extra + "\n");
  }
}
