package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the last changes replaced, newest first, at most {@value #HISTORY} changes: the objects to write back to
 * undo each. Objects a change created are not kept (the admin overlay grants no {@code delete}).
 */
final class ReplacedObjects {

    /** How many changes rollback can undo. */
    static final int HISTORY = 20;

    /**
     * The objects one change replaced, as they were, and what the change was.
     *
     * @param change   the change, for messages
     * @param previous the replaced objects, ready to be written again
     */
    record Replaced(String change, List<GenericKubernetesResource> previous) {
    }

    private final Deque<Replaced> history = new ArrayDeque<>();

    /** Remembers that {@code change} replaced {@code previous}; a change that replaced nothing is not kept. */
    void remember(String change, List<GenericKubernetesResource> previous) {
        if (previous.isEmpty()) {
            return;
        }
        history.addFirst(new Replaced(change, previous));
        if (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    /** The last change kept; empty when there is none. */
    Optional<Replaced> last() {
        return Optional.ofNullable(history.peekFirst());
    }

    /** Forgets the last change (it was undone). */
    void forgetLast() {
        history.removeFirst();
    }

    /** Keeps {@code replaced} again as the last change (undoing it failed). */
    void restore(Replaced replaced) {
        history.addFirst(replaced);
    }
}
