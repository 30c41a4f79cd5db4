package io.theatermsa.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The dependency rules between our modules, named after what each module may and may not know. */
final class ModuleRules {

    private static final String MESH = "io.theatermsa.mesh..";
    private static final String PLATFORM = "io.theatermsa.platform..";
    private static final String[] SERVICES = {"io.theatermsa.user..", "io.theatermsa.movie..", "io.theatermsa.booking.."};
    private static final String GATEWAY = "io.theatermsa.gateway..";
    private static final String CLI = "io.theatermsa.cli..";
    private static final String LOADGEN = "io.theatermsa.loadgen..";
    private static final String BENCHMARKS = "io.theatermsa.benchmarks..";
    private static final String KUBE_API = "io.theatermsa.kubeapi..";

    private ModuleRules() {
    }

    /** The mesh library can be lifted out: it knows none of our other modules. */
    static ArchRule meshStandsAlone() {
        return noClasses().that().resideInAPackage(MESH)
                .should().dependOnClassesThat().resideInAnyPackage(
                        PLATFORM, SERVICES[0], SERVICES[1], SERVICES[2], GATEWAY, CLI, LOADGEN, BENCHMARKS)
                .because("mesh/ is a pure Istio/Envoy library; platform/ implements its upstream exchange");
    }

    /** The mesh library runs without sockets: no web server or client, no Redis, no metrics, no Kubernetes client. */
    static ArchRule meshUsesNoServerLibrary() {
        return noClasses().that().resideInAPackage(MESH)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.helidon..", "io.netty..", "io.lettuce..", "io.micrometer..", "io.fabric8..",
                        "io.vertx..", "okhttp3..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .because("the mesh is tested and benchmarked without sockets; the exchange is passed in");
    }

    /** What every server shares knows none of the servers. */
    static ArchRule platformServesEveryone() {
        return noClasses().that().resideInAPackage(PLATFORM)
                .should().dependOnClassesThat().resideInAnyPackage(
                        SERVICES[0], SERVICES[1], SERVICES[2], GATEWAY, CLI, LOADGEN)
                .because("platform/ is shared by every server and must not depend on one of them");
    }

    /** A service is deployed without the gateway or the launcher. */
    static ArchRule servicesDoNotKnowTheGateway() {
        return noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, CLI)
                .because("each service is its own deployable; the gateway calls it, never the other way round");
    }

    /** The gateway runs on Kubernetes without the launcher: the cli wires the gateway, never the other way round. */
    static ArchRule gatewayDoesNotKnowTheLauncher() {
        return noClasses().that().resideInAPackage(GATEWAY)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .because("the gateway's image has no cli; the local stack passes in what the gateway needs");
    }

    /**
     * Within a module, dependencies between packages run one way. Every package is its own slice; a cycle can only
     * close inside one module, since Maven builds the modules in order.
     */
    static ArchRule packagesAreFreeOfCycles() {
        return slices().matching("io.theatermsa.(**)").should().beFreeOfCycles()
                .because("a package depends on the packages below it, never on the one that calls it");
    }

    /** The local Kubernetes API knows the mesh (admission) and nothing else of ours: the cli wires it to the stack. */
    static ArchRule kubeApiKnowsOnlyTheMesh() {
        return noClasses().that().resideInAPackage(KUBE_API)
                .should().dependOnClassesThat().resideInAnyPackage(
                        PLATFORM, SERVICES[0], SERVICES[1], SERVICES[2], GATEWAY, CLI, LOADGEN)
                .because("kube-api/ serves a cluster's objects from its own store; the emulator subscribes to it");
    }
}
