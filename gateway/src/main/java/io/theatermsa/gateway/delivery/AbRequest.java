package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.VariantRoute;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/ab}: {@code {"service": "movie-service", "header": "x-variant=b", "to": "ctx2"}} or
 * {@code "cookie": "variant=b"} instead of {@code header}. Variant B is the requests that match, sent to {@code to};
 * variant A is everyone else, sent to the other cluster.
 */
public record AbRequest(String service, String header, String cookie, String to) {

    private static final Pattern HEADER = Pattern.compile("[a-z0-9][a-z0-9-]*=[A-Za-z0-9_.-]+");
    private static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+");

    /**
     * The test this request asks for.
     *
     * @throws ApiException.InvalidFieldsException 400 naming every field that is wrong
     */
    public AbSpec spec(List<String> services, List<String> clusters) {
        List<FieldError> problems = new ArrayList<>();
        CanaryRequest.checkServiceAndTarget(service, to, services, clusters, problems);
        if ((header == null) == (cookie == null)) {
            problems.add(new FieldError("header", "give exactly one of header (name=value) and cookie (name=value)"));
        } else if (header != null && !HEADER.matcher(header).matches()) {
            problems.add(new FieldError("header", "must be name=value, a lower-case header name, e.g. x-variant=b"));
        } else if (cookie != null && !COOKIE.matcher(cookie).matches()) {
            problems.add(new FieldError("cookie", "must be name=value of letters, digits, - _ ., e.g. variant=b"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        VariantRoute.Match match = header != null
                ? new VariantRoute.Match(header.substring(0, header.indexOf('=')), header.substring(header.indexOf('=') + 1))
                : VariantRoute.Match.cookie(cookie);
        return new AbSpec(service, match, to, CanaryRequest.other(to, clusters));
    }
}
