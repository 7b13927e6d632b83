package io.billhook.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The deterministic core stays free of Spring, JDBC, HTTP and other I/O. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.billhook.workflows");

  @Test
  void workflowsDoNotUseSpring() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(CORE);
  }

  @Test
  void workflowsDoNotUseJdbc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
        .check(CORE);
  }

  @Test
  void workflowsDoNotUseHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "java.net.http..", "java.net..")
        .check(CORE);
  }

  @Test
  void workflowsDoNotReadTheClockFileSystemOrRandomness() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.UUID")
        .check(CORE);
  }

  @Test
  void workflowsDoNotDependOnTheOtherModules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.billhook.core..", "io.billhook.api..")
        .check(CORE);
  }
}
