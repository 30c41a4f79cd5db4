package io.theatermsa.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for user-, movie- or booking-service in one cluster: {@code GET <prefix>/} answers a fixed JSON
 * list, anything else answers 201 (POST) or 200 with a short JSON body, and every request is recorded as it
 * arrived so tests can see what the gateway forwarded. Each response carries {@code x-stub-header} and two
 * {@code set-cookie} values, to check that upstream headers come back unchanged.
 */
final class StubService implements HttpService {

    /** One request as the stub received it; header names lower-case. */
    record Received(Method method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    private final String listJson;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubService(String listJson) {
        this.listJson = listJson;
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.getLast();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) {
        Received r = record(req);
        res.header(HeaderNames.create("x-stub-header"), "from-upstream");
        res.header(HeaderNames.SET_COOKIE, "a=1", "b=2");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        boolean list = r.method() == Method.GET && r.pathAndQuery().endsWith("/");
        res.status(r.method() == Method.POST ? Status.CREATED_201 : Status.OK_200);
        res.send(list ? listJson : "{\"received\":" + r.body().length() + "}");
    }

    private Received record(ServerRequest req) {
        Map<String, List<String>> headers = new TreeMap<>();
        req.headers().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.allValues()));
        String query = req.query().rawValue();
        String path = req.path().absolute().rawPath() + (query.isEmpty() ? "" : "?" + query);
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        Received r = new Received(req.prologue().method(), path, headers, body);
        received.add(r);
        return r;
    }
}
