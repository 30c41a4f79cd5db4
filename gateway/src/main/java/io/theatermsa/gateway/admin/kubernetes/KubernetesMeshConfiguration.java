package io.theatermsa.gateway.admin.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.admin.VirtualServiceEdit;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.VirtualService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Changing the configuration on Kubernetes. A scenario is validated by the mesh library, then written by
 * server-side apply to this cluster and the remote one ({@link ScenarioWriter}); the informers then pick the change
 * up, and the reply waits (at most {@link #AWAIT_INFORMERS}) for them to have seen what was written, so its
 * generation is the new one. A {@link VirtualServiceEdit} (weights, a variant route) rewrites the cached
 * configuration (as local mode does) and is written the same way. Every write remembers the objects it replaced
 * ({@link ReplacedObjects}) for {@link #rollback}.
 */
final class KubernetesMeshConfiguration implements MeshConfiguration {

    /** How long a change's reply waits for the informers to see what it wrote. */
    static final Duration AWAIT_INFORMERS = Duration.ofSeconds(5);

    private final MeshConfigWatch config;
    private final ScenarioWriter writer;
    private final ScenarioRoot scenarios;
    private final Path initialScenario;
    private final KubernetesSerialization serialization;
    private final ObjectMapper mapper;
    private final MeshConfigLoader loader;
    private final ReplacedObjects replaced = new ReplacedObjects();

    /**
     * @param config          the informers' cache the writes come back through
     * @param namespace       the namespace written to: scenario objects that name none land there
     * @param initialScenario the scenario {@link #reset} applies, under {@code scenarios}
     * @param mapper          turns a loaded spec back into an object's {@code spec}
     */
    KubernetesMeshConfiguration(MeshConfigWatch config, String namespace, ScenarioWriter writer, ScenarioRoot scenarios,
                                Path initialScenario, KubernetesSerialization serialization, ObjectMapper mapper) {
        this.config = config;
        this.loader = new MeshConfigLoader(namespace);
        this.writer = writer;
        this.scenarios = scenarios;
        this.initialScenario = initialScenario;
        this.serialization = serialization;
        this.mapper = mapper;
    }

    @Override
    public synchronized ScenarioChange apply(Path path) {
        Path scenario = scenarios.resolve(path);
        LoadedConfig loaded = loader.load(scenario);
        if (loaded.hasErrors()) {
            return new ScenarioChange(false, config.generation(), scenario.toString(), loaded.diagnostics());
        }
        return write(scenario.toString(), writer.objects(loaded), loaded.diagnostics());
    }

    @Override
    public ScenarioChange reset() {
        return apply(initialScenario);
    }

    /**
     * Makes the edit (a service's split, a variant route) on the informers' cache, validates the whole edited
     * configuration and writes the VirtualService(s) it changed (labels and annotations kept).
     */
    @Override
    public synchronized ScenarioChange edit(VirtualServiceEdit edit) {
        LoadedConfig current = config.loaded();
        String source = config.source() + " + " + edit.description();
        LoadedConfig edited = loader.load(source, edit.rewrite(current));
        if (edited.hasErrors()) {
            return new ScenarioChange(false, config.generation(), source, edited.diagnostics());
        }
        List<GenericKubernetesResource> changed = new ArrayList<>();
        for (VirtualService vs : edited.virtualServices()) {
            boolean same = current.virtualServices().stream()
                    .anyMatch(c -> c.meta().key().equals(vs.meta().key()) && c.rawSpec().equals(vs.rawSpec()));
            if (!same) {
                config.object(MeshKind.VIRTUAL_SERVICE, vs.meta().name()).ifPresent(cached -> {
                    GenericKubernetesResource object = writer.replacement(cached);
                    object.setAdditionalProperty("spec", mapper.convertValue(vs.rawSpec(), Map.class));
                    changed.add(object);
                });
            }
        }
        return write(source, changed, edited.diagnostics());
    }

    /**
     * Writes back the objects the last change replaced, after validating the configuration that makes with the
     * rest of the cache (refused whole, and kept for another try, on an error). Objects that change created stay:
     * the admin overlay grants no {@code delete}.
     */
    @Override
    public synchronized Optional<ScenarioChange> rollback() {
        Optional<ReplacedObjects.Replaced> kept = replaced.last();
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        ReplacedObjects.Replaced last = kept.get();
        String source = "rollback of " + last.change();
        Map<String, GenericKubernetesResource> restored = new LinkedHashMap<>();
        config.objects().forEach(o -> restored.put(MeshConfigWatch.key(o), o));
        last.previous().forEach(o -> restored.put(MeshConfigWatch.key(o), o));
        LoadedConfig result = loader.load(source, restored.values().stream().map(serialization::asYaml)
                .collect(Collectors.joining("\n---\n")));
        if (result.hasErrors()) {
            return Optional.of(new ScenarioChange(false, config.generation(), source, result.diagnostics()));
        }
        replaced.forgetLast();
        long before = config.generation();
        try {
            return Optional.of(written(source, before, writer.write(last.previous()), result.diagnostics()));
        } catch (RuntimeException e) {
            replaced.restore(last);
            throw e;
        }
    }

    /** The scenario directories of {@code SCENARIO_ROOT}. */
    @Override
    public List<PracticeScenario> scenarios() {
        return scenarios.list();
    }

    /** Writes {@code objects}, remembering the cached ones they replace. */
    private ScenarioChange write(String source, List<GenericKubernetesResource> objects, List<Diagnostic> findings) {
        List<GenericKubernetesResource> previous = objects.stream()
                .flatMap(o -> MeshKind.of(o.getKind()).flatMap(kind -> config.object(kind, o.getMetadata().getName()))
                        .stream())
                .map(writer::replacement).toList();
        long before = config.generation();
        List<GenericKubernetesResource> written = writer.write(objects);
        replaced.remember(source, previous);
        return written(source, before, written, findings);
    }

    /**
     * The reply to a change: the generation the informers reached once they saw every written object, or, when
     * they did not within {@link #AWAIT_INFORMERS}, the one expected next.
     */
    private ScenarioChange written(String source, long before, List<GenericKubernetesResource> written,
                                   List<Diagnostic> findings) {
        boolean seen;
        try {
            seen = written.isEmpty() || config.awaitSeen(written, AWAIT_INFORMERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            seen = false;
        }
        return new ScenarioChange(true, seen ? config.generation() : before + 1, source, findings);
    }
}
