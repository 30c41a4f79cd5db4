package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.nio.file.Path;
import java.util.List;

/**
 * The one directory scenarios are read from on Kubernetes ({@code SCENARIO_ROOT}, a ConfigMap or the image's copy
 * of {@code k8s/practice}). A requested path is taken relative to it ({@code 03-delay-fault}); a leading
 * {@code k8s/practice/} is accepted too, so the local mode's paths work unchanged. Nothing outside it is read.
 */
final class ScenarioRoot {

    static final String PROJECT_PREFIX = "k8s/practice";

    private final Path root;

    ScenarioRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The scenario directories under the root, each with the project path {@code k8s/practice/<name>}. */
    List<PracticeScenario> list() {
        return PracticeScenario.under(root, PROJECT_PREFIX + "/");
    }

    /** @throws ApiException.InvalidFieldsException 400 when {@code requested} leaves the root */
    Path resolve(Path requested) {
        Path relative = requested.startsWith(PROJECT_PREFIX) ? Path.of(PROJECT_PREFIX).relativize(requested) : requested;
        Path resolved = root.resolve(relative).normalize();
        if (requested.isAbsolute() || !resolved.startsWith(root)) {
            throw new ApiException.InvalidFieldsException(List.of(new FieldError("path",
                    "must be a scenario inside " + root + " (e.g. 03-delay-fault), not '" + requested + "'")));
        }
        return resolved;
    }
}
