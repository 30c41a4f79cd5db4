package io.theatermsa.mesh.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one catalogue of findings about mesh configuration, shared by the loader ({@code theater up}, scenario applies,
 * the gateway's Kubernetes watch), {@code theater lint}, the dashboard's findings, the comparison of the clusters'
 * configurations ({@link ClusterDifferences}) and the local Kubernetes API's admission denials and warnings. Ids never
 * change meaning; new findings get new ids. {@link #upstream()} names the matching {@code istioctl analyze} / Kiali
 * code when one exists.
 * <ul>
 *   <li>{@code THT-E} (errors), {@code THT-W} (warnings), {@code THT-I} (info): what the loader reports. The letter
 *       is the level, and every tool prints that level.</li>
 *   <li>{@code THT-L}: what only {@code theater lint} checks, because it needs the Services and workloads or
 *       because it is a trap the course teaches, and the loader's analysis errors, which apply but fail lint
 *       ({@code THT-L013}…{@code THT-L016}, Kiali's DestinationRule mTLS errors, and {@code THT-L018}, KIA0105),
 *       since every {@code THT-E} refuses. The id does not encode the level; {@link #severity()} does.</li>
 * </ul>
 * Each code has one {@link Severity}, printed the same by the loader, lint and the dashboard, and one {@link Gate}:
 * what a finding with it stops. Severity and gate are two properties, as in Istio, where the webhook admits what
 * {@code istioctl analyze} then calls an error:
 * <ul>
 *   <li>the loader refuses a configuration with any {@link Gate#ADMISSION} finding (the {@code THT-E} errors) and
 *       applies one with only analysis findings, an undefined subset included;</li>
 *   <li>{@code theater lint} fails (exit 1) on any finding whose gate is not {@link Gate#NONE}: every error, and three
 *       warnings that break traffic while Istio accepts them, {@link #SUBSET_NOT_FOUND} ({@code THT-W001}, 503 NC on
 *       every request of the route), {@link #DUPLICATE_SUBSET_DISCARDED} ({@code THT-W004}, a definition
 *       silently dropped) and {@link #CLUSTERS_DIFFER} ({@code THT-W012}, one cluster's sidecars route by other
 *       objects than the other's). They stay warnings: Kiali calls the first two warnings (KIA1107, KIA0201) and
 *       so does the id; each cluster admits its own objects.</li>
 * </ul>
 * Which tool shows a finding on a real cluster follows from the same catalogue: kubectl shows only what Istio's
 * validating webhook answers, its denials ({@link Gate#ADMISSION}) and its warnings ({@link #webhookWarning()});
 * everything else is analysis, which {@code istioctl analyze} and Kiali show. {@code theater lint}, scenario
 * applies and the dashboard show both.
 */
public enum Code {
    YAML_SYNTAX("THT-E001", Severity.ERROR, Gate.ADMISSION, "",
            "YAML syntax error", "YAML 문법 오류"),
    UNREADABLE_SOURCE("THT-E002", Severity.ERROR, Gate.ADMISSION, "",
            "Unreadable source", "읽을 수 없는 소스"),
    WRONG_TYPE("THT-E003", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Wrong field type", "필드 타입 오류"),
    MISSING_NAME("THT-E004", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Missing name", "이름 누락"),
    MISSING_HOST("THT-E006", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Missing host", "host 누락"),
    ROUTE_WITHOUT_DESTINATION("THT-E007", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Route without destination", "목적지 없는 라우트"),
    DESTINATION_WITHOUT_HOST("THT-E008", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Destination without host", "host 없는 목적지"),
    NEGATIVE_WEIGHT("THT-E009", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Negative weight", "음수 가중치"),
    ZERO_TOTAL_WEIGHT("THT-E010", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Total weight is zero", "가중치 합계 0"),
    INVALID_SUBSET_NAME("THT-E011", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid subset name", "잘못된 서브셋 이름"),
    DUPLICATE_SUBSET_NAME("THT-E012", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Duplicate subset name", "중복된 서브셋 이름"),
    INVALID_REGEX("THT-E013", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid regular expression", "잘못된 정규식"),
    AMBIGUOUS_STRING_MATCH("THT-E015", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Ambiguous string match", "모호한 문자열 매치"),
    CONFLICTING_ROUTE_ACTIONS("THT-E016", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Conflicting route actions", "충돌하는 라우트 동작"),
    INVALID_DURATION("THT-E017", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid duration", "잘못된 기간 값"),
    INVALID_FAULT("THT-E018", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid fault injection", "잘못된 장애 주입"),
    INVALID_VALUE("THT-E019", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid value", "잘못된 값"),
    INVALID_HOST("THT-E020", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid host", "잘못된 호스트"),
    DUPLICATE_HOSTS("THT-E021", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Overlapping hosts in one VirtualService", "한 VirtualService 안에서 겹치는 호스트"),
    MISSING_ROUTES("THT-E022", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "No http, tcp or tls routes", "http·tcp·tls 라우트 없음"),
    INVALID_HEADER("THT-E023", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid header name or value", "잘못된 헤더 이름 또는 값"),
    INVALID_RETRY_POLICY("THT-E024", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid retry policy", "잘못된 재시도 정책"),
    INVALID_EXPORT_TO("THT-E025", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid exportTo", "잘못된 exportTo"),
    EMPTY_POLICY("THT-E026", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Empty policy block", "비어 있는 정책 블록"),
    MISSING_FIELD("THT-E027", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Required field missing", "필수 필드 누락"),
    CONFLICTING_FIELDS("THT-E028", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Fields that cannot be set together", "함께 쓸 수 없는 필드"),
    INVALID_TLS_SETTINGS("THT-E029", Severity.ERROR, Gate.ADMISSION, "IST0106",
            "Invalid client TLS settings", "잘못된 클라이언트 TLS 설정"),
    SECURITY_NOT_EMULATED("THT-E030", Severity.ERROR, Gate.ADMISSION, "",
            "Security field the local mesh cannot enforce", "로컬 메시가 적용할 수 없는 보안 필드",
            new Text("로컬 모드는 이 PeerAuthentication·AuthorizationPolicy 필드를 흉내 내지 않으므로, 조용히 덜 막거나 더 막는"
                     + " 대신 객체를 거부합니다. 실제 클러스터의 Istio 는 받아들입니다",
                     "Theater's local mode does not emulate this PeerAuthentication/AuthorizationPolicy field, so it"
                     + " refuses the object rather than silently allow or deny other requests than Istio would."
                     + " Istio on real clusters accepts it")),
    SUBSET_NOT_FOUND("THT-W001", Severity.WARNING, Gate.LINT, "IST0101, KIA1107",
            "Subset not found", "서브셋을 찾을 수 없음",
            new Text("서브셋의 Envoy 클러스터가 없어 이 라우트의 모든 요청이 503 NC 로 끝납니다",
                     "the subset's Envoy cluster does not exist, so every request on this route ends in 503 NC")),
    HOST_NOT_FOUND("THT-W002", Severity.WARNING, Gate.NONE, "IST0101, KIA1101",
            "Host not found", "호스트를 찾을 수 없음"),
    MULTIPLE_DESTINATION_RULES("THT-W003", Severity.WARNING, Gate.NONE, "KIA0201",
            "Multiple DestinationRules for one host", "한 호스트에 여러 DestinationRule"),
    DUPLICATE_SUBSET_DISCARDED("THT-W004", Severity.WARNING, Gate.LINT, "KIA0201",
            "Duplicate subset discarded", "중복 서브셋 무시됨",
            new Text("Istio 는 먼저 병합된 정의만 쓰고 뒤의 같은 이름 서브셋은 내용과 상관없이 버립니다",
                     "Istio keeps the first definition merged and drops later ones whatever they say")),
    UNREACHABLE_ROUTE("THT-W005", Severity.WARNING, Gate.NONE, "",
            "Unreachable route", "도달할 수 없는 라우트",
            new Text("라우트는 순서대로 평가되고 모든 요청에 맞는 매치(prefix /, {}) 뒤에서는 아무 라우트도 만들어지지 않습니다; "
                     + "Istio 의 검사(IST0130)는 매치 없는 규칙 뒤만 봅니다",
                     "routes are evaluated in order and nothing is generated after a match that takes every request "
                     + "(prefix /, {}); Istio's own check (IST0130) looks only behind a rule without matches")),
    UNREACHABLE_RULE("THT-W018", Severity.WARNING, Gate.NONE, "IST0130",
            "Rule not used", "쓰이지 않는 규칙",
            new Text("Istio 웹훅 경고: 매치 없는 규칙 뒤의 규칙, 또는 모든 매치가 앞 규칙과 같은 규칙",
                     "Istio's webhook warns: a rule after one without matches, or all of whose matches repeat "
                     + "earlier ones")),
    INEFFECTIVE_MATCH("THT-I003", Severity.INFO, Gate.NONE, "IST0131",
            "Match not used", "쓰이지 않는 매치",
            new Text("Istio 웹훅 경고: 앞 규칙과 같은 매치, 또는 앞의 더 짧은 prefix 가 덮는 매치",
                     "Istio's webhook warns: a match equal to an earlier one, or covered by an earlier, shorter "
                     + "prefix")),
    MULTIPLE_VIRTUAL_SERVICES("THT-W006", Severity.WARNING, Gate.NONE, "IST0109, KIA1106",
            "Multiple VirtualServices for one host", "한 호스트에 여러 VirtualService"),
    UPPERCASE_HEADER_NAME("THT-W007", Severity.WARNING, Gate.NONE, "",
            "Upper-case header name", "대문자 헤더 이름"),
    IGNORED_HEADER_KEY("THT-W008", Severity.WARNING, Gate.NONE, "",
            "Ignored header key", "무시되는 헤더 키"),
    DEPRECATED_FIELD("THT-W009", Severity.WARNING, Gate.NONE, "",
            "Deprecated field", "더 이상 쓰이지 않는 필드",
            new Text("현재 Istio 는 consecutiveErrors 를 무시합니다 (예전에는 502/503/504 만 셌습니다, istio/api#909)",
                     "current Istio ignores consecutiveErrors (it used to count only 502/503/504, istio/api#909)")),
    UNSUPPORTED_API_VERSION("THT-W010", Severity.WARNING, Gate.NONE, "",
            "Unsupported API version", "지원하지 않는 API 버전"),
    SUBSET_WITHOUT_LABELS("THT-W011", Severity.WARNING, Gate.NONE, "KIA0209",
            "Subset without labels", "레이블 없는 서브셋"),
    CLUSTERS_DIFFER("THT-W012", Severity.WARNING, Gate.LINT, "",
            "Clusters differ", "클러스터 간 설정 불일치",
            new Text("멀티 프라이머리에서는 각 클러스터의 istiod 가 자기 클러스터의 객체만 읽으므로 그 클러스터의 사이드카는 "
                     + "그 클러스터의 설정만 따릅니다: 모든 컨텍스트에 적용하세요",
                     "in multi-primary each cluster's istiod reads only its own cluster's objects, so that cluster's "
                     + "sidecars follow only them: apply to every context")),
    WEBHOOK_WARNING("THT-W013", Severity.WARNING, Gate.NONE, "IST0133",
            "Istio's webhook warns", "Istio 웹훅 경고"),
    SINGLE_DESTINATION_WEIGHT("THT-W014", Severity.WARNING, Gate.NONE, "KIA1104",
            "Weight of a lone destination is taken as 100", "목적지가 하나뿐이라 가중치는 100 으로 간주"),
    REPEATED_ROUTE_DESTINATION("THT-W015", Severity.WARNING, Gate.NONE, "KIA1105",
            "Host and subset repeated in one route", "한 라우트에서 반복된 호스트·서브셋"),
    NO_SERVER_CERTIFICATE_VERIFICATION("THT-W016", Severity.WARNING, Gate.NONE, "IST0128, IST0129",
            "TLS without server certificate verification", "서버 인증서를 검증하지 않는 TLS"),
    MTLS_SETTINGS_OVERRIDDEN("THT-W017", Severity.WARNING, Gate.NONE, "KIA0204",
            "mTLS settings of a non-local DestinationRule are overridden",
            "메시·네임스페이스 전체 DestinationRule 의 mTLS 설정이 덮어써짐",
            new Text("한 호스트에는 가장 구체적인 DestinationRule 하나만 적용되므로, tls 가 없는 이 규칙이 ISTIO_MUTUAL 을 지웁니다",
                     "a host gets only its most specific DestinationRule, so this rule without tls drops the"
                     + " ISTIO_MUTUAL")),
    WRONG_METHOD("THT-W019", Severity.WARNING, Gate.NONE, "KIA0102",
            "Only HTTP methods and Istio wildcards are allowed", "HTTP 메서드와 Istio 와일드카드만 쓸 수 있음",
            new Text("어떤 요청의 메서드와도 맞지 않으므로 이 operation 은 어떤 요청에도 맞지 않습니다 (gRPC 메서드 이름은 paths 에 씁니다)",
                     "it matches no request's method, so this operation matches no request (gRPC method names"
                     + " belong in paths)")),
    NOT_EMULATED("THT-I001", Severity.INFO, Gate.NONE, "",
            "Not emulated locally", "로컬 에뮬레이터 미지원"),
    NOT_FOR_SIDECARS("THT-I002", Severity.INFO, Gate.NONE, "",
            "Not applied to sidecars", "사이드카에 적용되지 않음"),
    SUBSET_SELECTS_NO_PODS("THT-L001", Severity.ERROR, Gate.LINT, "IST0173, KIA0203",
            "Subset selects no pods", "파드를 고르지 않는 서브셋"),
    VIRTUAL_SERVICE_HOST_WITHOUT_SERVICE("THT-L002", Severity.WARNING, Gate.NONE, "IST0101, KIA1101",
            "VirtualService host has no Service", "Service 없는 VirtualService 호스트"),
    CONFLICTING_TRAFFIC_POLICIES("THT-L003", Severity.ERROR, Gate.LINT, "KIA0201",
            "Conflicting top-level trafficPolicy", "충돌하는 최상위 trafficPolicy"),
    ABORT_INVISIBLE_TO_OUTLIER_DETECTION("THT-L004", Severity.WARNING, Gate.NONE, "",
            "Injected abort never reaches outlier detection", "주입된 abort 는 outlier detection 에 닿지 않음"),
    NEVER_EJECTED("THT-L005", Severity.WARNING, Gate.NONE, "",
            "Host can never be ejected", "배출될 수 없는 호스트"),
    PANIC_KEEPS_EJECTED_HOSTS("THT-L006", Severity.WARNING, Gate.NONE, "",
            "Panic threshold keeps ejected hosts in use", "패닉 임계값이 배출된 호스트를 계속 사용"),
    FAILOVER_WITHOUT_OUTLIER_DETECTION("THT-L007", Severity.WARNING, Gate.NONE, "",
            "Locality failover does nothing", "동작하지 않는 지역 장애 조치"),
    MAX_CONNECTIONS_ALONE("THT-L008", Severity.INFO, Gate.NONE, "",
            "maxConnections alone rarely trips", "maxConnections 만으로는 거의 차단되지 않음"),
    GATEWAY_ERRORS_SHADOWED("THT-L009", Severity.INFO, Gate.NONE, "",
            "consecutiveGatewayErrors has no effect", "효과 없는 consecutiveGatewayErrors"),
    FAULT_NEVER_FIRES("THT-L010", Severity.WARNING, Gate.NONE, "",
            "Fault without percentage never fires", "percentage 없는 장애 주입은 일어나지 않음"),
    UNUSED_SUBSET_SELECTS_NO_PODS("THT-L011", Severity.INFO, Gate.NONE, "KIA0203",
            "Unused subset selects no pods", "쓰이지 않는 서브셋이 파드를 고르지 않음"),
    GATEWAY_NOT_FOUND("THT-L012", Severity.ERROR, Gate.LINT, "IST0101, KIA1102",
            "VirtualService points to a non-existent gateway", "없는 Gateway 를 가리키는 VirtualService"),
    MESH_MTLS_POLICY_MISSING("THT-L013", Severity.ERROR, Gate.LINT, "KIA0205",
            "PeerAuthentication enabling mTLS at mesh level is missing",
            "메시 전체 mTLS 를 켜는 PeerAuthentication 없음"),
    NAMESPACE_MTLS_POLICY_MISSING("THT-L014", Severity.ERROR, Gate.LINT, "KIA0206",
            "PeerAuthentication enabling namespace-wide mTLS is missing",
            "네임스페이스 전체 mTLS 를 켜는 PeerAuthentication 없음"),
    NAMESPACE_STRICT_MTLS_VS_DISABLE("THT-L015", Severity.ERROR, Gate.LINT, "KIA0207",
            "PeerAuthentication with TLS strict mode found, it should be permissive",
            "STRICT PeerAuthentication 이 있음, PERMISSIVE 여야 함",
            new Text("STRICT 서버는 평문 연결을 거부하므로 TLS 를 끈 클라이언트의 요청은 모두 실패합니다",
                     "STRICT servers refuse plain-text connections, so every request of a client with TLS"
                     + " disabled fails")),
    MESH_STRICT_MTLS_VS_DISABLE("THT-L016", Severity.ERROR, Gate.LINT, "KIA0208",
            "PeerAuthentication enabling mTLS found, permissive mode needed",
            "mTLS 를 켜는 PeerAuthentication 이 있음, PERMISSIVE 모드 필요",
            new Text("메시 전체 STRICT 서버는 평문 연결을 거부하므로 TLS 를 끈 클라이언트의 요청은 모두 실패합니다",
                     "servers STRICT mesh-wide refuse plain-text connections, so every request of a client with"
                     + " TLS disabled fails")),
    LEGACY_GATEWAY_NAME("THT-L017", Severity.INFO, Gate.NONE, "KIA1108",
            "Preferred nomenclature: <gateway namespace>/<gateway name>",
            "권장 표기: <게이트웨이 네임스페이스>/<게이트웨이 이름>"),
    AUTHORIZATION_NEEDS_MTLS("THT-L018", Severity.ERROR, Gate.LINT, "KIA0105",
            "This field requires mTLS to be enabled", "이 필드는 mTLS 가 켜져 있어야 함",
            new Text("피어의 주체·네임스페이스는 mTLS 인증서에서만 알 수 있으므로, 평문으로 받는 워크로드에서 이 조건은 어떤 요청에도"
                     + " 맞지 않습니다",
                     "a peer's principal and namespace come only from its mTLS certificate, so on a workload"
                     + " receiving plain text this condition matches no request")),
    NAMESPACE_NOT_FOUND("THT-L019", Severity.WARNING, Gate.NONE, "KIA0101",
            "Namespace not found for this rule", "이 규칙의 네임스페이스를 찾을 수 없음"),
    AUTHORIZATION_HOST_NOT_FOUND("THT-L020", Severity.ERROR, Gate.LINT, "KIA0104",
            "This host has no matching entry in the service registry", "서비스 레지스트리에 없는 호스트"),
    PRINCIPAL_NOT_FOUND("THT-L021", Severity.ERROR, Gate.LINT, "KIA0106",
            "Service Account not found for this principal", "이 주체의 ServiceAccount 를 찾을 수 없음",
            new Text("그 ServiceAccount 로 도는 파드가 없으므로 이 주체로 오는 요청은 없습니다: 오타라면 ALLOW 는 아무도 허용하지"
                     + " 않고 DENY 는 아무것도 막지 않습니다",
                     "no pod runs with that ServiceAccount, so no request comes from this principal: if it is a"
                     + " typo, an ALLOW lets nobody in and a DENY blocks nothing")),
    PRINCIPAL_ON_REMOTE_CLUSTER("THT-L022", Severity.INFO, Gate.NONE, "KIA0107",
            "Service Account for this principal is on remote cluster", "이 주체의 ServiceAccount 는 원격 클러스터에 있음"),
    PRINCIPAL_FOREIGN_TRUST_DOMAIN("THT-L023", Severity.WARNING, Gate.NONE, "KIA0108",
            "Unable to verify principal, trust domain is not known",
            "주체를 확인할 수 없음, 알려지지 않은 트러스트 도메인");

    /**
     * The istioctl codes of the webhook's warnings: istioctl's schema analyzer runs the webhook's own validation
     * and reports its warnings as IST0133 (SchemaWarning), except the typed IST0130 (VirtualServiceUnreachableRule)
     * and IST0131 (VirtualServiceIneffectiveMatch) (istio-validation.md F.1).
     */
    private static final Set<String> WEBHOOK_WARNING_UPSTREAM = Set.of("IST0130", "IST0131", "IST0133");

    private final String id;
    private final Severity severity;
    private final Gate gate;
    private final String upstream;
    private final Text title;
    private final Text why;

    Code(String id, Severity severity, Gate gate, String upstream, String englishTitle, String koreanTitle) {
        this(id, severity, gate, upstream, englishTitle, koreanTitle, null);
    }

    Code(String id, Severity severity, Gate gate, String upstream, String englishTitle, String koreanTitle, Text why) {
        this.id = id;
        this.severity = severity;
        this.gate = gate;
        this.upstream = upstream;
        this.title = new Text(koreanTitle, englishTitle);
        this.why = why;
    }

    /** The stable id, e.g. {@code THT-E009}. */
    public String id() {
        return id;
    }

    /** The level every finding with this code has, wherever it is printed. */
    public Severity severity() {
        return severity;
    }

    /** What a finding with this code stops: the configuration, {@code theater lint}, or nothing. */
    public Gate gate() {
        return gate;
    }

    /** Matching istioctl / Kiali codes, e.g. {@code IST0101, KIA1107}; empty when neither tool has one. */
    public String upstream() {
        return upstream;
    }

    /**
     * Whether Istio's validating webhook itself returns findings with this code as admission warnings: the object
     * is stored, and kubectl prints {@code Warning: <message>} (istio-validation.md 0.3, A.1.10, A.9). These are the
     * codes whose {@link #upstream()} is one of the istioctl codes of the webhook's warnings (IST0130, IST0131,
     * IST0133, F.1), so the catalogue says it once. Every other code that does not deny is analysis (istioctl
     * analyze, Kiali) or the course's own, which a real cluster's kubectl never shows.
     */
    public boolean webhookWarning() {
        return gate != Gate.ADMISSION && Arrays.stream(upstream.split(",")).map(String::strip)
                .anyMatch(WEBHOOK_WARNING_UPSTREAM::contains);
    }

    /** The short title in both languages. */
    public Text title() {
        return title;
    }

    /** A short title in Korean for a Korean locale ({@code ko}), in English for any other. */
    public String title(Locale locale) {
        return Text.isKorean(locale) ? title.ko() : title.en();
    }

    /** Why a loader finding matters, for the traps the course teaches; empty when its message says enough. */
    public Optional<Text> why() {
        return Optional.ofNullable(why);
    }
}
