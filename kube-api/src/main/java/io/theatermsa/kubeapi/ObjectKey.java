package io.theatermsa.kubeapi;

/**
 * Where one object lives in a cluster: its API group ({@code ""} for core), resource (the plural,
 * {@code virtualservices}), namespace ({@code ""} for cluster-scoped objects such as namespaces) and name. The
 * version is not part of it: every version of a kind names the same object, as in kube-apiserver.
 */
public record ObjectKey(String group, String resource, String namespace, String name) {

    public ObjectKey {
        namespace = namespace == null ? "" : namespace;
    }

    /** {@code virtualservices.networking.istio.io} or {@code namespaces}: how kube names a resource in messages. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** Whether this key is in the collection {@code group/resource}, in {@code namespace} ({@code null}: any). */
    boolean in(String group, String resource, String namespace) {
        return this.group.equals(group) && this.resource.equals(resource)
                && (namespace == null || this.namespace.equals(namespace));
    }
}
