package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.loadgen.InvalidLoadSpec;
import io.theatermsa.loadgen.LoadSpec;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;
import io.theatermsa.platform.http.JsonBodies;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/load}: bounded load runs against the gateway's own proxy routes on the address the request came in
 * on, so every request flows through the mesh like any other. Starting and stopping need the admin token.
 */
final class LoadService implements HttpService {

    private final MeshAccess access;
    private final List<CinemaService> services;
    private final JsonBodies json;

    LoadService(MeshAccess access, List<CinemaService> services, JsonBodies json) {
        this.access = access;
        this.services = List.copyOf(services);
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::start)
             .get("/{id}", this::report)
             .delete("/{id}", this::stop)
             .any("/", AllowedMethods.only(Method.GET, Method.POST))
             .any("/{id}", AllowedMethods.only(Method.GET, Method.DELETE));
    }

    @Override
    public void afterStop() {
        access.roles().loadRuns().ifPresent(LoadRuns::stopAll);
    }

    private void list(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("runs", access.loadRuns().all()));
    }

    private void start(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        LoadSpec spec = proxied(json.read(req, LoadSpec.class));
        try {
            json.send(res, Status.ACCEPTED_202, Map.of("id", access.loadRuns().start(self(req), spec).id()));
        } catch (InvalidLoadSpec e) {
            throw new ApiException.InvalidFieldsException(
                    e.problems().stream().map(p -> new FieldError(p.field(), p.problem())).toList());
        }
    }

    private void report(ServerRequest req, ServerResponse res) {
        json.ok(res, access.loadRuns().report(req.path().pathParameters().get("id")));
    }

    private void stop(ServerRequest req, ServerResponse res) throws InterruptedException {
        access.authorizeChange(req, res);
        json.ok(res, access.loadRuns().stop(req.path().pathParameters().get("id")));
    }

    /** @throws ApiException.InvalidFieldsException 400 unless the path is one of the proxied services' */
    private LoadSpec proxied(LoadSpec spec) {
        String path = spec.path() == null ? "" : spec.path();
        boolean proxied = services.stream().map(CinemaService::pathPrefix)
                .anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
                                    || path.startsWith(prefix + "?"));
        if (!proxied) {
            String routes = String.join(", ", services.stream().map(CinemaService::pathPrefix).toList());
            throw new ApiException.InvalidFieldsException(List.of(new FieldError("path",
                    "must be one of the gateway's proxied routes (" + routes + " ...), not '" + path + "'")));
        }
        return spec;
    }

    /** The gateway itself, at the address and port this request reached. */
    private static URI self(ServerRequest req) {
        InetSocketAddress local = (InetSocketAddress) req.localPeer().address();
        String host = local.getAddress().getHostAddress();
        return URI.create("http://" + (local.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":"
                          + local.getPort());
    }
}
