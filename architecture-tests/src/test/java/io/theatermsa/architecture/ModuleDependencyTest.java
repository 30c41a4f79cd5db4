package io.theatermsa.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.theatermsa.gateway.fixture.GatewayClassReachingForTheLauncher;
import io.theatermsa.gateway.fixture.admin.AdminRoleReachingBackIntoTheApi;
import io.theatermsa.gateway.fixture.api.ApiHandlerCallingTheAdminRole;
import io.theatermsa.kubeapi.fixture.KubeApiClassReachingForTheGateway;
import io.theatermsa.mesh.fixture.MeshClassReachingForAServer;
import io.theatermsa.mesh.fixture.MeshClassReachingForPlatform;
import io.theatermsa.platform.fixture.PlatformClassReachingForTheGateway;
import io.theatermsa.user.fixture.ServiceClassReachingForTheGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep the folder tree honest, checked on the compiled main classes of every module. Each rule is
 * also run against fixture classes that break it, so a rule that could never fail (a typo in a package name) fails
 * here instead of passing silently.
 */
class ModuleDependencyTest {

    private static JavaClasses production;

    @BeforeAll
    static void importMainClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.theatermsa");
    }

    record Case(String name, ArchRule rule, Class<?>... breakIt) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> rules() {
        return Stream.of(
                new Case("mesh imports none of our other modules", ModuleRules.meshStandsAlone(),
                         MeshClassReachingForPlatform.class),
                new Case("mesh imports no server, client, Redis or metrics library", ModuleRules.meshUsesNoServerLibrary(),
                         MeshClassReachingForAServer.class),
                new Case("platform imports no service, the gateway or the cli", ModuleRules.platformServesEveryone(),
                         PlatformClassReachingForTheGateway.class),
                new Case("a service imports neither the gateway nor the cli", ModuleRules.servicesDoNotKnowTheGateway(),
                         ServiceClassReachingForTheGateway.class),
                new Case("the gateway imports not the cli", ModuleRules.gatewayDoesNotKnowTheLauncher(),
                         GatewayClassReachingForTheLauncher.class),
                new Case("the packages of each module are free of cycles", ModuleRules.packagesAreFreeOfCycles(),
                         AdminRoleReachingBackIntoTheApi.class, ApiHandlerCallingTheAdminRole.class),
                new Case("kube-api imports none of our modules but the mesh", ModuleRules.kubeApiKnowsOnlyTheMesh(),
                         KubeApiClassReachingForTheGateway.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @DisplayName("the main code keeps the rule")
    void mainCodeKeepsTheRule(Case c) {
        c.rule().check(production);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @DisplayName("the rule catches the classes that break it")
    void ruleCatchesTheBreakingClasses(Case c) {
        JavaClasses fixture = new ClassFileImporter().importClasses(c.breakIt());
        assertThat(c.rule().evaluate(fixture).hasViolation()).isTrue();
    }
}
