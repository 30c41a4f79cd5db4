package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every request of one API server: authentication (401), authorization by token (403), then discovery,
 * {@code /version}, OpenAPI, or a verb on a served resource. Whatever is refused is answered with a kube
 * {@code Status} in the API server's words, never a stack trace.
 */
final class ApiHandler implements Handler {

    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    /** kube ends watches after its request timeout; kubectl then exits 0 (kube-api.md 5.11). */
    private static final Duration LONGEST_WATCH = Duration.ofMinutes(30);
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private final ResourceVerbs verbs;
    private final WorkloadVerbs workloads;
    private final PodLogs logs;
    private final WatchStream watches;
    private final BearerTokens tokens;
    private final Clock clock;

    ApiHandler(ResourceVerbs verbs, WorkloadVerbs workloads, PodLogs logs, WatchStream watches, BearerTokens tokens,
               Clock clock) {
        this.verbs = verbs;
        this.workloads = workloads;
        this.logs = logs;
        this.watches = watches;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try {
            route(req, res);
        } catch (ApiError refused) {
            Responses.status(res, refused);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error on " + req.prologue().method().text() + " " + req.path().path(), e);
            Responses.status(res, new ApiError(ApiError.Reason.INTERNAL_ERROR,
                                               "Internal error occurred: " + e.getClass().getSimpleName(), null));
        }
    }

    private void route(ServerRequest req, ServerResponse res) {
        BearerTokens.Caller caller = tokens.caller(header(req, "Authorization"))
                .orElseThrow(() -> new ApiError(ApiError.Reason.UNAUTHORIZED, "Unauthorized", null));
        List<String> segments = Arrays.stream(req.path().path().split("/")).filter(s -> !s.isEmpty()).toList();
        String method = req.prologue().method().text();
        if (segments.isEmpty()) {
            throw notFound();
        }
        boolean core = segments.getFirst().equals("api");
        if (!core && !segments.getFirst().equals("apis")) {
            requireGet(method);
            document(segments, res);
            return;
        }
        if (segments.size() == 1) {
            requireGet(method);
            discovery(core, req, res);
            return;
        }
        String group = core ? "" : segments.get(1);
        int versionAt = core ? 1 : 2;
        if (segments.size() <= versionAt || !ServedTypes.versionsOf(group).contains(segments.get(versionAt))) {
            throw notFound();
        }
        String version = segments.get(versionAt);
        List<String> rest = segments.subList(versionAt + 1, segments.size());
        if (rest.isEmpty()) {
            requireGet(method);
            Responses.json(res, 200, Discovery.resourceList(group, version));
            return;
        }
        ResourceRequest request = ResourceRequest.parse(group, version, rest).orElseThrow(ApiHandler::notFound);
        resource(request, method, caller, req, res);
    }

    private void document(List<String> segments, ServerResponse res) {
        String path = String.join("/", segments);
        if (path.equals("version")) {
            Responses.json(res, 200, Discovery.version());
        } else if (path.equals("openapi/v3")) {
            Responses.json(res, 200, OpenApiDocuments.served().index());
        } else if (path.startsWith("openapi/v3/")) {
            Responses.json(res, 200, OpenApiDocuments.served().document(path.substring("openapi/v3/".length()))
                    .orElseThrow(ApiHandler::notFound));
        } else {
            throw notFound();
        }
    }

    private static void discovery(boolean core, ServerRequest req, ServerResponse res) {
        if (Discovery.wantsAggregated(header(req, "Accept"))) {
            Responses.send(res, 200, Discovery.AGGREGATED_TYPE, Discovery.aggregated(core));
        } else if (core) {
            Responses.json(res, 200, Discovery.apiVersions(req.localPeer().host() + ":" + req.localPeer().port()));
        } else {
            Responses.json(res, 200, Discovery.apiGroupList());
        }
    }

    private void resource(ResourceRequest request, String method, BearerTokens.Caller caller, ServerRequest req,
                          ServerResponse res) {
        boolean watch = query(req, "watch").equals("true") || query(req, "watch").equals("1");
        Verb verb = Verb.of(method, request.collection(), watch)
                .filter(request::allows)
                .orElseThrow(ApiHandler::methodNotAllowed);
        if (!caller.may(verb)) {
            throw forbidden(request, verb, caller);
        }
        if (request.subresource() != null || (WorkloadTypes.all().contains(request.type()) && !verb.reads())) {
            workload(request, verb, req, res);
            return;
        }
        String manager = manager(req);
        boolean dryRun = query(req, "dryRun").equals("All");
        boolean table = MediaRanges.wantsTable(header(req, "Accept"));
        switch (verb) {
            case GET -> {
                ObjectNode object = verbs.get(request);
                Responses.json(res, 200, table ? Tables.table(request.type(), List.of(object),
                        object.path("metadata").path("resourceVersion").asLong(), clock.instant(), true) : object);
            }
            case LIST -> list(request, table, req, res);
            case WATCH -> watch(request, table, req, res);
            case CREATE -> written(res, 201, verbs.create(request, body(req), manager, dryRun));
            case UPDATE -> written(res, 200, verbs.replace(request, body(req), manager, dryRun));
            case PATCH -> written(res, 200, patch(request, manager, dryRun, req));
            case DELETE -> Responses.json(res, 200, verbs.delete(request, dryRun));
        }
    }

