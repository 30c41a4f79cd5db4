package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.config.LoadedConfig;

/**
 * A change to the VirtualServices of the configuration in force, made on the whole configuration and validated
 * whole again: the weight editor's ({@link SplitWeights}), and the A/B test's variant route ({@link VariantRoute}).
 * Each mode writes only the VirtualServices the edit changed, in every cluster.
 */
public interface VirtualServiceEdit {

    /** What the edit does, as the change's source shows it: {@code weights user-service {ctx1=70, ctx2=30}}. */
    String description();

    /**
     * The configuration {@code config} with the edit made, as a YAML stream.
     *
     * @throws io.theatermsa.platform.http.ApiException when the edit cannot be made to this configuration
     */
    String rewrite(LoadedConfig config);
}
