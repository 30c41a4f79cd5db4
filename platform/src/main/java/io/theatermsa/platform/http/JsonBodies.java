package io.theatermsa.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads JSON request bodies under the project's rules (JSON content type, at most 64 KiB, exactly one well-formed
 * document read without coercion, see {@link Json#newMapper()}) and writes JSON responses. A body that breaks a rule never reaches a store: the reader throws first.
 */
public final class JsonBodies {

    /** Largest request body any endpoint accepts. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The body as {@code type}; 415 for a non-JSON content type, 413 when too large, 400 when malformed. */
    public <T> T read(ServerRequest req, Class<T> type) {
        requireJsonContentType(req);
        byte[] body = readBounded(req);
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty; a JSON object is required");
        }
        try (JsonParser parser = mapper.createParser(body)) {
            T value = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
            if (value == null) {
                throw ApiException.badRequest("request body is null; a JSON object is required");
            }
            requireEnd(parser);
            return value;
        } catch (MismatchedInputException e) {
            throw new ApiException.InvalidFieldsException(
                    List.of(new ApiException.FieldError(fieldName(e), "has the wrong type" + typeHint(e))));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON" + where(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        long end = parser.currentLocation().getByteOffset();
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (JsonProcessingException e) {
            // garbage after the document: the same refusal as a second document
        }
        throw ApiException.badRequest("request body must be exactly one JSON document; more follows it after byte "
                + end);
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public void send(ServerResponse res, Status status, Object body) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
            res.send(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    public void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /**
     * 200 with a JSON array of {@code elements}, each already a JSON document (as stored): copied into the body as
     * they are, which for a listing of thousands is far cheaper than decoding and encoding each one again.
     */
    public void okArray(ServerResponse res, List<String> elements) {
        byte[][] encoded = new byte[elements.size()][];
        int length = 2 + Math.max(0, elements.size() - 1);
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = elements.get(i).getBytes(StandardCharsets.UTF_8);
            length += encoded[i].length;
        }
        byte[] body = new byte[length];
        int at = 0;
        body[at++] = '[';
        for (int i = 0; i < encoded.length; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            System.arraycopy(encoded[i], 0, body, at, encoded[i].length);
            at += encoded[i].length;
        }
        body[at] = ']';
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
        res.send(body);
    }

    /** 201 with {@code Location: location} and {@code body}, the answer to a POST that made a resource. */
    public void created(ServerResponse res, String location, Object body) {
        res.header(HeaderNames.LOCATION, location);
        send(res, Status.CREATED_201, body);
    }

    private static void requireJsonContentType(ServerRequest req) {
        HttpMediaType type = req.headers().contentType().orElse(null);
        if (type == null || !(type.test(MediaTypes.APPLICATION_JSON) || type.subtype().endsWith("+json"))) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Content-Type must be application/json" + (type == null ? "" : ", not " + type.mediaType().text()));
        }
    }

    private static byte[] readBounded(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read request body: " + e.getMessage());
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static String fieldName(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** " at name" (or "at showtimes[1].hall") for an error inside a field, where the parser was when it failed. */
    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return " at " + fieldName(m);
        }
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                steps.addFirst((c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return steps.isEmpty() ? "" : " at " + String.join("", steps);
    }

    private static String typeHint(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        return target == null ? "" : " (expected " + describe(target) + ")";
    }

    private static String describe(Class<?> target) {
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