    /** The written object, with admission's warnings as {@code Warning} headers (a dry run's too, as kube's). */
    private static void written(ServerResponse res, int code, ResourceVerbs.Written written) {
        List<String> warnings = WarningHeaders.values(written.warnings());
        if (!warnings.isEmpty()) {
            res.header(HeaderNames.create(WarningHeaders.NAME), warnings.toArray(String[]::new));
        }
        Responses.json(res, code, written.object());
    }

    /** A verb {@link WorkloadVerbs} carries out, or a pod's log; discovery lists no other. */
    private void workload(ResourceRequest request, Verb verb, ServerRequest req, ServerResponse res) {
        if ("log".equals(request.subresource())) {
            log(request, req, res);
            return;
        }
        ObjectNode answer = switch (verb) {
            case GET -> workloads.scale(request);
            case UPDATE -> workloads.replaceScale(request, body(req));
            case PATCH -> request.subresource() == null
                    ? workloads.patchDeployment(request, builtInPatch(req), manager(req))
                    : workloads.patchScale(request, builtInPatch(req));
            case DELETE -> workloads.deletePod(request);
            case LIST, WATCH, CREATE -> throw methodNotAllowed();
        };
        Responses.json(res, 200, answer);
    }

    private void log(ResourceRequest request, ServerRequest req, ServerResponse res) {
        String tail = query(req, "tailLines");
        PodLogs.Options options;
        try {
            options = new PodLogs.Options(query(req, "container"), query(req, "follow").equals("true"),
                                          tail.isEmpty() ? -1 : Integer.parseInt(tail), LONGEST_WATCH);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid tailLines: " + tail);
        }
        logs.check(request, options);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain");
        try (OutputStream out = res.outputStream()) {
            logs.serve(request, options, out);
        } catch (IOException | UncheckedIOException clientGone) {
            // the client went away while the stream closed
        }
    }

    /** The patches kube takes for built-in kinds; a strategic merge patch's {@code $} directives are dropped. */
    private static UnaryOperator<ObjectNode> builtInPatch(ServerRequest req) {
        String mediaType = mediaType(req);
        JsonNode patch = json(req);
        return switch (mediaType) {
            case MERGE_PATCH -> current -> Patches.merge(current, patch);
            case STRATEGIC_MERGE_PATCH -> current -> Patches.merge(current, WorkloadVerbs.withoutDirectives(patch));
            case JSON_PATCH -> current -> Patches.jsonPatch(current, patch);
            default -> throw new ApiError(ApiError.Reason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in"
                    + " an unknown format - accepted media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", "
                    + STRATEGIC_MERGE_PATCH, null);
        };
    }

    private void list(ResourceRequest request, boolean table, ServerRequest req, ServerResponse res) {
        ClusterStore.Listing listing = verbs.list(request, selector(req));
        if (table) {
            Responses.json(res, 200, Tables.table(request.type(), listing.items(), listing.resourceVersion(),
                                                  clock.instant(), true));
            return;
        }
        ObjectNode list = JsonMappers.MAPPER.createObjectNode();
        list.put("apiVersion", request.apiVersion()).put("kind", request.type().kind() + "List");
        list.putObject("metadata").put("resourceVersion", Long.toString(listing.resourceVersion()));
        ArrayNode items = list.putArray("items");
        listing.items().forEach(items::add);
        Responses.json(res, 200, list);
    }

    private void watch(ResourceRequest request, boolean table, ServerRequest req, ServerResponse res) {
        Selector selector = selector(req);
        String since = query(req, "resourceVersion");
        long sinceVersion;
        try {
            sinceVersion = since.isEmpty() ? 0 : Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resource version: " + since);
        }
        String timeoutSeconds = query(req, "timeoutSeconds");
        Duration timeout = timeoutSeconds.isEmpty() ? LONGEST_WATCH
                : Duration.ofSeconds(Math.min(Long.parseLong(timeoutSeconds), LONGEST_WATCH.toSeconds()));
        res.header(HeaderNames.CONTENT_TYPE, Responses.JSON);
        try (OutputStream out = res.outputStream()) {
            watches.serve(request, selector, sinceVersion, table, timeout, out);
        } catch (IOException | UncheckedIOException clientGone) {
            // the client went away while the stream closed
        }
    }

