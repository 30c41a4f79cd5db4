package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What kube-apiserver fills in on a new namespace: the {@code kubernetes} finalizer and the phase {@code Active}. */
final class Namespaces {

    private Namespaces() {
    }

    static ObjectNode withDefaults(ObjectNode namespace) {
        ObjectNode spec = namespace.get("spec") instanceof ObjectNode s ? s : namespace.putObject("spec");
        if (!spec.has("finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
        ObjectNode status = namespace.get("status") instanceof ObjectNode s ? s : namespace.putObject("status");
        if (!status.has("phase")) {
            status.put("phase", "Active");
        }
        return namespace;
    }
}
