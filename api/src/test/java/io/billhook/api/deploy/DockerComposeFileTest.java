package io.billhook.api.deploy;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.workflows.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks docker-compose.yml and deploy/Dockerfile.* statically, since CI has no Docker engine: the
 * file parses, images are pinned, and services, ports, environment and healthchecks agree with how
 * Billhook reads its configuration (README, "Configuration").
 */
class DockerComposeFileTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> APPS = List.of("api", "worker");

  private static Map<String, Object> compose;

  @BeforeAll
  static void parseComposeFile() throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    compose = yaml.load(Files.readString(ROOT.resolve("docker-compose.yml")));
  }

  @Test
  void parsesIntoTheWholeStack() {
    assertThat(services()).containsKeys("postgres", "temporal", "temporal-ui", "api", "worker");
    assertThat(schemaJob()).as("a job that runs temporal-sql-tool").isNotNull();
    assertThat(setupJob()).as("a job that creates the search attributes").isNotNull();
  }

  @Test
  void everyImageIsPinned() {
    services().forEach((name, s) -> assertPinned((String) s.get("image"), "service " + name));
  }

  @Test
  void dockerfileBaseImagesArePinned() {
    for (String app : APPS) {
      Set<String> stages = new HashSet<>();
      for (String from : instructions(dockerfileOf(app), "FROM")) {
        String[] words = from.split("\\s+");
        if (!stages.contains(words[0])) assertPinned(words[0], dockerfileOf(app).toString());
        if (words.length == 3 && words[1].equalsIgnoreCase("AS")) stages.add(words[2]);
      }
    }
  }

  @Test
  void everyBuiltServicePointsAtADockerfileThatExists() {
    services()
        .forEach(
            (name, s) -> {
              assertThat(s.containsKey("image") || s.containsKey("build"))
                  .as("service %s has an image or a build", name)
                  .isTrue();
              if (s.containsKey("build")) assertThat(dockerfileOf(name)).isRegularFile();
            });
    assertThat(dockerfileOf("api")).hasFileName("Dockerfile.api");
    assertThat(dockerfileOf("worker")).hasFileName("Dockerfile.worker");
  }

  @Test
  void everyTemporalClientTargetsTheTemporalServersFrontend() {
    for (String client : List.of("api", "worker", "temporal-ui", setupJob())) {
      String address = environment(client).get("TEMPORAL_ADDRESS");
      assertThat(address).as("TEMPORAL_ADDRESS of %s", client).matches("[\\w.-]+:\\d+");
      String host = address.substring(0, address.indexOf(':'));
      String port = address.substring(address.indexOf(':') + 1);
      assertThat(image(host)).as("%s points at %s", client, host).startsWith("temporalio/server:");
      assertThat(publishedPorts(host).values()).as("ports of %s", host).contains(port);
    }
  }

  @Test
  void appsUiAndSetupJobShareOneNamespace() {
    String namespace = environment(setupJob()).get("TEMPORAL_NAMESPACE");
    assertThat(namespace).isNotBlank();
    for (String app : APPS) {
      assertThat(environment(app)).containsEntry("TEMPORAL_NAMESPACE", namespace);
    }
    assertThat(environment("temporal-ui")).containsEntry("TEMPORAL_DEFAULT_NAMESPACE", namespace);
  }

  @Test
  void appsUseBillhooksDatabaseOnThePostgresService() {
    Map<String, String> postgres = environment("postgres");
    assertThat(image("postgres")).startsWith("postgres:");
    for (String app : APPS) {
      Map<String, String> env = environment(app);
      assertThat(env)
          .as("datasource of %s", app)
          .containsEntry(
              "SPRING_DATASOURCE_URL",
              "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
          .containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
          .containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
    }
  }

  @Test
  void billhooksDatabaseIsSeparateFromTemporals() {
    Map<String, String> temporal = environment("temporal");
    Set<String> temporalDatabases =
        Set.of(
            temporal.getOrDefault("DBNAME", "temporal"),
            temporal.getOrDefault("VISIBILITY_DBNAME", "temporal_visibility"));
    Matcher db = Pattern.compile("--db\\s+(\\w+)").matcher(command(schemaJob()));
    Set<String> prepared = new HashSet<>();
    while (db.find()) prepared.add(db.group(1));
    assertThat(prepared).isEqualTo(temporalDatabases);
    assertThat(temporalDatabases).doesNotContain(environment("postgres").get("POSTGRES_DB"));
  }

  @Test
  void apiRunsWithoutWorkers() {
    assertThat(environment("api")).containsEntry("BILLHOOK_WORKERS_ENABLED", "false");
  }

  @Test
  void workerRunsWithoutTheRestApi() throws IOException {
    assertThat(service("worker")).doesNotContainKeys("ports", "command", "entrypoint");
    assertThat(environment("worker")).doesNotContainKey("SERVER_PORT");
    assertThat(environment("worker").get("BILLHOOK_WORKERS_ENABLED")).isIn(null, "true");
    assertThat(Files.readString(dockerfileOf("worker"))).doesNotContain(apiJar());
  }

  @Test
  void apiPublishesItsServerPort() {
    assertThat(publishedPorts("api").values()).contains(serverPort());
  }

  @Test
  void apiHealthcheckProbesActuatorHealthOnItsServerPort() {
    assertThat(healthcheck("api")).contains("localhost:" + serverPort() + "/actuator/health");
  }

  @Test
  void postgresTemporalAndApiHaveHealthchecks() {
    for (String name : List.of("postgres", "temporal", "api")) {
      assertThat(healthcheck(name))
          .as("healthcheck of %s", name)
          .isNotBlank()
          .doesNotContain("NONE");
    }
  }

  @Test
  void everyDependsOnNamesADefinedService() {
    for (String name : services().keySet()) {
      for (String target : dependsOn(name).keySet()) {
        assertThat(services()).as("%s depends on %s", name, target).containsKey(target);
      }
    }
  }

  @Test
  void everyDependsOnWaitsForAStateItsTargetCanReach() {
    for (String name : services().keySet()) {
      dependsOn(name)
          .forEach(
              (target, condition) -> {
                Map<String, Object> t = service(target);
                if (condition.equals("service_healthy")) {
                  assertThat(t)
                      .as("%s waits for %s to be healthy", name, target)
                      .containsKey("healthcheck");
                }
                if (condition.equals("service_completed_successfully")) {
                  assertThat(String.valueOf(t.get("restart")))
                      .as("%s waits for %s to finish", name, target)
                      .doesNotContain("always", "unless-stopped");
                }
              });
    }
  }

  @Test
  void appsStartOnceTheDatabaseIsHealthyAndTemporalIsSetUp() {
    for (String app : APPS) {
      assertThat(dependsOn(app))
          .containsEntry("postgres", "service_healthy")
          .containsEntry(setupJob(), "service_completed_successfully");
    }
  }

  @Test
  void setupJobCreatesEverySearchAttributeTheWorkflowsSet() {
    String script = command(setupJob());
    for (SearchAttributeKey<String> key : SearchAttributes.ALL) {
      String flags = "--name\\s+" + key.getName() + "\\s+--type\\s+" + cliType(key.getValueType());
      assertThat(script).as("creates %s", key.getName()).containsPattern(flags);
    }
    assertThat(script.indexOf("namespace create"))
        .as("creates the namespace before its search attributes")
        .isNotNegative()
        .isLessThan(script.indexOf("search-attribute create"));
  }

  @Test
  void temporalKeepsClosedWorkflowsAsLongAsTheAppsKeepEventData() throws Exception {
    String retention = environment(setupJob()).get("BILLHOOK_RETENTION");
    assertThat(retention).isEqualTo("${BILLHOOK_RETENTION:-P30D}");
    for (String app : APPS) {
      assertThat(environment(app)).containsEntry("BILLHOOK_RETENTION", retention);
    }
    String script = command(setupJob());
    assertThat(script)
        .containsPattern("namespace create [^\\n]*--retention \"\\$\\$retention\"")
        .containsPattern("namespace update [^\\n]*--retention \"\\$\\$retention\"");
    String conversion =
        script.lines().filter(l -> l.strip().startsWith("retention=")).findFirst().orElseThrow();
    Map<String, String> cliForms =
        Map.of("P30D", "30d", "PT36H", "36h", "P1DT12H", "1d12h", "PT90M", "90m");
    for (Map.Entry<String, String> form : cliForms.entrySet()) {
      ProcessBuilder run =
          new ProcessBuilder(
                  "sh", "-c", conversion.replace("$$", "$") + "; printf %s \"$retention\"")
              .redirectErrorStream(true);
      run.environment().put("BILLHOOK_RETENTION", form.getKey());
      Process sh = run.start();
      assertThat(new String(sh.getInputStream().readAllBytes()))
          .as("the CLI's form of %s", form.getKey())
          .isEqualTo(form.getValue());
    }
  }

  @Test
  void apiTokenMustComeFromTheEnvironment() {
    assertThat(environment("api").get("BILLHOOK_API_TOKEN"))
        .matches("\\$\\{BILLHOOK_API_TOKEN:\\?.+}");
  }

  /** One key for every process: a worker with another key could not read what the API stored. */
  @ParameterizedTest
  @ValueSource(strings = {"BILLHOOK_SECRET_KEYS", "BILLHOOK_PAYLOAD_KEYS"})
  void appsShareKeysThatMustComeFromTheEnvironment(String setting) {
    for (String app : APPS) {
      assertThat(environment(app).get(setting))
          .as("%s of %s", setting, app)
          .matches("\\$\\{" + setting + ":\\?.+}");
    }
  }

  /** The browser calls the api's codec endpoint from the UI's page, which the api allows. */
  @Test
  void temporalUiDecodesThroughTheApisCodecEndpoint() {
    assertThat(environment("temporal-ui").get("TEMPORAL_CODEC_ENDPOINT"))
        .isEqualTo(
            "http://localhost:" + publishedPorts("api").keySet().iterator().next() + "/codec");
    assertThat(environment("api").get("BILLHOOK_TEMPORAL_UI_ORIGIN"))
        .isEqualTo("http://localhost:" + publishedPorts("temporal-ui").keySet().iterator().next());
  }

  @Test
  void temporalUiIsPublishedOn8233() {
    assertThat(publishedPorts("temporal-ui")).containsEntry("8233", "8080");
  }

  @Test
  void postgresKeepsItsDataInANamedVolume() {
    List<?> mounts = (List<?>) service("postgres").getOrDefault("volumes", List.of());
    String mount =
        mounts.stream()
            .map(String::valueOf)
            .filter(v -> v.endsWith(":/var/lib/postgresql/data"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("postgres mounts no data volume"));
    Map<String, Object> volumes = cast(compose.get("volumes"));
    assertThat(volumes).containsKey(mount.substring(0, mount.indexOf(':')));
  }

  @Test
  void dockerfilesRunTheJarsTheModulesBuild() {
    String workerJar =
        "core/target/"
            + pom("core", "/project/artifactId")
            + "-"
            + pom("core", "/project/parent/version")
            + "-"
            + pom("core", "//plugin[artifactId='spring-boot-maven-plugin']//classifier")
            + ".jar";
    assertRunsJar(dockerfileOf("api"), apiJar());
    assertRunsJar(dockerfileOf("worker"), workerJar);
  }

  /** Maven refuses to build when a module the root POM lists is missing from the context. */
  @Test
  void dockerfilesCopyEveryModuleTheBuildReads() throws Exception {
    var root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(ROOT.resolve("pom.xml").toFile());
    var modules =
        (org.w3c.dom.NodeList)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate("/project/modules/module", root, javax.xml.xpath.XPathConstants.NODESET);
    assertThat(modules.getLength()).isPositive();
    for (String app : APPS) {
      List<String> copies = instructions(dockerfileOf(app), "COPY");
      for (int i = 0; i < modules.getLength(); i++) {
        String module = modules.item(i).getTextContent().strip();
        assertThat(copies).as("COPY in %s", dockerfileOf(app)).contains(module + " " + module);
      }
    }
  }

  @Test
  void imagesRunAsANonRootUser() {
    for (String app : APPS) {
      List<String> users = instructions(dockerfileOf(app), "USER");
      assertThat(users).as("USER in %s", dockerfileOf(app)).isNotEmpty();
      assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
    }
  }

  // --- docker-compose.yml ---

  private static Map<String, Map<String, Object>> services() {
    return cast(compose.get("services"));
  }

  private static Map<String, Object> service(String name) {
    assertThat(services()).as("services").containsKey(name);
    return services().get(name);
  }

  private static String image(String name) {
    return String.valueOf(service(name).get("image"));
  }

  /** The one service whose command contains the given text, or null. */
  private static String serviceRunning(String text) {
    return services().keySet().stream()
        .filter(name -> command(name).contains(text))
        .findFirst()
        .orElse(null);
  }

  private static String schemaJob() {
    return serviceRunning("temporal-sql-tool");
  }

  private static String setupJob() {
    return serviceRunning("search-attribute create");
  }

  private static String command(String name) {
    return joined(service(name).get("command"));
  }

  private static String healthcheck(String name) {
    Map<String, Object> healthcheck = cast(service(name).getOrDefault("healthcheck", Map.of()));
    return joined(healthcheck.get("test"));
  }

  private static Map<String, String> environment(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    Object declared = service(name).get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(k.toString(), v == null ? null : v.toString()));
    } else if (declared instanceof List<?> list) {
      list.stream()
          .map(String::valueOf)
          .map(e -> e.split("=", 2))
          .forEach(kv -> env.put(kv[0], kv.length == 2 ? kv[1] : null));
    }
    return env;
  }

  private static String serverPort() {
    return environment("api").getOrDefault("SERVER_PORT", "8080");
  }

  /** Published ports as host port to container port ("" for a random host port). */
  private static Map<String, String> publishedPorts(String name) {
    Map<String, String> ports = new LinkedHashMap<>();
    for (Object port : (List<?>) service(name).getOrDefault("ports", List.of())) {
      if (port instanceof Map<?, ?> longSyntax) {
        ports.put(
            String.valueOf(longSyntax.get("published")), String.valueOf(longSyntax.get("target")));
      } else {
        String[] parts = String.valueOf(port).replaceAll("/(tcp|udp)$", "").split(":");
        ports.put(parts.length > 1 ? parts[parts.length - 2] : "", parts[parts.length - 1]);
      }
    }
    return ports;
  }

  /** depends_on as target to condition; the short list form means service_started. */
  private static Map<String, String> dependsOn(String name) {
    Object declared = service(name).get("depends_on");
    Map<String, String> conditions = new LinkedHashMap<>();
    if (declared instanceof List<?> list)
      list.forEach(t -> conditions.put(t.toString(), "service_started"));
    if (declared instanceof Map<?, ?> map) {
      map.forEach(
          (t, c) -> conditions.put(t.toString(), String.valueOf(((Map<?, ?>) c).get("condition"))));
    }
    return conditions;
  }

  private static void assertPinned(String image, String where) {
    if (image == null) return;
    assertThat(image).as("%s: %s", where, image).doesNotContain("$");
    if (image.contains("@sha256:")) return;
    String name = image.substring(image.lastIndexOf('/') + 1);
    assertThat(name).as("%s: %s has a tag", where, image).contains(":");
    assertThat(name.substring(name.indexOf(':') + 1))
        .as("%s: %s", where, image)
        .isNotBlank()
        .isNotEqualTo("latest");
  }

  private static String cliType(IndexedValueType type) {
    String words = type.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase(Locale.ROOT);
    return Arrays.stream(words.split("_"))
        .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
        .collect(joining());
  }

  // --- Dockerfiles and POMs ---

  private static Path dockerfileOf(String name) {
    Object build = service(name).get("build");
    if (build instanceof String context) return ROOT.resolve(context).resolve("Dockerfile");
    Map<String, Object> spec = cast(build);
    Path context = ROOT.resolve(String.valueOf(spec.getOrDefault("context", ".")));
    return context.resolve(String.valueOf(spec.getOrDefault("dockerfile", "Dockerfile")));
  }

  /** The arguments of every instruction of the given kind, continuation lines joined. */
  private static List<String> instructions(Path dockerfile, String kind) {
    List<String> found = new ArrayList<>();
    try {
      String text = Files.readString(dockerfile).replaceAll("\\\\\\R", " ");
      for (String line : text.split("\\R")) {
        String[] words = line.strip().split("\\s+", 2);
        if (words.length == 2 && words[0].equalsIgnoreCase(kind)) found.add(words[1].strip());
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + dockerfile, e);
    }
    return found;
  }

  /** The Dockerfile copies the module's jar into the image and its entrypoint runs that copy. */
  private static void assertRunsJar(Path dockerfile, String moduleJar) {
    String copy =
        instructions(dockerfile, "COPY").stream()
            .filter(c -> c.contains(moduleJar + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(dockerfile + " copies no " + moduleJar));
    String inImage = copy.substring(copy.lastIndexOf(' ') + 1);
    List<String> entrypoints = instructions(dockerfile, "ENTRYPOINT");
    assertThat(entrypoints).as("ENTRYPOINT of %s", dockerfile).isNotEmpty();
    assertThat(entrypoints.get(entrypoints.size() - 1)).contains(inImage);
  }

  private static String apiJar() {
    return "api/target/" + pom("api", "/project/build/finalName") + ".jar";
  }

  private static String pom(String module, String xpath) {
    try {
      var pom =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
      String value = XPathFactory.newInstance().newXPath().evaluate(xpath, pom).strip();
      assertThat(value).as("%s in %s/pom.xml", xpath, module).isNotEmpty();
      return value;
    } catch (Exception e) {
      throw new AssertionError("cannot read " + module + "/pom.xml", e);
    }
  }

  private static String joined(Object commandOrTest) {
    if (commandOrTest instanceof List<?> list)
      return list.stream().map(String::valueOf).collect(joining(" "));
    return commandOrTest == null ? "" : commandOrTest.toString();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