    private ResourceVerbs.Written patch(ResourceRequest request, String manager, boolean dryRun, ServerRequest req) {
        return switch (mediaType(req)) {
            case MERGE_PATCH -> {
                JsonNode patch = json(req);
                yield verbs.patch(request, current -> Patches.merge(current, patch), patch, manager, dryRun);
            }
            case JSON_PATCH -> {
                JsonNode patch = json(req);
                yield verbs.patch(request, current -> Patches.jsonPatch(current, patch), patch, manager, dryRun);
            }
            case APPLY_PATCH -> {
                if (query(req, "fieldManager").isEmpty()) {
                    throw ApiError.badRequest("PATCH, application/apply-patch+yaml requests must supply a"
                                                      + " fieldManager");
                }
                yield verbs.apply(request, asObject(yaml(req)), manager, query(req, "force").equals("true"), dryRun);
            }
            default -> throw new ApiError(ApiError.Reason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in"
                    + " an unknown format - accepted media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", "
                    + APPLY_PATCH, null);
        };
    }

    private static String mediaType(ServerRequest req) {
        String contentType = header(req, "Content-Type");
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    }

    private static Selector selector(ServerRequest req) {
        return Selector.parse(query(req, "fieldSelector"), query(req, "labelSelector"));
    }

    /** kube names an unnamed writer after its user agent's product ({@code kubectl}). */
    private static String manager(ServerRequest req) {
        String manager = query(req, "fieldManager");
        if (!manager.isEmpty()) {
            return manager;
        }
        String agent = header(req, "User-Agent");
        return agent.isEmpty() ? "unknown" : agent.split("[/ ]")[0];
    }

    /** A POST or PUT body: JSON (or YAML, which kube accepts too); protobuf and anything else is 415. */
    private static ObjectNode body(ServerRequest req) {
        String mediaType = mediaType(req);
        if (mediaType.equals("application/yaml")) {
            return asObject(yaml(req));
        }
        if (!mediaType.equals(Responses.JSON) && !mediaType.isEmpty()) {
            throw new ApiError(ApiError.Reason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in an unknown"
                    + " format - accepted media types include: application/json, application/yaml", null);
        }
        return asObject(json(req));
    }

    private static JsonNode json(ServerRequest req) {
        try {
            return JsonMappers.MAPPER.readTree(req.content().inputStream().readAllBytes());
        } catch (IOException e) {
            throw ApiError.badRequest("the request body is not valid JSON");
        }
    }

    private static JsonNode yaml(ServerRequest req) {
        try {
            return JsonMappers.YAML.readTree(req.content().inputStream().readAllBytes());
        } catch (IOException e) {
            throw ApiError.badRequest("the request body is not valid YAML");
        }
    }

    private static ObjectNode asObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ApiError.badRequest("the request body must be a JSON object");
    }

    private static String header(ServerRequest req, String name) {
        return req.headers().first(HeaderNames.create(name)).orElse("");
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : "";
    }

    private static ApiError notFound() {
        return new ApiError(ApiError.Reason.NOT_FOUND, "the server could not find the requested resource", null);
    }

    /** Discovery, OpenAPI and {@code /version} are read-only. */
    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw methodNotAllowed();
        }
    }

    private static ApiError methodNotAllowed() {
        return new ApiError(ApiError.Reason.METHOD_NOT_ALLOWED,
                            "the server does not allow this method on the requested resource", null);
    }

    /** kube's RBAC denial: {@code User "u" cannot create resource "r" in API group "g" in the namespace "n"}. */
    private static ApiError forbidden(ResourceRequest request, Verb verb, BearerTokens.Caller caller) {
        ResourceType type = request.type();
        String resource = request.subresource() == null ? type.plural() : type.plural() + "/" + request.subresource();
        String subject = request.name() == null ? type.qualifiedResource()
                : type.qualifiedResource() + " \"" + request.name() + "\"";
        String scope = request.namespace() == null ? " at the cluster scope"
                : " in the namespace \"" + request.namespace() + "\"";
        return new ApiError(ApiError.Reason.FORBIDDEN, subject + " is forbidden: User \"" + caller.user()
                + "\" cannot " + verb.text() + " resource \"" + resource + "\" in API group \"" + type.group()
                + "\""
                + scope, new ApiError.Details(request.name() == null ? "" : request.name(), type.group(),
                                              type.plural(), List.of()));
    }
}
