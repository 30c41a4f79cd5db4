package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An AuthorizationPolicy's {@code rules} as written, walked as Kiali's checkers walk them
 * ({@code business/checkers/authorization}): rule by rule, clause by clause, skipping entries that are not objects.
 * Paths are ours ({@code spec.rules[0].from[1].source.namespaces[2]}), Kiali's with dots for slashes.
 */
public final class AuthorizationRules {

    /**
     * One clause of a rule, e.g. {@code from[1]}.
     *
     * @param rule  the index of its rule
     * @param path  its path, {@code spec.rules[0].from[1]}
     * @param block its {@code source} or {@code operation} block; missing when not written
     */
    public record Clause(int rule, String path, JsonNode block) {
    }

    /**
     * One string of a list field, e.g. a {@code source.namespaces} entry.
     *
     * @param path  its path, {@code spec.rules[0].from[1].source.namespaces[2]}
     * @param value the string as written
     */
    public record Value(String path, String value) {
    }

    private AuthorizationRules() {
    }

    /** Every {@code rules[].from[]}, with its {@code source}. */
    public static List<Clause> sources(JsonNode spec) {
        return clauses(spec, "from", "source");
    }

    /** Every {@code rules[].to[]}, with its {@code operation}. */
    public static List<Clause> operations(JsonNode spec) {
        return clauses(spec, "to", "operation");
    }

    /** Every string of {@code field} in the {@code source} of some {@code from}, e.g. each principal. */
    public static List<Value> sourceValues(JsonNode spec, String field) {
        return values(sources(spec), "source", field);
    }

    /** Every string of {@code field} in the {@code operation} of some {@code to}, e.g. each method. */
    public static List<Value> operationValues(JsonNode spec, String field) {
        return values(operations(spec), "operation", field);
    }

    /** The elements of {@code node} when it is an array, else none. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    private static List<Clause> clauses(JsonNode spec, String clause, String block) {
        List<Clause> out = new ArrayList<>();
        List<JsonNode> rules = elements(spec.path("rules"));
        for (int r = 0; r < rules.size(); r++) {
            List<JsonNode> written = elements(rules.get(r).path(clause));
            for (int c = 0; c < written.size(); c++) {
                if (written.get(c).isObject()) {
                    String path = "spec.rules[" + r + "]." + clause + "[" + c + "]";
                    out.add(new Clause(r, path, written.get(c).path(block)));
                }
            }
        }
        return out;
    }

    private static List<Value> values(List<Clause> clauses, String block, String field) {
        List<Value> out = new ArrayList<>();
        for (Clause clause : clauses) {
            List<JsonNode> list = elements(clause.block().path(field));
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isTextual()) {
                    out.add(new Value(clause.path() + "." + block + "." + field + "[" + i + "]", list.get(i).asText()));
                }
            }
        }
        return out;
    }
}
