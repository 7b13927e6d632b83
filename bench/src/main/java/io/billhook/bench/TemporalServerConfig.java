package io.billhook.bench;

import io.billhook.testkit.Ports;
import java.nio.file.Path;

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

  /**
   * Free loopback ports for every listener (gRPC and membership of each service, HTTP, metrics).
   */
  static TemporalServerConfig onFreePorts(String databaseAddress, Path dynamicConfigFile) {
    return new TemporalServerConfig(
        Ports.free(),
        Ports.free(),
        Ports.free(),
        Ports.free(),
        Ports.free(),
        new int[] {Ports.free(), Ports.free(), Ports.free(), Ports.free()},
        Ports.free(),
        databaseAddress,
        dynamicConfigFile);
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
