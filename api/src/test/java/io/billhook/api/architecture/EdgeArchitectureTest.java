package io.billhook.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The REST edge is thin: controllers, request and response shapes, auth and problems. It reaches
 * Temporal and PostgreSQL only through the core's services.
 */
class EdgeArchitectureTest {
  private static final JavaClasses EDGE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.billhook.api");

  @Test
  void theEdgeHasNoTemporalClient() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.temporal..").check(EDGE);
  }

  @Test
  void theEdgeHasNoJdbc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "org.postgresql..", "org.springframework.jdbc..")
        .check(EDGE);
  }
}
