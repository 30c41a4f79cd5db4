package io.theatermsa.mesh.config;

/**
 * One finding about the mesh configuration, located as precisely as Istio's analyzers locate theirs.
 *
 * @param code      the stable code
 * @param severity  how bad it is (normally {@code code.severity()})
 * @param file      the file the object came from; empty when it came from text without a file
 * @param resource  {@code Kind namespace/name}, e.g. {@code VirtualService theater-msa/user-service-vs}; empty for
 *                  a problem with a whole file
 * @param fieldPath the field, e.g. {@code spec.http[0].route[1].weight}; empty when the object as a whole is meant
 * @param message   what is wrong and, where one exists, the matching istioctl/Kiali code
 */
public record Diagnostic(Code code, Severity severity, String file, String resource, String fieldPath,
                         String message) {

    /** One line, in the shape {@code istioctl analyze} prints: {@code Error [THT-E009] (VirtualService ns/n) ...}. */
    public String format() {
        StringBuilder line = new StringBuilder()
                .append(severity).append(" [").append(code.id()).append("] ");
        if (!resource.isEmpty()) {
            line.append('(').append(resource).append(") ");
        }
        if (!fieldPath.isEmpty()) {
            line.append(fieldPath).append(": ");
        }
        line.append(message);
        if (!file.isEmpty()) {
            line.append(" — ").append(file);
        }
        return line.toString();
    }
}
