package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAPI v3 as kubectl reads it (kube-api.md §2): the index {@code /openapi/v3} and one document per served
 * group-version. Each document's operations carry the kind's GVK and the {@code fieldValidation} parameter, so
 * kubectl validates on the server (admission) instead of downloading v2 protobuf; each kind's schema carries its
 * GVK list, so {@code kubectl explain virtualservice.spec.http.fault} answers. The PATCH content types do not list
 * strategic merge (kube-api.md 2.9). Built once per process, when kubectl first asks ({@link #served()}): a tenth
 * of a second of YAML and hashing that a start need not wait for; immutable.
 */
final class OpenApiDocuments {

    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
            "application/merge-patch+json", "application/apply-patch+yaml");

    private static final String WORKLOAD_DESCRIPTION = "What the emulated cluster runs; read-only but for scale,"
            + " rollout restart and deleting a pod.";

    private final Map<String, ObjectNode> documents = new LinkedHashMap<>();
    private final ObjectNode index;

    /** Built on first use, then shared by every server of the process. */
    private static final class Served {
        static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments();
    }

    private OpenApiDocuments() {
        JsonNode schemas = schemas();
        ServedTypes.byGroup().forEach((group, types) -> {
            for (String version : ServedTypes.versionsOf(group)) {
                String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
                documents.put(path, document(group, version, types, schemas));
            }
        });
        index = JsonMappers.MAPPER.createObjectNode();
        ObjectNode paths = index.putObject("paths");
        documents.forEach((path, document) -> paths.putObject(path).put("serverRelativeURL",
                "/openapi/v3/" + path + "?hash=" + hash(document)));
    }

    static OpenApiDocuments served() {
        return Served.DOCUMENTS;
    }

    ObjectNode index() {
        return index.deepCopy();
    }

    /** The document for {@code api/v1} or {@code apis/<group>/<version>}. */
    Optional<ObjectNode> document(String groupVersionPath) {
        return Optional.ofNullable(documents.get(groupVersionPath)).map(ObjectNode::deepCopy);
    }

    private static ObjectNode document(String group, String version, List<ResourceType> types, JsonNode schemas) {
        ObjectNode document = JsonMappers.MAPPER.createObjectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", Discovery.version().path("gitVersion")
                .asText());
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = document.putObject("components").putObject("schemas");
        components.set(META, schemas.get("ObjectMeta"));
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        for (ResourceType type : types) {
            String schemaId = schemaId(type, version);
            String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            ObjectNode collectionPath = paths.putObject(collection);
            operation(collectionPath, "get", type, version, "list or watch " + type.kind() + " objects", false);
            operation(collectionPath, "post", type, version, "create a " + type.kind(), false);
            ObjectNode objectPath = paths.putObject(collection + "/{name}");
            operation(objectPath, "get", type, version, "read the specified " + type.kind(), false);
            operation(objectPath, "put", type, version, "replace the specified " + type.kind(), false);
            operation(objectPath, "patch", type, version, "partially update the specified " + type.kind(), true);
            operation(objectPath, "delete", type, version, "delete a " + type.kind(), false);
            components.set(schemaId, kindSchema(type, version, schemas));
        }
        return document;
    }

    private static void operation(ObjectNode path, String method, ResourceType type, String version,
                                  String description, boolean patch) {
        ObjectNode operation = path.putObject(method);
        operation.put("description", description);
        operation.set("x-kubernetes-group-version-kind", gvk(type, version));
        ArrayNode parameters = operation.putArray("parameters");
        parameters.addObject().put("name", "fieldValidation").put("in", "query")
                .put("description", "Strict, Warn or Ignore; this server validates through admission.")
                .putObject("schema").put("type", "string");
        parameters.addObject().put("name", "dryRun").put("in", "query")
                .put("description", "All: check the request without storing anything.")
                .putObject("schema").put("type", "string");
        if (patch) {
            ObjectNode content = operation.putObject("requestBody").putObject("content");
            PATCH_TYPES.forEach(t -> content.putObject(t).putObject("schema").put("type", "object"));
        }
        operation.putObject("responses").putObject("200").put("description", "OK");
    }

    private static ObjectNode kindSchema(ResourceType type, String version, JsonNode schemas) {
        ObjectNode schema = JsonMappers.MAPPER.createObjectNode();
        JsonNode own = schemas.path(type.kind());
        schema.put("type", "object");
        schema.put("description", type == ServedTypes.NAMESPACES ? "Namespace groups names and objects; deleting"
                + " one is not served here." : own.path("description").asText(WORKLOAD_DESCRIPTION));
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("apiVersion").put("type", "string")
                .put("description", "The versioned schema of this representation: " + type.apiVersion(version) + ".");
        properties.putObject("kind").put("type", "string")
                .put("description", "The kind of this object: " + type.kind() + ".");
        properties.putObject("metadata").put("$ref", "#/components/schemas/" + META);
        if (type == ServedTypes.NAMESPACES) {
            properties.set("spec", own.get("spec"));
            properties.set("status", own.get("status"));
        } else if (own.isMissingNode()) {
            for (String part : List.of("spec", "status")) {
                properties.putObject(part).put("type", "object").put("x-kubernetes-preserve-unknown-fields", true)
                        .put("description", "As kube shapes it; what the emulated cluster runs.");
            }
        } else {
            ObjectNode spec = own.deepCopy();
            spec.put("description", "The desired state: " + lowerFirst(own.path("description").asText()));
            properties.set("spec", spec);
            properties.putObject("status").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true)
                    .put("description", "What Istio reports about the object (not written by the emulator).");
        }
        ArrayNode gvks = schema.putArray("x-kubernetes-group-version-kind");
        gvks.add(gvk(type, version));
        return schema;
    }

    private static ObjectNode gvk(ResourceType type, String version) {
        ObjectNode gvk = JsonMappers.MAPPER.createObjectNode();
        gvk.put("group", type.group()).put("version", version).put("kind", type.kind());
        return gvk;
    }

    private static String schemaId(ResourceType type, String version) {
        if (type.group().endsWith("istio.io")) {
            return "io.istio." + type.group().split("\\.")[0] + "." + version + "." + type.kind();
        }
        String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
        return "io.k8s.api." + group + "." + version + "." + type.kind();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static JsonNode schemas() {
        try (InputStream in = OpenApiDocuments.class.getResourceAsStream("openapi-schemas.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi-schemas.yaml is missing from the classpath");
            }
            Object tree = new Yaml(new LoaderOptions()).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return JsonMappers.MAPPER.valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(JsonNode document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Responses.bytes(document));
            return HexFormat.of().formatHex(digest, 0, 16).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
