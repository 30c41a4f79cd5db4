package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The validating admission step kube-apiserver runs before it stores a create or an update (a replace, a patch,
 * an apply): it sees the object as it would be stored and allows or denies it. A denied request changes nothing.
 */
@FunctionalInterface
public interface Admission {

    /** Admits everything: a cluster without a validating webhook. */
    Admission ALLOW_ALL = request -> new Verdict.Allowed();

    Verdict review(Request request);

    enum Operation { CREATE, UPDATE }

    /**
     * @param key    where the object would be stored
     * @param kind   its kind, {@code VirtualService}
     * @param object the object as it would be stored (a copy the admission may keep)
     */
    record Request(Operation operation, ObjectKey key, String kind, ObjectNode object) {
    }

    sealed interface Verdict {

        record Allowed() implements Verdict {
        }

        /**
         * A webhook's denial, which kube-apiserver reports as {@code admission webhook "<webhook>" denied the
         * request: <message>}.
         */
        record Denied(String webhook, String message) implements Verdict {
        }
    }
}
