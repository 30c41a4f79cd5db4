package io.theatermsa.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON collection mounted at {@link #path()}: {@code GET /} lists (whole, or a page: {@link PageRequest}),
 * {@code POST /} creates (201 with
 * {@code Location}), {@code GET}, {@code PUT} and {@code DELETE /{id}} read, replace and delete one entity (204);
 * any other method is 405 with {@code Allow}. The collection answers with and without its trailing slash.
 *
 * @param <T> the entity
 * @param <D> the request body that creates or replaces one
 */
public final class CollectionResource<T, D> implements HttpService {

    private final String path;
    private final CollectionStore<T, D> store;
    private final Class<D> draftType;
    private final Function<T, String> id;
    private final JsonBodies json;

    /**
     * @param path      where the collection is mounted, e.g. {@code /users}; {@code Location} headers start with it
     * @param store     the entities
     * @param draftType the request body's type
     * @param id        an entity's id, for its {@code Location}
     * @param json      reads bodies and writes answers
     */
    public CollectionResource(String path, CollectionStore<T, D> store, Class<D> draftType, Function<T, String> id,
                              JsonBodies json) {
        this.path = Objects.requireNonNull(path, "path");
        this.store = Objects.requireNonNull(store, "store");
        this.draftType = Objects.requireNonNull(draftType, "draftType");
        this.id = Objects.requireNonNull(id, "id");
        this.json = Objects.requireNonNull(json, "json");
    }

    public String path() {
        return path;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::create)
             .any("/", AllowedMethods.only(Method.GET, Method.POST))
             .get("/{id}", this::get)
             .put("/{id}", this::replace)
             .delete("/{id}", this::delete)
             .any("/{id}", AllowedMethods.only(Method.GET, Method.PUT, Method.DELETE));
    }

    /** The whole collection, or one page of it with a {@code Link: <...>; rel="next"} header unless it is the last. */
    private void list(ServerRequest req, ServerResponse res) {
        Optional<PageRequest> page = PageRequest.from(req.query());
        Listing listing = store.list(page);
        listing.nextCursor().ifPresent(cursor -> res.header(HeaderNames.LINK, "<" + req.path().absolute().rawPath()
                + "?limit=" + page.orElseThrow().limit() + "&cursor=" + cursor + ">; rel=\"next\""));
        json.okArray(res, listing.json());
    }

    private void create(ServerRequest req, ServerResponse res) {
        T created = store.create(json.read(req, draftType));
        json.created(res, path + "/" + id.apply(created), created);
    }

    private void get(ServerRequest req, ServerResponse res) {
        json.ok(res, store.get(id(req)));
    }

    private void replace(ServerRequest req, ServerResponse res) {
        json.ok(res, store.replace(id(req), json.read(req, draftType)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        store.delete(id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
