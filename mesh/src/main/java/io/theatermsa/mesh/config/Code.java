package io.theatermsa.mesh.config;

/**
 * The stable catalogue of mesh-configuration findings. Ids never change meaning; new findings get new ids.
 * {@link #upstream()} names the matching {@code istioctl analyze} / Kiali code when one exists.
 */
public enum Code {
    YAML_SYNTAX("THT-E001", Severity.ERROR, ""),
    UNREADABLE_SOURCE("THT-E002", Severity.ERROR, ""),
    WRONG_TYPE("THT-E003", Severity.ERROR, "IST0106"),
    MISSING_NAME("THT-E004", Severity.ERROR, "IST0106"),
    MISSING_HOSTS("THT-E005", Severity.ERROR, "IST0106"),
    MISSING_HOST("THT-E006", Severity.ERROR, "IST0106"),
    ROUTE_WITHOUT_DESTINATION("THT-E007", Severity.ERROR, "IST0106"),
    DESTINATION_WITHOUT_HOST("THT-E008", Severity.ERROR, "IST0106"),
    NEGATIVE_WEIGHT("THT-E009", Severity.ERROR, "IST0106"),
    ZERO_TOTAL_WEIGHT("THT-E010", Severity.ERROR, "IST0106"),
    INVALID_SUBSET_NAME("THT-E011", Severity.ERROR, "IST0106"),
    DUPLICATE_SUBSET_NAME("THT-E012", Severity.ERROR, "IST0106"),
    INVALID_REGEX("THT-E013", Severity.ERROR, "IST0106"),
    EMPTY_MATCH("THT-E014", Severity.ERROR, "IST0106"),
    AMBIGUOUS_STRING_MATCH("THT-E015", Severity.ERROR, "IST0106"),
    CONFLICTING_ROUTE_ACTIONS("THT-E016", Severity.ERROR, "IST0106"),
    INVALID_DURATION("THT-E017", Severity.ERROR, "IST0106"),
    INVALID_FAULT("THT-E018", Severity.ERROR, "IST0106"),
    INVALID_VALUE("THT-E019", Severity.ERROR, "IST0106"),
    SUBSET_NOT_FOUND("THT-W001", Severity.WARNING, "IST0101, KIA1107"),
    HOST_NOT_FOUND("THT-W002", Severity.WARNING, "IST0101, KIA1101"),
    MULTIPLE_DESTINATION_RULES("THT-W003", Severity.WARNING, "KIA0201"),
    DUPLICATE_SUBSET_DISCARDED("THT-W004", Severity.WARNING, "KIA0201"),
    UNREACHABLE_ROUTE("THT-W005", Severity.WARNING, "IST0130"),
    MULTIPLE_VIRTUAL_SERVICES("THT-W006", Severity.WARNING, "IST0109, KIA1106"),
    UPPERCASE_HEADER_NAME("THT-W007", Severity.WARNING, ""),
    IGNORED_HEADER_KEY("THT-W008", Severity.WARNING, ""),
    DEPRECATED_FIELD("THT-W009", Severity.WARNING, ""),
    UNSUPPORTED_API_VERSION("THT-W010", Severity.WARNING, ""),
    SUBSET_WITHOUT_LABELS("THT-W011", Severity.WARNING, "KIA0209"),
    NOT_EMULATED("THT-I001", Severity.INFO, ""),
    NOT_FOR_SIDECARS("THT-I002", Severity.INFO, "");

    private final String id;
    private final Severity severity;
    private final String upstream;

    Code(String id, Severity severity, String upstream) {
        this.id = id;
        this.severity = severity;
        this.upstream = upstream;
    }

    /** The stable id, e.g. {@code THT-E009}. */
    public String id() {
        return id;
    }

    /** The severity a finding with this code has. */
    public Severity severity() {
        return severity;
    }

    /** Matching istioctl / Kiali codes, e.g. {@code IST0101, KIA1107}; empty when neither tool has one. */
    public String upstream() {
        return upstream;
    }
}
