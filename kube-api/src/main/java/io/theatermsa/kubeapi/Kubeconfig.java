package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kubeconfig that points an unchanged kubectl at the emulated clusters: one cluster and one context per
 * server (named like the course's contexts, {@code ctx1}, {@code ctx2}), one user with the bearer token, the
 * namespace every context starts in, and the current context. Written with mode 0600: it holds a credential.
 */
public final class Kubeconfig {

    /** One context: its name (also the cluster's) and its server's URL. */
    public record Context(String name, String serverUrl) {
    }

    /** The user of a kubeconfig holding the admin token. */
    public static final String ADMIN_USER = "theater";
    /** The user of a kubeconfig holding the read-only token, named as {@link BearerTokens} names its caller. */
    public static final String READ_ONLY_USER = "theater-student";

    private Kubeconfig() {
    }

    /**
     * Writes {@code file} (replacing it) for {@code contexts}, trusting {@code certificate}'s CA, authenticating
     * with the admin {@code token}, starting in {@code namespace}; the first context is the current one.
     */
    public static void write(Path file, List<Context> contexts, ServerCertificate certificate, String token,
                             String namespace) {
        write(file, contexts, certificate, ADMIN_USER, token, namespace);
    }

    /** {@link #write(Path, List, ServerCertificate, String, String)} with {@code user} holding {@code token}. */
    public static void write(Path file, List<Context> contexts, ServerCertificate certificate, String user,
                             String token, String namespace) {
        ObjectNode config = JsonMappers.MAPPER.createObjectNode();
        config.put("apiVersion", "v1").put("kind", "Config");
        ArrayNode clusters = config.putArray("clusters");
        ArrayNode contextList = config.putArray("contexts");
        for (Context context : contexts) {
            clusters.addObject().put("name", context.name()).putObject("cluster")
                    .put("server", context.serverUrl())
                    .put("certificate-authority-data", certificate.caData());
            contextList.addObject().put("name", context.name()).putObject("context")
                    .put("cluster", context.name()).put("user", user).put("namespace", namespace);
        }
        config.put("current-context", contexts.getFirst().name());
        config.putArray("users").addObject().put("name", user).putObject("user").put("token", token);
        config.putObject("preferences");
        try {
            PrivateFiles.write(file, JsonMappers.YAML.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
        }
    }
}
