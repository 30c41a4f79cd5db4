package io.theatermsa.platform.http;

import io.helidon.common.uri.UriQuery;

import java.util.Optional;

/**
 * One page of a collection listing, asked for with {@code ?limit=N&cursor=C}: at most {@code limit} entities (1 to
 * {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when only a cursor is given) after the entity the cursor names. A
 * cursor is the id of the last entity of the previous page, as the listing's {@code Link: <...>; rel="next"} header
 * hands it out. Without either parameter there is no page: the whole collection is listed, as in the original API.
 *
 * <p>Pages come from {@link #from}, which checks both values.
 *
 * @param limit how many entities at most
 * @param after the id the page starts after; 0 for the first page
 */
public record PageRequest(int limit, long after) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    /** The page {@code query} asks for, if any; a bad {@code limit} or {@code cursor} is a 400 that says why. */
    public static Optional<PageRequest> from(UriQuery query) {
        boolean limited = query.contains("limit");
        boolean resumed = query.contains("cursor");
        if (!limited && !resumed) {
            return Optional.empty();
        }
        int limit = limited ? limit(query.get("limit")) : DEFAULT_LIMIT;
        return Optional.of(new PageRequest(limit, resumed ? cursor(query.get("cursor")) : 0));
    }

    private static int limit(String text) {
        if (text.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '"
                                      + text + "'");
    }

    private static long cursor(String text) {
        if (text.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(text);
        }
        throw ApiException.badRequest("cursor must be the value a previous page's Link header gave (an entity id), "
                                      + "not '" + text + "'");
    }
}
