package io.billhook.core.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billhook.core.testing.GuideSnippets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The receivers of docs/receivers.md, each run as the guide shows it: Node and Python samples by
 * the real interpreters (Express replaced by a stand-in that hands the route a request), Java
 * samples compiled and called.
 */
final class GuideReceivers {
  /** A delivery as a receiver gets it: the body, and the headers by lowercase name. */
  record Delivery(String body, Map<String, String> headers) {}

  /** One sample of the guide, asked whether it accepts a delivery with a secret. */
  interface Receiver {
    boolean accepts(String secret, Delivery delivery);
  }

  /** Where CI installs the guide's npm and PyPI libraries (see {@link ReceiverGuideTest}). */
  static final Path LIBS = Path.of(System.getProperty("basedir", "."), "target", "receiver-libs");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<?>> COMPILED =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final GuideSnippets GUIDE = GuideSnippets.of("receivers.md");

  /**
   * Express as far as the samples use it: the route's handlers are kept, and the driver calls them
   * with a request holding the delivery's bytes.
   */
  private static final String FAKE_EXPRESS =
      """
      const routes = [];
      function express() { return { post(path, ...handlers) { routes.push(handlers); }, listen() {} }; }
      express.json = () => (req, res, next) => { req.body = JSON.parse(req.rawBody.toString('utf8')); next(); };
      express.raw = () => (req, res, next) => { req.body = req.rawBody; next(); };
      express.routes = routes;
      module.exports = express;
      """;

  private static final String NODE_DRIVER =
      """

      {
        const sample = JSON.parse(process.env.SAMPLE);
        const handlers = require('express').routes[0];
        const req = { rawBody: Buffer.from(sample.body, 'utf8'), headers: sample.headers,
                      get(name) { return this.headers[name.toLowerCase()]; } };
        const res = { statusCode: 200, status(c) { this.statusCode = c; return this; },
                      send() { return this; }, sendStatus(c) { this.statusCode = c; return this; } };
        let i = 0;
        const next = () => handlers[i++](req, res, next);
        next();
        console.log('RESULT=' + res.statusCode);
      }
      """;

  private GuideReceivers() {}

  /** A Node sample (an Express app): accepted when its route answers 200. */
  static Receiver node(String name) {
    Path fake = FakeExpress.MODULES;
    return (secret, delivery) ->
        GuideSnippets.run(
                GUIDE.get(name) + NODE_DRIVER,
                ".js",
                env(secret, delivery, "NODE_PATH", fake + ":" + LIBS.resolve("node_modules")),
                "node")
            .equals("200");
  }

  /** A Python sample: accepted when {@code function(body, headers)} returns True. */
  static Receiver python(String name, String function) {
    String driver =
        "\n\nimport json as _json, os as _os\n"
            + "_sample = _json.loads(_os.environ['SAMPLE'])\n"
            + "print('RESULT=' + str("
            + function
            + "(_sample['body'].encode('utf-8'), _sample['headers'])))\n";
    return (secret, delivery) ->
        GuideSnippets.run(
                GUIDE.get(name) + driver,
                ".py",
                env(secret, delivery, "PYTHONPATH", LIBS.resolve("python").toString()),
                "python3")
            .equals("True");
  }

  /** The Java library sample: {@code new BillhookReceiver(secret).verify(body, headers)}. */
  static Receiver javaLibrary() {
    Class<?> receiver =
        COMPILED.computeIfAbsent("java-standardwebhooks", n -> compile(GUIDE.get(n)));
    return (secret, delivery) -> {
      try {
        Object instance = receiver.getConstructor(String.class).newInstance(secret);
        Method verify = receiver.getMethod("verify", String.class, Map.class);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        delivery.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return (Boolean) verify.invoke(instance, delivery.body(), headers);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** The hand-written Java sample: {@code BillhookSignature.verify(secret, headers, body)}. */
  static Receiver javaByHand() {
    Class<?> signature = COMPILED.computeIfAbsent("java-by-hand", n -> compile(GUIDE.get(n)));
    return (secret, delivery) -> {
      try {
        Method verify = signature.getMethod("verify", String.class, Map.class, byte[].class);
        return (Boolean)
            verify.invoke(
                null, secret, delivery.headers(), delivery.body().getBytes(StandardCharsets.UTF_8));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static final Map<String, Boolean> INSTALLED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Whether the npm package {@code name} can be required by the Node samples. */
  static boolean nodeHas(String name) {
    return INSTALLED.computeIfAbsent("npm:" + name, k -> findsNodePackage(name));
  }

  /** Whether the Python module {@code name} can be imported by the Python samples. */
  static boolean pythonHas(String name) {
    return INSTALLED.computeIfAbsent("pypi:" + name, k -> findsPythonModule(name));
  }

  private static boolean findsNodePackage(String name) {
    return GuideSnippets.succeeds(
        Map.of("NODE_PATH", LIBS.resolve("node_modules").toString()),
        "node",
        "-e",
        "require.resolve('" + name + "')");
  }

  private static boolean findsPythonModule(String name) {
    return GuideSnippets.succeeds(
        Map.of("PYTHONPATH", LIBS.resolve("python").toString()), "python3", "-c", "import " + name);
  }

  private static Map<String, String> env(
      String secret, Delivery delivery, String pathVariable, String path) {
    try {
      return Map.of(
          "BILLHOOK_SECRET",
          secret,
          "SAMPLE",
          JSON.writeValueAsString(Map.of("body", delivery.body(), "headers", delivery.headers())),
          pathVariable,
          path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Written once per test run. */
  private static final class FakeExpress {
    static final Path MODULES = fakeExpress();
  }

  private static Path fakeExpress() {
    try {
      Path dir = Files.createTempDirectory("guide-node");
      Path module = Files.createDirectories(dir.resolve("node_modules").resolve("express"));
      Files.writeString(module.resolve("index.js"), FAKE_EXPRESS, StandardCharsets.UTF_8);
      return dir.resolve("node_modules");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles a sample that declares one public class, against the test classpath. */
  private static Class<?> compile(String source) {
    Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
    if (!name.find()) {
      throw new IllegalArgumentException("the Java sample declares no public final class");
    }
    try {
      Path dir = Files.createTempDirectory("guide-java");
      Path file = dir.resolve(name.group(1) + ".java");
      Files.writeString(file, source, StandardCharsets.UTF_8);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
      int status =
          javac.run(
              null,
              errors,
              errors,
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              dir.toString(),
              file.toString());
      if (status != 0) {
        throw new IllegalStateException(
            "the Java sample " + name.group(1) + " does not compile:\n" + errors);
      }
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {dir.toUri().toURL()}, GuideReceivers.class.getClassLoader());
      return loader.loadClass(name.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
