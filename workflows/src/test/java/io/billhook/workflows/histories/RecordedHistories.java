package io.billhook.workflows.histories;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.workflow.WorkflowInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the replay test replays: the recorded histories, and the workflow code it replays them on.
 */
final class RecordedHistories {
  private RecordedHistories() {}

  /** Every recorded history on the test classpath, under {@code histories/<workflow type>/}. */
  static List<Path> files() {
    URL root = RecordedHistories.class.getResource("/histories");
    if (root == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every workflow implementation in the workflows module, by workflow type: found, not listed, so
   * a new workflow type cannot be forgotten here.
   */
  static Map<String, Class<?>> implementationsByType() {
    Map<String, Class<?>> byType = new TreeMap<>();
    new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.billhook.workflows")
            .stream()
            .filter(c -> !c.isInterface() && implementsWorkflowInterface(c))
            .map(JavaClass::reflect)
            .forEach(
                impl ->
                    POJOWorkflowImplMetadata.newInstance(impl).getWorkflowMethods().stream()
                        .map(POJOWorkflowMethodMetadata::getName)
                        .forEach(type -> byType.put(type, impl)));
    return byType;
  }

  private static boolean implementsWorkflowInterface(JavaClass c) {
    return c.getAllRawInterfaces().stream()
        .anyMatch(i -> i.isAnnotatedWith(WorkflowInterface.class));
  }
}
