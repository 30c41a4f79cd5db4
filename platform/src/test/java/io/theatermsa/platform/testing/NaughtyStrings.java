package io.theatermsa.platform.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The Big List of Naughty Strings (MIT, Max Woolf; see {@code blns/README.md} in this package's resources). */
public final class NaughtyStrings {

    private NaughtyStrings() {
    }

    public static List<String> all() {
        try (InputStream in = NaughtyStrings.class.getResourceAsStream("blns/blns.json")) {
            if (in == null) {
                throw new IllegalStateException("blns/blns.json is missing from platform's test resources");
            }
            return new ObjectMapper().readValue(in, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
