package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One committed change of a {@link ClusterStore}: what a watch streams and what a listener is told.
 *
 * @param type            ADDED, MODIFIED or DELETED, as a kube watch event names it
 * @param key             the object
 * @param object          the object after the change (for DELETED, as it was last stored); a copy the receiver owns
 * @param resourceVersion the store's resourceVersion this change produced
 */
public record StoreChange(Type type, ObjectKey key, ObjectNode object, long resourceVersion) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
