package io.theatermsa.gateway.mesh;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.JsonBodies;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /api/faults}: the service-level faults {@code theater fault} injects, listed, injected and cleared from
 * the dashboard. Reads need nothing; changes need the admin token. Locally they go to the stack's Redis; the
 * gateway on Kubernetes answers 501 (see {@link MeshAccess#faults()}).
 */
public final class FaultApiService implements HttpService {

    private final MeshAccess access;
    private final JsonBodies json;
    private final Clock clock;

    public FaultApiService(MeshAccess access, JsonBodies json, Clock clock) {
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::inject)
             .delete("/", this::clearAll)
             .delete("/{id}", this::clear)
             .any("/", AllowedMethods.only(Method.GET, Method.POST, Method.DELETE))
             .any("/{id}", AllowedMethods.only(Method.DELETE));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Instant now = clock.instant();
        json.ok(res, Map.of("faults", access.faults().faults().stream().filter(f -> f.isActiveAt(now))
                .map(f -> ActiveFault.of(f, now)).toList()));
    }

    private void inject(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        Fault fault = json.read(req, FaultRequest.class).toFault(clock.instant());
        access.faults().inject(fault);
        json.created(res, "/api/faults/" + fault.id(), ActiveFault.of(fault, fault.created()));
    }

    private void clear(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        String id = req.path().pathParameters().get("id");
        if (!access.faults().clearFault(id)) {
            throw ApiException.notFound("fault", id);
        }
        json.ok(res, Map.of("cleared", 1));
    }

    private void clearAll(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        json.ok(res, Map.of("cleared", access.faults().clearFaults()));
    }
}
