package io.theatermsa.kubeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Gate;
import io.theatermsa.mesh.config.MeshConfigLoader;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Istio's validating webhook ({@code validation.istio.io}) played by the mesh's own validation: a VirtualService,
 * DestinationRule, PeerAuthentication or AuthorizationPolicy is loaded alone by {@link MeshConfigLoader}, and every finding whose code's gate is
 * {@link Gate#ADMISSION} denies it, with the field path, in the webhook's words: {@code configuration is invalid:
 * <error>}, or for several errors hashicorp multierror's {@code N errors occurred:} list (istio-validation.md 0.3).
 * An admitted object carries the webhook's own warnings, the findings whose code is a {@link Code#webhookWarning()
 * webhook warning}, one per finding, worded as Istio words them (no field path, no istioctl code); the webhook
 * returns none with a denial. Analysis findings (an undefined subset, a host without a Service) are neither:
 * a real cluster's kubectl never shows them, {@code istioctl analyze} and Kiali do. Other kinds are admitted.
 */
public final class MeshAdmission implements Admission {

    static final String WEBHOOK = "validation.istio.io";
    /** The groups whose kinds Istio's webhook validates and the mesh enforces. */
    private static final Set<String> MESH_GROUPS = Set.of("networking.istio.io", "security.istio.io");

    @Override
    public Verdict review(Request request) {
        if (!MESH_GROUPS.contains(request.key().group())) {
            return new Verdict.Allowed();
        }
        // The object's namespace is the request path's, as the API server has already set it.
        MeshConfigLoader loader = new MeshConfigLoader(request.key().namespace());
        List<Diagnostic> findings = loader.load(request.kind() + " " + request.key().namespace() + "/"
                                                        + request.key().name(), json(request))
                .diagnostics();
        List<Diagnostic> denials = findings.stream().filter(d -> d.code().gate() == Gate.ADMISSION).toList();
        if (!denials.isEmpty()) {
            return new Verdict.Denied(WEBHOOK, "configuration is invalid: " + errors(denials));
        }
        return new Verdict.Allowed(findings.stream().filter(d -> d.code().webhookWarning())
                                           .map(MeshAdmission::warning).toList());
    }

    /** The loader's message without the istioctl code it appends: the webhook's own text. */
    private static String warning(Diagnostic d) {
        String upstream = " (" + d.code().upstream() + ")";
        String message = d.message();
        return message.endsWith(upstream) ? message.substring(0, message.length() - upstream.length()) : message;
    }

    private static String errors(List<Diagnostic> denials) {
        if (denials.size() == 1) {
            return line(denials.getFirst());
        }
        return denials.size() + " errors occurred:\n" + denials.stream().map(d -> "\t* " + line(d))
                .collect(Collectors.joining("\n")) + "\n\n";
    }

    private static String line(Diagnostic d) {
        return d.fieldPath().isEmpty() ? d.message() : d.fieldPath() + ": " + d.message();
    }

    private static String json(Request request) {
        try {
            return JsonMappers.MAPPER.writeValueAsString(request.object());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
