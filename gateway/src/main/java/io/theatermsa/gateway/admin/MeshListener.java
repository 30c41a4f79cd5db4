package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.sidecar.AccessLog;

/** Told of what the mesh does as it happens ({@link MeshState#subscribe}); both calls must return at once. */
public interface MeshListener {

    /** A request went through a sidecar. */
    void accessed(AccessLog.Numbered record);

    /** A new configuration is in force. */
    void configChanged(long generation, String source);
}
