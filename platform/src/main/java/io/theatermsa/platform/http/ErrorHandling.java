package io.theatermsa.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.lettuce.core.RedisException;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where exceptions become JSON error responses {@code {"error": ..., "message": ...}}.
 * Handlers throw; they never build error bodies themselves.
 */
public final class ErrorHandling {

    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private final ObjectMapper mapper;

    private ErrorHandling(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Registers the error handlers and a JSON 404 for paths no route serves; {@code workload} names the pod in what
     * is logged.
     */
    public static void register(HttpRouting.Builder routing, ObjectMapper mapper, String workload) {
        ErrorHandling errors = new ErrorHandling(mapper);
        StoreOutageLog outages = new StoreOutageLog(workload, LOG, System::nanoTime);
        routing.error(ApiException.class, (req, res, e) -> errors.write(res, e))
               .error(RequestException.class, (req, res, e) -> errors.write(res,
                       new ApiException(e.status(), "bad_request", e.getMessage())))
               .error(HttpException.class, (req, res, e) -> errors.write(res, e))
               .error(RedisException.class, (req, res, e) -> {
                   outages.failed(e.getMessage());
                   errors.write(res, ApiException.unavailable("the data store is unavailable; try again shortly"));
               })
               .error(Exception.class, (req, res, e) -> {
                   LOG.log(Level.ERROR, workload + ": unhandled error on " + req.prologue().method().text() + " "
                           + req.path().rawPath(), e);
                   errors.write(res, new ApiException(Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                           "unexpected server error"));
               });
    }

    /** The fallback route: any path nothing else served. Register it last. */
    public static void registerNotFound(HttpRouting.Builder routing) {
        routing.any((req, res) -> {
            throw new ApiException(Status.NOT_FOUND_404, "not_found", "no resource at " + req.path().rawPath());
        });
    }

    /**
     * Helidon's own exceptions carry their status: the static-content handler answers a matching
     * {@code If-None-Match} with a 304 this way, which must stay an empty 304, not become an error.
     */
    void write(ServerResponse res, HttpException e) {
        if (res.isSent()) {
            return;
        }
        if (e.status().code() == Status.NOT_MODIFIED_304.code()) {
            res.status(e.status()).send();
            return;
        }
        write(res, new ApiException(e.status(), errorCode(e.status()), e.getMessage()));
    }

    /** The {@code error} code of a status no handler named: its reason phrase, {@code request_uri_too_long} for 414. */
    public static String errorCode(Status status) {
        return status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** The JSON body of {@code e}: {@code {"error", "message"}}, and {@code "fields"} for invalid fields. */
    public static byte[] body(ObjectMapper mapper, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.getMessage());
        if (e instanceof ApiException.InvalidFieldsException f) {
            body.put("fields", f.fields());
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException writeFailure) {
            throw new IllegalStateException("cannot write an error body", writeFailure);
        }
    }

    void write(ServerResponse res, ApiException e) {
        if (res.isSent()) {
            return;
        }
        if (e instanceof ApiException.MethodNotAllowedException m) {
            res.header(HeaderNames.ALLOW, m.allow());
        }
        try {
            res.status(e.status());
            res.header(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
            res.send(body(mapper, e));
        } catch (Exception writeFailure) {
            LOG.log(Level.ERROR, "cannot write error response", writeFailure);
        }
    }
}
