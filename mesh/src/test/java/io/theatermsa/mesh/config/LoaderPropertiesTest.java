package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.route.RouteCompiler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Properties of the YAML loader and the validators over generated and mutated VirtualServices and DestinationRules,
 * and generated AuthorizationPolicies and PeerAuthentications (issue 15): no input makes an exception escape; every input is accepted or answered with findings that each name
 * their object and a field path (or, for text YAML cannot read, the file); whatever is accepted compiles into a
 * route table.
 */
class LoaderPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("hosts", "gateways", "exportTo", "http", "tcp", "tls", "match",
            "route", "destination", "host", "subset", "port", "number", "weight", "headers", "request", "response",
            "set", "add", "remove", "uri", "prefix", "exact", "regex", "method", "authority", "scheme", "queryParams",
            "withoutHeaders", "sourceLabels", "sourceNamespace", "redirect", "rewrite", "directResponse", "status",
            "body", "string", "bytes", "fault", "delay", "abort", "fixedDelay", "percentage", "value", "httpStatus",
            "grpcStatus", "retries", "attempts", "perTryTimeout", "retryOn", "retryRemoteLocalities", "timeout",
            "mirror", "mirrors", "mirrorPercentage", "mirrorPercent", "corsPolicy", "allowOrigins", "delegate", "name",
            "sniHosts", "destinationSubnets", "trafficPolicy", "subsets", "labels", "loadBalancer", "simple",
            "consistentHash", "localityLbSetting", "failover", "from", "to", "distribute", "failoverPriority",
            "connectionPool", "tcp", "maxConnections", "connectTimeout", "http1MaxPendingRequests", "maxRetries",
            "outlierDetection", "consecutive5xxErrors", "consecutiveGatewayErrors", "interval", "baseEjectionTime",
            "maxEjectionPercent", "minHealthPercent", "tls", "mode", "portLevelSettings", "workloadSelector",
            "matchLabels", "tunnel", "proxyProtocol", "warmup", "enabled");
    /** The AuthorizationPolicy and PeerAuthentication vocabulary, for Kiali's KIA01xx checks. */
    private static final List<String> SECURITY_FIELDS = List.of("selector", "matchLabels", "app", "action", "rules",
            "from", "to", "when", "source", "operation", "principals", "notPrincipals", "namespaces", "notNamespaces",
            "methods", "hosts", "paths", "key", "values", "mtls", "mode", "ipBlocks");

    /** A JSON value of any shape, nested up to {@code depth}, with keys from the spec's own vocabulary. */
    private static Arbitrary<JsonNode> value(int depth) {
        return value(depth, FIELDS);
    }

    private static Arbitrary<JsonNode> value(int depth, List<String> fields) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.of("", "*", "reviews", "reviews.shop.svc.cluster.local", "*.shop.svc.cluster.local",
                        "10.0.0.1", "V1", "1s", "0s", "1.5ms", "-1s", "5xx,reset", "%HOST", "/(?=x)", "UNAVAILABLE",
                        "ISTIO_MUTUAL", "ROUND_ROBIN", "ctx1/*", ":path", "host", "cluster.local/ns/shop/sa/web",
                        "GET*", "*ET", "source.principal", "STRICT", "DISABLE", "PERMISSIVE").map(NODES::textNode),
                Arbitraries.integers().between(-3, 70_000).map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1).map(NODES::numberNode),
                Arbitraries.doubles().between(-1, 200).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(fields).list().ofMaxSize(4),
                        value(depth - 1, fields).list().ofMaxSize(4))
                .as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        Arbitrary<JsonNode> array = value(depth - 1, fields).list().ofMaxSize(3).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(2, array));
    }

    private static ObjectNode object(String kind, JsonNode spec) {
        ObjectNode o = NODES.objectNode();
        String group = kind.endsWith("Policy") || kind.equals("PeerAuthentication") ? "security" : "networking";
        o.put("apiVersion", group + ".istio.io/v1").put("kind", kind);
        o.putObject("metadata").put("name", "x").put("namespace", "shop");
        o.set("spec", spec);
        return o;
    }

    @Provide
    Arbitrary<String> generatedObjects() {
        return Combinators.combine(Arbitraries.of("VirtualService", "DestinationRule"), value(4))
                .as((kind, spec) -> object(kind, spec).toString());
    }

    /** AuthorizationPolicies and PeerAuthentications, with DestinationRules for the mTLS status (KIA0102, KIA0105). */
    @Provide
    Arbitrary<String> generatedSecurityObjects() {
        return Combinators.combine(Arbitraries.of("AuthorizationPolicy", "PeerAuthentication", "DestinationRule")
                                           .list().ofMinSize(1).ofMaxSize(3),
                                   value(4, SECURITY_FIELDS).list().ofMinSize(3).ofMaxSize(3))
                .as((kinds, specs) -> {
                    StringBuilder yaml = new StringBuilder();
                    for (int i = 0; i < kinds.size(); i++) {
                        yaml.append(object(kinds.get(i), specs.get(i))).append("\n---\n");
                    }
                    return yaml.toString();
                });
    }

    /** A practice scenario's object with one node replaced by a generated value. */
    @Provide
    Arbitrary<String> mutatedPracticeObjects() {
        List<JsonNode> practice = practiceObjects();
        return Combinators.combine(Arbitraries.of(practice), Arbitraries.integers().between(0, 10_000), value(2))
                .as((original, where, replacement) -> mutate(original, where, replacement).toString());
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("apiVersion: kind spec:-[]{}\n\t\"'*&!|>%@").ofMaxLength(80)
                .map(s -> "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\n" + s);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void generatedObjectsNeverThrowAndEveryFindingNamesAFieldPath(@ForAll("generatedObjects") String yaml) {
        acceptedOrAnsweredWithFieldPaths(yaml);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void mutatedPracticeObjectsNeverThrowAndEveryFindingNamesAFieldPath(@ForAll("mutatedPracticeObjects") String yaml) {
        acceptedOrAnsweredWithFieldPaths(yaml);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void generatedSecurityObjectsNeverThrowAndEveryFindingNamesAFieldPath(
            @ForAll("generatedSecurityObjects") String yaml) {
        acceptedOrAnsweredWithFieldPaths(yaml);
    }

    @Property(tries = 200)
    void arbitraryTextNeverThrows(@ForAll("text") String yaml) {
        assertThatCode(() -> new MeshConfigLoader("shop").load("text.yaml", yaml)).doesNotThrowAnyException();
    }

    private static void acceptedOrAnsweredWithFieldPaths(String yaml) {
        LoadedConfig[] loaded = new LoadedConfig[1];
        assertThatCode(() -> loaded[0] = new MeshConfigLoader("shop").load("generated.yaml", yaml))
                .doesNotThrowAnyException();
        LoadedConfig result = loaded[0];
        assertThat(result.diagnostics()).allSatisfy(d -> {
            if (d.code() == Code.YAML_SYNTAX) {
                // A character YAML forbids even inside quotes (e.g. U+FFFE): the whole file is refused, by name.
                assertThat(d.file()).isEqualTo("generated.yaml");
            } else {
                assertThat(d.resource()).as(d.format()).isNotEmpty();
                assertThat(d.fieldPath()).as(d.format()).isNotEmpty();
            }
        });
        if (!result.hasErrors()) {
            result.virtualServices().forEach(vs -> assertThatCode(() -> RouteCompiler.compile(vs))
                    .as(yaml).doesNotThrowAnyException());
        }
    }

    private static List<JsonNode> practiceObjects() {
        Path practice = Path.of("../k8s/practice").toAbsolutePath().normalize();
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(practice)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                LoadedConfig loaded = new MeshConfigLoader("shop").load(file);
                loaded.virtualServices().forEach(vs -> objects.add(object("VirtualService", vs.rawSpec())));
                loaded.destinationRules().forEach(dr -> objects.add(object("DestinationRule", dr.rawSpec())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(objects).as("practice objects under " + practice).isNotEmpty();
        return objects;
    }

    /** A copy of {@code original} whose {@code where}-th node (depth first) is replaced by {@code replacement}. */
    private static JsonNode mutate(JsonNode original, int where, JsonNode replacement) {
        JsonNode copy = original.deepCopy();
        List<Runnable> replacements = new ArrayList<>();
        collect(copy.get("spec"), replacement, replacements);
        if (!replacements.isEmpty()) {
            replacements.get(where % replacements.size()).run();
        }
        return copy;
    }

    private static void collect(JsonNode node, JsonNode replacement, List<Runnable> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.add(() -> o.set(name, replacement));
                out.add(() -> o.remove(name));
                collect(o.get(name), replacement, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                out.add(() -> a.set(index, replacement));
                out.add(() -> a.add(a.get(index).deepCopy()));
                collect(a.get(i), replacement, out);
            }
        }
    }
}
