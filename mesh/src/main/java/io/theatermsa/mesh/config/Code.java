package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * The stable catalogue of mesh-configuration findings. Ids never change meaning; new findings get new ids.
 * {@link #upstream()} names the matching {@code istioctl analyze} / Kiali code when one exists.
 */
public enum Code {
    YAML_SYNTAX("THT-E001", Severity.ERROR, "",
            "YAML syntax error", "YAML 문법 오류"),
    UNREADABLE_SOURCE("THT-E002", Severity.ERROR, "",
            "Unreadable source", "읽을 수 없는 소스"),
    WRONG_TYPE("THT-E003", Severity.ERROR, "IST0106",
            "Wrong field type", "필드 타입 오류"),
    MISSING_NAME("THT-E004", Severity.ERROR, "IST0106",
            "Missing name", "이름 누락"),
    MISSING_HOSTS("THT-E005", Severity.ERROR, "IST0106",
            "Missing hosts", "hosts 누락"),
    MISSING_HOST("THT-E006", Severity.ERROR, "IST0106",
            "Missing host", "host 누락"),
    ROUTE_WITHOUT_DESTINATION("THT-E007", Severity.ERROR, "IST0106",
            "Route without destination", "목적지 없는 라우트"),
    DESTINATION_WITHOUT_HOST("THT-E008", Severity.ERROR, "IST0106",
            "Destination without host", "host 없는 목적지"),
    NEGATIVE_WEIGHT("THT-E009", Severity.ERROR, "IST0106",
            "Negative weight", "음수 가중치"),
    ZERO_TOTAL_WEIGHT("THT-E010", Severity.ERROR, "IST0106",
            "Total weight is zero", "가중치 합계 0"),
    INVALID_SUBSET_NAME("THT-E011", Severity.ERROR, "IST0106",
            "Invalid subset name", "잘못된 서브셋 이름"),
    DUPLICATE_SUBSET_NAME("THT-E012", Severity.ERROR, "IST0106",
            "Duplicate subset name", "중복된 서브셋 이름"),
    INVALID_REGEX("THT-E013", Severity.ERROR, "IST0106",
            "Invalid regular expression", "잘못된 정규식"),
    EMPTY_MATCH("THT-E014", Severity.ERROR, "IST0106",
            "Empty match block", "비어 있는 match 블록"),
    AMBIGUOUS_STRING_MATCH("THT-E015", Severity.ERROR, "IST0106",
            "Ambiguous string match", "모호한 문자열 매치"),
    CONFLICTING_ROUTE_ACTIONS("THT-E016", Severity.ERROR, "IST0106",
            "Conflicting route actions", "충돌하는 라우트 동작"),
    INVALID_DURATION("THT-E017", Severity.ERROR, "IST0106",
            "Invalid duration", "잘못된 기간 값"),
    INVALID_FAULT("THT-E018", Severity.ERROR, "IST0106",
            "Invalid fault injection", "잘못된 장애 주입"),
    INVALID_VALUE("THT-E019", Severity.ERROR, "IST0106",
            "Invalid value", "잘못된 값"),
    SUBSET_NOT_FOUND("THT-W001", Severity.WARNING, "IST0101, KIA1107",
            "Subset not found", "서브셋을 찾을 수 없음"),
    HOST_NOT_FOUND("THT-W002", Severity.WARNING, "IST0101, KIA1101",
            "Host not found", "호스트를 찾을 수 없음"),
    MULTIPLE_DESTINATION_RULES("THT-W003", Severity.WARNING, "KIA0201",
            "Multiple DestinationRules for one host", "한 호스트에 여러 DestinationRule"),
    DUPLICATE_SUBSET_DISCARDED("THT-W004", Severity.WARNING, "KIA0201",
            "Duplicate subset discarded", "중복 서브셋 무시됨"),
    UNREACHABLE_ROUTE("THT-W005", Severity.WARNING, "IST0130",
            "Unreachable route", "도달할 수 없는 라우트"),
    MULTIPLE_VIRTUAL_SERVICES("THT-W006", Severity.WARNING, "IST0109, KIA1106",
            "Multiple VirtualServices for one host", "한 호스트에 여러 VirtualService"),
    UPPERCASE_HEADER_NAME("THT-W007", Severity.WARNING, "",
            "Upper-case header name", "대문자 헤더 이름"),
    IGNORED_HEADER_KEY("THT-W008", Severity.WARNING, "",
            "Ignored header key", "무시되는 헤더 키"),
    DEPRECATED_FIELD("THT-W009", Severity.WARNING, "",
            "Deprecated field", "더 이상 쓰이지 않는 필드"),
    UNSUPPORTED_API_VERSION("THT-W010", Severity.WARNING, "",
            "Unsupported API version", "지원하지 않는 API 버전"),
    SUBSET_WITHOUT_LABELS("THT-W011", Severity.WARNING, "KIA0209",
            "Subset without labels", "레이블 없는 서브셋"),
    NOT_EMULATED("THT-I001", Severity.INFO, "",
            "Not emulated locally", "로컬 에뮬레이터 미지원"),
    NOT_FOR_SIDECARS("THT-I002", Severity.INFO, "",
            "Not applied to sidecars", "사이드카에 적용되지 않음");

    private final String id;
    private final Severity severity;
    private final String upstream;
    private final String englishTitle;
    private final String koreanTitle;

    Code(String id, Severity severity, String upstream, String englishTitle, String koreanTitle) {
        this.id = id;
        this.severity = severity;
        this.upstream = upstream;
        this.englishTitle = englishTitle;
        this.koreanTitle = koreanTitle;
    }

    /** A short title in Korean for a Korean locale ({@code ko}), in English for any other. */
    public String title(Locale locale) {
        return Diagnostic.isKorean(locale) ? koreanTitle : englishTitle;
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
