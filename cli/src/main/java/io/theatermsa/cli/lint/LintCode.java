package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Severity;

/**
 * The codes {@code theater lint} adds on top of the loader's {@code THT-E/W/I} codes. Ids never change meaning;
 * new checks get new ids. A {@code THT-L} id does not encode its level: {@link #severity()} does.
 * {@link LintCatalogue} lists these together with the loader's codes as lint grades them.
 */
public enum LintCode {
    SUBSET_SELECTS_NO_PODS("THT-L001", Severity.ERROR, "IST0173, KIA0203",
            "Subset selects no pods", "파드를 고르지 않는 서브셋"),
    VIRTUAL_SERVICE_HOST_WITHOUT_SERVICE("THT-L002", Severity.WARNING, "IST0101, KIA1101",
            "VirtualService host has no Service", "Service 없는 VirtualService 호스트"),
    CONFLICTING_TRAFFIC_POLICIES("THT-L003", Severity.ERROR, "KIA0201",
            "Conflicting top-level trafficPolicy", "충돌하는 최상위 trafficPolicy"),
    ABORT_INVISIBLE_TO_OUTLIER_DETECTION("THT-L004", Severity.WARNING, "",
            "Injected abort never reaches outlier detection", "주입된 abort 는 outlier detection 에 닿지 않음"),
    NEVER_EJECTED("THT-L005", Severity.WARNING, "",
            "Host can never be ejected", "배출될 수 없는 호스트"),
    PANIC_KEEPS_EJECTED_HOSTS("THT-L006", Severity.WARNING, "",
            "Panic threshold keeps ejected hosts in use", "패닉 임계값이 배출된 호스트를 계속 사용"),
    FAILOVER_WITHOUT_OUTLIER_DETECTION("THT-L007", Severity.WARNING, "",
            "Locality failover does nothing", "동작하지 않는 지역 장애 조치"),
    MAX_CONNECTIONS_ALONE("THT-L008", Severity.INFO, "",
            "maxConnections alone rarely trips", "maxConnections 만으로는 거의 차단되지 않음"),
    GATEWAY_ERRORS_SHADOWED("THT-L009", Severity.INFO, "",
            "consecutiveGatewayErrors has no effect", "효과 없는 consecutiveGatewayErrors"),
    FAULT_NEVER_FIRES("THT-L010", Severity.WARNING, "",
            "Fault without percentage never fires", "percentage 없는 장애 주입은 일어나지 않음");

    private final String id;
    private final Severity severity;
    private final String upstream;
    private final Text title;

    LintCode(String id, Severity severity, String upstream, String englishTitle, String koreanTitle) {
        this.id = id;
        this.severity = severity;
        this.upstream = upstream;
        this.title = new Text(koreanTitle, englishTitle);
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** Matching istioctl / Kiali codes, e.g. {@code IST0173, KIA0203}; empty when neither tool has one. */
    public String upstream() {
        return upstream;
    }

    public Text title() {
        return title;
    }
}
