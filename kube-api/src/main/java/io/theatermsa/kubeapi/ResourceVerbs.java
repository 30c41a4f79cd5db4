package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The verbs on served resources, as kube-apiserver carries them out for custom resources: body checks, admission
 * before every create and update, optimistic concurrency, and each answer in the version the request named. No
 * HTTP here: {@link ApiHandler} reads the request and writes what these return.
 */
final class ResourceVerbs {

    /** The version every kind is stored in; answers are converted to the requested one (the schemas are equal). */
    private static final String STORAGE_VERSION = "v1";
    /** The reason of the event a refused create or update leaves on its object. */
    static final String ADMISSION_DENIED = "AdmissionDenied";

    private final ClusterStore store;
    private final Admission admission;
    private final ClusterEvents events;

    /**
     * What a create or an update answers: the object as stored (or as it would be, on a dry run) and the warnings
     * admission gave, which the response carries as {@code Warning} headers.
     */
    record Written(ObjectNode object, List<String> warnings) {

        Written {
            warnings = List.copyOf(warnings);
        }
    }

    ResourceVerbs(ClusterStore store, Admission admission, ClusterEvents events) {
        this.store = store;
        this.admission = admission;
        this.events = events;
    }

    ObjectNode get(ResourceRequest request) {
        return inVersion(store.get(request.key()).orElseThrow(() -> ApiError.notFound(request.key())), request);
    }

    /** The collection, filtered by {@code selector}, each item in the requested version. */
    ClusterStore.Listing list(ResourceRequest request, Selector selector) {
        ClusterStore.Listing listing = store.list(request.type().group(), request.type().plural(), request.namespace());
        List<ObjectNode> items = listing.items().stream().filter(selector::matches)
                .map(item -> inVersion(item, request)).toList();
        return new ClusterStore.Listing(items, listing.resourceVersion());
    }

