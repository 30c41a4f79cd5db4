package io.theatermsa.kubeapi;

/**
 * One column of {@code kubectl get}'s table, as a CRD's {@code additionalPrinterColumns} declares it.
 *
 * @param type     {@code string} (rendered as kube's JSONPath text output: arrays as compact JSON) or {@code date}
 *                 (rendered as an age, {@code 5m})
 * @param jsonPath a simple dotted path, {@code .spec.hosts}
 */
record PrinterColumn(String name, String type, String jsonPath, String description) {
}
