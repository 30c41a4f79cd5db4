package io.theatermsa.kubeapi;

/**
 * Who writes, as {@code metadata.managedFields} records it: the {@code fieldManager} query parameter
 * ({@code kubectl-client-side-apply}, {@code kubectl-edit}, {@code kubectl}) and whether the write was a server-side
 * apply ({@code Apply}) or any other write ({@code Update}).
 */
public record FieldManager(String name, Operation operation) {

    public enum Operation {
        UPDATE("Update"), APPLY("Apply");

        private final String text;

        Operation(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    public static FieldManager update(String name) {
        return new FieldManager(name, Operation.UPDATE);
    }
}
