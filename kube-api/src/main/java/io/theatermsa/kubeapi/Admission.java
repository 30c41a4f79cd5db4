package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The validating admission step kube-apiserver runs before it stores a create or an update (a replace, a patch,
 * an apply): it sees the object as it would be stored and allows or denies it. A denied request changes nothing. An
 * allowed one may carry warnings, which kube-apiserver returns as {@code Warning} headers and kubectl prints.
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

        /**
         * Admitted, with the webhook's warnings (kubectl prints each as {@code Warning: <text>}), in the order the
         * webhook gave them.
         */
        record Allowed(List<String> warnings) implements Verdict {

            public Allowed {
                warnings = List.copyOf(warnings);
            }

            /** Admitted without a warning. */
            public Allowed() {
                this(List.of());
            }
        }

        /**
         * A webhook's denial, which kube-apiserver reports as {@code admission webhook "<webhook>" denied the
         * request: <message>}.
         */
        record Denied(String webhook, String message) implements Verdict {
        }
    }
}
