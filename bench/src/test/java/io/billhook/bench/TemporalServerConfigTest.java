package io.billhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The production Temporal server the bench starts listens on loopback only, password unwritten. */
class TemporalServerConfigTest {
  private static final TemporalServerConfig CONFIG =
      TemporalServerConfig.onFreePorts("127.0.0.1:5999", Path.of("/tmp/dynamic.yaml"));

  @Test
  void everyListenerAndPeerIsOnLoopbackAtItsOwnPort() {
    String yaml = CONFIG.yaml();

    assertThat(yaml).doesNotContain("0.0.0.0").doesNotContain("localhost").doesNotContain("::");
    Matcher addresses =
        Pattern.compile(
                "(bindOnIP|listenAddress|rpcAddress|httpAddress|connectAddr|broadcastAddress):"
                    + " \"([^\"]*)\"")
            .matcher(yaml);
    int found = 0;
    while (addresses.find()) {
      found++;
      assertThat(addresses.group(2)).as(addresses.group(1)).startsWith("127.0.0.1");
    }
    assertThat(found).isEqualTo(4 + 1 + 1 + 1 + 2 + 1);
    Set<Integer> ports = new HashSet<>();
    Matcher port = Pattern.compile("(?:Port: |127\\.0\\.0\\.1:)(\\d+)").matcher(yaml);
    while (port.find()) {
      ports.add(Integer.parseInt(port.group(1)));
    }
    // 4 gRPC, 4 membership, HTTP, metrics, and the database (rpc/httpAddress repeat frontend's).
    assertThat(ports).hasSize(11);
  }

  @Test
  @SuppressWarnings("unchecked")
  void runsTheFourServicesOnPostgresWithThePasswordFromTheEnvironment() {
    String yaml = CONFIG.yaml();
    assertThat(yaml).startsWith("# enable-template\n");
    String rendered = yaml.replace("{{ env \"BENCH_TEMPORAL_DB_PASSWORD\" }}", "secret");
    assertThat(rendered).doesNotContain("{{");

    Map<String, Object> config = new Yaml().load(rendered);

    assertThat((Map<String, Object>) config.get("services"))
        .containsOnlyKeys("frontend", "history", "matching", "worker");
    Map<String, Object> persistence = (Map<String, Object>) config.get("persistence");
    assertThat(persistence).containsEntry("numHistoryShards", 4);
    Map<String, Map<String, Map<String, Object>>> stores =
        (Map<String, Map<String, Map<String, Object>>>) persistence.get("datastores");
    for (String store : List.of("default", "visibility")) {
      assertThat(stores.get(store).get("sql"))
          .containsEntry("pluginName", "postgres12")
          .containsEntry("password", "secret")
          .containsEntry("user", "temporal");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void enablesEagerStartAndFairness() {
    Map<String, List<Map<String, Object>>> dynamic =
        new Yaml().load(TemporalServerConfig.dynamicConfig());

    assertThat(dynamic.get("system.enableEagerWorkflowStart").get(0)).containsEntry("value", true);
    assertThat(dynamic.get("matching.enableFairness").get(0)).containsEntry("value", true);
  }
}
