package io.theatermsa.gateway.admin;

import io.theatermsa.platform.http.ApiException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changing the mesh configuration: scenarios, the weight editor and rollback. Every change is validated whole
 * first; a refused one leaves the configuration in force as it was.
 */
public interface MeshConfiguration {

    /**
     * Loads the scenario at {@code path} (a directory or a file of Istio YAML) and puts it in force, or refuses it
     * whole when it has an error; the running configuration then stays.
     */
    ScenarioChange apply(Path path);

    /**
     * Puts the course's starting scenario ({@link PracticeScenario#COURSE_START}) back in force, whatever scenario the
     * mesh started with.
     */
    ScenarioChange reset();

    /**
     * Gives the default split route of {@code service}'s VirtualService the destination weights {@code weights}
     * (per cluster, {@code ctx1}/{@code ctx2}) and puts the result in force, refused whole on an error.
     *
     * @throws ApiException 409 {@code no_split_route} when no VirtualService split route of the service exists
     */
    default ScenarioChange setWeights(String service, Map<String, Integer> weights) {
        return edit(SplitWeights.edit(service, weights));
    }

    /**
     * Makes {@code edit} to the configuration in force in every cluster and puts the result in force, refused whole
     * on an error; only the VirtualServices it changed are written.
     *
     * @throws ApiException what the edit throws when it cannot be made
     */
    ScenarioChange edit(VirtualServiceEdit edit);

    /** Puts back the configuration in force before the last change; empty when there is nothing to go back to. */
    Optional<ScenarioChange> rollback();

    /** The practice scenarios this mode can apply, by name. */
    List<PracticeScenario> scenarios();
}
