package io.theatermsa.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
        public Listing list(Optional<PageRequest> page) {
            long after = page.map(PageRequest::after).orElse(0L);
            List<Hall> rest = new ArrayList<>(halls.values().stream().filter(h -> Long.parseLong(h.id()) > after)
                                                   .toList());
            rest.sort(Comparator.comparingLong(h -> Long.parseLong(h.id())));
            int limit = page.map(PageRequest::limit).orElse(rest.size());
            List<Hall> slice = rest.subList(0, Math.min(limit, rest.size()));
            return new Listing(slice.stream().map(Halls::json).toList(),
                               rest.size() > limit ? Optional.of(slice.getLast().id()) : Optional.empty());
        }

        private static String json(Hall hall) {
            try {
                return Json.newMapper().writeValueAsString(hall);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
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
    void pagesFollowedThroughTheirLinkHeadersListTheWholeCollectionInOrder() {
        for (int i = 0; i < 5; i++) {
            api.post("/halls/", "{\"name\":\"page " + i + "\"}");
        }
        JsonNode whole = json(api.get("/halls/"));
        List<JsonNode> paged = new ArrayList<>();
        Optional<String> next = Optional.of("/halls/?limit=2");
        int pages = 0;
        while (next.isPresent()) {
            HttpResponse<String> page = api.get(next.get());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(json(page).size()).isBetween(1, 2);
            json(page).forEach(paged::add);
            next = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>')));
            next.ifPresent(link -> assertThat(link).startsWith("/halls/?limit=2&cursor="));
            pages++;
        }
        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo((whole.size() + 1) / 2);
        String first = whole.get(0).get("id").asText();
        assertThat(api.get("/halls/?cursor=" + first).body()).as("a cursor alone: the default limit")
                .isEqualTo(api.get("/halls/?limit=" + PageRequest.DEFAULT_LIMIT + "&cursor=" + first).body())
                .doesNotContain("\"id\":\"" + first + "\"");
    }

    @Test
    void aBadLimitOrCursorIs400JsonAndTheUnpagedListStays() {
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "limit=", "limit=-1", "limit=1.5",
                                    "cursor=abc", "cursor=-1", "cursor=0", "cursor=", "limit=2&cursor=x")) {
            HttpResponse<String> r = api.get("/halls/?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(query).hasValue("application/json");
            assertThat(json(r).get("error").asText()).as(query).isEqualTo("bad_request");
            assertThat(json(r).get("message").asText()).as(query).containsAnyOf("limit must", "cursor must");
        }
        HttpResponse<String> whole = api.get("/halls/?unrelated=1");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Link")).isEmpty();
        assertThat(whole.body()).isEqualTo(api.get("/halls/").body());
    }

    @Test
    void otherMethodsAre405WithAllow() {
        assertThat(api.delete("/halls/").headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> item = api.send(api.at("/halls/1").method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(item.statusCode()).isEqualTo(405);
        assertThat(item.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
    }
}
