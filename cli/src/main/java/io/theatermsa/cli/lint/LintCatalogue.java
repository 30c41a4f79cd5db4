package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Severity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every code {@code theater lint} can print, in one list: the loader's {@link Code}s (kept as they are, so
 * {@code theater up} and lint name a problem the same way) and lint's own {@link LintCode}s.
 * <p>
 * Lint grades a few loader findings higher than the loader, because lint answers "will traffic break?" while the
 * loader answers "can this be applied?": a subset no DestinationRule defines ({@code THT-W001}, 503 NC on every
 * request of that route) and a subset name defined by two DestinationRules ({@code THT-W004}, the later definition
 * is silently dropped) are errors here. Two DestinationRules for one host that do not clash ({@code THT-W003})
 * stay a warning; clashing top-level policies are {@link LintCode#CONFLICTING_TRAFFIC_POLICIES}.
 */
public final class LintCatalogue {

    /** One line of the catalogue. */
    public record Entry(String id, Severity severity, Text title, String upstream) {
    }

    private record Grade(Severity severity, Text why) {
    }

    private static final Map<Code, Grade> LOADER_GRADES = Map.of(
            Code.SUBSET_NOT_FOUND, new Grade(Severity.ERROR, new Text(
                    "서브셋의 Envoy 클러스터가 없어 이 라우트의 모든 요청이 503 NC 로 끝납니다",
                    "the subset's Envoy cluster does not exist, so every request on this route ends in 503 NC")),
            Code.DUPLICATE_SUBSET_DISCARDED, new Grade(Severity.ERROR, new Text(
                    "Istio 는 먼저 병합된 정의만 쓰고 뒤의 같은 이름 서브셋은 내용과 상관없이 버립니다",
                    "Istio keeps the first definition merged and drops later ones whatever they say")),
            Code.UNREACHABLE_ROUTE, new Grade(Severity.WARNING, new Text(
                    "라우트는 순서대로 평가되고 모든 요청에 맞는 라우트 뒤에서는 아무 라우트도 만들어지지 않습니다",
                    "routes are evaluated in order and nothing is generated after a route that matches everything")),
            Code.DEPRECATED_FIELD, new Grade(Severity.WARNING, new Text(
                    "현재 Istio 는 consecutiveErrors 를 무시합니다 (예전에는 502/503/504 만 셌습니다, istio/api#909)",
                    "current Istio ignores consecutiveErrors (it used to count only 502/503/504, istio/api#909)")));

    private LintCatalogue() {
    }

    /** The level lint reports a loader finding at: the code's own, unless lint grades it (see the class comment). */
    public static Severity severityOf(Code code) {
        return Optional.ofNullable(LOADER_GRADES.get(code)).map(Grade::severity).orElse(code.severity());
    }

    /** Why a loader finding matters, for the traps lint explains; {@code null} when its message says enough. */
    public static Text whyOf(Code code) {
        return Optional.ofNullable(LOADER_GRADES.get(code)).map(Grade::why).orElse(null);
    }

    /** Every code lint can print, loader codes first, each with the level lint gives it. */
    public static List<Entry> entries() {
        Stream<Entry> loader = Arrays.stream(Code.values()).map(c -> new Entry(c.id(), severityOf(c),
                new Text(c.title(Locale.KOREAN), c.title(Locale.ENGLISH)), c.upstream()));
        Stream<Entry> lint = Arrays.stream(LintCode.values())
                .map(c -> new Entry(c.id(), c.severity(), c.title(), c.upstream()));
        return Stream.concat(loader, lint).toList();
    }
}
