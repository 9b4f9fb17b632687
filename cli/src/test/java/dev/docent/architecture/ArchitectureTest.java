package dev.docent.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module map of docs/DESIGN.md as rules over the compiled classes of every module (this module
 * sees them all on its class path): no import cycle between packages; the core (assistant, and
 * the modules under it) uses no adapter's library (Javalin, Jetty, the MCP SDK) and no adapter's
 * package (web, mcp, cli, eval); adapters do not use each other except as the map says.
 */
class ArchitectureTest {

    private static JavaClasses docent;

    @BeforeAll
    static void importClasses() {
        // Main code only: test classes (this module's, and other modules' test jars) may reach anywhere.
        docent = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("dev.docent");
    }

    @Test
    void everyModuleIsImported() {
        // A rule over classes that were not found passes vacuously: make sure each module is here.
        for (String pkg : List.of("dev.docent.embedder", "dev.docent.retriever", "dev.docent.llm", "dev.docent.indexer",
                "dev.docent.assistant", "dev.docent.mcp", "dev.docent.web", "dev.docent.cli", "dev.docent.eval")) {
            assertTrue(docent.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), pkg + " classes were imported");
        }
    }

    @Test
    void noImportCyclesBetweenPackages() {
        ArchRule rule = SlicesRuleDefinition.slices().matching("dev.docent.(**)").should().beFreeOfCycles();
        EvaluationResult result = rule.evaluate(docent);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void theCoreKnowsNoAdapter() {
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "io.modelcontextprotocol..",
                        "dev.docent.web..", "dev.docent.mcp..", "dev.docent.cli..", "dev.docent.eval..");
        EvaluationResult result = rule.evaluate(docent);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void adaptersPointOnlyTowardsTheCore() {
        // mcp is used by web (the /mcp endpoint) and cli (stdio); web by cli (serve); nothing uses cli or eval.
        assertNoDependency("dev.docent.mcp..", "dev.docent.web..", "dev.docent.cli..", "dev.docent.eval..");
        assertNoDependency("dev.docent.web..", "dev.docent.cli..", "dev.docent.eval..");
        assertNoDependency("dev.docent.eval..", "dev.docent.web..", "dev.docent.mcp..");
    }

    @Test
    void theCycleRuleReportsACycle() {
        // Two test-only packages that import each other: the same rule must fail on them.
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.docent.architecture.cycle");
        EvaluationResult result = SlicesRuleDefinition.slices().matching("dev.docent.(**)").should().beFreeOfCycles()
                .evaluate(fixture);
        assertTrue(result.hasViolation(), "a cycle between architecture.cycle.a and .b is reported");
    }

    private static final String[] CORE = {"dev.docent.assistant..", "dev.docent.indexer..", "dev.docent.retriever..",
            "dev.docent.embedder..", "dev.docent.llm..", "dev.docent.nativelib.."};

    private static void assertNoDependency(String from, String... to) {
        EvaluationResult result = noClasses().that().resideInAPackage(from).should().dependOnClassesThat()
                .resideInAnyPackage(to).evaluate(docent);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }
}
