package io.theatermsa.gateway.mesh;

import io.helidon.common.parameters.Parameters;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code ?since=<seq>&limit=<n>} of {@code GET /api/mesh/access-log}: with {@code since}, the first {@code limit}
 * records after that sequence number (a poller passes back {@code next}); without it, the newest {@code limit}.
 *
 * @param since the sequence number to read after; empty for "the newest"
 * @param limit how many records at most, 1 to {@value #MAX_LIMIT}
 */
record AccessLogQuery(OptionalLong since, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** @throws ApiException.InvalidFieldsException 400 naming every bad parameter */
    static AccessLogQuery from(Parameters query) {
        List<FieldError> problems = new ArrayList<>();
        Long since = number(query, "since", 0, Long.MAX_VALUE, problems);
        Long limit = number(query, "limit", 1, MAX_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        return new AccessLogQuery(since == null ? OptionalLong.empty() : OptionalLong.of(since),
                                  limit == null ? DEFAULT_LIMIT : limit.intValue());
    }

    /** The page of {@code state}'s access log this query asks for. */
    AccessLogPage read(MeshState state) {
        boolean observed = state.observedAccessLog();
        if (since.isPresent()) {
            List<AccessLog.Numbered> after = state.accessLogAfter(since.getAsLong());
            return AccessLogPage.of(after.subList(0, Math.min(limit, after.size())), since.getAsLong(), observed);
        }
        List<AccessLog.Numbered> newest = state.accessLogAfter(Math.max(0, state.lastAccessLogSequence() - limit));
        return AccessLogPage.of(newest.subList(Math.max(0, newest.size() - limit), newest.size()), 0, observed);
    }

    private static Long number(Parameters query, String name, long min, long max, List<FieldError> problems) {
        if (!query.contains(name)) {
            return null;
        }
        String text = query.first(name).orElse("");
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the range
        }
        problems.add(new FieldError(name, "must be an integer from " + min + " to " + max + ", not '" + text + "'"));
        return null;
    }
}
