package org.trialmatch.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The data flow of docs/architecture.md as a rule: {@code nwb -> data -> (model, grad) <- loss <- train};
 * {@code analysis -> report} read model and data trials but never {@code train}; {@code evaluate} joins
 * them; {@code cli} is on top; {@code errors} (the input-problem exceptions) sits below everything. Reading NWB
 * ({@code nwb}) and writing it ({@code nwb.write}) do not import each other.
 */
class LayersTest {
  static LayeredArchitecture layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("errors").definedBy("org.trialmatch.errors..")
        .layer("nwb").definedBy("org.trialmatch.nwb..")
        .layer("data").definedBy("org.trialmatch.data..")
        .layer("model").definedBy("org.trialmatch.model..")
        .layer("grad").definedBy("org.trialmatch.grad..")
        .layer("loss").definedBy("org.trialmatch.loss..")
        .layer("pseudo").definedBy("org.trialmatch.pseudo..")
        .layer("train").definedBy("org.trialmatch.train..")
        .layer("analysis").definedBy("org.trialmatch.analysis..")
        .layer("report").definedBy("org.trialmatch.report..")
        .layer("evaluate").definedBy("org.trialmatch.evaluate..")
        .layer("sweep").definedBy("org.trialmatch.sweep..")
        .layer("cli").definedBy("org.trialmatch.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("sweep").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("evaluate").mayOnlyBeAccessedByLayers("sweep", "cli")
        .whereLayer("report").mayOnlyBeAccessedByLayers("evaluate", "sweep", "cli")
        .whereLayer("analysis").mayOnlyBeAccessedByLayers("report", "evaluate", "sweep", "cli")
        .whereLayer("train").mayOnlyBeAccessedByLayers("evaluate", "sweep", "cli")
        .whereLayer("pseudo").mayOnlyBeAccessedByLayers("evaluate", "sweep", "cli")
        .whereLayer("loss").mayOnlyBeAccessedByLayers("train", "analysis", "report", "evaluate", "sweep", "cli")
        .whereLayer("grad").mayOnlyBeAccessedByLayers("loss", "train", "evaluate", "sweep", "cli")
        .whereLayer("model").mayOnlyBeAccessedByLayers("grad", "loss", "pseudo", "train", "analysis", "report", "evaluate",
            "sweep", "cli")
        .whereLayer("data").mayOnlyBeAccessedByLayers("model", "grad", "loss", "pseudo", "train", "analysis", "report",
            "evaluate", "sweep", "cli")
        .whereLayer("nwb").mayOnlyBeAccessedByLayers("data", "model", "grad", "loss", "pseudo", "train", "analysis",
            "report", "evaluate", "sweep", "cli");
  }

  @Test
  void theToolkitFollowsTheDataFlow() {
    JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.trialmatch");
    assertTrue(main.size() > 150, "imported " + main.size() + " classes");
    EvaluationResult r = layers().evaluate(main);
    assertFalse(r.hasViolation(), () -> String.join("\n", r.getFailureReport().getDetails()));
  }

  @Test
  void onlyTheSparkEngineImportsSpark() {
    JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.trialmatch");
    com.tngtech.archunit.lang.ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideOutsideOfPackage("org.trialmatch.sweep.spark..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
        .orShould().dependOnClassesThat().resideInAPackage("org.trialmatch.sweep.spark..");
    EvaluationResult r = rule.evaluate(main);
    assertFalse(r.hasViolation(), () -> String.join("\n", r.getFailureReport().getDetails()));
  }

  @Test
  void readingAndWritingNwbAreApart() {
    JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.trialmatch");
    ArchRule readerWithoutWriter = noClasses().that().resideInAPackage("org.trialmatch.nwb")
        .should().dependOnClassesThat().resideInAPackage("org.trialmatch.nwb.write..");
    ArchRule writerAlone = noClasses().that().resideInAPackage("org.trialmatch.nwb.write..")
        .should().dependOnClassesThat(resideInAPackage("org.trialmatch..")
            .and(resideOutsideOfPackage("org.trialmatch.nwb.write..")));
    for (ArchRule rule : new ArchRule[] {readerWithoutWriter, writerAlone}) {
      EvaluationResult r = rule.evaluate(main);
      assertFalse(r.hasViolation(), () -> String.join("\n", r.getFailureReport().getDetails()));
    }
  }

  @Test
  void libraryCodeSetsNoSystemProperty() {
    JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.trialmatch");
    com.tngtech.archunit.lang.ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideOutsideOfPackage("org.trialmatch.cli..")
        .should().callMethod(System.class, "setProperty", String.class, String.class);
    EvaluationResult r = rule.evaluate(main);
    assertFalse(r.hasViolation(), () -> String.join("\n", r.getFailureReport().getDetails()));
  }

  @Test
  void aReportThatImportsTrainBreaksTheRule() {
    JavaClasses wrong = new ClassFileImporter().importClasses(org.trialmatch.report.WrongArrow.class,
        org.trialmatch.train.Fit.class);
    EvaluationResult r = layers().evaluate(wrong);
    assertTrue(r.hasViolation(), "report -> train must be reported");
    assertTrue(String.join("\n", r.getFailureReport().getDetails()).contains("WrongArrow"));
  }
}
