package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.security.SecurityPolicies;

/**
 * A PeerAuthentication or AuthorizationPolicy ({@code security.istio.io}) as loaded: where it came from, its spec as
 * written, and what the emulated sidecars enforce of it.
 *
 * @param meta     its kind, name and namespace
 * @param rawSpec  the {@code spec} exactly as written (see {@link VirtualService#rawSpec()})
 * @param enforced the one policy it adds to the cluster's, or none: an AuthorizationPolicy that never attaches to a
 *                 sidecar ({@code targetRef(s)}), an {@code AUDIT} one, or a dry run (mesh-semantics §11.4)
 */
public record SecurityObject(ObjectMeta meta, JsonNode rawSpec, SecurityPolicies enforced) {

    public SecurityObject {
        rawSpec = RawSpec.copyOf(rawSpec);
    }
}
