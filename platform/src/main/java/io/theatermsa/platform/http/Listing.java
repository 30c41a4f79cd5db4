package io.theatermsa.platform.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a collection listing answers: its entities as the JSON they are stored as (sent as they are, never decoded
 * and encoded again) and, for a page that is not the last, the cursor of the next one.
 *
 * @param json       each entity's JSON object, in creation order
 * @param nextCursor where the next page starts; empty on the last page and for a whole listing
 */
public record Listing(List<String> json, Optional<String> nextCursor) {

    public Listing {
        json = List.copyOf(json);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
