package io.billhook.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The modules depend only downward: the REST edge on the core, the core on the workflows. The edge
 * is thin (controllers, request and response shapes, auth, problems) and reaches Temporal and
 * PostgreSQL only through the core's services; the core says nothing in HTTP terms.
 */
class ModuleBoundariesTest {
  private static final JavaClasses APPLICATION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.billhook.api", "io.billhook.core");

  @Test
  void theEdgeHasNoTemporalClient() {
    noClasses()
        .that()
        .resideInAPackage("io.billhook.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.temporal..")
        .check(APPLICATION);
  }

  @Test
  void theEdgeHasNoJdbc() {
    noClasses()
        .that()
        .resideInAPackage("io.billhook.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "org.postgresql..", "org.springframework.jdbc..")
        .check(APPLICATION);
  }

  @Test
  void theCoreImportsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("io.billhook.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.billhook.api..", "io.billhook.bench..", "io.billhook.testkit..")
        .check(APPLICATION);
  }

  @Test
  void theCoreSaysNothingInHttpTerms() {
    noClasses()
        .that()
        .resideInAPackage("io.billhook.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
        .check(APPLICATION);
  }
}
