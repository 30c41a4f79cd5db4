package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Istio's webhook played by the mesh's validation: what it admits, and how it words a denial. */
class MeshAdmissionTest {

    record Case(String name, String kind, String yaml, Admission.Verdict verdict) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a valid VirtualService is admitted", "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - route:
                            - destination: {host: movie-service, subset: ctx1}
                        """, new Admission.Verdict.Allowed()),
                new Case("an undefined subset is admitted (Istio's webhook does not look at other objects)",
                         "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - route:
                            - destination: {host: movie-service, subset: nowhere}
                        """, new Admission.Verdict.Allowed()),
                new Case("a rule after one without matches is admitted with the webhook's warning (IST0130)",
                         "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - route:
                            - destination: {host: movie-service}
                          - name: late
                            route:
                            - destination: {host: movie-service}
                        """, new Admission.Verdict.Allowed(List.of(
                        "virtualService rule \"late\" not used (only the last rule can have no matches)"))),
                new Case("a repeated match is admitted with one warning per finding (IST0131, IST0130)",
                         "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - match: [{uri: {prefix: /movies}}]
                            route:
                            - destination: {host: movie-service}
                          - match: [{uri: {prefix: /movies}}]
                            route:
                            - destination: {host: movie-service, subset: nowhere}
                        """, new Admission.Verdict.Allowed(List.of(
                        "virtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0)",
                        "virtualService rule #1 not used (all matches used by prior rules)"))),
                new Case("a top-level deprecated minimumRingSize is admitted with the webhook's warning (IST0133)",
                         "DestinationRule", """
                        spec:
                          host: movie-service
                          trafficPolicy:
                            loadBalancer:
                              consistentHash: {httpHeaderName: x-user, minimumRingSize: 1024}
                        """, new Admission.Verdict.Allowed(List.of("consistent hash MinimumRingSize is deprecated,"
                        + " use ConsistentHashLB's RingHash configuration instead"))),
                new Case("a subset's warnings are dropped, as Istio's error-typed helpers drop them (A.9)",
                         "DestinationRule", """
                        spec:
                          host: movie-service
                          subsets:
                          - name: v1
                            labels: {version: v1}
                            trafficPolicy:
                              loadBalancer:
                                consistentHash: {httpHeaderName: x-user, minimumRingSize: 1024}
                        """, new Admission.Verdict.Allowed()),
                new Case("an analysis finding is no warning: a subset without labels (KIA0209)",
                         "DestinationRule", """
                        spec:
                          host: movie-service
                          subsets:
                          - name: v1
                        """, new Admission.Verdict.Allowed()),
                new Case("one error is named with its field path, and a denial carries no warning (the second"
                         + " rule is unreachable), as Istio's webhook answers an error alone", "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - route:
                            - destination: {host: movie-service}
                              weight: -1
                          - route:
                            - destination: {host: movie-service}
                        """, new Admission.Verdict.Denied("validation.istio.io", "configuration is invalid: "
                        + "spec.http[0].route[0].weight: weight -1 is negative (IST0106)")),
                new Case("a rule of Istio's webhook the mesh added later is denied at its field", "VirtualService", """
                        spec:
                          hosts: [movie-service]
                          http:
                          - route:
                            - destination: {host: movie-service}
                            mirror: {host: movie-service}
                            mirrorPercent: 101
                        """, new Admission.Verdict.Denied("validation.istio.io", "configuration is invalid: "
                        + "spec.http[0].mirrorPercent: mirror_percent must have a max value of 100 (it has 101) "
                        + "(IST0106)")),
                new Case("several errors are listed as multierror lists them", "DestinationRule", """
                        spec:
                          subsets:
                          - name: v1
                            labels: {version: v1}
                          - name: v1
                            labels: {version: v2}
                        """, new Admission.Verdict.Denied("validation.istio.io", """
                        configuration is invalid: 2 errors occurred:
                        \t* spec.host: host is required (IST0106)
                        \t* spec.subsets[1].name: duplicate subset name 'v1' (IST0106)

                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesAsIstiosWebhook(Case c) {
        ObjectNode object = object(c.kind(), c.yaml());
        ObjectKey key = new ObjectKey("networking.istio.io", c.kind().toLowerCase() + "s", "theater-msa", "x");

        Admission.Verdict verdict = new MeshAdmission().review(new Admission.Request(Admission.Operation.CREATE, key,
                                                                                     c.kind(), object));

        assertThat(verdict).isEqualTo(c.verdict());
    }

    private static ObjectNode object(String kind, String spec) {
        try {
            ObjectNode object = (ObjectNode) JsonMappers.YAML.readTree(spec);
            object.put("apiVersion", "networking.istio.io/v1").put("kind", kind);
            object.putObject("metadata").put("name", "x").put("namespace", "theater-msa");
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
