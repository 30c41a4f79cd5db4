package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.config.LoadedConfig;

/**
 * What a local mesh checks in every configuration it is offered beyond what the loader validates (the cli's lint
 * rules), so that {@code scenario apply}, the dashboard, the local Kubernetes API and {@code theater lint} report the
 * same findings for the same objects.
 */
@FunctionalInterface
public interface ConfigAnalysis {

    /** Checks nothing more. */
    ConfigAnalysis NONE = loaded -> loaded;

    /** {@code loaded} with this analysis' findings added after the loader's. */
    LoadedConfig analyse(LoadedConfig loaded);
}
