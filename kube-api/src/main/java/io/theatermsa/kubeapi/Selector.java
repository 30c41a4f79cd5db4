package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A list's or watch's {@code fieldSelector} ({@code metadata.name} and {@code metadata.namespace}, which kubectl's
 * delete-wait and {@code get NAME -w} send; an Event's {@code involvedObject.*}, {@code reason}, {@code type} and
 * {@code source.component}, which describe sends (kube-api.md 5.20–5.21); a pod's {@code spec.nodeName} and
 * {@code status.phase}) and {@code labelSelector} ({@code key=value}, {@code key!=value},
 * {@code key}, {@code !key}), each requirement AND'ed. Anything else is 400 BadRequest.
 */
record Selector(List<Predicate<JsonNode>> requirements) {

    private static final Set<String> FIELDS = Set.of("metadata.name", "metadata.namespace", "involvedObject.kind",
            "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "type", "source.component",
            "spec.nodeName", "status.phase");

    static Selector parse(String fieldSelector, String labelSelector) {
        List<Predicate<JsonNode>> requirements = new ArrayList<>();
        for (String term : terms(fieldSelector)) {
            Requirement r = Requirement.parse(term);
            if (!FIELDS.contains(r.key())) {
                throw ApiError.badRequest("field label not supported: " + r.key());
            }
            List<String> path = List.of(r.key().split("\\."));
            requirements.add(o -> {
                JsonNode value = o;
                for (String field : path) {
                    value = value.path(field);
                }
                return r.test(value);
            });
        }
        for (String term : terms(labelSelector)) {
            if (term.startsWith("!")) {
                String key = term.substring(1);
                requirements.add(o -> !o.path("metadata").path("labels").has(key));
            } else if (!term.contains("=")) {
                requirements.add(o -> o.path("metadata").path("labels").has(term));
            } else {
                Requirement r = Requirement.parse(term);
                requirements.add(o -> r.test(o.path("metadata").path("labels").path(r.key())));
            }
        }
        return new Selector(List.copyOf(requirements));
    }

    boolean matches(JsonNode object) {
        return requirements.stream().allMatch(r -> r.test(object));
    }

    private static List<String> terms(String selector) {
        return selector == null || selector.isBlank() ? List.of()
                : List.of(selector.replace(" ", "").split(","));
    }

    private record Requirement(String key, String value, boolean equal) {

        static Requirement parse(String term) {
            int not = term.indexOf("!=");
            if (not > 0) {
                return new Requirement(term.substring(0, not), term.substring(not + 2), false);
            }
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw ApiError.badRequest("invalid selector: '" + term + "'");
            }
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1);
            return new Requirement(term.substring(0, eq), value, true);
        }

        boolean test(JsonNode actual) {
            return equal == (!actual.isMissingNode() && actual.asText().equals(value));
        }
    }
}