    Written create(ResourceRequest request, ObjectNode body, String manager, boolean dryRun) {
        String name = body.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw ApiError.invalid(request.type().group(), request.type().kind(), "", List.of(new ApiError.Cause(
                    "FieldValueRequired", "Required value: name or generateName is required", "metadata.name")));
        }
        ResourceRequest named = new ResourceRequest(request.type(), request.version(), request.namespace(), name,
                                                    null);
        ObjectNode object = checkedBody(named, body);
        return denialRecorded(named, dryRun, () -> {
            List<String> warnings = admit(Admission.Operation.CREATE, named, object);
            return new Written(inVersion(store.create(named.key(), object, FieldManager.update(manager), dryRun),
                                         request), warnings);
        });
    }

    /** PUT: a full replacement; custom resources need the resourceVersion it replaces. */
    Written replace(ResourceRequest request, ObjectNode body, String manager, boolean dryRun) {
        ObjectNode object = checkedBody(request, body);
        if (object.path("metadata").path("resourceVersion").asText("").isEmpty()) {
            throw ApiError.invalid(request.type().group(), request.type().kind(), request.name(), List.of(
                    new ApiError.Cause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update",
                                       "metadata.resourceVersion")));
        }
        List<String> warnings = new ArrayList<>();
        return denialRecorded(request, dryRun, () -> new Written(inVersion(store.update(request.key(),
                current -> admitted(request, object, warnings), FieldManager.update(manager), object, dryRun),
                request), warnings));
    }

    /** PATCH with a merge patch or a JSON patch: applied to the stored object, then admitted as an update. */
    Written patch(ResourceRequest request, UnaryOperator<ObjectNode> patch, JsonNode written, String manager,
                  boolean dryRun) {
        List<String> warnings = new ArrayList<>();
        UnaryOperator<ObjectNode> change = current -> {
            ObjectNode patched = patch.apply(inVersion(current, request));
            return admitted(request, checkedBody(request, patched), warnings);
        };
        return denialRecorded(request, dryRun, () -> new Written(inVersion(store.update(request.key(), change,
                FieldManager.update(manager), written, dryRun), request), warnings));
    }

    /** PATCH with {@code application/apply-patch+yaml}: server-side apply (see {@link ServerSideApply}). */
    Written apply(ResourceRequest request, ObjectNode applied, String manager, boolean force, boolean dryRun) {
        FieldManager applier = new FieldManager(manager, FieldManager.Operation.APPLY);
        ObjectNode object = checkedBody(request, applied);
        if (store.get(request.key()).isEmpty()) {
            return denialRecorded(request, dryRun, () -> {
                List<String> warnings = admit(Admission.Operation.CREATE, request, object);
                return new Written(inVersion(store.create(request.key(), object, applier, dryRun), request),
                                   warnings);
            });
        }
        List<String> warnings = new ArrayList<>();
        UnaryOperator<ObjectNode> change = current -> admitted(request,
                ServerSideApply.apply(current, object, applier, force, request.type()), warnings);
        return denialRecorded(request, dryRun, () -> new Written(inVersion(store.update(request.key(), change,
                applier, object, dryRun), request), warnings));
    }

    /** DELETE: kube answers a Status for custom resources and the object for namespaces. */
    ObjectNode delete(ResourceRequest request, boolean dryRun) {
        ObjectNode removed = store.delete(request.key(), dryRun);
        ObjectNode status = JsonMappers.MAPPER.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.putObject("details").put("name", request.name()).put("group", request.type().group())
                .put("kind", request.type().plural()).put("uid", removed.path("metadata").path("uid").asText());
        return status;
    }

    /** {@code object}, once admission has admitted it as an update; its warnings go to {@code warnings}. */
    private ObjectNode admitted(ResourceRequest request, ObjectNode object, List<String> warnings) {
        warnings.addAll(admit(Admission.Operation.UPDATE, request, object));
        return object;
    }

    /** The admission's warnings when it admits {@code object}; a denial is thrown. */
    private List<String> admit(Admission.Operation operation, ResourceRequest request, ObjectNode object) {
        Admission.Verdict verdict = admission.review(new Admission.Request(operation, request.key(),
                                                                           request.type().kind(), object.deepCopy()));
        return switch (verdict) {
            case Admission.Verdict.Allowed allowed -> allowed.warnings();
            case Admission.Verdict.Denied denied -> throw new ApiError(ApiError.Reason.WEBHOOK_DENIED,
                    "admission webhook \"" + denied.webhook() + "\" denied the request: " + denied.message(), null);
        };
    }

    /**
     * Runs {@code write}; when admission denies it (and it was not a dry run), also leaves a Warning event on the
     * object, so that {@code kubectl describe} and {@code kubectl get events} show what was refused after the
     * command's output is gone. The event is recorded after the store's lock is released.
     */
    private Written denialRecorded(ResourceRequest request, boolean dryRun, Supplier<Written> write) {
        try {
            return write.get();
        } catch (ApiError refused) {
            if (refused.reason() == ApiError.Reason.WEBHOOK_DENIED && !dryRun) {
                events.record(request.key(), ClusterEvents.Type.WARNING, ADMISSION_DENIED,
                              refused.getMessage().strip(), MeshAdmission.WEBHOOK);
            }
            throw refused;
        }
    }

    /**
     * The body as it will be stored: its kind and group must be the resource's, its name and namespace (when set)
     * the path's; it is stored in the storage version.
     */
    private static ObjectNode checkedBody(ResourceRequest request, ObjectNode body) {
        ResourceType type = request.type();
        String kind = body.path("kind").asText("");
        String apiVersion = body.path("apiVersion").asText("");
        if (!kind.equals(type.kind()) || !groupOf(apiVersion).equals(type.group())
                || !type.versions().contains(versionOf(apiVersion))) {
            throw ApiError.badRequest("the API version in the data (" + apiVersion + ") does not match the expected"
                    + " API version (" + request.apiVersion() + ")");
        }
        JsonNode metadata = body.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        if (type.namespaced() && !namespace.isEmpty() && !namespace.equals(request.namespace())) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on"
                    + " the request");
        }
        String name = metadata.path("name").asText("");
        if (!name.isEmpty() && request.name() != null && !name.equals(request.name())) {
            throw ApiError.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + request.name() + ")");
        }
        ObjectNode object = body.deepCopy();
        object.put("apiVersion", type.apiVersion(STORAGE_VERSION));
        return object;
    }

    private static ObjectNode inVersion(ObjectNode object, ResourceRequest request) {
        object.put("apiVersion", request.apiVersion());
        return object;
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String versionOf(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }
}
