package io.theatermsa.platform.http;

import java.util.Optional;

/**
 * What a {@link CollectionResource} serves: entities of type {@code T} with server-assigned ids, written from
 * drafts of type {@code D} (the request body, without the id). Each method throws an {@link ApiException}
 * (404, 400, 409 ...) for what the client got wrong.
 */
public interface CollectionStore<T, D> {

    /**
     * Every entity in creation order, or the {@code page} of them, as the JSON each is stored as (the listing sends
     * it unchanged).
     */
    Listing list(Optional<PageRequest> page);

    /** Stores a new entity; its id is assigned here. */
    T create(D draft);

    /** One entity; 404 when there is none with {@code id}. */
    T get(String id);

    /** Replaces an existing entity whole; 404 when there is none with {@code id}. */
    T replace(String id, D draft);

    /** Deletes an entity; 404 when there is none with {@code id}. */
    void delete(String id);
}
