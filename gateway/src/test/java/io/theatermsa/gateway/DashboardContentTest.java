package io.theatermsa.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files as the gateway serves them, and the rules its source keeps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardContentTest {

    static final Path SOURCE = Path.of("src/main/resources", Dashboard.CLASSPATH_FOLDER);
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");

    private final GatewayFixture fixture = new GatewayFixture(Map.of(), List::of);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(fixture.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    record Asset(String path, String contentType) {
    }

    static Stream<Asset> assets() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            return files.filter(Files::isRegularFile).map(file -> {
                String path = "/" + SOURCE.relativize(file).toString().replace('\\', '/');
                return new Asset(path, path.endsWith(".html") ? "text/html" : path.endsWith(".css") ? "text/css"
                        : "javascript");
            }).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("assets")
    void everyAssetIsServedWithItsContentType(Asset asset) throws Exception {
        HttpResponse<String> r = get(asset.path());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).contains(asset.contentType()));
        assertThat(r.body()).isEqualTo(Files.readString(SOURCE.resolve(asset.path().substring(1))));
    }

    @Test
    void rootServesTheDashboardPage() throws Exception {
        HttpResponse<String> r = get("/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(r.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>").contains("lang=\"ko\"");
    }

    @Test
    void aRevalidationWithAMatchingEtagIs304WithoutBody() throws Exception {
        String etag = get("/js/main.js").headers().firstValue("etag").orElseThrow();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(fixture.uri("/js/main.js"))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void everyModuleImportResolvesOnTheServer() throws Exception {
        for (Asset asset : assets().filter(a -> a.path().endsWith(".js")).toList()) {
            Matcher imports = IMPORT.matcher(get(asset.path()).body());
            while (imports.find()) {
                assertThat(get("/js/" + imports.group(1)).statusCode()).as(asset.path() + " imports " + imports.group(1))
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void thePageLoadsNothingFromOutsideTheGateway() throws Exception {
        for (Asset asset : assets().toList()) {
            assertThat(get(asset.path()).body()).as(asset.path()).doesNotContain("http://", "https://", "//cdn");
        }
    }

    @Test
    void theScriptsNeverSimulateRouting() throws Exception {
        for (Asset asset : assets().filter(a -> a.path().endsWith(".js")).toList()) {
            assertThat(get(asset.path()).body()).as(asset.path()).doesNotContain("Math.random");
        }
    }

    /** Every request goes through api.js (reads and the few writes) or events.js (the access records). */
    @Test
    void onlyTheApiAndEventsModulesTalkToTheGateway() throws Exception {
        for (Asset asset : assets().filter(a -> a.path().endsWith(".js")).toList()) {
            if (asset.path().equals("/js/api.js") || asset.path().equals("/js/events.js")) {
                continue;
            }
            assertThat(get(asset.path()).body()).as(asset.path()).doesNotContain("fetch(", "XMLHttpRequest", "EventSource");
        }
    }

    @Test
    void theEchartsWebjarIsServedByTheGateway() throws Exception {
        HttpResponse<String> r = get("/webjars/echarts/5.3.1/dist/echarts.min.js");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(r.body()).contains("echarts");
    }
}
