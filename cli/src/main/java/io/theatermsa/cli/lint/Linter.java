package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.ClusterDifferences;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Offline validation of mesh YAML: everything the loader validates (the same checks {@code theater up} and
 * {@code /api/mesh/scenario} apply, with hosts checked against the {@link Inventory}), then every {@link LintRule}.
 */
public final class Linter {

    /** The rules of issues 5 and 15, in the order their findings are printed. */
    public static final List<LintRule> RULES = List.of(
            new SubsetSelectsNoPodsRule(),
            new VirtualServiceHostWithoutServiceRule(),
            new ConflictingTrafficPoliciesRule(),
            new AbortInvisibleToOutlierDetectionRule(),
            new FaultWithoutPercentageRule(),
            new NeverEjectedRule(),
            new PanicThresholdRule(),
            new FailoverWithoutOutlierDetectionRule(),
            new MaxConnectionsAloneRule(),
            new GatewayErrorsShadowedRule(),
            new GatewayNotFoundRule(),
            new AuthorizationNamespaceRule(),
            new AuthorizationHostRule(),
            new AuthorizationPrincipalRule());

    private final String namespace;
    private final List<LintRule> rules;

    /** A linter with every rule; objects that name no namespace are in {@code namespace}. */
    public Linter(String namespace) {
        this(namespace, RULES);
    }

    /**
     * @param namespace where objects that name no namespace are, as kubectl's {@code -n}
     * @param rules     the checks to run after loading, in order
     */
    public Linter(String namespace, List<LintRule> rules) {
        this.namespace = namespace;
        this.rules = List.copyOf(rules);
    }

    /** Every finding about the file or directory at {@code path}: the loader's, then each rule's. */
    public List<Diagnostic> lint(Path path, Inventory inventory) {
        return check(new MeshConfigLoader(namespace, inventory).load(path), inventory);
    }

    /** Every finding about YAML text; {@code sourceName} stands in for the file name. */
    public List<Diagnostic> lint(String sourceName, String yaml, Inventory inventory) {
        return check(new MeshConfigLoader(namespace, inventory).load(sourceName, yaml), inventory);
    }

    /**
     * The objects that differ between what each cluster is given ({@code THT-W012}), cluster name → its file or
     * directory, in the clusters' order: each cluster's istiod reads only its own objects (multi-primary).
     */
    public List<Diagnostic> compare(Map<String, Path> clusters, Inventory inventory) {
        Map<String, LoadedConfig> configs = new LinkedHashMap<>();
        clusters.forEach((cluster, path) -> configs.put(cluster, new MeshConfigLoader(namespace, inventory).load(path)));
        return ClusterDifferences.of(configs).findings();
    }

    /**
     * {@code loaded} with every rule's findings added after the loader's: what a local mesh checks in every
     * configuration it is offered, so that applying and linting the same objects report the same findings.
     */
    public LoadedConfig withFindings(LoadedConfig loaded, Inventory inventory) {
        return new LoadedConfig(loaded.virtualServices(), loaded.destinationRules(), loaded.securityObjects(),
                                check(loaded, inventory), loaded.skippedObjects());
    }

    private List<Diagnostic> check(LoadedConfig loaded, Inventory inventory) {
        Diagnostics out = new Diagnostics();
        LintInput input = new LintInput(loaded, inventory);
        rules.forEach(rule -> rule.check(input, out));
        return Stream.concat(loaded.diagnostics().stream(), out.toList().stream()).toList();
    }
}
