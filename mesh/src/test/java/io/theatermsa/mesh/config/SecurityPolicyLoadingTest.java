package io.theatermsa.mesh.config;

import io.theatermsa.mesh.security.AuthorizationPolicy;
import io.theatermsa.mesh.security.MtlsMode;
import io.theatermsa.mesh.security.SecurityPolicies;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How the loader reads PeerAuthentication and AuthorizationPolicy (mesh-semantics §11.4, §11.8): what Istio rejects
 * is refused, what the emulated sidecars cannot enforce is refused as such (never enforced in part), and what never
 * attaches to a sidecar or never changes an outcome is admitted without a policy.
 */
class SecurityPolicyLoadingTest {

    private static final String NS = "theater-msa";

    private static LoadedConfig load(String yaml) {
        return new MeshConfigLoader(NS).load("test.yaml", yaml);
    }

    private static String ap(String spec) {
        return """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: p, namespace: theater-msa}
                spec:
                """ + spec.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    @Test
    @DisplayName("lesson 09 loads whole: one STRICT PeerAuthentication and four ALLOW policies, no errors")
    void lessonNineLoads() {
        LoadedConfig config = new MeshConfigLoader(NS).load(Path.of("../k8s/practice/09-mtls-authz"));

        assertThat(config.errors()).isEmpty();
        SecurityPolicies policies = config.securityPolicies();
        assertThat(policies.peerAuthentications()).singleElement()
                .satisfies(pa -> assertThat(pa.mode()).isEqualTo(MtlsMode.STRICT));
        assertThat(policies.authorizationPolicies()).extracting(AuthorizationPolicy::name)
                .containsExactly("user-service", "movie-service", "booking-service", "redis");
        assertThat(config.securityObjects()).hasSize(5);
    }

    record Refused(String name, String yaml, Code code, String fieldPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("DENY without rules", ap("action: DENY"), Code.INVALID_VALUE, "spec.rules"),
                new Refused("CUSTOM without provider", ap("action: CUSTOM\nrules: [{}]"), Code.INVALID_VALUE,
                        "spec.provider.name"),
                new Refused("provider on ALLOW", ap("provider: {name: x}\nrules: [{}]"), Code.INVALID_VALUE,
                        "spec.provider"),
                new Refused("an unknown action", ap("action: LOG\nrules: [{}]"), Code.INVALID_VALUE, "spec.action"),
                new Refused("an explicitly empty from", ap("rules: [{from: []}]"), Code.INVALID_VALUE,
                        "spec.rules[0].from"),
                new Refused("a source with no field", ap("rules: [{from: [{source: {}}]}]"), Code.INVALID_VALUE,
                        "spec.rules[0].from[0].source"),
                new Refused("an empty value", ap("rules: [{to: [{operation: {paths: ['']}}]}]"),
                        Code.INVALID_VALUE, "spec.rules[0].to[0].operation.paths"),
                new Refused("a port that is not a number", ap("rules: [{to: [{operation: {ports: [http]}}]}]"),
                        Code.INVALID_VALUE, "spec.rules[0].to[0].operation.ports"),
                new Refused("selector and targetRefs", ap("""
                        selector: {matchLabels: {app: a}}
                        targetRefs: [{kind: Service, name: a}]
                        rules: [{}]"""), Code.INVALID_VALUE, "spec"),
                new Refused("CUSTOM", ap("action: CUSTOM\nprovider: {name: opa}\nrules: [{}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.action"),
                new Refused("when conditions", ap("rules: [{when: [{key: 'request.headers[x]', values: [a]}]}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.rules[0].when"),
                new Refused("ipBlocks", ap("rules: [{from: [{source: {ipBlocks: [10.0.0.0/8]}}]}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.rules[0].from[0].source.ipBlocks"),
                new Refused("hosts", ap("rules: [{to: [{operation: {hosts: [user-service]}}]}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.rules[0].to[0].operation.hosts"),
                new Refused("a path template", ap("rules: [{to: [{operation: {paths: ['/users/{*}']}}]}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.rules[0].to[0].operation.paths"),
                new Refused("a valid {**} template, last", ap("rules: [{to: [{operation: {paths: ['/users/{**}']}}]}]"),
                        Code.SECURITY_NOT_EMULATED, "spec.rules[0].to[0].operation.paths"),
                new Refused("a path template not a whole segment (Istio rejects it)",
                        ap("rules: [{to: [{operation: {paths: ['/users/{*}.json']}}]}]"),
                        Code.INVALID_VALUE, "spec.rules[0].to[0].operation.paths"),
                new Refused("{**} not the last operator (Istio rejects it)",
                        ap("rules: [{to: [{operation: {paths: ['/users/{**}/{*}']}}]}]"),
                        Code.INVALID_VALUE, "spec.rules[0].to[0].operation.paths"),
                new Refused("a brace that is no template in notPaths (Istio rejects it)",
                        ap("rules: [{to: [{operation: {notPaths: ['/users/{id}']}}]}]"),
                        Code.INVALID_VALUE, "spec.rules[0].to[0].operation.notPaths"),
                new Refused("portLevelMtls without selector", """
                        apiVersion: security.istio.io/v1
                        kind: PeerAuthentication
                        metadata: {name: default, namespace: theater-msa}
                        spec: {portLevelMtls: {"8081": {mode: DISABLE}}}
                        """, Code.INVALID_VALUE, "spec.portLevelMtls"),
                new Refused("portLevelMtls", """
                        apiVersion: security.istio.io/v1
                        kind: PeerAuthentication
                        metadata: {name: user, namespace: theater-msa}
                        spec:
                          selector: {matchLabels: {app: user-service}}
                          portLevelMtls: {"8081": {mode: DISABLE}}
                        """, Code.SECURITY_NOT_EMULATED, "spec.portLevelMtls"),
                new Refused("an unknown mode", """
                        apiVersion: security.istio.io/v1
                        kind: PeerAuthentication
                        metadata: {name: default, namespace: theater-msa}
                        spec: {mtls: {mode: STRICTER}}
                        """, Code.INVALID_VALUE, "spec.mtls.mode"),
                new Refused("principals as one string, not a list (it would match every caller)",
                        ap("rules: [{from: [{source: {principals: cluster.local/ns/x/sa/api-gateway}}]}]"),
                        Code.WRONG_TYPE, "spec.rules[0].from[0].source.principals"),
                new Refused("a selector without matchLabels (it would select the whole namespace)",
                        ap("selector: {app: user-service}\naction: DENY\nrules: [{}]"), Code.INVALID_VALUE,
                        "spec.selector.app"),
                new Refused("rules as a map, not a list", ap("rules: {from: [{source: {namespaces: [a]}}]}"),
                        Code.WRONG_TYPE, "spec.rules"),
                new Refused("a from entry with a field other than source",
                        ap("rules: [{from: [{source: {namespaces: [a]}, sources: {}}]}]"), Code.INVALID_VALUE,
                        "spec.rules[0].from[0].sources"),
                new Refused("a mode that is not a string", """
                        apiVersion: security.istio.io/v1
                        kind: PeerAuthentication
                        metadata: {name: default, namespace: theater-msa}
                        spec: {mtls: {mode: [STRICT]}}
                        """, Code.WRONG_TYPE, "spec.mtls.mode"),
                new Refused("an unknown mtls field", """
                        apiVersion: security.istio.io/v1
                        kind: PeerAuthentication
                        metadata: {name: default, namespace: theater-msa}
                        spec: {mtls: {mode: STRICT, strict: true}}
                        """, Code.INVALID_VALUE, "spec.mtls.strict"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    @DisplayName("§11.8 refused with a code and a field path; the configuration is not applied")
    void refusedWithCodeAndPath(Refused c) {
        LoadedConfig config = load(c.yaml());

        assertThat(config.hasErrors()).isTrue();
        assertThat(config.errors()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo(c.code());
            assertThat(d.fieldPath()).isEqualTo(c.fieldPath());
        });
    }

    @Test
    @DisplayName("§11.4 targetRefs, AUDIT and dry-run are admitted and enforce nothing on sidecars")
    void policiesThatNeverDenyOnSidecarsAddNothing() {
        LoadedConfig config = load(ap("targetRefs: [{kind: Service, name: user-service}]\naction: DENY\nrules: [{}]")
                + "---\n" + ap("action: AUDIT\nrules: [{}]").replace("name: p", "name: audit")
                + "---\n" + ap("action: DENY\nrules: [{}]").replace("name: p", "name: shadow,"
                                                                     + " annotations: {istio.io/dry-run: 'true'}"));

        assertThat(config.hasErrors()).isFalse();
        assertThat(config.securityObjects()).hasSize(3);
        assertThat(config.securityPolicies().authorizationPolicies()).isEmpty();
        assertThat(config.diagnostics()).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(Code.NOT_FOR_SIDECARS, Code.NOT_EMULATED, Code.NOT_EMULATED);
    }

    @Test
    @DisplayName("§11.4 spec: {} is an ALLOW policy without rules (allow nothing); rules: [{}] one rule matching all")
    void emptySpecAndEmptyRule() {
        List<AuthorizationPolicy> policies = load(ap("{}").replace("spec:\n  {}", "spec: {}")
                + "---\n" + ap("action: DENY\nrules: [{}]").replace("name: p", "name: deny-all"))
                .securityPolicies().authorizationPolicies();

        assertThat(policies).extracting(AuthorizationPolicy::action)
                .containsExactly(AuthorizationPolicy.Action.ALLOW, AuthorizationPolicy.Action.DENY);
        assertThat(policies.get(0).rules()).isEmpty();
        assertThat(policies.get(1).rules()).hasSize(1);
    }

    @Test
    @DisplayName("an API version Istio does not serve is skipped with THT-W010")
    void unknownApiVersionIsSkipped() {
        LoadedConfig config = load(ap("rules: [{}]").replace("security.istio.io/v1", "security.istio.io/v2"));

        assertThat(config.securityObjects()).isEmpty();
        assertThat(config.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.UNSUPPORTED_API_VERSION);
        assertThat(config.skippedObjects()).isEqualTo(1);
    }

    @Test
    @DisplayName("an invalid path template is only an error, not also a template the mesh does not enforce")
    void anInvalidPathTemplateIsOnlyInvalid() {
        LoadedConfig config = load(ap("rules: [{to: [{operation: {paths: ['/users/{**}/{**}', '/a/*/{*}']}}]}]"));

        assertThat(config.diagnostics()).extracting(Diagnostic::code)
                .containsExactly(Code.INVALID_VALUE, Code.INVALID_VALUE);
    }

    @Test
    @DisplayName("the webhook's banned annotations are refused on a policy too, but for istio.io/dry-run")
    void bannedAnnotationsButDryRunAreRefused() {
        String policy = ap("rules: [{}]");
        LoadedConfig rejected = load(policy.replace("metadata: {", "metadata: {annotations: "
                + "{internal.istio.io/webhook-always-reject: 'true'}, "));

        assertThat(rejected.diagnostics()).extracting(Diagnostic::code, Diagnostic::fieldPath)
                .containsExactly(tuple(Code.INVALID_VALUE, "metadata.annotations.internal.istio.io/webhook-always-reject"));
    }
}
