package io.theatermsa.mesh.route;

import java.util.Map;

/** One compiled field of a {@code match} block; a block matches when all its conditions hold (mesh-semantics §1.1). */
sealed interface Condition {

    boolean test(RouteRequest request);

    record Uri(StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return matcher.matches(request.path());
        }
    }

    record Method(StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return matcher.matches(request.method());
        }
    }

    record Authority(StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return matcher.matches(request.authority());
        }
    }

    record Scheme(StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return matcher.matches(request.scheme());
        }
    }

    /** {@code headers} entry: the header must be present and match. */
    record Header(String name, StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            String value = request.header(name);
            return value != null && matcher.matches(value);
        }
    }

    /**
     * {@code withoutHeaders} entry (§1.4): a presence check holds only when the header is absent; any other
     * matcher treats a missing header as {@code ""} and inverts the result.
     */
    record WithoutHeader(String name, StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            String value = request.header(name);
            if (matcher instanceof StringMatcher.Present) {
                return value == null;
            }
            return !matcher.matches(value == null ? "" : value);
        }
    }

    record QueryParam(String name, StringMatcher matcher) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            String value = request.queryParam(name);
            return value != null && matcher.matches(value);
        }
    }

    /** {@code sourceLabels}: a selector on the calling workload, not on the request (§1.5). */
    record SourceLabels(Map<String, String> labels) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            Map<String, String> caller = request.sourceLabels();
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!label.getValue().equals(caller.get(label.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    record SourceNamespace(String namespace) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return namespace.equals(request.sourceNamespace());
        }
    }

    record Port(int port) implements Condition {
        @Override
        public boolean test(RouteRequest request) {
            return port == request.port();
        }
    }
}
