package io.theatermsa.cli.local;

/** Mesh YAML the stack-level tests apply. */
public final class Scenarios {

    /** Subsets per cluster for user-service, and every user request to ctx2. */
    public static final String ALL_USERS_TO_CTX2 = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-service-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets:
              - name: ctx1
                labels: {cluster: ctx1}
              - name: ctx2
                labels: {cluster: ctx2}
            ---
            """ + userServiceRoute("{host: user-service, subset: ctx2}", 100);

    /** Valid YAML that Istio refuses: a negative weight (THT-E009). */
    public static final String NEGATIVE_WEIGHT = userServiceRoute("{host: user-service}", -1);

    /** Not YAML at all: the loader refuses it with THT-E001. */
    public static final String NOT_YAML = "apiVersion: networking.istio.io/v1\nkind: [VirtualService\n  : :\n";

    private Scenarios() {
    }

    /** user-service's VirtualService with one route to {@code destination} at {@code weight}. */
    private static String userServiceRoute(String destination, int weight) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-service-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - name: only-route
                    route:
                    - destination: %s
                      weight: %d
                """.formatted(destination, weight);
    }
}
