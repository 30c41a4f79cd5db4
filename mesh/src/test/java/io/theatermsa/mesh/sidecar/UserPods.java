package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * user-service pods on loopback for one test class: register with {@code @RegisterExtension static final}, started
 * before the class's tests and closed after them. Pod names end in their cluster's name, e.g.
 * {@code user-service-ctx2-1}.
 */
final class UserPods implements BeforeAllCallback, AfterAllCallback {

    private final String[] pods;
    private final Map<String, TestUpstream> started = new LinkedHashMap<>();

    UserPods(String... pods) {
        this.pods = pods.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String pod : pods) {
            String cluster = pod.substring("user-service-".length(), "user-service-ctxN".length());
            started.put(pod, TestUpstream.start("user-service", cluster, pod));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.values().forEach(TestUpstream::close);
        started.clear();
    }

    TestUpstream get(String pod) {
        return started.get(pod);
    }
}
