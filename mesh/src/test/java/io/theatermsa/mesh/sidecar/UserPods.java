package io.theatermsa.mesh.sidecar;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * user-service pods in memory for one test class ({@code static final}). Pod names end in their cluster's name,
 * e.g. {@code user-service-ctx2-1}.
 */
final class UserPods {

    private final Map<String, ScriptedPod> pods = new LinkedHashMap<>();

    UserPods(String... pods) {
        for (String pod : pods) {
            String cluster = pod.substring("user-service-".length(), "user-service-ctxN".length());
            this.pods.put(pod, ScriptedPod.start("user-service", cluster, pod));
        }
    }

    ScriptedPod get(String pod) {
        return pods.get(pod);
    }
}
