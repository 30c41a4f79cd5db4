package io.theatermsa.gateway.mesh;

import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The body of {@code POST /api/mesh/scenario}: {@code {"path": "k8s/practice/02-circuit-breaker"}}, a directory or
 * a file on the machine the mesh runs on (a relative path is taken from the project folder).
 */
record ScenarioRequest(String path) {

    /** @throws ApiException.InvalidFieldsException 400 when {@code path} is missing, blank or not a path */
    Path scenario() {
        if (path == null || path.isBlank()) {
            throw invalid("is required: the scenario directory or file to apply");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw invalid("is not a path: " + e.getReason());
        }
    }

    private static ApiException invalid(String problem) {
        return new ApiException.InvalidFieldsException(List.of(new FieldError("path", problem)));
    }
}
