package io.theatermsa.kubeapi;

import java.util.List;
import java.util.Optional;

/**
 * A kind this server serves, with what discovery says about it.
 *
 * @param group    the API group, {@code ""} for core
 * @param versions the served versions, preferred first
 * @param columns      the table columns after {@code Name}
 * @param subresources what discovery lists as {@code <plural>/<name>}
 */
record ResourceType(String group, List<String> versions, String plural, String singular, String kind,
                    boolean namespaced, List<String> verbs, List<String> shortNames, List<String> categories,
                    List<PrinterColumn> columns, List<Subresource> subresources) {

    /** A subresource such as {@code deployments/scale}, answered with {@code group/version kind}. */
    record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    Optional<Subresource> subresource(String name) {
        return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    boolean allows(String verb) {
        return verbs.contains(verb);
    }

    String apiVersion(String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    ObjectKey key(String namespace, String name) {
        return new ObjectKey(group, plural, namespaced ? namespace : "", name);
    }
}
