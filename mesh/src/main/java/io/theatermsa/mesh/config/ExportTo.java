package io.theatermsa.mesh.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code spec.exportTo} of a VirtualService or DestinationRule as Istio's webhook judges it (C.8). */
final class ExportTo {

    private ExportTo() {
    }

    /**
     * Kiali's visibility of an object of {@code ownNamespace} from {@code viewer}: no {@code exportTo} (the mesh
     * default, all namespaces), {@code *}, the viewer's namespace, or {@code .} in the object's own namespace.
     */
    static boolean isVisible(List<String> exportTo, String ownNamespace, String viewer) {
        return exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(viewer)
               || exportTo.contains(".") && ownNamespace.equals(viewer);
    }

    static void check(RawField spec, AdmissionFindings findings) {
        List<RawField> entries = spec.items("exportTo");
        Set<String> seen = new HashSet<>();
        boolean publicSeen = false;
        boolean otherSeen = false;
        for (RawField entry : entries) {
            String value = entry.text();
            if (value == null) {
                continue;
            }
            if (value.equals("~")) {
                findings.add(Code.INVALID_EXPORT_TO, entry.path(),
                        "exportTo ~ (none) is not allowed for Istio configuration objects");
                continue;
            }
            if (!value.equals(".") && !value.equals("*") && !IstioNames.isLabel(value)) {
                findings.add(Code.INVALID_EXPORT_TO, entry.path(),
                        "only .,*, or a valid DNS 1123 label is allowed as exportTo entry");
                continue;
            }
            String key = value.equals(".") ? findings.meta().namespace() : value;
            if (!seen.add(key)) {
                findings.add(Code.INVALID_EXPORT_TO, entry.path(), "duplicate entries in exportTo: " + value
                        + (value.equals(".") || value.equals(findings.meta().namespace()) ? " and current namespace "
                           + findings.meta().namespace() : ""));
            }
            publicSeen |= value.equals("*");
            otherSeen |= !value.equals("*");
        }
        if (publicSeen && otherSeen) {
            findings.add(Code.INVALID_EXPORT_TO, spec.path("exportTo"),
                    "cannot have both public (*) and non-public exportTo values for a resource");
        }
    }
}
