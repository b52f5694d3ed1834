package com.controlpanel.provisioning.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static final String BASE = "com.controlpanel.provisioning";
    private static final String DOMAIN = BASE + ".domain..";
    private static final String APPLICATION = BASE + ".application..";
    private static final String UI = BASE + ".ui..";
    private static final String[] PROJECTIONS = {BASE + ".directory..", BASE + ".eventstore.."};
    private static final String[] EDGES = {
        BASE + ".rest..",
        BASE + ".scim..",
        BASE + ".security..",
        BASE + ".config..",
        BASE + ".web..",
        BASE + ".registry.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    /** A rule over a package that does not exist could never fail: every guarded package must have classes. */
    @Test
    void everyGuardedPackageExists() {
        for (String pkg : new String[] {
            DOMAIN, APPLICATION, PROJECTIONS[0], PROJECTIONS[1], EDGES[0], EDGES[1], EDGES[2], EDGES[3], EDGES[5], UI
        }) {
            String prefix = pkg.substring(0, pkg.length() - 2);
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)))
                    .as("classes in %s", pkg)
                    .isTrue();
        }
    }

    @Test
    void domainDependsOnNoFrameworkButAxonModelling() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "javax.sql..",
                        "com.fasterxml.jackson..",
                        BASE + ".application..",
                        PROJECTIONS[0],
                        PROJECTIONS[1],
                        EDGES[0],
                        EDGES[1],
                        EDGES[2],
                        EDGES[3],
                        EDGES[4],
                        EDGES[5],
                        BASE + ".ui..")
                .check(classes);
    }

    @Test
    void applicationServicesUseNoSpringNorWeb() {
        noClasses()
                .that()
                .resideInAPackage(APPLICATION)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", PROJECTIONS[0], PROJECTIONS[1], EDGES[0])
                .check(classes);
    }

    @Test
    void projectionsNeverDispatchCommandsNorTouchAggregates() {
        noClasses()
                .that()
                .resideInAnyPackage(PROJECTIONS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.axonframework.commandhandling..",
                        BASE + ".application..",
                        BASE + ".domain.member..",
                        BASE + ".domain.team..",
                        BASE + ".domain.organization..")
                .check(classes);
    }

    @Test
    void projectionsKnowNothingOfTheEdges() {
        noClasses()
                .that()
                .resideInAnyPackage(PROJECTIONS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EDGES)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".ui..")
                .check(classes);
    }

    /** The Control Panel is another client of the commands and queries: no SCIM, no JSON API, no host internals. */
    @Test
    void controlPanelUsesNoProtocolEdge() {
        noClasses()
                .that()
                .resideInAPackage(UI)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EDGES)
                .check(classes);
    }

    /** The Control Panel reaches the aggregates only through the application services' commands. */
    @Test
    void controlPanelSendsCommandsOnlyThroughTheApplicationServices() {
        noClasses()
                .that()
                .resideInAPackage(UI)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".domain.member..",
                        BASE + ".domain.team..",
                        BASE + ".domain.organization..",
                        "org.axonframework.commandhandling..")
                .check(classes);
    }
}
