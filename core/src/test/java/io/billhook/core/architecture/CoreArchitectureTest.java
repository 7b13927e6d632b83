package io.billhook.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core owns the application and depends only downward: on the workflows, never on the edge. */
class CoreArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.billhook.core");

  @Test
  void nothingImportsUpward() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.billhook.api..", "io.billhook.bench..", "io.billhook.testkit..")
        .check(CORE);
  }

  @Test
  void theCoreSaysNothingInHttpTerms() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
        .check(CORE);
  }
}
