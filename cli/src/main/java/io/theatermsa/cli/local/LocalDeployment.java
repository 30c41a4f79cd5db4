package io.theatermsa.cli.local;

import java.util.Optional;

/**
 * A deployment of the local stack in one cluster, named {@code <app>-<cluster>} as the cluster overlays of k8s/ name
 * it.
 *
 * @param app         the {@code app} label and the service's name, e.g. {@code user-service}
 * @param port        the port its service and container declare, e.g. {@code 8081}
 * @param starter     how one of its pods starts
 * @param endpoint    whether its pods are endpoints of a service in the mesh
 * @param pinnedBecause why its one pod may not be scaled or replaced here; empty when it may
 */
record LocalDeployment(String app, int port, PodLauncher.Starter starter, boolean endpoint,
                       Optional<String> pinnedBecause) {

    static LocalDeployment service(String app, int port, PodLauncher.Starter starter) {
        return new LocalDeployment(app, port, starter, true, Optional.empty());
    }

    static LocalDeployment pinned(String app, int port, PodLauncher.Starter starter, String because) {
        return new LocalDeployment(app, port, starter, false, Optional.of(because));
    }

    String nameIn(String cluster) {
        return app + "-" + cluster;
    }
}
