package io.theatermsa.platform.http;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class CollectionResourceTest {

    record Hall(String id, String name) {
    }

    record HallDraft(String name) {
    }

    /** Halls kept in memory, in creation order. */
    static final class Halls implements CollectionStore<Hall, HallDraft> {
        private final Map<String, Hall> halls = new ConcurrentHashMap<>();
        private final AtomicInteger sequence = new AtomicInteger();

        @Override
        public List<Hall> list() {
            List<Hall> all = new ArrayList<>(halls.values());
            all.sort((a, b) -> Integer.compare(Integer.parseInt(a.id()), Integer.parseInt(b.id())));
            return all;
        }

        @Override
        public Hall create(HallDraft draft) {
            new FieldChecks().requireText("name", draft.name(), 20).throwIfAny();
            Hall hall = new Hall(String.valueOf(sequence.incrementAndGet()), draft.name());
            halls.put(hall.id(), hall);
            return hall;
        }

        @Override
        public Hall get(String id) {
            Hall hall = halls.get(id);
            if (hall == null) {
                throw ApiException.notFound("hall", id);
            }
            return hall;
        }

        @Override
        public Hall replace(String id, HallDraft draft) {
            get(id);
            Hall hall = new Hall(id, draft.name());
            halls.put(id, hall);
            return hall;
        }

        @Override
        public void delete(String id) {
            if (halls.remove(id) == null) {
                throw ApiException.notFound("hall", id);
            }
        }
    }

    static ServiceServer server;
    static HttpApi api;

    @BeforeAll
    static void start() {
        JsonBodies json = new JsonBodies(Json.newMapper());
        CollectionResource<Hall, HallDraft> halls = new CollectionResource<>("/halls", new Halls(), HallDraft.class,
                                                                             Hall::id, json);
        server = ServiceServer.builder(new WorkloadIdentity("hall-service", "ctx1", "hall-0"), json)
                .service(halls.path(), halls)
                .start();
        api = new HttpApi(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void createAnswers201WithLocationThenTheEntityIsListedAndReadable() {
        HttpResponse<String> r = api.post("/halls/", "{\"name\":\"IMAX\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        String id = json(r).get("id").asText();
        assertThat(r.headers().firstValue("Location")).hasValue("/halls/" + id);
        assertThat(api.get("/halls/" + id).body()).isEqualTo(r.body());
        assertThat(api.get("/halls").body()).isEqualTo(api.get("/halls/").body()).contains(r.body());
    }

    @Test
    void replaceAnswers200AndDeleteAnswers204ThenTheEntityIsGone() {
        String id = json(api.post("/halls/", "{\"name\":\"1관\"}")).get("id").asText();
        HttpResponse<String> replaced = api.put("/halls/" + id, "{\"name\":\"2관\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("name").asText()).isEqualTo("2관");
        assertThat(api.delete("/halls/" + id).statusCode()).isEqualTo(204);
        assertThat(api.get("/halls/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void theStoresErrorsReachTheClient() {
        assertThat(api.post("/halls/", "{\"name\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(api.put("/halls/999", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(api.delete("/halls/999").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405WithAllow() {
        assertThat(api.delete("/halls/").headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> item = api.send(api.at("/halls/1").method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(item.statusCode()).isEqualTo(405);
        assertThat(item.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
    }
}
